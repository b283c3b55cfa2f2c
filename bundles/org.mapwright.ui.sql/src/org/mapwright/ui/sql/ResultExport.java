package org.mapwright.ui.sql;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes a {@link QueryResult} to a CSV file (UTF-8, header row, RFC 4180 quoting) or an Excel
 * workbook ({@code .xlsx}, streamed with POI SXSSF; numbers, booleans and dates as typed cells).
 * The file is written beside the target and renamed into place, so a failed export never leaves a
 * half-written file or destroys the previous one.
 */
public final class ResultExport {

    /** The file formats, chosen by the target's extension. */
    public enum Format {
        CSV, XLSX;

        /** @return the format of a file name ending in {@code .csv} or {@code .xlsx} */
        public static Format of(Path file) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".xlsx")) {
                return XLSX;
            }
            if (name.endsWith(".csv")) {
                return CSV;
            }
            throw new IllegalArgumentException(file + ": export to a .csv or .xlsx file");
        }
    }

    /** Excel's digits of precision: longer numbers are written as text so no digit is lost. */
    private static final int EXCEL_DIGITS = 15;

    private ResultExport() {
    }

    /**
     * @throws IOException naming the file when it cannot be written
     * @throws IllegalArgumentException when the result has no columns or the file is neither .csv nor .xlsx
     */
    public static void write(QueryResult result, Path file) throws IOException {
        if (!result.hasResultSet()) {
            throw new IllegalArgumentException("the statement returned no rows to export");
        }
        Format format = Format.of(file);
        Path target = file.toAbsolutePath().normalize();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            List<Object[]> rows;
            synchronized (result.rows()) {
                rows = new ArrayList<>(result.rows());
            }
            if (format == Format.CSV) {
                csv(result.columns(), rows, tmp);
            } else {
                xlsx(result.columns(), rows, tmp);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw new IOException(target + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    private static void csv(List<QueryResult.Column> columns, List<Object[]> rows, Path file) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader(columns.stream().map(QueryResult.Column::name).toArray(String[]::new))
                .get();
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8); CSVPrinter p = new CSVPrinter(w, format)) {
            for (Object[] row : rows) {
                List<String> cells = new ArrayList<>(row.length);
                for (Object v : row) {
                    cells.add(text(v));
                }
                p.printRecord(cells);
            }
        }
    }

    /** @return the text of a value in exports and the grid: null is empty, decimals without exponent */
    public static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return v.toString();
    }

    private static void xlsx(List<QueryResult.Column> columns, List<Object[]> rows, Path file) throws IOException {
        SXSSFWorkbook wb = new SXSSFWorkbook(200);
        try {
            SXSSFSheet sheet = wb.createSheet("Result");
            CellStyle header = wb.createCellStyle();
            Font bold = wb.createFont();
            bold.setBold(true);
            header.setFont(bold);
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
            CellStyle timestamp = wb.createCellStyle();
            timestamp.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
            Row head = sheet.createRow(0);
            for (int i = 0; i < columns.size(); i++) {
                Cell c = head.createCell(i);
                c.setCellValue(columns.get(i).name());
                c.setCellStyle(header);
            }
            int r = 1;
            for (Object[] row : rows) {
                Row x = sheet.createRow(r++);
                for (int i = 0; i < row.length; i++) {
                    Object v = row[i];
                    if (v == null) {
                        continue;
                    }
                    Cell c = x.createCell(i);
                    if (v instanceof Boolean b) {
                        c.setCellValue(b);
                    } else if (v instanceof Number n && fitsExcel(n)) {
                        c.setCellValue(n.doubleValue());
                    } else if (v instanceof LocalDate d) {
                        c.setCellValue(d);
                        c.setCellStyle(date);
                    } else if (v instanceof LocalDateTime t) {
                        c.setCellValue(t);
                        c.setCellStyle(timestamp);
                    } else if (v instanceof Temporal) {
                        c.setCellValue(v.toString());
                    } else {
                        c.setCellValue(text(v));
                    }
                }
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                wb.write(out);
            }
        } finally {
            wb.close();
        }
    }

    private static boolean fitsExcel(Number n) {
        if (n instanceof Double || n instanceof Float) {
            return true;
        }
        BigDecimal d = n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
        return d.precision() <= EXCEL_DIGITS;
    }
}
