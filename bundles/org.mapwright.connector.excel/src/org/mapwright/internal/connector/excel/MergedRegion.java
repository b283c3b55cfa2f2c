package org.mapwright.internal.connector.excel;

/**
 * A merged cell range, 1-based rows and 0-based columns, inclusive.
 */
public record MergedRegion(int firstRow, int lastRow, int firstColumn, int lastColumn) {

    /**
     * @param ref a range in A1 notation, e.g. {@code B2:D4}
     * @return the region, or null when the reference is not a valid range
     */
    public static MergedRegion parse(String ref) {
        int colon = ref.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String a = ref.substring(0, colon);
        String b = ref.substring(colon + 1);
        int c1 = CellRef.columnIndex(a);
        int r1 = CellRef.rowNumber(a);
        int c2 = CellRef.columnIndex(b);
        int r2 = CellRef.rowNumber(b);
        if (c1 < 0 || r1 < 1 || c2 < c1 || r2 < r1) {
            return null;
        }
        return new MergedRegion(r1, r2, c1, c2);
    }
}
