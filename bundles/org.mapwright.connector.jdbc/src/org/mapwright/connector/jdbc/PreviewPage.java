package org.mapwright.connector.jdbc;

import java.util.List;

/**
 * One page of a table's rows.
 *
 * @param table   the table
 * @param columns the columns, in value order
 * @param rows    the rows; each value is null or an instance of its column's
 *                {@code type().javaType()} (TEXT columns of other database types hold the
 *                driver's text form)
 * @param offset  rows skipped before this page
 * @param hasMore whether rows follow this page
 */
public record PreviewPage(TableRef table, List<ColumnInfo> columns, List<Object[]> rows, long offset, boolean hasMore) {

    public PreviewPage {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }
}
