package org.mapwright.core;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;

/**
 * The logical types of Mapwright values. Every value flowing through the engine is either
 * {@code null} or an instance of exactly {@link #javaType()} of its field's type, so compiled
 * plans can cast without checks.
 */
public enum DataType {
    /** Unicode text; Java {@link String}. */
    TEXT(String.class),
    /** 64-bit signed integer; Java {@link Long}. */
    INTEGER(Long.class),
    /** Exact decimal; Java {@link BigDecimal}. */
    DECIMAL(BigDecimal.class),
    /** Java {@link Boolean}. */
    BOOLEAN(Boolean.class),
    /** Calendar date without zone; Java {@link LocalDate}. */
    DATE(LocalDate.class),
    /** Date and time without zone; Java {@link LocalDateTime}. */
    TIMESTAMP(LocalDateTime.class),
    /** A nested group of fields (JSON object); Java {@code Object[]} in field order. */
    RECORD(Object[].class),
    /** A value of unknown type; only used before inference or for untyped JSON nulls. */
    ANY(Object.class);

    private final Class<?> javaType;

    DataType(Class<?> javaType) {
        this.javaType = javaType;
    }

    /** @return the Java class every non-null value of this type is an instance of */
    public Class<?> javaType() {
        return javaType;
    }

    /** @return {@code true} for INTEGER and DECIMAL */
    public boolean isNumeric() {
        return this == INTEGER || this == DECIMAL;
    }

    /** @return the lower-case name used in project files and expressions, e.g. {@code "decimal"} */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Types a user can choose for a scalar field, in menu order. */
    public static final List<DataType> SCALARS = List.of(TEXT, INTEGER, DECIMAL, BOOLEAN, DATE, TIMESTAMP);

    /**
     * Parses a type name as written in project files and {@code CAST(x AS type)}; accepts the
     * usual SQL synonyms ({@code varchar, string, int, bigint, numeric, bool, datetime}).
     *
     * @throws IllegalArgumentException naming the unknown type
     */
    public static DataType parse(String name) {
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "text": case "string": case "varchar": case "char": case "clob":
                return TEXT;
            case "integer": case "int": case "bigint": case "long": case "smallint":
                return INTEGER;
            case "decimal": case "numeric": case "number": case "double": case "float": case "real":
                return DECIMAL;
            case "boolean": case "bool":
                return BOOLEAN;
            case "date":
                return DATE;
            case "timestamp": case "datetime":
                return TIMESTAMP;
            case "record": case "object":
                return RECORD;
            case "any":
                return ANY;
            default:
                throw new IllegalArgumentException("unknown type '" + name + "' (expected one of text, integer, decimal, boolean, date, timestamp)");
        }
    }
}
