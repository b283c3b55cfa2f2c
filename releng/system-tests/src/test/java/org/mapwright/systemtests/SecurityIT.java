package org.mapwright.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets, formula injection and H2 hardening, end to end through the command line:
 * <ul>
 * <li>a canary password (and H2 file password) given only through {@code MAPWRIGHT_SECRET_*}
 *     reads an encrypted, password-protected H2 source and creates an encrypted H2 target with a
 *     non-default user; the canaries appear in no project file, output, rejects file, report,
 *     stdout or stderr — also when the password is wrong or missing — nor in an exported project
 *     (when the distribution has {@code mapwright export});</li>
 * <li>the H2 target really is encrypted and password-protected, and no run opens a listening
 *     socket (H2 is only ever embedded);</li>
 * <li>CSV and Excel outputs neutralise text starting with {@code = + - @}, TAB or CR alike, except
 *     text that is just a signed number such as {@code -12.5}.</li>
 * </ul>
 */
class SecurityIT {

    private static final String USER_PASSWORD = "Canary-UserPw-7f3a9c41";
    private static final String FILE_PASSWORD = "Canary-FilePw-b62e0d55";
    private static final String TARGET_PASSWORD = "Canary-TargetPw-19ad77e2";
    private static final String TARGET_FILE_PASSWORD = "Canary-TargetFilePw-4c0f3b88";
    private static final String WRONG_PASSWORD = "Canary-WrongPw-e5d1a0c3";
    private static final List<String> CANARIES = List.of(USER_PASSWORD, FILE_PASSWORD, TARGET_PASSWORD, TARGET_FILE_PASSWORD, WRONG_PASSWORD);
    private static final int ROWS = 40;

    @TempDir
    static Path work;

    private static Path project;

    @BeforeAll
    static void createProjectWithLockedDatabase() throws Exception {
        Cli.assertInstalled();
        project = work.resolve("vault-project");
        Files.createDirectories(project.resolve("data"));
        Properties p = new Properties();
        p.setProperty("user", "ann");
        p.setProperty("password", FILE_PASSWORD + " " + USER_PASSWORD);
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + project.resolve("data/vault") + ";CIPHER=AES", p);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE \"orders\" (\"id\" BIGINT PRIMARY KEY, \"name\" VARCHAR(100), \"amount\" DECFLOAT)");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO \"orders\" VALUES (?, ?, ?)")) {
                for (int i = 1; i <= ROWS; i++) {
                    insert.setLong(1, i);
                    insert.setString(2, "Customer " + i);
                    insert.setBigDecimal(3, new BigDecimal(i + ".50"));
                    insert.executeUpdate();
                }
            }
        }
        Files.writeString(project.resolve("mapwright.json"), """
                {
                  "formatVersion": 1,
                  "name": "vault",
                  "sources": [
                    {"id": "src_orders", "name": "orders", "connector": "jdbc",
                     "settings": {"driver": "h2", "path": "data/vault", "cipher": true, "fileCredentialKey": "vault/file",
                                  "user": "ann", "credentialKey": "vault/ann", "table": "orders"},
                     "schema": {"fields": [
                       {"id": "f_id", "name": "id", "type": "integer", "nullable": false, "key": true},
                       {"id": "f_name", "name": "name", "type": "text", "nullable": true, "key": false},
                       {"id": "f_amount", "name": "amount", "type": "decimal", "nullable": true, "key": false}
                     ]}}
                  ],
                  "mappings": [
                    {"id": "map_orders", "name": "orders", "source": "src_orders",
                     "target": {"fields": [
                       {"id": "t_id", "name": "id", "type": "integer", "nullable": false, "key": true},
                       {"id": "t_name", "name": "name", "type": "text", "nullable": true, "key": false},
                       {"id": "t_share", "name": "share", "type": "decimal", "nullable": true, "key": false}
                     ]},
                     "fieldMappings": [
                       {"target": "t_id", "expression": "id"},
                       {"target": "t_name", "expression": "upper(name)"},
                       {"target": "t_share", "expression": "round(amount / (id - 7), 2)"}
                     ],
                     "maxRejectedPercent": 50.0,
                     "outputs": [
                       {"id": "out_csv", "connector": "csv", "settings": {"path": "out/orders.csv"}},
                       {"id": "out_h2", "connector": "jdbc", "settings": {"driver": "h2", "path": "out/warehouse", "table": "orders",
                        "mode": "replace", "user": "bob", "credentialKey": "warehouse/bob", "cipher": true,
                        "fileCredentialKey": "warehouse/file"}}
                     ]}
                  ]
                }
                """, StandardCharsets.UTF_8);
    }

    private static Map<String, String> secrets() {
        Map<String, String> env = new HashMap<>();
        env.put("MAPWRIGHT_SECRET_VAULT_ANN", USER_PASSWORD);
        env.put("MAPWRIGHT_SECRET_VAULT_FILE", FILE_PASSWORD);
        env.put("MAPWRIGHT_SECRET_WAREHOUSE_BOB", TARGET_PASSWORD);
        env.put("MAPWRIGHT_SECRET_WAREHOUSE_FILE", TARGET_FILE_PASSWORD);
        return env;
    }

    @Test
    void canaryPasswordsAppearNowhereAndTheTargetIsEncryptedWithItsOwnUser() throws Exception {
        List<Cli.Result> results = new ArrayList<>();
        Path out = work.resolve("run-out");
        Path report = work.resolve("report.json");
        Cli.Result run = runWatchingSockets(List.of("run", project.toString(), "--output", out.toString(), "--report", report.toString()));
        results.add(run);
        assertEquals(0, run.exit(), run.toString());
        assertTrue(Files.exists(out.resolve("rejects/orders.rejects.csv")), "the division by zero of id 7 is rejected");
        assertEquals(ROWS - 1, Files.readAllLines(out.resolve("out/orders.csv")).size() - 1);

        results.add(Cli.run(work, secrets(), Duration.ofMinutes(1), "validate", project.toString()));
        results.add(Cli.run(work, secrets(), Duration.ofMinutes(1), "preview", project.toString(), "--rows", "5"));
        results.add(Cli.run(work, secrets(), Duration.ofMinutes(1), "inspect", project.toString(), "--source", "orders", "--profile"));
        results.add(Cli.run(work, secrets(), Duration.ofMinutes(1), "inspect", project.toString(), "--source", "orders", "--format", "json"));
        for (Cli.Result r : results) {
            assertEquals(0, r.exit(), r.toString());
        }

        Map<String, String> wrong = secrets();
        wrong.put("MAPWRIGHT_SECRET_VAULT_ANN", WRONG_PASSWORD);
        Cli.Result wrongRun = Cli.run(work, wrong, Duration.ofMinutes(1), "run", project.toString(), "--output", work.resolve("wrong-out").toString());
        assertNotEquals(0, wrongRun.exit(), wrongRun.toString());
        assertTrue(wrongRun.err().contains("orders") || wrongRun.out().contains("orders"), "names what failed:\n" + wrongRun);
        Map<String, String> wrongFile = secrets();
        wrongFile.put("MAPWRIGHT_SECRET_WAREHOUSE_FILE", WRONG_PASSWORD);
        Cli.Result created = Cli.run(work, secrets(), Duration.ofMinutes(1), "run", project.toString(), "--output", work.resolve("wrong-file-out").toString());
        assertEquals(0, created.exit(), created.toString());
        results.add(created);
        Cli.Result wrongTarget = Cli.run(work, wrongFile, Duration.ofMinutes(1), "run", project.toString(), "--output",
                work.resolve("wrong-file-out").toString());
        assertNotEquals(0, wrongTarget.exit(), "a wrong file password cannot open the encrypted target:\n" + wrongTarget);
        Cli.Result missing = Cli.run(work, Map.of(), Duration.ofMinutes(1), "run", project.toString(), "--output", work.resolve("missing-out").toString());
        assertNotEquals(0, missing.exit(), missing.toString());
        assertTrue(missing.err().contains("credential key '"), "names the missing credential key:\n" + missing);
        results.add(wrongRun);
        results.add(wrongTarget);
        results.add(missing);

        for (Cli.Result r : results) {
            Cli.assertNoStackTrace(r);
            for (String canary : CANARIES) {
                assertFalse(r.all().contains(canary), "a password was printed:\n" + r);
            }
        }
        assertNoCanaryIn(project);
        assertNoCanaryIn(work);

        Path target = out.resolve("out/warehouse");
        Properties bob = new Properties();
        bob.setProperty("user", "bob");
        bob.setProperty("password", TARGET_FILE_PASSWORD + " " + TARGET_PASSWORD);
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + target + ";CIPHER=AES;IFEXISTS=TRUE", bob);
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM \"orders\"")) {
            rs.next();
            assertEquals(ROWS - 1, rs.getLong(1), "the target was written by user bob with his password");
        }
        Properties noPassword = new Properties();
        noPassword.setProperty("user", "bob");
        noPassword.setProperty("password", TARGET_FILE_PASSWORD + " ");
        assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:h2:file:" + target + ";CIPHER=AES;IFEXISTS=TRUE", noPassword).close(),
                "the target database needs bob's password");
        assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:h2:file:" + target + ";IFEXISTS=TRUE", "sa", "").close(),
                "the target database is encrypted");
        byte[] raw = Files.readAllBytes(out.resolve("out/warehouse.mv.db"));
        assertFalse(new String(raw, StandardCharsets.ISO_8859_1).contains("CUSTOMER 1"), "row values are not stored in plain text");
    }

    @Test
    void anExportedProjectHoldsNoSecret() throws Exception {
        Cli.Result help = Cli.run(work, "export", "--help");
        Assumptions.assumeTrue(help.exit() == 0 && help.out().contains("--to"),
                "this distribution has no 'mapwright export' command yet; the exported-project check is skipped");
        Path exported = work.resolve("exported");
        Cli.Result r = Cli.run(work, secrets(), Duration.ofMinutes(1), "export", project.toString(), "--to", exported.toString());
        Cli.assertNoStackTrace(r);
        assertEquals(0, r.exit(), r.toString());
        Cli.Result zip = Cli.run(work, secrets(), Duration.ofMinutes(1), "export", project.toString(), "--to", work.resolve("exported.zip").toString());
        assertEquals(0, zip.exit(), zip.toString());
        for (String canary : CANARIES) {
            assertFalse(r.all().contains(canary) || zip.all().contains(canary), "export printed a password");
        }
        assertNoCanaryIn(exported);
        assertNoCanaryIn(work.resolve("exported.zip"));
    }

    /** Runs with the secrets and polls the process's sockets until it exits: H2 must never listen. */
    private static Cli.Result runWatchingSockets(List<String> args) throws Exception {
        Path outFile = work.resolve("watched-out.txt");
        Path errFile = work.resolve("watched-err.txt");
        Process p = Cli.command(work, secrets(), args.toArray(String[]::new)).redirectOutput(outFile.toFile()).redirectError(errFile.toFile()).start();
        long start = System.nanoTime();
        List<String> listening = new ArrayList<>();
        boolean ssWorks = true;
        while (!p.waitFor(30, TimeUnit.MILLISECONDS)) {
            if (ssWorks) {
                try {
                    Process ss = new ProcessBuilder("ss", "-ltnpH").redirectErrorStream(true).start();
                    String text = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    ss.waitFor();
                    for (String line : text.split("\n")) {
                        if (line.contains("pid=" + p.pid() + ",")) {
                            listening.add(line);
                        }
                    }
                } catch (IOException e) {
                    ssWorks = false;
                }
            }
            if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(2)) {
                p.destroyForcibly();
                throw new AssertionError("run did not finish");
            }
        }
        assertTrue(listening.isEmpty(), "the run opened a listening socket: " + listening);
        Cli.Result r = new Cli.Result(p.exitValue(), Files.readString(outFile), Files.readString(errFile), Duration.ofNanos(System.nanoTime() - start));
        Files.delete(outFile);
        Files.delete(errFile);
        return r;
    }

    /** Searches every file (also inside zip archives, as bytes) for the canaries in UTF-8 and UTF-16. */
    private static void assertNoCanaryIn(Path root) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            if (f.toString().endsWith(".zip")) {
                try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(f))) {
                    for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                        checkBytes(f + "!" + e.getName(), zip.readAllBytes());
                    }
                }
            }
            checkBytes(f.toString(), bytes);
        }
    }

    private static void checkBytes(String where, byte[] bytes) {
        String latin = new String(bytes, StandardCharsets.ISO_8859_1);
        String utf16 = new String(bytes, StandardCharsets.UTF_16LE);
        String utf16b = bytes.length > 1 ? new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_16LE) : "";
        for (String canary : CANARIES) {
            assertFalse(latin.contains(canary) || utf16.contains(canary) || utf16b.contains(canary), "a password is stored in " + where);
        }
    }

    @Test
    void csvAndExcelOutputsNeutraliseFormulas() throws Exception {
        Path dir = work.resolve("formulas");
        Files.createDirectories(dir.resolve("data"));
        List<String> values = List.of("=HYPERLINK(\"http://evil.example\",\"click\")", "+1+1", "-2+3", "@SUM(A1:A9)", "\tTAB start",
                "\rCR start", "-12.5", "+7", "plain text", "a=b");
        StringBuilder csv = new StringBuilder("id,name,email,amount,quantity,day\n");
        for (int i = 0; i < values.size(); i++) {
            csv.append(i + 1).append(",\"").append(values.get(i).replace("\"", "\"\"")).append("\",e@x,1.00,1,2024-01-01\n");
        }
        Path source = Files.writeString(dir.resolve("data/orders.csv"), csv.toString(), StandardCharsets.UTF_8);
        Path p = Projects.ordersProject(dir.resolve("project"), source, null, List.of(Projects.csvOutput("out_csv", "out/orders.csv"),
                Projects.excelOutput("out_xlsx", "out/orders.xlsx")));
        Files.writeString(p.resolve("mapwright.json"), Files.readString(p.resolve("mapwright.json")).replace("upper(name)", "name"));
        Cli.Result r = Cli.run(work, "run", p.toString(), "-q");
        assertEquals(0, r.exit(), r.toString());

        List<String> csvNames = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(p.resolve("out/orders.csv"))) {
            for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                csvNames.add(rec.get("name"));
            }
        }
        List<String> xlsxNames = new ArrayList<>();
        try (InputStream in = Files.newInputStream(p.resolve("out/orders.xlsx")); Workbook wb = WorkbookFactory.create(in)) {
            Sheet s = wb.getSheetAt(0);
            int nameColumn = -1;
            for (Cell c : s.getRow(0)) {
                if (c.getStringCellValue().equals("name")) {
                    nameColumn = c.getColumnIndex();
                }
            }
            for (Row row : s) {
                for (Cell c : row) {
                    assertNotEquals(CellType.FORMULA, c.getCellType(), "no cell is a formula: " + c.getAddress());
                }
                if (row.getRowNum() > 0) {
                    xlsxNames.add(row.getCell(nameColumn).getStringCellValue());
                }
            }
        }
        assertEquals(values.size(), csvNames.size());
        assertEquals(values.size(), xlsxNames.size());
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            boolean formulaStart = "=+-@\t\r".indexOf(v.charAt(0)) >= 0;
            // Both writers follow one rule (FormulaText): text that is just a signed number is left
            // alone (a spreadsheet reads it as that number); every other formula start is prefixed.
            boolean dangerous = formulaStart && !v.matches("[-+][0-9]+(\\.[0-9]+)?");
            assertEquals(dangerous ? "'" + v : v, csvNames.get(i), "CSV value " + i + (dangerous ? " is neutralised" : " is unchanged"));
            assertEquals(dangerous ? "'" + v : v, xlsxNames.get(i), "Excel value " + i + (dangerous ? " is neutralised" : " is unchanged"));
        }
    }
}
