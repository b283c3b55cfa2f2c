package org.mapwright.connector.jdbc;

import org.mapwright.core.DataType;

/**
 * A column as reported by the database metadata.
 *
 * @param name     the column name (exact case)
 * @param position 1-based position in the table
 * @param typeName the database's type name, e.g. {@code "int8"}, {@code "CHARACTER VARYING"}
 * @param jdbcType the {@link java.sql.Types} code
 * @param size     column size (precision or length), 0 if unknown
 * @param scale    digits after the decimal point, 0 if not applicable
 * @param nullable false only when the database declares the column NOT NULL
 * @param type     the Mapwright type values of this column are read as
 */
public record ColumnInfo(String name, int position, String typeName, int jdbcType, int size, int scale, boolean nullable,
        DataType type) {
}
