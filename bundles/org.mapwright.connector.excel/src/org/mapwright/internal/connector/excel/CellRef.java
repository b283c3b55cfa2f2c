package org.mapwright.internal.connector.excel;

/** A1-notation helpers: column letters and cell references. */
public final class CellRef {

    private CellRef() {
    }

    /** @return the column letters of a 0-based column index, e.g. 0 → {@code A}, 27 → {@code AB} */
    public static String columnLetters(int column) {
        StringBuilder b = new StringBuilder(3);
        int n = column + 1;
        while (n > 0) {
            int r = (n - 1) % 26;
            b.append((char) ('A' + r));
            n = (n - 1) / 26;
        }
        return b.reverse().toString();
    }

    /** @return e.g. {@code C5} for column 2 and row 5 */
    public static String a1(int column, long rowNumber) {
        return columnLetters(column) + rowNumber;
    }

    /**
     * @param ref a cell reference such as {@code B12} (letters, then digits)
     * @return the 0-based column index of its letters, or -1 if it starts with none
     */
    public static int columnIndex(String ref) {
        int col = 0;
        int i = 0;
        while (i < ref.length()) {
            char c = ref.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                col = col * 26 + (c - 'A' + 1);
            } else if (c >= 'a' && c <= 'z') {
                col = col * 26 + (c - 'a' + 1);
            } else {
                break;
            }
            if (col > 1 << 20) {
                return -1;
            }
            i++;
        }
        return i == 0 ? -1 : col - 1;
    }

    /** @return the 1-based row number of a reference such as {@code B12}, or -1 if it has no digits */
    public static int rowNumber(String ref) {
        int i = 0;
        while (i < ref.length() && Character.isLetter(ref.charAt(i))) {
            i++;
        }
        if (i == ref.length()) {
            return -1;
        }
        try {
            return Integer.parseInt(ref, i, ref.length(), 10);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
