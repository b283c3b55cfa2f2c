package org.mapwright.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every reader limit is hit through the command line and the message names it: the
 * {@code Limits} of the readers ({@code maxFieldChars}, {@code maxRecordChars},
 * {@code maxNestingDepth}, {@code maxNumberChars}), the Excel zip-bomb settings
 * ({@code zipMinInflateRatio}, {@code zipMaxEntrySize}, which are raised or lowered per source with
 * {@code --set} or in the project), and the preview's source-row bound. The defaults are the
 * documented ones: a value just under a default limit is read. The reader limits say how to raise
 * them, and are raised per command ({@code --limit}) or per project ({@code "limits"}).
 */
class LimitsIT {

    @TempDir
    static Path dir;

    @BeforeAll
    static void files() throws Exception {
        Cli.assertInstalled();
        Files.writeString(dir.resolve("field.csv"), "id,blob\n1," + "x".repeat((1 << 20) + 10) + "\n2,ok\n");
        Files.writeString(dir.resolve("field-under.csv"), "id,blob\n1," + "x".repeat((1 << 20) - 10) + "\n2,ok\n");
        Files.writeString(dir.resolve("record.csv"), "a,b\n1,2\n" + "y,".repeat(9_000_000) + "y\n3,4\n");
        Files.writeString(dir.resolve("depth.json"), "[" + "{\"a\":".repeat(70) + "1" + "}".repeat(70) + "]");
        Files.writeString(dir.resolve("depth-under.json"), "[" + "{\"a\":".repeat(60) + "1" + "}".repeat(60) + "]");
        Files.writeString(dir.resolve("number.json"), "[{\"n\": " + "7".repeat(1001) + "}]");
        Files.writeString(dir.resolve("string.json"), "[{\"s\": \"" + "z".repeat((1 << 20) + 1) + "\"}]");
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            XSSFSheet s = wb.createSheet("Data");
            s.createRow(0).createCell(0).setCellValue("value");
            for (int i = 1; i <= 20_000; i++) {
                XSSFRow r = s.createRow(i);
                r.createCell(0).setCellValue("same text in every row");
            }
            try (OutputStream out = Files.newOutputStream(dir.resolve("plain.xlsx"))) {
                wb.write(out);
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "field.csv||maxFieldChars|line 2",
            "record.csv||maxRecordChars|line 3",
            "depth.json||maxNestingDepth|line 1",
            "number.json||maxNumberChars|line 1",
            "string.json||maxFieldChars|line 1",
            "plain.xlsx|zipMinInflateRatio=0.5|zipMinInflateRatio|plain.xlsx",
            "plain.xlsx|zipMaxEntrySize=5000|zipMaxEntrySize|plain.xlsx" })
    void hittingALimitNamesIt(String file, String setting, String limit, String where) throws Exception {
        List<String> args = new ArrayList<>(List.of("inspect", dir.resolve(file).toString()));
        if (setting != null) {
            args.add("--set");
            args.add(setting);
        }
        Cli.Result r = Cli.run(dir, Map.of("MAPWRIGHT_OPTS", "-Xmx256m"), Duration.ofMinutes(1), args.toArray(String[]::new));
        Cli.assertNoStackTrace(r);
        assertTrue(r.all().contains(limit), file + ": the message names the limit " + limit + "\n" + r);
        assertTrue(r.all().contains(where), file + ": the message says where (" + where + ")\n" + r);
        if (limit.startsWith("max")) {
            assertTrue(r.all().contains("raise it with --limit " + limit + "=N"), file + ": says how to raise " + limit + "\n" + r);
        }
    }

    @Test
    void limitOptionRaisesALimitForOneCommand() throws Exception {
        Cli.Result field = Cli.run(dir, "inspect", dir.resolve("field.csv").toString(), "--limit", "maxFieldChars=2000000");
        assertEquals(0, field.exit(), field.toString());
        assertTrue(!field.all().contains("limit max"), field.toString());
        Cli.Result number = Cli.run(dir, "inspect", dir.resolve("number.json").toString(), "--limit", "maxNumberChars=2000");
        assertEquals(0, number.exit(), number.toString());

        Cli.Result unknown = Cli.run(dir, "inspect", dir.resolve("field.csv").toString(), "--limit", "maxRows=5");
        assertEquals(2, unknown.exit(), unknown.toString());
        assertTrue(unknown.err().contains("unknown limit 'maxRows' (limits: maxFieldChars, maxRecordChars"), unknown.toString());
    }

    @Test
    void aProjectsLimitsApplyToItsRunsAndTheOptionWinsOverThem() throws Exception {
        Path data = dir.resolve("limits-project/orders.csv");
        Projects.ordersCsv(data, 20, 0);
        Path project = Projects.ordersProject(dir.resolve("limits-project"), data, null, List.of(Projects.csvOutput("o", "out/orders.csv")));
        Path file = project.resolve("mapwright.json");
        String text = Files.readString(file);
        Files.writeString(file, text.substring(0, text.lastIndexOf('}')) + ",\n  \"limits\": {\"maxFieldChars\": 5}\n}\n");

        Path report = dir.resolve("limits-project-report.json");
        Cli.Result limited = Cli.run(dir, "run", project.toString(), "-q", "--report", report.toString());
        assertEquals(1, limited.exit(), "names and e-mails are longer than 5 characters\n" + limited);
        String said = limited.all() + (Files.exists(report) ? Files.readString(report) : "");
        assertTrue(said.contains("maxFieldChars"), said);

        Cli.Result raised = Cli.run(dir, "run", project.toString(), "-q", "--limit", "maxFieldChars=1000");
        assertEquals(0, raised.exit(), raised.toString());
        Cli.Result inspect = Cli.run(dir, "inspect", project.toString(), "--source", "orders");
        assertTrue(inspect.all().contains("(limit maxFieldChars"), "inspect of a project source uses its limits\n" + inspect);
    }

    @Test
    void valuesUnderTheDefaultLimitsAreRead() throws Exception {
        for (String file : List.of("field-under.csv", "depth-under.json")) {
            Cli.Result r = Cli.run(dir, "inspect", dir.resolve(file).toString());
            assertEquals(0, r.exit(), r.toString());
            assertTrue(!r.all().contains("limit max"), file + " is under the default limits\n" + r);
        }
    }

    @Test
    void previewStopsAtItsSourceRowBoundAndSaysSo() throws Exception {
        Path source = dir.resolve("orders.csv");
        Projects.ordersCsv(source, 120_000, 0);
        Path project = Projects.ordersProject(dir.resolve("preview"), source, "id < 0", List.of(Projects.csvOutput("out_csv", "out/orders.csv")));
        Cli.Result r = Cli.run(dir, "preview", project.toString(), "--rows", "5");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("0 rows shown; 100000 read"), "reads at most 100,000 source rows\n" + r);
        assertTrue(r.out().contains("not read to its end"), "says the source was not read to its end\n" + r);
    }
}
