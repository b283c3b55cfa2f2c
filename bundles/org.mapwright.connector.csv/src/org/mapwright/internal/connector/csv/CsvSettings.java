package org.mapwright.internal.connector.csv;

import java.nio.charset.Charset;
import java.util.Locale;

import org.mapwright.core.Settings;

/**
 * The CSV settings of a source or output, parsed and validated once. Dialect parts the user left
 * out are null until {@link CsvSniffer} completes them.
 *
 * @param path               the {@code path} setting as written
 * @param encoding           charset, or null to detect
 * @param delimiter          delimiter, or null to detect
 * @param quoteSet           whether {@code quote} was given (it may be given as none)
 * @param quote              quote character, null for none (or undetected when !quoteSet)
 * @param escape             escape character or null
 * @param header             whether the first record is a header, or null to detect
 * @param skipLines          physical lines to skip before the header or first record
 * @param nullValue          unquoted text that means null, or null for the empty unquoted field
 * @param failOnError        {@code onError=fail}
 * @param padShortRecords    pad records with too few fields with nulls instead of rejecting them
 * @param lineSeparator      line separator for writing
 * @param neutralizeFormulas prefix text cells that a spreadsheet would run as formulas
 * @param byteOrderMark      write a byte order mark
 */
public record CsvSettings(String path, Charset encoding, Character delimiter, boolean quoteSet, Character quote,
        Character escape, Boolean header, long skipLines, String nullValue, boolean failOnError,
        boolean padShortRecords, String lineSeparator, boolean neutralizeFormulas, boolean byteOrderMark) {

    public static final String PATH = "path";
    public static final String ENCODING = "encoding";
    public static final String DELIMITER = "delimiter";
    public static final String QUOTE = "quote";
    public static final String ESCAPE = "escape";
    public static final String HEADER = "header";
    public static final String SKIP_LINES = "skipLines";
    public static final String NULL_VALUE = "nullValue";
    public static final String ON_ERROR = "onError";
    public static final String PAD_SHORT_RECORDS = "padShortRecords";
    public static final String LINE_SEPARATOR = "lineSeparator";
    public static final String NEUTRALIZE_FORMULAS = "neutralizeFormulas";
    public static final String BOM = "bom";

    /**
     * @throws IllegalArgumentException naming the bad setting
     */
    public static CsvSettings parse(Settings s) {
        String path = s.requireString(PATH);
        Charset encoding = s.has(ENCODING) ? Encodings.forName(s.getString(ENCODING, "")) : null;
        Character delimiter = s.has(DELIMITER) ? character(DELIMITER, s.getString(DELIMITER, ""), false) : null;
        boolean quoteSet = s.has(QUOTE);
        Character quote = quoteSet ? character(QUOTE, s.getString(QUOTE, ""), true) : null;
        Character escape = s.has(ESCAPE) ? character(ESCAPE, s.getString(ESCAPE, ""), true) : null;
        Boolean header = s.has(HEADER) ? bool(s, HEADER) : null;
        long skipLines = s.getLong(SKIP_LINES, 0);
        if (skipLines < 0) {
            throw new IllegalArgumentException("setting 'skipLines' must not be negative");
        }
        String nullValue = s.has(NULL_VALUE) ? s.getString(NULL_VALUE, "") : null;
        if (nullValue != null && nullValue.isEmpty()) {
            nullValue = null;
        }
        String onError = s.getString(ON_ERROR, "reject").trim().toLowerCase(Locale.ROOT);
        if (!onError.equals("reject") && !onError.equals("fail")) {
            throw new IllegalArgumentException("setting 'onError' must be 'reject' or 'fail', not '" + s.getString(ON_ERROR, "") + "'");
        }
        boolean pad = s.has(PAD_SHORT_RECORDS) && bool(s, PAD_SHORT_RECORDS);
        String lineSeparator = lineSeparator(s.getString(LINE_SEPARATOR, "\n"));
        boolean neutralize = !s.has(NEUTRALIZE_FORMULAS) || bool(s, NEUTRALIZE_FORMULAS);
        boolean bom = s.has(BOM) && bool(s, BOM);
        CsvSettings result = new CsvSettings(path, encoding, delimiter, quoteSet, quote, escape, header, skipLines, nullValue,
                onError.equals("fail"), pad, lineSeparator, neutralize, bom);
        result.checkDistinct();
        return result;
    }

    private static boolean bool(Settings s, String key) {
        Object v = s.asMap().get(key);
        if (v instanceof Boolean b) {
            return b;
        }
        String t = String.valueOf(v).trim().toLowerCase(Locale.ROOT);
        if (t.equals("true") || t.equals("yes")) {
            return true;
        }
        if (t.equals("false") || t.equals("no")) {
            return false;
        }
        throw new IllegalArgumentException("setting '" + key + "' must be true or false, not '" + v + "'");
    }

    /**
     * Reads a one-character setting; {@code tab} and the two characters {@code \t} mean TAB, and a
     * few names are accepted for readability. {@code none} or empty text means no character where
     * {@code noneAllowed}.
     */
    static Character character(String key, String value, boolean noneAllowed) {
        String v = value;
        switch (v.toLowerCase(Locale.ROOT)) {
            case "tab": case "\\t":
                return '\t';
            case "comma":
                return ',';
            case "semicolon":
                return ';';
            case "pipe":
                return '|';
            case "space":
                return ' ';
            case "none": case "":
                if (noneAllowed) {
                    return null;
                }
                break;
            default:
                if (v.length() == 1) {
                    char c = v.charAt(0);
                    if (c == '\n' || c == '\r') {
                        throw new IllegalArgumentException("setting '" + key + "' must not be a line break");
                    }
                    return c;
                }
        }
        throw new IllegalArgumentException("setting '" + key + "' must be one character" + (key.equals(DELIMITER) ? " or 'tab'" : " or 'none'")
                + ", not '" + value + "'");
    }

    private static String lineSeparator(String v) {
        switch (v.toLowerCase(Locale.ROOT)) {
            case "\n": case "\\n": case "lf":
                return "\n";
            case "\r\n": case "\\r\\n": case "crlf":
                return "\r\n";
            case "\r": case "\\r": case "cr":
                return "\r";
            default:
                throw new IllegalArgumentException("setting 'lineSeparator' must be \\n, \\r\\n or \\r (or lf, crlf, cr), not '" + v + "'");
        }
    }

    /** @return the text form of a character setting as written back into settings */
    public static String text(Character c) {
        if (c == null) {
            return "none";
        }
        return c == '\t' ? "tab" : String.valueOf(c);
    }

    /** @return the text form of a line separator as written back into settings */
    public static String text(String lineSeparator) {
        return lineSeparator.replace("\r", "\\r").replace("\n", "\\n");
    }

    private void checkDistinct() {
        if (delimiter != null && quote != null && delimiter.charValue() == quote.charValue()) {
            throw new IllegalArgumentException("settings 'delimiter' and 'quote' must differ");
        }
        if (escape != null && (delimiter != null && escape.charValue() == delimiter.charValue()
                || quote != null && escape.charValue() == quote.charValue())) {
            throw new IllegalArgumentException("setting 'escape' must differ from 'delimiter' and 'quote'");
        }
    }

    /** @return whether every dialect part is known */
    public boolean complete() {
        return encoding != null && delimiter != null && quoteSet && header != null;
    }

    /** @return a copy with the detected parts filled in where the user gave none */
    public CsvSettings completedWith(Charset detectedEncoding, char detectedDelimiter, Character detectedQuote, boolean detectedHeader) {
        CsvSettings r = new CsvSettings(path, encoding != null ? encoding : detectedEncoding,
                delimiter != null ? delimiter : detectedDelimiter, true, quoteSet ? quote : detectedQuote, escape,
                header != null ? header : detectedHeader, skipLines, nullValue, failOnError, padShortRecords, lineSeparator,
                neutralizeFormulas, byteOrderMark);
        r.checkDistinct();
        return r;
    }
}
