package org.mapwright.internal.connector.excel;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.LocalDateTime;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.mapwright.core.Field;
import org.mapwright.core.Schema;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.DataLocation;
import org.mapwright.core.connector.RecordWriter;
import org.mapwright.core.io.OutputFiles;
import org.mapwright.core.value.FormulaText;
import org.mapwright.core.value.Values;

/**
 * Writes one sheet of an .xlsx file with SXSSF, which keeps a window of {@value #WINDOW} rows in
 * memory and spills older rows to a temporary file (removed when the writer closes, committed or
 * not).
 *
 * <p>Cells are typed: integers and decimals numeric, booleans boolean, dates with a
 * {@code yyyy-mm-dd} style, timestamps with {@code yyyy-mm-dd hh:mm:ss}, text as text. Values
 * Excel cannot hold exactly are written as text in canonical form, so no digit or day is lost:
 * numbers whose digits a double does not keep (beyond about 15–17 significant digits) and dates
 * before 1900. No cell is ever written as a formula; with neutralisation on, text starting with
 * {@code = + - @}, a tab or a carriage return (which a spreadsheet or a later CSV export could
 * run as a formula) gets a leading apostrophe, except text that is a plain signed number
 * ({@link FormulaText}).
 *
 * <p>The workbook goes to a hidden temporary file beside the target, renamed over it on
 * {@link #commit()}; {@link #close()} without commit deletes it and leaves the target as it was.
 */
public final class ExcelRecordWriter implements RecordWriter {

    /** Rows SXSSF keeps in memory. */
    public static final int WINDOW = 100;
    /** Excel's row limit, header included. */
    public static final int MAX_ROWS = 1_048_576;
    /** Excel's limit on the characters of one cell. */
    public static final int MAX_CELL_CHARS = 32_767;
    /** Largest magnitude up to which every long is exactly a double. */
    private static final long EXACT_DOUBLE = 1L << 53;

    private final Path target;
    private final Path temp;
    private final String label;
    private final Schema schema;
    private final boolean neutralize;
    private final SXSSFWorkbook workbook;
    private final Sheet sheet;
    private final CellStyle dateStyle;
    private final CellStyle timestampStyle;
    private int nextRow;
    private long record;
    private boolean committed;
    private boolean closed;

    private ExcelRecordWriter(Path target, Path temp, String label, Schema schema, boolean neutralize,
            SXSSFWorkbook workbook, String sheetName, boolean header) {
        this.target = target;
        this.temp = temp;
        this.label = label;
        this.schema = schema;
        this.neutralize = neutralize;
        this.workbook = workbook;
        this.sheet = workbook.createSheet(sheetName);
        this.dateStyle = workbook.createCellStyle();
        dateStyle.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));
        this.timestampStyle = workbook.createCellStyle();
        timestampStyle.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
        if (header) {
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            Row row = sheet.createRow(nextRow++);
            for (int i = 0; i < schema.size(); i++) {
                Cell cell = row.createCell(i);
                cell.setCellValue(text(schema.fields().get(i).name()));
                cell.setCellStyle(bold);
            }
        }
    }

    /**
     * @param target     the file to publish on commit (its folder is created if missing)
     * @param label      the path as the user gave it, for messages
     * @param sheetName  the sheet name
     * @param header     whether to write a header row of field names
     * @param neutralize whether to defuse formula-like text
     * @throws DataException for an invalid sheet name, a nested field or a folder that cannot be written
     */
    public static ExcelRecordWriter open(Path target, String label, String sheetName, boolean header, boolean neutralize,
            Schema schema) throws DataException {
        DataLocation loc = DataLocation.of(label);
        for (Field f : schema.fields()) {
            if (f.isRecord() || f.repeated()) {
                throw new DataException(loc.withColumn(f.name()),
                        "a sheet cannot hold nested or repeated fields; flatten field '" + f.name() + "' first");
            }
        }
        try {
            WorkbookUtil.validateSheetName(sheetName);
        } catch (IllegalArgumentException e) {
            throw new DataException(loc, "invalid sheet name '" + sheetName + "': " + e.getMessage());
        }
        Path temp;
        try {
            Path dir = target.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            temp = OutputFiles.createTemp(target);
        } catch (IOException e) {
            throw new DataException(loc, "cannot create a file beside " + label + ": " + e.getMessage(), e);
        }
        SXSSFWorkbook workbook = null;
        try {
            workbook = new SXSSFWorkbook(WINDOW);
            return new ExcelRecordWriter(target, temp, label, schema, neutralize, workbook, sheetName, header);
        } catch (RuntimeException e) {
            if (workbook != null) {
                closeQuietly(workbook);
            }
            deleteQuietly(temp);
            throw new DataException(loc, "cannot start workbook: " + e.getMessage(), e);
        }
    }

    @Override
    public void write(Object[] row) throws DataException {
        if (closed || committed) {
            throw new IllegalStateException("writer of " + label + " is " + (committed ? "committed" : "closed"));
        }
        record++;
        if (nextRow >= MAX_ROWS) {
            throw new DataException(new DataLocation(label, -1, record, null),
                    "a sheet holds at most " + MAX_ROWS + " rows; record " + record + " does not fit");
        }
        for (int i = 0; i < row.length; i++) {
            if (row[i] instanceof String s && text(s).length() > MAX_CELL_CHARS) {
                throw DataException.badRecord(new DataLocation(label, -1, record, schema.fields().get(i).name()),
                        "text of " + s.length() + " characters exceeds Excel's limit of " + MAX_CELL_CHARS + " per cell", null);
            }
        }
        Row r = sheet.createRow(nextRow++);
        for (int i = 0; i < row.length; i++) {
            if (row[i] != null) {
                set(r.createCell(i), row[i]);
            }
        }
    }

    private void set(Cell cell, Object v) {
        if (v instanceof String s) {
            cell.setCellValue(text(s));
        } else if (v instanceof Long l) {
            if (Math.abs(l) <= EXACT_DOUBLE) {
                cell.setCellValue(l);
            } else {
                cell.setCellValue(l.toString());
            }
        } else if (v instanceof BigDecimal d) {
            double x = d.doubleValue();
            if (Double.isFinite(x) && BigDecimal.valueOf(x).compareTo(d) == 0) {
                cell.setCellValue(x);
            } else {
                cell.setCellValue(d.toPlainString());
            }
        } else if (v instanceof Boolean b) {
            cell.setCellValue(b);
        } else if (v instanceof LocalDate d) {
            if (d.getYear() < 1900) {
                cell.setCellValue(Values.format(d));
            } else {
                cell.setCellValue(d);
                cell.setCellStyle(dateStyle);
            }
        } else if (v instanceof LocalDateTime t) {
            if (t.getYear() < 1900) {
                cell.setCellValue(Values.format(t));
            } else {
                cell.setCellValue(t);
                cell.setCellStyle(timestampStyle);
            }
        } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            cell.setCellValue(((Number) v).doubleValue());
        } else if ((v instanceof Double || v instanceof Float) && Double.isFinite(((Number) v).doubleValue())) {
            cell.setCellValue(((Number) v).doubleValue());
        } else {
            cell.setCellValue(Values.format(v));
        }
    }

    /** @return the text, defused if it could start a formula and neutralisation is on */
    private String text(String s) {
        return neutralize ? FormulaText.neutralize(s) : s;
    }

    @Override
    public void commit() throws DataException {
        if (closed || committed) {
            throw new IllegalStateException("writer of " + label + " is " + (committed ? "committed" : "closed"));
        }
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                workbook.write(out);
            }
            workbook.close();
            OutputFiles.keepPermissions(target, temp);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            committed = true;
        } catch (IOException | RuntimeException e) {
            close();
            throw new DataException(DataLocation.of(label), "cannot write " + label + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(workbook);
        if (!committed) {
            deleteQuietly(temp);
        }
    }

    private static void closeQuietly(SXSSFWorkbook workbook) {
        try {
            workbook.close();
        } catch (IOException e) {
            // close() removes SXSSF's temporary files; a failure there leaves only a stray temp file
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover hidden temporary file does not affect the target
        }
    }
}
