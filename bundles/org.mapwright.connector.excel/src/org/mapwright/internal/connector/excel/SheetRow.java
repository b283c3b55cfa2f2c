package org.mapwright.internal.connector.excel;

/**
 * One spreadsheet row as stored: cells by 0-based column index. A cell is null (blank), a
 * {@link String}, a {@link java.math.BigDecimal} (number, normalised by {@link CellValues}), a
 * {@link java.time.LocalDate}, a {@link java.time.LocalDateTime}, a {@link Boolean} or a
 * {@link CellError}.
 *
 * @param rowNumber 1-based row number in the sheet
 * @param cells     cell values; shorter than the table when trailing cells are blank
 */
public record SheetRow(int rowNumber, Object[] cells) {

    /** @return the cell at a 0-based column, null when blank or past the row's end */
    public Object cell(int column) {
        return column < cells.length ? cells[column] : null;
    }

    /** @return the number of non-blank cells */
    public int filledCount() {
        int n = 0;
        for (Object c : cells) {
            if (c != null) {
                n++;
            }
        }
        return n;
    }

    /** @return 1 + the index of the last non-blank cell, 0 for a blank row */
    public int width() {
        for (int i = cells.length - 1; i >= 0; i--) {
            if (cells[i] != null) {
                return i + 1;
            }
        }
        return 0;
    }
}
