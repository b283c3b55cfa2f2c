package org.mapwright.internal.connector.excel;

import org.apache.poi.ss.usermodel.DateUtil;

/**
 * What a cell's number format says about its numbers.
 *
 * @param date     the format shows a date or time, so the number is a date serial
 * @param hasTime  the format shows hours, minutes or seconds
 * @param timeOnly the format shows a time but no year, month or day
 */
public record DateFormat(boolean date, boolean hasTime, boolean timeOnly) {

    /** A plain number format. */
    public static final DateFormat NONE = new DateFormat(false, false, false);

    /**
     * @param formatIndex  the built-in or custom format id
     * @param formatString the format code, e.g. {@code yyyy-mm-dd hh:mm}; may be null
     */
    public static DateFormat of(int formatIndex, String formatString) {
        // POI rejects date formats with literal text such as "Shipped "yyyy-mm-dd, so it judges
        // the format without its quoted and escaped literals
        if (!DateUtil.isADateFormat(formatIndex, withoutLiterals(formatString))) {
            return NONE;
        }
        String code = tokens(formatString == null ? "" : formatString);
        boolean time = code.indexOf('h') >= 0 || code.indexOf('s') >= 0 || code.contains("am/pm") || code.contains("a/p");
        boolean date = code.indexOf('y') >= 0 || code.indexOf('d') >= 0 || code.indexOf('e') >= 0
                || (code.indexOf('m') >= 0 && !time);
        if (!time && !date) {
            // built-in date formats without a usable code: treat as a plain date
            return new DateFormat(true, false, false);
        }
        return new DateFormat(true, time, time && !date);
    }

    private static String withoutLiterals(String format) {
        if (format == null || (format.indexOf('"') < 0 && format.indexOf('\\') < 0)) {
            return format;
        }
        StringBuilder b = new StringBuilder(format.length());
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c == '"') {
                int end = format.indexOf('"', i + 1);
                i = end < 0 ? format.length() : end;
            } else if (c == '\\') {
                i++;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * @return the lower-cased format code without quoted literals, escaped characters and
     *         bracketed sections other than elapsed-time ones ({@code [h]}, {@code [mm]})
     */
    private static String tokens(String format) {
        StringBuilder b = new StringBuilder(format.length());
        int i = 0;
        int n = format.length();
        while (i < n) {
            char c = format.charAt(i);
            if (c == '"') {
                int end = format.indexOf('"', i + 1);
                i = end < 0 ? n : end + 1;
            } else if (c == '\\' || c == '_' || c == '*') {
                i += 2;
            } else if (c == '[') {
                int end = format.indexOf(']', i + 1);
                String inner = end < 0 ? "" : format.substring(i + 1, end).toLowerCase(java.util.Locale.ROOT);
                if (!inner.isEmpty() && inner.chars().allMatch(ch -> ch == 'h' || ch == 'm' || ch == 's')) {
                    b.append(inner.charAt(0) == 'm' ? "h" : inner);
                }
                i = end < 0 ? n : end + 1;
            } else {
                b.append(Character.toLowerCase(c));
                i++;
            }
        }
        return b.toString();
    }
}
