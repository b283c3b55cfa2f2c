package org.mapwright.internal.engine.expr;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import org.mapwright.core.DataType;
import org.mapwright.core.value.Values;

/** Value conversions and comparisons shared by operators, CAST and functions. */
final class Conv {

    /** Precision of division and other inexact decimal results: 34 digits, half-up. */
    static final MathContext DIVISION = new MathContext(34, RoundingMode.HALF_UP);

    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private Conv() {
    }

    static BigDecimal dec(Object v) {
        return v instanceof BigDecimal d ? d : BigDecimal.valueOf((Long) v);
    }

    /**
     * Largest decimal exponent accepted either way. Beyond it exact arithmetic would build numbers
     * with millions of digits (one {@code 1e-999999999} added to 1), so such values are errors.
     */
    static final int MAX_SCALE = 1000;

    /** @return d unchanged when its exponent is within ±{@link #MAX_SCALE} */
    static BigDecimal inRange(BigDecimal d) {
        int adjusted = d.precision() - d.scale() - 1;
        if (d.signum() != 0 && (adjusted > MAX_SCALE || adjusted < -MAX_SCALE || d.scale() > MAX_SCALE * 2)) {
            throw new Fail("decimal " + (adjusted > 0 ? "too large" : "too small") + " (beyond 1E±" + MAX_SCALE + ")");
        }
        return d;
    }

    /** Removes trailing zeros of a computed quotient without switching to exponent notation. */
    static BigDecimal normalize(BigDecimal d) {
        BigDecimal s = inRange(d).stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    static long toLongExact(BigDecimal d) {
        if (d.compareTo(LONG_MIN) < 0 || d.compareTo(LONG_MAX) > 0) {
            throw new Fail(abbreviate(d.toString()) + " is too large for an integer");
        }
        if (d.precision() - d.scale() < 0) {
            return 0;
        }
        BigDecimal r = d.setScale(0, RoundingMode.HALF_UP);
        if (r.compareTo(LONG_MIN) < 0 || r.compareTo(LONG_MAX) > 0) {
            throw new Fail(d.toPlainString() + " is too large for an integer");
        }
        return r.longValueExact();
    }

    static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        String kind = v instanceof String ? "text" : v instanceof Long ? "integer" : v instanceof BigDecimal ? "decimal"
                : v instanceof Boolean ? "boolean" : v instanceof LocalDate ? "date" : v instanceof LocalDateTime ? "timestamp"
                : v instanceof Object[] ? "record" : v instanceof List ? "list" : v.getClass().getSimpleName();
        return kind + " " + (v instanceof String s ? "'" + abbreviate(s) + "'" : abbreviate(Values.format(v instanceof Object[] ? "{...}" : v)));
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    /**
     * Converts a value of an untyped ({@code any}) field to the type an operation needs: values
     * already of that type pass, integers widen to decimals, dates to timestamps, text is parsed.
     */
    static Object coerce(Object v, DataType to) {
        if (v == null || to == DataType.ANY || to.javaType().isInstance(v)) {
            return v;
        }
        if (to == DataType.DECIMAL && v instanceof Long l) {
            return BigDecimal.valueOf(l);
        }
        if (to == DataType.TIMESTAMP && v instanceof LocalDate d) {
            return d.atStartOfDay();
        }
        if (to == DataType.TEXT && !(v instanceof Object[]) && !(v instanceof List)) {
            return Values.format(v);
        }
        if (v instanceof String s) {
            Object parsed = Values.parse(s, to, null);
            return parsed instanceof BigDecimal d ? inRange(d) : parsed;
        }
        throw new Fail("expected " + to.id() + " but found " + describe(v));
    }

    /**
     * CAST semantics, from any value to {@code to}. Text is parsed like source data (booleans
     * accept yes/no, 1/0); decimals become integers rounding half up; timestamps become dates by
     * dropping the time.
     */
    static Object cast(Object v, DataType to) {
        if (v == null || to == DataType.ANY || to.javaType().isInstance(v)) {
            return v;
        }
        switch (to) {
            case TEXT:
                if (v instanceof Object[] || v instanceof List) {
                    throw new Fail("cannot cast a " + (v instanceof List ? "list" : "record") + " to text");
                }
                return Values.format(v);
            case INTEGER:
                if (v instanceof BigDecimal d) {
                    return toLongExact(d);
                }
                if (v instanceof Boolean b) {
                    return b ? 1L : 0L;
                }
                if (v instanceof String s) {
                    String t = s.trim();
                    if (t.isEmpty()) {
                        return null;
                    }
                    try {
                        return Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
                    } catch (NumberFormatException e) {
                        try {
                            return toLongExact(inRange(new BigDecimal(t)));
                        } catch (NumberFormatException e2) {
                            throw new Fail("'" + abbreviate(s) + "' is not an integer");
                        }
                    }
                }
                break;
            case DECIMAL:
                if (v instanceof Long l) {
                    return BigDecimal.valueOf(l);
                }
                if (v instanceof Boolean b) {
                    return b ? BigDecimal.ONE : BigDecimal.ZERO;
                }
                if (v instanceof String s) {
                    Object d = Values.parse(s, DataType.DECIMAL, null);
                    return d == null ? null : inRange((BigDecimal) d);
                }
                break;
            case BOOLEAN:
                if (v instanceof Long l) {
                    return l != 0;
                }
                if (v instanceof BigDecimal d) {
                    return d.signum() != 0;
                }
                if (v instanceof String s) {
                    return Values.parse(s, DataType.BOOLEAN, null);
                }
                break;
            case DATE:
                if (v instanceof LocalDateTime t) {
                    return t.toLocalDate();
                }
                if (v instanceof String s) {
                    String t = s.trim();
                    if (t.length() > 10 && (t.charAt(10) == 'T' || t.charAt(10) == ' ')) {
                        return ((LocalDateTime) Values.parse(t, DataType.TIMESTAMP, null)).toLocalDate();
                    }
                    return Values.parse(s, DataType.DATE, null);
                }
                break;
            case TIMESTAMP:
                if (v instanceof LocalDate d) {
                    return d.atStartOfDay();
                }
                if (v instanceof String s) {
                    String t = s.trim();
                    if (t.length() == 10) {
                        return ((LocalDate) Values.parse(t, DataType.DATE, null)).atStartOfDay();
                    }
                    return Values.parse(s, DataType.TIMESTAMP, null);
                }
                break;
            default:
                break;
        }
        throw new Fail("cannot cast " + describe(v) + " to " + to.id());
    }

    /** Whether CAST from {@code from} to {@code to} can succeed for some value. */
    static boolean castable(DataType from, DataType to) {
        if (from == to || from == DataType.ANY || to == DataType.ANY) {
            return true;
        }
        if (from == DataType.RECORD || to == DataType.RECORD) {
            return false;
        }
        if (to == DataType.TEXT || from == DataType.TEXT) {
            return true;
        }
        switch (to) {
            case INTEGER: case DECIMAL:
                return from.isNumeric() || from == DataType.BOOLEAN;
            case BOOLEAN:
                return from.isNumeric();
            case DATE: case TIMESTAMP:
                return from == DataType.DATE || from == DataType.TIMESTAMP;
            default:
                return false;
        }
    }

    /**
     * Compares two non-null values of comparable types (numbers with numbers, dates with
     * timestamps, otherwise equal types).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compare(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        if ((a instanceof Long || a instanceof BigDecimal) && (b instanceof Long || b instanceof BigDecimal)) {
            return dec(a).compareTo(dec(b));
        }
        if (a instanceof LocalDate x && b instanceof LocalDateTime y) {
            return x.atStartOfDay().compareTo(y);
        }
        if (a instanceof LocalDateTime x && b instanceof LocalDate y) {
            return x.compareTo(y.atStartOfDay());
        }
        if (a.getClass() == b.getClass() && a instanceof Comparable c) {
            return c.compareTo(b);
        }
        throw new Fail("cannot compare " + describe(a) + " with " + describe(b));
    }

    /** SQL equality: numbers by value regardless of scale. */
    static boolean equal(Object a, Object b) {
        if (a instanceof BigDecimal || b instanceof BigDecimal) {
            return compare(a, b) == 0;
        }
        if (a instanceof LocalDate && b instanceof LocalDateTime || a instanceof LocalDateTime && b instanceof LocalDate) {
            return compare(a, b) == 0;
        }
        return a.equals(b);
    }

    /** A key for hash lookups that is equal exactly when {@link #equal} holds. */
    static Object hashKey(Object v) {
        if (v instanceof Long l) {
            return BigDecimal.valueOf(l);
        }
        if (v instanceof BigDecimal d) {
            return normalize(d);
        }
        if (v instanceof LocalDate d) {
            return d.atStartOfDay();
        }
        return v;
    }
}
