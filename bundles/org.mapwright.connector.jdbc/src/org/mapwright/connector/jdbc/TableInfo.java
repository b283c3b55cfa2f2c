package org.mapwright.connector.jdbc;

import java.util.List;

/**
 * The structure of a table or view.
 *
 * @param table       the table
 * @param columns     columns in table order
 * @param primaryKey  primary key column names in key order; empty when there is none
 * @param foreignKeys foreign keys declared on this table (the references it makes)
 */
public record TableInfo(TableRef table, List<ColumnInfo> columns, List<String> primaryKey, List<ForeignKey> foreignKeys) {

    public TableInfo {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        foreignKeys = List.copyOf(foreignKeys);
    }
}
