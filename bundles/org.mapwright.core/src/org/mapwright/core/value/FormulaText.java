package org.mapwright.core.value;

/**
 * The one rule for spreadsheet formula injection (OWASP "CSV injection") shared by every writer
 * of files a spreadsheet may open: text starting with {@code = + - @}, TAB or CR would be run as a
 * formula, so it gets a leading apostrophe. Text that is just a plain number with a sign
 * ({@code -12.5}, {@code +3}, {@code -1.5E3}) is left alone: a spreadsheet reads it as that
 * number, and defusing it would turn numbers into text.
 */
public final class FormulaText {

    private FormulaText() {
    }

    /** @return whether a spreadsheet would evaluate {@code s} as a formula */
    public static boolean isFormula(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        char c = s.charAt(0);
        if (c == '=' || c == '@' || c == '\t' || c == '\r') {
            return true;
        }
        return (c == '+' || c == '-') && !isSignedNumber(s);
    }

    /** @return {@code s} with a leading apostrophe when it {@linkplain #isFormula is a formula}, else {@code s} */
    public static String neutralize(String s) {
        return isFormula(s) ? "'" + s : s;
    }

    /** Sign, ASCII digits with at most one decimal point, and an optional exponent: nothing else. */
    private static boolean isSignedNumber(String s) {
        int i = 1;
        int digits = 0;
        while (i < s.length() && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < s.length() && s.charAt(i) == '.') {
            i++;
            while (i < s.length() && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exponent = 0;
            while (i < s.length() && isDigit(s.charAt(i))) {
                i++;
                exponent++;
            }
            if (exponent == 0) {
                return false;
            }
        }
        return i == s.length();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
