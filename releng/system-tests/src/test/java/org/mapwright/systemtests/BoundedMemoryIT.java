package org.mapwright.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Long tests only ({@code -Dmapwright.longTests=true}): the runner streams a generated 2 GB CSV
 * file and a 1,000,000-row .xlsx workbook through a mapping in a JVM limited to 256 MB of heap
 * ({@code MAPWRIGHT_OPTS=-Xmx256m}), so memory does not grow with the input.
 */
class BoundedMemoryIT {

    private static final Map<String, String> SMALL_HEAP = Map.of("MAPWRIGHT_OPTS", "-Xmx256m");

    @TempDir
    Path dir;

    @BeforeEach
    void onlyWhenAskedFor() {
        Assumptions.assumeTrue(SystemTests.longTests(), "bounded-memory runs over 2 GB of input need -Dmapwright.longTests=true");
        Cli.assertInstalled();
    }

    @Test
    void runsATwoGigabyteCsvIn256Megabytes() throws Exception {
        Path source = dir.resolve("orders.csv");
        long rows = 33_000_000;
        long good = Projects.ordersCsv(source, rows, 1009);
        assertTrue(Files.size(source) >= 2_000_000_000L, "the generated file has 2 GB: " + Files.size(source));
        Path project = Projects.ordersProject(dir.resolve("project"), source, null, List.of(Projects.csvOutput("out_csv", "out/orders.csv")));
        Cli.Result r = Cli.run(dir, SMALL_HEAP, Duration.ofMinutes(30), "run", project.toString(), "-q");
        Cli.assertNoStackTrace(r);
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains(String.format(Locale.ROOT, "%,d written", good)), r.out());
        System.out.printf("BoundedMemoryIT: %,d bytes, %,d rows in %d s under -Xmx256m%n", Files.size(source), rows, r.elapsed().toSeconds());
    }

    @Test
    void runsAMillionRowWorkbookIn256Megabytes() throws Exception {
        Path source = dir.resolve("orders.xlsx");
        int rows = 1_000_000;
        try (SXSSFWorkbook wb = new SXSSFWorkbook(100)) {
            wb.setCompressTempFiles(true);
            Sheet s = wb.createSheet("orders");
            Row h = s.createRow(0);
            String[] names = { "id", "name", "email", "amount", "quantity", "day" };
            for (int i = 0; i < names.length; i++) {
                h.createCell(i).setCellValue(names[i]);
            }
            for (int i = 1; i <= rows; i++) {
                Row r = s.createRow(i);
                r.createCell(0).setCellValue(i);
                r.createCell(1).setCellValue("Name " + i);
                r.createCell(2).setCellValue("user" + i + "@example.com");
                r.createCell(3).setCellValue((i % 10_000) / 100.0);
                r.createCell(4).setCellValue(1 + i % 9);
                r.createCell(5).setCellValue("2024-01-" + String.format("%02d", 1 + i % 28));
            }
            try (OutputStream out = Files.newOutputStream(source)) {
                wb.write(out);
            }
            wb.dispose();
        }
        Path project = Projects.ordersProject(dir.resolve("project"), "{\"path\": " + Projects.json(source.toString()) + ", \"header\": true}",
                "excel", null, List.of(Projects.csvOutput("out_csv", "out/orders.csv")));
        Cli.Result r = Cli.run(dir, SMALL_HEAP, Duration.ofMinutes(30), "run", project.toString(), "-q");
        Cli.assertNoStackTrace(r);
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains(String.format(Locale.ROOT, "%,d written", rows)), r.out());
        System.out.printf("BoundedMemoryIT: %,d-row workbook of %,d bytes in %d s under -Xmx256m%n", rows, Files.size(source), r.elapsed().toSeconds());
    }
}
