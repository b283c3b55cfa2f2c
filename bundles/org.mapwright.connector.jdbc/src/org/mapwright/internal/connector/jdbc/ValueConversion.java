package org.mapwright.internal.connector.jdbc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;

import org.mapwright.core.DataType;
import org.mapwright.core.value.Values;

/** Converts a row value to the Java type of the column it is written to. */
final class ValueConversion {

    private ValueConversion() {
    }

    /**
     * @return null, or an instance of {@code type.javaType()} ({@link String} for TEXT and ANY)
     * @throws IllegalArgumentException if the value cannot be represented in the column type
     */
    static Object convert(Object value, DataType type) {
        if (value == null) {
            return null;
        }
        switch (type) {
            case INTEGER:
                if (value instanceof Long) {
                    return value;
                }
                if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
                    return ((Number) value).longValue();
                }
                if (value instanceof BigDecimal d) {
                    try {
                        return d.longValueExact();
                    } catch (ArithmeticException e) {
                        throw new IllegalArgumentException(d.toPlainString() + " is not a whole number that fits an integer column");
                    }
                }
                if (value instanceof BigInteger i) {
                    try {
                        return i.longValueExact();
                    } catch (ArithmeticException e) {
                        throw new IllegalArgumentException(i + " does not fit an integer column");
                    }
                }
                break;
            case DECIMAL:
                if (value instanceof BigDecimal) {
                    return value;
                }
                if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
                    return BigDecimal.valueOf(((Number) value).longValue());
                }
                if (value instanceof Double || value instanceof Float) {
                    double d = ((Number) value).doubleValue();
                    if (Double.isNaN(d) || Double.isInfinite(d)) {
                        throw new IllegalArgumentException(d + " cannot be stored in a decimal column");
                    }
                    return new BigDecimal(value.toString());
                }
                break;
            case BOOLEAN:
                if (value instanceof Boolean) {
                    return value;
                }
                break;
            case DATE:
                if (value instanceof LocalDate) {
                    return value;
                }
                break;
            case TIMESTAMP:
                if (value instanceof LocalDateTime) {
                    return value;
                }
                if (value instanceof LocalDate d) {
                    return d.atStartOfDay();
                }
                break;
            default:
                if (value instanceof Object[]) {
                    throw new IllegalArgumentException("a record value cannot be stored in a column");
                }
                return Values.format(value);
        }
        if (value instanceof String s) {
            return Values.parse(s, type, null);
        }
        throw new IllegalArgumentException("a " + value.getClass().getSimpleName() + " value cannot be stored in a " + type.id() + " column");
    }
}
