package org.mapwright.internal.engine.run;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.value.Values;

/**
 * Turns the values a reader returns into the exact Java class of each field's type: text is
 * parsed with {@link Values#parse} (with the field's format), other Java types that carry the
 * same information are widened (Integer to Long, Double to BigDecimal, ...). Built once per
 * field, applied per value without looking at names.
 */
public abstract class Coercion {

    /**
     * @return the value as an instance of the field type's Java class, or null
     * @throws IllegalArgumentException with a reason for the user when the value does not fit
     */
    public abstract Object apply(Object value);

    /** @return the coercion for a field's type, format, repetition and children */
    public static Coercion of(Field field) {
        Coercion scalar = scalar(field);
        return field.repeated() ? new Repeated(scalar) : scalar;
    }

    private static Coercion scalar(Field field) {
        switch (field.type()) {
            case TEXT:
                return new Text();
            case ANY:
                return new Any();
            case RECORD:
                Coercion[] children = new Coercion[field.children().size()];
                for (int i = 0; i < children.length; i++) {
                    children[i] = of(field.children().get(i));
                }
                return new Record(children);
            default:
                return new Typed(field.type(), field.format());
        }
    }

    private static final class Any extends Coercion {
        @Override
        public Object apply(Object value) {
            return value;
        }
    }

    private static final class Text extends Coercion {
        @Override
        public Object apply(Object value) {
            if (value == null || value instanceof String) {
                return value;
            }
            if (value instanceof Object[] || value instanceof List) {
                throw new IllegalArgumentException("a nested value where text is expected");
            }
            return Values.format(value);
        }
    }

    private static final class Typed extends Coercion {
        private final DataType type;
        private final String format;
        private final Class<?> javaType;

        Typed(DataType type, String format) {
            this.type = type;
            this.format = format;
            this.javaType = type.javaType();
        }

        @Override
        public Object apply(Object value) {
            if (value == null || javaType.isInstance(value)) {
                return value;
            }
            if (value instanceof String s) {
                return Values.parse(s, type, format);
            }
            Object converted = convert(value);
            if (converted == null) {
                throw new IllegalArgumentException("'" + Values.format(value) + "' (" + describe(value) + ") is not " + article(type));
            }
            return converted;
        }

        private Object convert(Object value) {
            switch (type) {
                case INTEGER:
                    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
                        return ((Number) value).longValue();
                    }
                    if (value instanceof BigDecimal d) {
                        try {
                            return d.longValueExact();
                        } catch (ArithmeticException e) {
                            return null;
                        }
                    }
                    if (value instanceof Double || value instanceof Float) {
                        double d = ((Number) value).doubleValue();
                        return d == Math.rint(d) && Math.abs(d) < 9.0e15 ? Long.valueOf((long) d) : null;
                    }
                    return null;
                case DECIMAL:
                    if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
                        return BigDecimal.valueOf(((Number) value).longValue());
                    }
                    if (value instanceof Double || value instanceof Float) {
                        double d = ((Number) value).doubleValue();
                        return Double.isFinite(d) ? new BigDecimal(Double.toString(d)) : null;
                    }
                    if (value instanceof java.math.BigInteger b) {
                        return new BigDecimal(b);
                    }
                    return null;
                case TIMESTAMP:
                    return value instanceof LocalDate d ? d.atStartOfDay() : null;
                case DATE:
                    if (value instanceof LocalDateTime t && t.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)) {
                        return t.toLocalDate();
                    }
                    return null;
                default:
                    return null;
            }
        }
    }

    private static final class Record extends Coercion {
        private final Coercion[] children;

        Record(Coercion[] children) {
            this.children = children;
        }

        @Override
        public Object apply(Object value) {
            if (value == null) {
                return null;
            }
            if (!(value instanceof Object[] in)) {
                throw new IllegalArgumentException("'" + Values.format(value) + "' is not a record");
            }
            if (in.length != children.length) {
                throw new IllegalArgumentException("a record of " + in.length + " fields where " + children.length + " are expected");
            }
            Object[] out = new Object[in.length];
            for (int i = 0; i < in.length; i++) {
                out[i] = children[i].apply(in[i]);
            }
            return out;
        }
    }

    private static final class Repeated extends Coercion {
        private final Coercion element;

        Repeated(Coercion element) {
            this.element = element;
        }

        @Override
        public Object apply(Object value) {
            if (value == null) {
                return null;
            }
            if (!(value instanceof List<?> in)) {
                throw new IllegalArgumentException("a single value where a list is expected");
            }
            List<Object> out = new ArrayList<>(in.size());
            for (Object v : in) {
                out.add(element.apply(v));
            }
            return out;
        }
    }

    private static String describe(Object value) {
        return value.getClass().getSimpleName();
    }

    static String article(DataType type) {
        switch (type) {
            case INTEGER:
                return "an integer";
            case DECIMAL:
                return "a decimal number";
            case BOOLEAN:
                return "a boolean";
            case DATE:
                return "a date";
            case TIMESTAMP:
                return "a timestamp";
            default:
                return "a " + type.id();
        }
    }
}
