package org.mapwright.internal.connector.excel;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.DataLocation;

/**
 * One sheet read as a table: where it starts, its header and its data rows.
 *
 * <p>Layout detection looks at the first {@value #LOOKAHEAD} non-blank rows (as stored, before
 * merged cells are filled):
 * <ul>
 * <li>the table starts at the first non-blank row holding more than half as many values as the
 * fullest row; shorter rows above it (titles, notes) are skipped;</li>
 * <li>that row is a header when its values are all distinct texts and the rows below differ from
 * it: the next row holds a value that is not text, or, in an all-text table, none of the header
 * values recurs in its column below.</li>
 * </ul>
 * Settings override each part: {@code headerRow} fixes the header (and implies one),
 * {@code header = false} turns it off, {@code firstRow} fixes the first data row (a header, if
 * any, is then searched above it). Blank rows are skipped everywhere.
 */
public final class SheetTable implements Closeable {

    /** Non-blank rows looked at for layout detection. */
    static final int LOOKAHEAD = 100;
    /** Rows below a header candidate compared with it. */
    private static final int COMPARED = 20;

    /**
     * @param header       whether there is a header row
     * @param headerRow    its 1-based row number, 0 without header
     * @param firstDataRow 1-based row number where data starts
     */
    public record Layout(boolean header, int headerRow, int firstDataRow) {
    }

    private final SheetRowSource rows;
    private final Layout layout;
    private final SheetRow header;
    private final int lookaheadWidth;
    private SheetRow pushedBack;

    private SheetTable(SheetRowSource rows, Layout layout, SheetRow header, int lookaheadWidth, SheetRow pushedBack) {
        this.rows = rows;
        this.layout = layout;
        this.header = header;
        this.lookaheadWidth = lookaheadWidth;
        this.pushedBack = pushedBack;
    }

    /**
     * Opens a sheet, detects its layout and reads up to its header.
     *
     * @throws DataException (fatal) when the sheet cannot be read
     */
    public static SheetTable open(WorkbookSource workbook, int sheetIndex, SourceOptions options) throws DataException {
        SheetRowSource raw = workbook.openSheet(sheetIndex);
        try {
            int hint = Math.max(options.headerRow(), options.firstRow());
            ArrayDeque<SheetRow> before = new ArrayDeque<>();
            List<SheetRow> from = new ArrayList<>();
            SheetRow r;
            while (from.size() < LOOKAHEAD && (r = raw.next()) != null) {
                if (r.filledCount() == 0) {
                    continue;
                }
                if (r.rowNumber() < hint) {
                    if (before.size() == LOOKAHEAD) {
                        before.removeFirst();
                    }
                    before.addLast(r);
                } else {
                    from.add(r);
                }
            }
            List<SheetRow> buffer = new ArrayList<>(before);
            buffer.addAll(from);
            Layout layout = detect(buffer, options, workbook.label(), workbook.sheetNames().get(sheetIndex));
            int width = 0;
            for (SheetRow b : buffer) {
                if (b.rowNumber() >= layout.firstDataRow()) {
                    width = Math.max(width, b.width());
                }
            }
            SheetRowSource pipeline = new Replay(buffer.iterator(), raw);
            if (options.fillMerged()) {
                pipeline = new MergeFillingSource(pipeline, workbook.mergedRegions(sheetIndex));
            }
            SheetRow header = null;
            SheetRow pushed = null;
            if (layout.header()) {
                while ((r = pipeline.next()) != null) {
                    if (r.rowNumber() < layout.headerRow()) {
                        continue;
                    }
                    if (r.rowNumber() == layout.headerRow()) {
                        header = r;
                    } else {
                        pushed = r;
                    }
                    break;
                }
            }
            return new SheetTable(pipeline, layout, header, width, pushed);
        } catch (DataException | RuntimeException e) {
            try {
                raw.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /**
     * @param sheet a sheet name, or a 1-based index when no sheet has that name; null for the
     *              first sheet
     * @return the 0-based index
     * @throws DataException naming the sheets when there is no such sheet
     */
    public static int sheetIndex(WorkbookSource workbook, String sheet) throws DataException {
        List<String> names = workbook.sheetNames();
        if (sheet == null) {
            return 0;
        }
        int i = names.indexOf(sheet);
        if (i >= 0) {
            return i;
        }
        for (int j = 0; j < names.size(); j++) {
            if (names.get(j).equalsIgnoreCase(sheet)) {
                return j;
            }
        }
        if (sheet.matches("[0-9]{1,6}")) {
            int n = Integer.parseInt(sheet);
            if (n >= 1 && n <= names.size()) {
                return n - 1;
            }
        }
        throw new DataException(DataLocation.of(workbook.label()), "sheet '" + sheet + "' not found (sheets: "
                + String.join(", ", names) + ")");
    }

    static Layout detect(List<SheetRow> rows, SourceOptions o, String label, String sheet) throws DataException {
        if (o.headerRow() > 0) {
            return new Layout(true, o.headerRow(), o.firstRow() > 0 ? o.firstRow() : o.headerRow() + 1);
        }
        boolean forced = Boolean.TRUE.equals(o.header());
        int maxCount = 0;
        for (SheetRow r : rows) {
            maxCount = Math.max(maxCount, r.filledCount());
        }
        if (Boolean.FALSE.equals(o.header())) {
            return new Layout(false, 0, o.firstRow() > 0 ? o.firstRow() : Math.max(1, start(rows, Integer.MAX_VALUE, maxCount)));
        }
        if (o.firstRow() > 0) {
            int candidate = start(rows, o.firstRow(), maxCount);
            if (candidate < 0) {
                if (forced) {
                    throw new DataException(DataLocation.of(label), "sheet '" + sheet + "' has no header row above row "
                            + o.firstRow() + " (setting 'firstRow'); set 'headerRow'");
                }
                return new Layout(false, 0, o.firstRow());
            }
            boolean header = forced || isHeader(row(rows, candidate), below(rows, o.firstRow() - 1));
            return header ? new Layout(true, candidate, o.firstRow()) : new Layout(false, 0, o.firstRow());
        }
        int start = start(rows, Integer.MAX_VALUE, maxCount);
        if (start < 0) {
            return forced ? new Layout(true, 1, 2) : new Layout(false, 0, 1);
        }
        boolean header = forced || isHeader(row(rows, start), below(rows, start));
        return header ? new Layout(true, start, start + 1) : new Layout(false, 0, start);
    }

    /** @return the row number where the table starts among rows above {@code limit}, or -1 */
    private static int start(List<SheetRow> rows, int limit, int maxCount) {
        for (SheetRow r : rows) {
            if (r.rowNumber() >= limit) {
                break;
            }
            if (r.filledCount() * 2 > maxCount) {
                return r.rowNumber();
            }
        }
        return -1;
    }

    private static SheetRow row(List<SheetRow> rows, int number) {
        for (SheetRow r : rows) {
            if (r.rowNumber() == number) {
                return r;
            }
        }
        throw new IllegalStateException("row " + number + " not buffered");
    }

    private static List<SheetRow> below(List<SheetRow> rows, int number) {
        List<SheetRow> result = new ArrayList<>();
        for (SheetRow r : rows) {
            if (r.rowNumber() > number && result.size() < COMPARED) {
                result.add(r);
            }
        }
        return result;
    }

    private static boolean isHeader(SheetRow candidate, List<SheetRow> below) {
        Set<Object> seen = new HashSet<>();
        for (Object c : candidate.cells()) {
            if (c != null && (!(c instanceof String) || !seen.add(c))) {
                return false;
            }
        }
        if (seen.isEmpty()) {
            return false;
        }
        if (below.isEmpty()) {
            return true;
        }
        for (Object c : below.get(0).cells()) {
            if (c != null && !(c instanceof String)) {
                return true;
            }
        }
        for (SheetRow r : below) {
            for (int j = 0; j < r.cells().length; j++) {
                Object c = r.cells()[j];
                if (c != null && c.equals(candidate.cell(j))) {
                    return false;
                }
            }
        }
        return true;
    }

    public Layout layout() {
        return layout;
    }

    /** @return the header row (merged cells filled if so set), or null without header */
    public SheetRow header() {
        return header;
    }

    /** @return the width of the data rows seen during layout detection */
    public int lookaheadWidth() {
        return lookaheadWidth;
    }

    /** @return the width of the header row, 0 without header */
    public int headerWidth() {
        return header == null ? 0 : header.width();
    }

    /**
     * @return names of the first {@code width} columns: the header text, or the column letter for
     *         a blank header cell or a table without header; repeated names get {@code _2},
     *         {@code _3}, ... in column order
     */
    public List<String> columnNames(int width) {
        List<String> names = new ArrayList<>(width);
        Set<String> taken = new HashSet<>();
        for (int j = 0; j < width; j++) {
            String base = header == null ? "" : CellValues.headerText(header.cell(j));
            if (base.isEmpty()) {
                base = CellRef.columnLetters(j);
            }
            String name = base;
            for (int k = 2; !taken.add(name); k++) {
                name = base + "_" + k;
            }
            names.add(name);
        }
        return names;
    }

    /** @return the next non-blank data row, or null at the end of the sheet */
    public SheetRow nextDataRow() throws DataException {
        while (true) {
            SheetRow r;
            if (pushedBack != null) {
                r = pushedBack;
                pushedBack = null;
            } else {
                r = rows.next();
            }
            if (r == null) {
                return null;
            }
            if (r.rowNumber() >= layout.firstDataRow() && r.filledCount() > 0) {
                return r;
            }
        }
    }

    public long bytesRead() {
        return rows.bytesRead();
    }

    public long totalBytes() {
        return rows.totalBytes();
    }

    @Override
    public void close() throws IOException {
        rows.close();
    }

    /** Serves the rows buffered for layout detection, then the rest of the sheet. */
    private static final class Replay implements SheetRowSource {
        private final Iterator<SheetRow> buffered;
        private final SheetRowSource rest;

        Replay(Iterator<SheetRow> buffered, SheetRowSource rest) {
            this.buffered = buffered;
            this.rest = rest;
        }

        @Override
        public SheetRow next() throws DataException {
            return buffered.hasNext() ? buffered.next() : rest.next();
        }

        @Override
        public long bytesRead() {
            return rest.bytesRead();
        }

        @Override
        public long totalBytes() {
            return rest.totalBytes();
        }

        @Override
        public void close() throws IOException {
            rest.close();
        }
    }
}
