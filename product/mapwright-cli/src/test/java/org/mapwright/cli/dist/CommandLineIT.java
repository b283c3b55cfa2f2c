package org.mapwright.cli.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Runs the assembled command-line distribution ({@code target/mapwright-cli/bin/mapwright}) in a
 * separate JVM, exactly as a user or scheduler would, on the sample project of the workbench.
 */
class CommandLineIT {

    private static final Path HOME = Path.of(System.getProperty("mapwright.cli.home", "target/mapwright-cli"));
    private static final Path REPO = Path.of(System.getProperty("mapwright.repo", "../.."));
    private static final Path SAMPLE = REPO.resolve("bundles/org.mapwright.app/sample-project");
    private static final Path EXPECTED = Path.of("src/test/resources/sample-expected");

    record Result(int exit, String out, String err) {
    }

    static Result mapwright(Path workDir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(HOME.resolve("bin/mapwright").toAbsolutePath().toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Path out = Files.createTempFile("mw-out", ".txt");
        Path err = Files.createTempFile("mw-err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("mapwright " + String.join(" ", args) + " did not finish");
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void distributionHasLauncherLibrariesAndNoUiToolkit() throws IOException {
        assertTrue(Files.isExecutable(HOME.resolve("bin/mapwright")));
        assertTrue(Files.isRegularFile(HOME.resolve("bin/mapwright.bat")));
        try (Stream<Path> jars = Files.list(HOME.resolve("lib"))) {
            List<String> names = jars.map(j -> j.getFileName().toString()).toList();
            assertTrue(names.stream().anyMatch(n -> n.startsWith("org.mapwright.engine")), names.toString());
            assertFalse(names.stream().anyMatch(n -> n.contains("swt") || n.contains("jface") || n.contains("e4.ui")),
                    "no UI toolkit on the command line's class path: " + names);
        }
    }

    @Test
    void helpListsTheCommands(@TempDir Path dir) throws Exception {
        Result r = mapwright(dir, "--help");
        assertEquals(0, r.exit(), r.err());
        for (String c : List.of("run", "validate", "preview", "inspect")) {
            assertTrue(r.out().contains(c), r.out());
        }
        Result runHelp = mapwright(dir, "run", "--help");
        assertEquals(0, runHelp.exit(), runHelp.err());
        assertTrue(runHelp.out().contains("--output"), runHelp.out());
    }

    @Test
    void runsTheSampleProjectIntoCsvAndH2(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        Path report = dir.resolve("report.json");
        Result r = mapwright(dir, "run", SAMPLE.toAbsolutePath().toString(), "--output", out.toString(), "--report", report.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertEquals(Files.readString(EXPECTED.resolve("customers.csv"), StandardCharsets.UTF_8),
                Files.readString(out.resolve("out/customers.csv"), StandardCharsets.UTF_8));
        assertEquals(Files.readString(EXPECTED.resolve("customers.rejects.csv"), StandardCharsets.UTF_8),
                Files.readString(out.resolve("rejects/customers.rejects.csv"), StandardCharsets.UTF_8));
        assertTrue(Files.readString(report).contains("\"status\""), "report written");
        List<String> expectedRows = Files.readAllLines(EXPECTED.resolve("customers.csv"), StandardCharsets.UTF_8);
        try (Connection c = DriverManager.getConnection("jdbc:h2:" + out.resolve("out/warehouse").toAbsolutePath() + ";ACCESS_MODE_DATA=r", "sa", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM \"customers\"")) {
            rs.next();
            assertEquals(expectedRows.size() - 1, rs.getInt(1), "table rows = CSV rows");
        }
        try (Stream<Path> files = Files.walk(out)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    @Test
    void aRerunKeepsThePermissionsOfTheFilesItReplaces(@TempDir Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX");
        Path out = dir.resolve("out");
        Result first = mapwright(dir, "run", SAMPLE.toAbsolutePath().toString(), "--output", out.toString(), "-q", "--history", "off");
        assertEquals(0, first.exit(), first.out() + first.err());
        Path csv = out.resolve("out/customers.csv");
        Path rejects = out.resolve("rejects/customers.rejects.csv");
        var umaskDefault = Files.getPosixFilePermissions(Files.createFile(dir.resolve("probe")));
        assertEquals(umaskDefault, Files.getPosixFilePermissions(csv), "a new output is not owner-only like a temporary file");
        assertEquals(umaskDefault, Files.getPosixFilePermissions(rejects), "nor is a new rejects file");

        var shared = java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-r--");
        Files.setPosixFilePermissions(csv, shared);
        Files.setPosixFilePermissions(rejects, shared);
        Result again = mapwright(dir, "run", SAMPLE.toAbsolutePath().toString(), "--output", out.toString(), "-q", "--history", "off");
        assertEquals(0, again.exit(), again.out() + again.err());
        assertEquals(shared, Files.getPosixFilePermissions(csv), "the replaced output keeps its permissions");
        assertEquals(shared, Files.getPosixFilePermissions(rejects), "the replaced rejects file keeps its permissions");
    }

    @Test
    void validateReportsAnExpressionErrorWithExitCode2(@TempDir Path dir) throws Exception {
        Path project = dir.resolve("broken");
        copy(SAMPLE, project);
        Path file = project.resolve("mapwright.json");
        Files.writeString(file, Files.readString(file).replace("\"lower(email)\"", "\"lower(emial)\""));
        Result r = mapwright(dir, "validate", project.toString());
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("emial") && r.out().contains("email"), "names the field and suggests: " + r.out());
        Result run = mapwright(dir, "run", project.toString());
        assertEquals(2, run.exit(), "an invalid project does not run");
        assertFalse(Files.exists(project.resolve("out/customers.csv")), "nothing written");
    }

    @Test
    void previewPrintsTheFirstRows(@TempDir Path dir) throws Exception {
        Result r = mapwright(dir, "preview", SAMPLE.toAbsolutePath().toString(), "--rows", "3");
        assertEquals(0, r.exit(), r.err());
        List<String> expected = Files.readAllLines(EXPECTED.resolve("customers.csv"), StandardCharsets.UTF_8);
        String firstName = expected.get(1).split(",")[1];
        assertTrue(r.out().contains(firstName), r.out());
        assertTrue(r.out().contains("3 rows shown"), r.out());
    }

    @Test
    void inspectPrintsStableJson(@TempDir Path dir) throws Exception {
        Result r = mapwright(dir, "inspect", SAMPLE.resolve("data/customers.csv").toAbsolutePath().toString(), "--format", "json", "--profile");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("{\n  \"formatVersion\": 1,"), r.out());
        assertTrue(r.out().contains("\"name\": \"birth_date\""), r.out());
        assertTrue(r.out().matches("(?s).*\"name\": \"signup_date\",\\s+\"path\": \"signup_date\",\\s+\"type\": \"date\".*"),
                "infers the ISO signup date: " + r.out());
        assertTrue(r.out().contains("\"records\": 40"), "profiles every record: " + r.out());
    }

    @Test
    void inspectReportsStrayValuesOfAToleratedTypeInJsonAndText(@TempDir Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("id,signup\n");
        for (int i = 0; i < 38; i++) {
            csv.append(i).append(',').append(String.format("%02d/01/2024", i % 28 + 1)).append('\n');
        }
        csv.append("38,n/a\n39,unknown\n");
        Path file = dir.resolve("stray.csv");
        Files.writeString(file, csv.toString(), StandardCharsets.UTF_8);
        String warning = "2 of 40 values are not dates (dd/MM/yyyy): 'n/a', 'unknown'; 'n/a' looks like a null marker";

        Result json = mapwright(dir, "inspect", file.toString(), "--format", "json");
        assertEquals(0, json.exit(), json.err());
        JsonNode fields = new ObjectMapper().readTree(json.out()).path("fields");
        JsonNode signup = fields.get(1);
        assertEquals("date", signup.path("type").asText(), json.out());
        assertEquals(List.of("rowsSampled", "nullCount", "confidence", "samples", "warning", "outlierSamples"),
                keys(signup.path("evidence")), "the warning keys come last");
        assertEquals(warning, signup.path("evidence").path("warning").asText());
        assertEquals("[\"n/a\",\"unknown\"]", signup.path("evidence").path("outlierSamples").toString());
        JsonNode clean = fields.get(0).path("evidence");
        assertEquals(List.of("rowsSampled", "nullCount", "confidence", "samples", "warning", "outlierSamples"), keys(clean),
                "without a warning the keys are there all the same: " + json.out());
        assertTrue(clean.path("warning").isNull() && clean.path("outlierSamples").isEmpty(), json.out());

        Result text = mapwright(dir, "inspect", file.toString());
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().contains("warning: signup: " + warning + "\n"), text.out());
        assertFalse(text.out().contains("warning: id"), text.out());
    }

    private static List<String> keys(JsonNode object) {
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void aCleanExcelInspectPrintsNothingOnStderrAndOnlyJsonOnStdout(@TempDir Path dir) throws Exception {
        Path xlsx = dir.resolve("orders.xlsx");
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook();
                java.io.OutputStream os = Files.newOutputStream(xlsx)) {
            org.apache.poi.ss.usermodel.Sheet sheet = wb.createSheet("Orders");
            sheet.createRow(0).createCell(0).setCellValue("id");
            sheet.getRow(0).createCell(1).setCellValue("amount");
            for (int i = 1; i <= 5; i++) {
                sheet.createRow(i).createCell(0).setCellValue(i);
                sheet.getRow(i).createCell(1).setCellValue(i * 1.5);
            }
            wb.write(os);
        }
        Result r = mapwright(dir, "inspect", xlsx.toString(), "--format", "json");
        assertEquals(0, r.exit(), r.err());
        // Without a Log4j provider the Log4j API (used by POI) printed a status line, to stdout.
        assertEquals("", r.err(), "stderr of a clean Excel inspect");
        assertTrue(r.out().startsWith("{\n  \"formatVersion\": 1,"), r.out());
    }

    @Test
    void unreadableSourceNamesTheFileAndExitsNonZero(@TempDir Path dir) throws Exception {
        Path project = dir.resolve("missing");
        copy(SAMPLE, project);
        Files.delete(project.resolve("data/customers.csv"));
        Result r = mapwright(dir, "run", project.toString());
        assertTrue(r.exit() == 1 || r.exit() == 2, "exit " + r.exit());
        assertTrue((r.out() + r.err()).contains("customers.csv"), r.out() + r.err());
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path rel = from.relativize(f);
                if (rel.startsWith("out") || rel.startsWith("rejects")) {
                    continue;
                }
                Path t = to.resolve(rel.toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(f, t);
                }
            }
        }
    }
}
