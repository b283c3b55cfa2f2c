package org.mapwright.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.SplittableRandom;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes the standard job's customers as an .xlsx workbook with POI's streaming SXSSF writer (a
 * window of 100 rows in memory, the rest flushed to a compressed temporary file), so a
 * 1,000,000-row workbook needs no more memory than a small one. The rows are those of the
 * customer CSV of the same seed, drawn through {@link DataGenerator#customer(String[], long, SplittableRandom)}
 * in the same order: the workbook of N rows holds the first N customers of the CSV.
 *
 * <p>One sheet {@value #SHEET} with a header row; cells typed as a spreadsheet user keeps them:
 * {@code id}, {@code amount} and {@code quantity} numbers, {@code signup} a date cell
 * ({@code yyyy-mm-dd}), {@code birth} the {@code dd/MM/yyyy} text of the CSV (the job parses it),
 * everything else text; an empty field is no cell. Texts are inline strings (SXSSF's default),
 * not a shared-strings table.
 */
final class XlsxGenerator {

    static final String SHEET = "customers";

    private XlsxGenerator() {
    }

    /** Writes exactly {@code rows} customers; returns rows and the file's size. */
    static DataGenerator.Written customers(Path file, long rows, long seed) throws IOException {
        if (rows > 1_048_575) {
            throw new IllegalArgumentException("an .xlsx sheet holds at most 1,048,575 data rows, not " + rows);
        }
        SplittableRandom random = new SplittableRandom(seed);
        Path tmp = DataGenerator.temp(file);
        String[] header = DataGenerator.CUSTOMER_HEADER.split(",");
        String[] v = new String[DataGenerator.COLUMNS];
        try (SXSSFWorkbook wb = new SXSSFWorkbook(100)) {
            wb.setCompressTempFiles(true);
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
            SXSSFSheet sheet = wb.createSheet(SHEET);
            Row top = sheet.createRow(0);
            for (int i = 0; i < header.length; i++) {
                top.createCell(i).setCellValue(header[i]);
            }
            for (long id = 1; id <= rows; id++) {
                DataGenerator.customer(v, id, random);
                Row row = sheet.createRow((int) id);
                for (int i = 0; i < v.length; i++) {
                    if (v[i].isEmpty()) {
                        continue;
                    }
                    Cell cell = row.createCell(i);
                    switch (i) {
                        case DataGenerator.COL_ID, DataGenerator.COL_AMOUNT, DataGenerator.COL_QUANTITY:
                            cell.setCellValue(Double.parseDouble(v[i]));
                            break;
                        case DataGenerator.COL_SIGNUP:
                            cell.setCellValue(LocalDate.parse(v[i]));
                            cell.setCellStyle(date);
                            break;
                        default:
                            cell.setCellValue(v[i]);
                    }
                }
            }
            try (OutputStream out = Files.newOutputStream(tmp)) {
                wb.write(out);
            }
            // the flushed rows' temporary files
            wb.dispose();
        }
        DataGenerator.publish(tmp, file);
        return new DataGenerator.Written(rows, Files.size(file));
    }
}
