package org.mapwright.connector.jdbc;

import java.util.List;

/**
 * A foreign key of a table: {@code columns} reference {@code referencedColumns} of
 * {@code referencedTable}, pairwise in order.
 *
 * @param name              the constraint name, or null if the database does not report one
 * @param columns           the referencing columns of the table described
 * @param referencedTable   the table referred to
 * @param referencedColumns its key columns, same order and count as {@code columns}
 */
public record ForeignKey(String name, List<String> columns, TableRef referencedTable, List<String> referencedColumns) {

    public ForeignKey {
        columns = List.copyOf(columns);
        referencedColumns = List.copyOf(referencedColumns);
    }
}
