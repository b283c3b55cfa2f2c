package org.mapwright.core.value;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;

import org.mapwright.core.DataType;

/**
 * The canonical text form of values, shared by every writer, the preview and the CLI so the same
 * value always prints the same way, and the parsing of text into typed values.
 *
 * <p>Canonical forms: integers in decimal; decimals in plain notation without exponent
 * ({@link BigDecimal#toPlainString()}); booleans {@code true}/{@code false}; dates ISO
 * {@code yyyy-MM-dd}; timestamps ISO {@code yyyy-MM-dd'T'HH:mm:ss} with fractional seconds only
 * when non-zero; null as the empty string (writers may choose another null marker).
 */
public final class Values {

    /** ISO timestamp printer: seconds always, fraction only when non-zero. */
    public static final DateTimeFormatter TIMESTAMP_FORMAT = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral('T')
            .appendPattern("HH:mm:ss").optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter(Locale.ROOT);

    /** Lenient ISO timestamp parser: 'T' or space between date and time, optional seconds and fraction. */
    private static final DateTimeFormatter TIMESTAMP_PARSE = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendPattern("HH:mm").optionalStart().appendPattern(":ss").optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter(Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

    /** Largest decimal exponent accepted from text, as in expressions (1E±1000). */
    public static final int MAX_DECIMAL_EXPONENT = 1000;

    private Values() {
    }

    /** @return the canonical text of a value; null gives the empty string */
    public static String format(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof LocalDateTime t) {
            return TIMESTAMP_FORMAT.format(t);
        }
        return value.toString();
    }

    /**
     * Parses text as {@code type}; the empty string is null for every type but TEXT.
     *
     * @param format a {@link DateTimeFormatter} pattern for DATE/TIMESTAMP, or null for ISO
     * @throws IllegalArgumentException with a reason a user can act on, e.g.
     *         {@code "'12x' is not an integer"}
     */
    public static Object parse(String text, DataType type, String format) {
        if (text == null) {
            return null;
        }
        if (type == DataType.TEXT || type == DataType.ANY) {
            return text;
        }
        String t = text.trim();
        if (t.isEmpty()) {
            return null;
        }
        switch (type) {
            case INTEGER:
                try {
                    return Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + abbreviate(text) + "' is not an integer");
                }
            case DECIMAL:
                BigDecimal d;
                try {
                    d = new BigDecimal(t);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + abbreviate(text) + "' is not a decimal number");
                }
                // Exact arithmetic on 1e999999999 would run for hours; no real data needs it.
                long exponent = (long) d.precision() - d.scale() - 1;
                if (d.signum() != 0 && Math.abs(exponent) > MAX_DECIMAL_EXPONENT) {
                    throw new IllegalArgumentException("'" + abbreviate(text) + "': decimal " + (exponent > 0 ? "too large" : "too small")
                            + " (beyond 1E±" + MAX_DECIMAL_EXPONENT + ")");
                }
                return d;
            case BOOLEAN:
                Boolean b = parseBoolean(t);
                if (b == null) {
                    throw new IllegalArgumentException("'" + abbreviate(text) + "' is not a boolean (true/false, yes/no, 1/0)");
                }
                return b;
            case DATE:
                try {
                    LocalDate fast = parseFixedDate(t, format == null ? "yyyy-MM-dd" : format);
                    if (fast != null) {
                        return fast;
                    }
                    return format == null ? LocalDate.parse(t) : LocalDate.parse(t, formatter(format));
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("'" + abbreviate(text) + "' is not a date" + (format == null ? " (yyyy-MM-dd)" : " in format " + format));
                }
            case TIMESTAMP:
                try {
                    return format == null ? LocalDateTime.parse(t, TIMESTAMP_PARSE) : LocalDateTime.parse(t, formatter(format));
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("'" + abbreviate(text) + "' is not a timestamp" + (format == null ? " (yyyy-MM-ddTHH:mm:ss)" : " in format " + format));
                }
            default:
                throw new IllegalArgumentException("cannot parse text as " + type.id());
        }
    }

    /**
     * Reads the common all-digit date patterns ({@code yyyy-MM-dd}, {@code dd/MM/yyyy},
     * {@code MM/dd/yyyy}, {@code dd.MM.yyyy}) without a {@link DateTimeFormatter}, which allocates
     * per value and dominates bulk loads. Accepts only what the strict formatter of the same
     * pattern accepts; everything else, including impossible dates such as 31/02, gives null so
     * the caller falls back to the formatter and reports the error exactly as it always has.
     *
     * @param text    the trimmed text
     * @param pattern the user's pattern; any other pattern gives null
     * @return the date, or null when the fast path does not apply or the text is not a valid date
     */
    public static LocalDate parseFixedDate(String text, String pattern) {
        if (text.length() != 10 || pattern.length() != 10) {
            return null;
        }
        int year;
        int month;
        int day;
        switch (pattern) {
            case "yyyy-MM-dd":
            case "uuuu-MM-dd":
                if (text.charAt(4) != '-' || text.charAt(7) != '-') {
                    return null;
                }
                year = digits(text, 0, 4);
                month = digits(text, 5, 2);
                day = digits(text, 8, 2);
                break;
            case "dd/MM/yyyy":
            case "dd/MM/uuuu":
            case "dd.MM.yyyy":
            case "dd.MM.uuuu":
            case "MM/dd/yyyy":
            case "MM/dd/uuuu":
                char sep = pattern.charAt(2);
                if (text.charAt(2) != sep || text.charAt(5) != sep) {
                    return null;
                }
                boolean dayFirst = pattern.charAt(0) == 'd';
                day = digits(text, dayFirst ? 0 : 3, 2);
                month = digits(text, dayFirst ? 3 : 0, 2);
                year = digits(text, 6, 4);
                break;
            default:
                return null;
        }
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31) {
            return null;
        }
        if (day > 28 && day > YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        return LocalDate.of(year, month, day);
    }

    /** @return the value of {@code n} ASCII digits at {@code from}, or -1 when one is not a digit */
    private static int digits(String s, int from, int n) {
        int v = 0;
        for (int i = from; i < from + n; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** @return TRUE/FALSE for true/false, yes/no, y/n, 1/0 (any case), else null */
    public static Boolean parseBoolean(String t) {
        switch (t.trim().toLowerCase(Locale.ROOT)) {
            case "true": case "yes": case "y": case "1": case "t":
                return Boolean.TRUE;
            case "false": case "no": case "n": case "0": case "f":
                return Boolean.FALSE;
            default:
                return null;
        }
    }

    /**
     * @return a STRICT formatter for a user pattern, so an impossible date such as 31/02/1990 is an
     *         error instead of being moved to 28/02; unquoted {@code y} is read as the proleptic
     *         year {@code u}, which strict resolution needs when the pattern has no era
     * @throws IllegalArgumentException for an invalid pattern, naming it; also where the JDK's
     *         pattern parser fails with another runtime exception (a {@code ClassCastException}
     *         for pad/week-year mixes such as {@code pyY})
     */
    public static DateTimeFormatter formatter(String pattern) {
        try {
            return strictFormatter(pattern);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("its letters cannot be combined (the pad letter 'p' must precede a field the JDK can pad; "
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static DateTimeFormatter strictFormatter(String pattern) {
        StringBuilder p = new StringBuilder(pattern.length());
        boolean quoted = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            }
            p.append(!quoted && c == 'y' ? 'u' : c);
        }
        return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(p.toString())
                .toFormatter(Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
