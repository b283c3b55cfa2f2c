package org.mapwright.internal.connector.jdbc;

import java.math.BigDecimal;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Locale;

import org.mapwright.core.DataType;

/**
 * Maps database column types to Mapwright types and picks the reader for each column.
 * Time zone-aware timestamps, times, binary, arrays and vendor types are read as the driver's
 * text: converting them to a zone-less value would silently change their meaning.
 */
public final class JdbcTypes {

    /** A column as the driver describes it. */
    public record Column(String name, int jdbcType, String typeName, int precision, int scale) {
        public DataType natural() {
            return JdbcTypes.natural(jdbcType, typeName, precision, scale);
        }
    }

    private JdbcTypes() {
    }

    /** @return the type values of such a column are read as by default */
    public static DataType natural(int jdbcType, String typeName, int precision, int scale) {
        String name = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
        switch (jdbcType) {
            case Types.BOOLEAN:
                return DataType.BOOLEAN;
            case Types.BIT:
                return precision <= 1 ? DataType.BOOLEAN : DataType.TEXT;
            case Types.TINYINT:
            case Types.SMALLINT:
            case Types.INTEGER:
            case Types.BIGINT:
                return DataType.INTEGER;
            case Types.NUMERIC:
            case Types.DECIMAL:
                // Whole numbers of up to 18 digits (e.g. Oracle NUMBER(10)) always fit a long.
                return scale == 0 && precision > 0 && precision <= 18 ? DataType.INTEGER : DataType.DECIMAL;
            case Types.REAL:
            case Types.FLOAT:
            case Types.DOUBLE:
                return DataType.DECIMAL;
            case Types.DATE:
                return DataType.DATE;
            case Types.TIMESTAMP:
                return name.contains("tz") || name.contains("time zone") ? DataType.TEXT : DataType.TIMESTAMP;
            default:
                return DataType.TEXT;
        }
    }

    /**
     * @param field the type the value is wanted as (the schema field's type)
     * @return a reader producing {@code field}'s Java type where the column type allows it
     *         without loss, else the driver's text for the engine to parse
     */
    public static ValueReader reader(Column column, DataType field) {
        DataType natural = column.natural();
        DataType wanted = field == DataType.ANY ? natural : field;
        if (wanted == natural) {
            return natural(column);
        }
        if (wanted == DataType.DECIMAL && natural == DataType.INTEGER) {
            return (rs, i) -> {
                long v = rs.getLong(i);
                return rs.wasNull() ? null : BigDecimal.valueOf(v);
            };
        }
        if (wanted == DataType.TIMESTAMP && natural == DataType.DATE) {
            return (rs, i) -> {
                LocalDate d = rs.getObject(i, LocalDate.class);
                return d == null ? null : d.atStartOfDay();
            };
        }
        return (rs, i) -> rs.getString(i);
    }

    private static ValueReader natural(Column column) {
        switch (column.natural()) {
            case BOOLEAN:
                return (rs, i) -> {
                    boolean v = rs.getBoolean(i);
                    return rs.wasNull() ? null : v;
                };
            case INTEGER:
                return (rs, i) -> {
                    long v = rs.getLong(i);
                    return rs.wasNull() ? null : v;
                };
            case DECIMAL:
                if (column.jdbcType() == Types.NUMERIC || column.jdbcType() == Types.DECIMAL) {
                    return (rs, i) -> rs.getBigDecimal(i);
                }
                // Via text, so 0.1f reads as 0.1 and not as the binary float's 0.100000001490116...
                return (rs, i) -> {
                    String text = rs.getString(i);
                    if (text == null) {
                        return null;
                    }
                    try {
                        return new BigDecimal(text.trim());
                    } catch (NumberFormatException e) {
                        return text;
                    }
                };
            case DATE:
                return (rs, i) -> rs.getObject(i, LocalDate.class);
            case TIMESTAMP:
                return (rs, i) -> rs.getObject(i, LocalDateTime.class);
            default:
                return (rs, i) -> rs.getString(i);
        }
    }

    /** @return the {@link Types} code used to bind a null of {@code type} */
    public static int sqlType(DataType type) {
        switch (type) {
            case INTEGER:
                return Types.BIGINT;
            case DECIMAL:
                return Types.NUMERIC;
            case BOOLEAN:
                return Types.BOOLEAN;
            case DATE:
                return Types.DATE;
            case TIMESTAMP:
                return Types.TIMESTAMP;
            default:
                return Types.VARCHAR;
        }
    }
}
