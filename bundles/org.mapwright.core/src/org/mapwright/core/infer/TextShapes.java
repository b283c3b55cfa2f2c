package org.mapwright.core.infer;

/**
 * Hand-written recognizers for the shapes of numbers, dates and timestamps in text. Each check is
 * one pass over the characters without regular expressions or exceptions, because inference runs
 * over every sampled cell.
 */
final class TextShapes {

    static final int NOT_NUMBER = 0;
    static final int INTEGER = 1;
    static final int DECIMAL = 2;

    static final int ORDER_YMD = 0;
    static final int ORDER_DMY = 1;
    static final int ORDER_MDY = 2;
    /** Date keys: order * 3 + separator index; {@link #KEY_COMPACT} for {@code yyyyMMdd}. */
    static final int DATE_KEYS = 10;
    static final int KEY_COMPACT = 9;
    static final char[] SEPARATORS = {'-', '/', '.'};

    private TextShapes() {
    }

    /**
     * @param t trimmed, non-empty text
     * @return {@link #INTEGER} for a decimal integer that fits a long, {@link #DECIMAL} for any other
     *         plain decimal number (an exponent is accepted only after a fraction point, so codes
     *         like {@code 3E5} stay text), else {@link #NOT_NUMBER}. Numbers with a leading zero
     *         ({@code 007}, {@code 00.5}) are codes, not numbers.
     */
    static int numberKind(String t) {
        int n = t.length();
        int i = 0;
        char c = t.charAt(0);
        if (c == '+' || c == '-') {
            i++;
        }
        int intStart = i;
        while (i < n && isDigit(t.charAt(i))) {
            i++;
        }
        int intDigits = i - intStart;
        if (intDigits > 1 && t.charAt(intStart) == '0') {
            return NOT_NUMBER;
        }
        if (i == n) {
            if (intDigits == 0) {
                return NOT_NUMBER;
            }
            return intDigits < 19 || intDigits == 19 && fitsLong(t) ? INTEGER : DECIMAL;
        }
        if (t.charAt(i) != '.') {
            return NOT_NUMBER;
        }
        i++;
        int fracStart = i;
        while (i < n && isDigit(t.charAt(i))) {
            i++;
        }
        if (intDigits + (i - fracStart) == 0) {
            return NOT_NUMBER;
        }
        if (i == n) {
            return DECIMAL;
        }
        c = t.charAt(i);
        if (c != 'e' && c != 'E') {
            return NOT_NUMBER;
        }
        i++;
        if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
            i++;
        }
        int expStart = i;
        while (i < n && isDigit(t.charAt(i))) {
            i++;
        }
        // BigDecimal rejects exponents beyond int range; ten digits is already far past any real value
        return i == n && i > expStart && i - expStart <= 9 ? DECIMAL : NOT_NUMBER;
    }

    private static boolean fitsLong(String t) {
        try {
            Long.parseLong(t.charAt(0) == '+' ? t.substring(1) : t);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The shape of a date or timestamp, filled by {@link #parseTemporal}. */
    static final class Temporal {
        /** Bit per date key the value can be read as. */
        int dateKeys;
        /** Whether the first / second of the two leading 1-2 digit parts (or month/day of YMD) had one digit. */
        boolean firstSingle;
        boolean secondSingle;
        boolean hasTime;
        char timeSeparator;
        boolean singleHour;
        boolean hasSeconds;
        int fractionDigits;
    }

    /**
     * Recognizes {@code yyyy-M-d}, {@code d-M-yyyy}, {@code M-d-yyyy} (separators {@code - / .}),
     * {@code yyyyMMdd} (years 1900-2099 only, as other 8-digit numbers are common), each optionally
     * followed by {@code T} or one space and {@code H:mm[:ss[.f...]]}. Calendar validity is checked,
     * so {@code 2023-02-30} fits no key.
     *
     * @param t trimmed text
     * @return false if the text is no date or timestamp in any supported shape
     */
    static boolean parseTemporal(String t, Temporal out) {
        int n = t.length();
        if (n < 8 || n > 40 || !isDigit(t.charAt(0))) {
            return false;
        }
        out.dateKeys = 0;
        out.firstSingle = false;
        out.secondSingle = false;
        out.hasTime = false;
        out.singleHour = false;
        out.hasSeconds = false;
        out.fractionDigits = 0;
        int i = 0;
        int run = digits(t, 0);
        int end;
        if (run == 8) {
            int y = num(t, 0, 4);
            int m = num(t, 4, 2);
            int d = num(t, 6, 2);
            if (n != 8 || y < 1900 || y > 2099 || !validDate(y, m, d)) {
                return false;
            }
            out.dateKeys = 1 << KEY_COMPACT;
            return true;
        }
        if (run == 4) {
            char sep = t.charAt(4);
            int sepIndex = separatorIndex(sep);
            if (sepIndex < 0) {
                return false;
            }
            i = 5;
            int r2 = digits(t, i);
            if (r2 < 1 || r2 > 2 || i + r2 >= n || t.charAt(i + r2) != sep) {
                return false;
            }
            int m = num(t, i, r2);
            i += r2 + 1;
            int r3 = digits(t, i);
            if (r3 < 1 || r3 > 2) {
                return false;
            }
            int d = num(t, i, r3);
            if (!validDate(num(t, 0, 4), m, d)) {
                return false;
            }
            out.firstSingle = r2 == 1;
            out.secondSingle = r3 == 1;
            out.dateKeys = 1 << (ORDER_YMD * 3 + sepIndex);
            end = i + r3;
        } else if (run == 1 || run == 2) {
            char sep = t.charAt(run);
            int sepIndex = separatorIndex(sep);
            if (sepIndex < 0) {
                return false;
            }
            int a = num(t, 0, run);
            i = run + 1;
            int r2 = digits(t, i);
            if (r2 < 1 || r2 > 2 || i + r2 >= n || t.charAt(i + r2) != sep) {
                return false;
            }
            int b = num(t, i, r2);
            i += r2 + 1;
            if (digits(t, i) != 4) {
                return false;
            }
            int y = num(t, i, 4);
            if (validDate(y, b, a)) {
                out.dateKeys |= 1 << (ORDER_DMY * 3 + sepIndex);
            }
            if (validDate(y, a, b)) {
                out.dateKeys |= 1 << (ORDER_MDY * 3 + sepIndex);
            }
            if (out.dateKeys == 0) {
                return false;
            }
            out.firstSingle = run == 1;
            out.secondSingle = r2 == 1;
            end = i + 4;
        } else {
            return false;
        }
        if (end == n) {
            return true;
        }
        char ts = t.charAt(end);
        if (ts != 'T' && ts != ' ') {
            return false;
        }
        i = end + 1;
        int rh = digits(t, i);
        if (rh < 1 || rh > 2 || i + rh >= n || t.charAt(i + rh) != ':') {
            return false;
        }
        int h = num(t, i, rh);
        i += rh + 1;
        if (digits(t, i) != 2 || h > 23 || num(t, i, 2) > 59) {
            return false;
        }
        i += 2;
        if (i < n) {
            if (t.charAt(i) != ':' || digits(t, i + 1) != 2 || num(t, i + 1, 2) > 59) {
                return false;
            }
            out.hasSeconds = true;
            i += 3;
            if (i < n) {
                if (t.charAt(i) != '.') {
                    return false;
                }
                int rf = digits(t, i + 1);
                if (rf < 1 || rf > 9 || i + 1 + rf != n) {
                    return false;
                }
                out.fractionDigits = rf;
            }
        }
        out.hasTime = true;
        out.timeSeparator = ts;
        out.singleHour = rh == 1;
        return true;
    }

    private static int separatorIndex(char c) {
        return c == '-' ? 0 : c == '/' ? 1 : c == '.' ? 2 : -1;
    }

    private static int digits(String t, int from) {
        int i = from;
        while (i < t.length() && isDigit(t.charAt(i))) {
            i++;
        }
        return i - from;
    }

    private static int num(String t, int from, int len) {
        int v = 0;
        for (int i = from; i < from + len; i++) {
            v = v * 10 + (t.charAt(i) - '0');
        }
        return v;
    }

    static boolean validDate(int y, int m, int d) {
        if (y < 1 || m < 1 || m > 12 || d < 1) {
            return false;
        }
        int max;
        switch (m) {
            case 2:
                max = (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
                break;
            case 4: case 6: case 9: case 11:
                max = 30;
                break;
            default:
                max = 31;
        }
        return d <= max;
    }
}
