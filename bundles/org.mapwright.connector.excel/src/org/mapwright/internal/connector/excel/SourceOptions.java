package org.mapwright.internal.connector.excel;

import java.math.BigDecimal;
import java.util.Locale;

import org.mapwright.core.Settings;

/**
 * The settings of an Excel source, checked. See {@code ExcelConnector} for their meaning.
 *
 * @param path        the file as given (relative to the project folder)
 * @param sheet       a sheet name or 1-based index as text, or null for the first sheet
 * @param header      whether the table has a header row, or null to detect
 * @param headerRow   1-based row number of the header, or 0 when not given
 * @param firstRow    1-based row number of the first data row, or 0 when not given
 * @param fillMerged  whether a merged region's value is repeated in each of its cells
 * @param zipLimits   zip-bomb limits for .xlsx files
 */
public record SourceOptions(String path, String sheet, Boolean header, int headerRow, int firstRow,
        boolean fillMerged, ZipLimits zipLimits) {

    public static final String PATH = "path";
    public static final String SHEET = "sheet";
    public static final String HEADER = "header";
    public static final String HEADER_ROW = "headerRow";
    public static final String FIRST_ROW = "firstRow";
    public static final String MERGED_CELLS = "mergedCells";
    public static final String ZIP_MIN_INFLATE_RATIO = "zipMinInflateRatio";
    public static final String ZIP_MAX_ENTRY_SIZE = "zipMaxEntrySize";

    /** Excel's row limit (.xlsx). */
    public static final int MAX_ROWS = 1_048_576;

    /**
     * @throws IllegalArgumentException naming the bad setting
     */
    public static SourceOptions parse(Settings s) {
        String path = s.requireString(PATH);
        String sheet = s.has(SHEET) ? s.getString(SHEET, "").trim() : null;
        if (sheet != null && sheet.isEmpty()) {
            sheet = null;
        }
        Boolean header = s.has(HEADER) ? bool(s, HEADER) : null;
        int headerRow = row(s, HEADER_ROW);
        int firstRow = row(s, FIRST_ROW);
        if (headerRow > 0 && Boolean.FALSE.equals(header)) {
            throw new IllegalArgumentException("setting 'headerRow' contradicts 'header' = false");
        }
        if (headerRow > 0 && firstRow > 0 && firstRow <= headerRow) {
            throw new IllegalArgumentException("setting 'firstRow' (" + firstRow + ") must be below 'headerRow' (" + headerRow + ")");
        }
        String merged = s.getString(MERGED_CELLS, "first").trim().toLowerCase(Locale.ROOT);
        if (!merged.equals("first") && !merged.equals("fill")) {
            throw new IllegalArgumentException("setting 'mergedCells' must be 'first' or 'fill', not '" + merged + "'");
        }
        double ratio = s.has(ZIP_MIN_INFLATE_RATIO) ? decimal(s, ZIP_MIN_INFLATE_RATIO) : ZipLimits.DEFAULT_MIN_INFLATE_RATIO;
        long maxEntry = s.getLong(ZIP_MAX_ENTRY_SIZE, ZipLimits.DEFAULT_MAX_ENTRY_SIZE);
        return new SourceOptions(path, sheet, header, headerRow, firstRow, merged.equals("fill"), new ZipLimits(ratio, maxEntry));
    }

    private static boolean bool(Settings s, String key) {
        Object v = s.asMap().get(key);
        if (v instanceof Boolean b) {
            return b;
        }
        String t = v.toString().trim().toLowerCase(Locale.ROOT);
        if (t.equals("true") || t.equals("false")) {
            return t.equals("true");
        }
        throw new IllegalArgumentException("setting '" + key + "' must be true or false, not '" + v + "'");
    }

    private static int row(Settings s, String key) {
        long v = s.getLong(key, 0);
        if (!s.has(key)) {
            return 0;
        }
        if (v < 1 || v > MAX_ROWS) {
            throw new IllegalArgumentException("setting '" + key + "' must be a row number from 1 to " + MAX_ROWS + ", not " + v);
        }
        return (int) v;
    }

    private static double decimal(Settings s, String key) {
        Object v = s.asMap().get(key);
        try {
            return v instanceof Number n ? n.doubleValue() : new BigDecimal(v.toString().trim()).doubleValue();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting '" + key + "' must be a number, not '" + v + "'");
        }
    }
}
