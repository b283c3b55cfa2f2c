package org.mapwright.connector.excel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.InspectOptions;
import org.mapwright.core.connector.Inspection;
import org.mapwright.core.connector.ProgressMonitor;
import org.mapwright.core.connector.RecordReader;

/** Reads a sheet of 100,000 rows row by row; the reader must not need the sheet in memory. */
class ExcelStreamingTest {

    private static final int ROWS = 100_000;

    @TempDir
    Path dir;

    @Test
    void streamsAHundredThousandRows() throws Exception {
        Path file = dir.resolve("big.xlsx");
        try (SXSSFWorkbook wb = new SXSSFWorkbook(100); OutputStream out = Files.newOutputStream(file)) {
            wb.setCompressTempFiles(true);
            Sheet sheet = wb.createSheet("Big");
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
            Row header = sheet.createRow(0);
            header.createCell(0).setCellValue("n");
            header.createCell(1).setCellValue("label");
            header.createCell(2).setCellValue("price");
            header.createCell(3).setCellValue("day");
            LocalDate start = LocalDate.of(2000, 1, 1);
            for (int i = 1; i <= ROWS; i++) {
                Row r = sheet.createRow(i);
                r.createCell(0).setCellValue(i);
                r.createCell(1).setCellValue("row " + i);
                r.createCell(2).setCellValue(i + 0.25);
                r.createCell(3).setCellValue(start.plusDays(i % 10_000));
                r.getCell(3).setCellStyle(date);
            }
            wb.write(out);
        }

        ConnectorContext ctx = ConnectorContext.of(dir);
        ExcelConnector excel = new ExcelConnector();
        Inspection i = excel.inspect(ctx, Fixtures.path("big.xlsx"), new InspectOptions(1000, false, 3), ProgressMonitor.NONE);
        assertEquals(1000, i.rowsSampled());

        long count = 0;
        long sum = 0;
        Object[] last = null;
        try (RecordReader reader = excel.open(ctx, i.settings(), i.schema())) {
            Object[] r;
            while ((r = reader.next()) != null) {
                count++;
                sum += (Long) r[0];
                last = r;
            }
            assertEquals(reader.totalBytes(), reader.bytesRead(), "the whole sheet was consumed");
            assertEquals(ROWS + 1, reader.location().line());
        }
        assertEquals(ROWS, count);
        assertEquals((long) ROWS * (ROWS + 1) / 2, sum);
        assertArrayEquals(new Object[] {(long) ROWS, "row " + ROWS, new BigDecimal("100000.25"), LocalDate.of(2000, 1, 1)},
                last);
    }
}
