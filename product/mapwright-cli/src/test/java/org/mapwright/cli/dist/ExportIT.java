package org.mapwright.cli.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exports the workbench's sample project with the assembled {@code bin/mapwright export}, unpacks
 * it as an operator would, and runs the export's own {@code bin/mapwright-run} in a fresh JVM.
 */
class ExportIT {

    private static final Path HOME = Path.of(System.getProperty("mapwright.cli.home", "target/mapwright-cli"));
    private static final Path REPO = Path.of(System.getProperty("mapwright.repo", "../.."));
    private static final Path SAMPLE = REPO.resolve("bundles/org.mapwright.app/sample-project");
    private static final Path EXPECTED = Path.of("src/test/resources/sample-expected");

    record Result(int exit, String out, String err) {
    }

    /** Runs a command with JAVA_HOME set to this JVM's Java and the given extra environment. */
    static Result exec(Path workDir, Map<String, String> env, List<String> cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().keySet().removeIf(k -> k.startsWith("MAPWRIGHT_PARAM_") || k.startsWith("MAPWRIGHT_SECRET_"));
        pb.environment().putAll(env);
        Path out = Files.createTempFile(workDir, "out", ".txt");
        Path err = Files.createTempFile(workDir, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + " did not finish");
        }
        Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    static Result mapwright(Path workDir, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(HOME.resolve("bin/mapwright").toAbsolutePath().toString());
        cmd.addAll(List.of(args));
        return exec(workDir, env, cmd);
    }

    static Result mapwrightRun(Path export, Path workDir, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(export.resolve("bin/mapwright-run").toString());
        cmd.addAll(List.of(args));
        return exec(workDir, env, cmd);
    }

    /** Unpacks with java.util.zip into an empty folder, restoring the Unix modes the archive records. */
    static void unzip(Path zip, Path to) throws IOException {
        Files.createDirectories(to);
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = z.getNextEntry()) != null) {
                Path target = to.resolve(e.getName()).normalize();
                assertTrue(target.startsWith(to), "entry stays inside the folder: " + e.getName());
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(z, target);
                }
            }
        }
        // java.util.zip does not expose Unix modes; the zip file system does
        try (FileSystem fs = FileSystems.newFileSystem(URI.create("jar:" + zip.toUri()), Map.of("enablePosixFileAttributes", "true"))) {
            for (String f : files(to)) {
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(fs.getPath(f));
                Files.setPosixFilePermissions(to.resolve(f), mode);
            }
        }
    }

    static List<String> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    static void copy(Path from, Path to) throws IOException {
        CommandLineIT.copy(from, to);
    }

    /** @return a copy of the sample's customers file without the records of the given ids */
    static Path customersWithout(Path dir, Set<String> ids) throws IOException {
        List<String> kept = new ArrayList<>();
        for (String line : Files.readAllLines(SAMPLE.resolve("data/customers.csv"), StandardCharsets.UTF_8)) {
            if (ids.stream().noneMatch(id -> line.startsWith(id + ","))) {
                kept.add(line);
            }
        }
        Path f = dir.resolve("fewer-customers.csv");
        Files.write(f, kept, StandardCharsets.UTF_8);
        return f;
    }

    /** @return the expected sample output without the rows of the given customer ids */
    static String expectedWithout(Set<String> ids) throws IOException {
        StringBuilder b = new StringBuilder();
        for (String line : Files.readAllLines(EXPECTED.resolve("customers.csv"), StandardCharsets.UTF_8)) {
            if (ids.stream().noneMatch(id -> line.startsWith(id + ","))) {
                b.append(line).append('\n');
            }
        }
        return b.toString();
    }

    @Test
    void exportedZipVerifiesAndRunsTheSampleWithParameters(@TempDir Path dir) throws Exception {
        Path zip = dir.resolve("sample.zip");
        Result export = mapwright(dir, Map.of(), "export", SAMPLE.toAbsolutePath().toString(), "--to", zip.toString());
        assertEquals(0, export.exit(), export.out() + export.err());
        assertTrue(export.out().contains("customers.path = data/customers.csv"), export.out());

        Path home = dir.resolve("unpacked");
        unzip(zip, home);
        List<String> files = files(home);
        assertTrue(files.containsAll(List.of("README.md", "SHA256SUMS", "bin/mapwright-run", "bin/mapwright-run.bat",
                "project/mapwright.json", "project/data/customers.csv", "project/data/countries.csv")), files.toString());
        assertTrue(files.stream().anyMatch(f -> f.startsWith("lib/org.mapwright.engine")), files.toString());
        assertTrue(files.stream().noneMatch(f -> f.contains("swt") || f.contains("jface") || f.contains("e4.ui")), files.toString());
        assertTrue(files.stream().noneMatch(f -> f.startsWith("project/out") || f.startsWith("project/rejects")), "no outputs exported");
        assertTrue(Files.isExecutable(home.resolve("bin/mapwright-run")), "the archive keeps the launcher executable");

        TreeSet<String> listed = new TreeSet<>();
        for (String line : Files.readAllLines(home.resolve("SHA256SUMS"), StandardCharsets.UTF_8)) {
            String[] parts = line.split("  ", 2);
            assertEquals(sha256(home.resolve(parts[1])), parts[0], "checksum of " + parts[1]);
            listed.add(parts[1]);
        }
        TreeSet<String> all = new TreeSet<>(files);
        all.remove("SHA256SUMS");
        assertEquals(all, listed, "SHA256SUMS lists every other file");
        if (Files.isExecutable(Path.of("/usr/bin/sha256sum"))) {
            Result check = exec(home, Map.of(), List.of("/usr/bin/sha256sum", "--quiet", "-c", "SHA256SUMS"));
            assertEquals(0, check.exit(), check.out() + check.err());
        }
        String readme = Files.readString(home.resolve("README.md"));
        assertTrue(readme.contains("`customers.path` | `MAPWRIGHT_PARAM_CUSTOMERS_PATH` | `data/customers.csv`"), readme);

        Path work = Files.createDirectories(dir.resolve("work"));
        Path out = dir.resolve("run1");
        Result run = mapwrightRun(home, work, Map.of(), "--output", out.toString(), "--report", dir.resolve("report.json").toString());
        assertEquals(0, run.exit(), run.out() + run.err());
        assertEquals(Files.readString(EXPECTED.resolve("customers.csv"), StandardCharsets.UTF_8),
                Files.readString(out.resolve("out/customers.csv"), StandardCharsets.UTF_8));
        assertEquals(Files.readString(EXPECTED.resolve("customers.rejects.csv"), StandardCharsets.UTF_8),
                Files.readString(out.resolve("rejects/customers.rejects.csv"), StandardCharsets.UTF_8));
        assertTrue(Files.readString(dir.resolve("report.json")).contains("\"status\": \"succeeded\""));

        Set<String> removed = Set.of("1", "2");
        Path fewer = customersWithout(dir, removed);
        Path out2 = dir.resolve("run2");
        Result withParam = mapwrightRun(home, work, Map.of(), "--output", out2.toString(), "--param", "customers.path=" + fewer);
        assertEquals(0, withParam.exit(), withParam.out() + withParam.err());
        assertEquals(expectedWithout(removed), Files.readString(out2.resolve("out/customers.csv"), StandardCharsets.UTF_8));

        Path out3 = dir.resolve("run3");
        Result fromEnv = mapwrightRun(home, work, Map.of("MAPWRIGHT_PARAM_CUSTOMERS_PATH", fewer.toString()), "--output", out3.toString());
        assertEquals(0, fromEnv.exit(), fromEnv.out() + fromEnv.err());
        assertEquals(expectedWithout(removed), Files.readString(out3.resolve("out/customers.csv"), StandardCharsets.UTF_8));

        Path out4 = dir.resolve("run4");
        Result cliWins = mapwrightRun(home, work, Map.of("MAPWRIGHT_PARAM_CUSTOMERS_PATH", "/no/such/file.csv"),
                "--output", out4.toString(), "--param", "customers.path=" + fewer);
        assertEquals(0, cliWins.exit(), cliWins.out() + cliWins.err());
        assertEquals(expectedWithout(removed), Files.readString(out4.resolve("out/customers.csv"), StandardCharsets.UTF_8));
    }

    @Test
    void unknownParameterStopsTheExportedRunWithExitCode2(@TempDir Path dir) throws Exception {
        Path home = dir.resolve("export");
        Result export = mapwright(dir, Map.of(), "export", SAMPLE.toAbsolutePath().toString(), "--to", home.toString());
        assertEquals(0, export.exit(), export.out() + export.err());
        Result r = mapwrightRun(home, dir, Map.of(), "--output", dir.resolve("out").toString(), "--param", "custmers.path=x.csv");
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("unknown parameter 'custmers.path'") && r.err().contains("customers.path"), r.err());
        assertFalse(Files.exists(dir.resolve("out")), "nothing ran");
    }

    @Test
    void secretsNeverReachTheExport(@TempDir Path dir) throws Exception {
        Path project = dir.resolve("with-key");
        copy(SAMPLE, project);
        Path file = project.resolve("mapwright.json");
        String json = Files.readString(file);
        assertTrue(json.contains("\"driver\": \"h2\","));
        Files.writeString(file, json.replace("\"driver\": \"h2\",", "\"credentialKey\": \"warehouse\",\n            \"driver\": \"h2\","));
        String canary = "canary-" + UUID.randomUUID();
        Map<String, String> env = Map.of("MAPWRIGHT_SECRET_WAREHOUSE", canary);

        Path zip = dir.resolve("with-key.zip");
        Result export = mapwright(dir, env, "export", project.toString(), "--to", zip.toString());
        assertEquals(0, export.exit(), export.out() + export.err());
        assertTrue(export.out().contains("MAPWRIGHT_SECRET_WAREHOUSE"), export.out());
        Path home = dir.resolve("unpacked");
        unzip(zip, home);
        Result run = mapwrightRun(home, dir, env);
        assertEquals(0, run.exit(), run.out() + run.err());
        assertTrue(Files.exists(home.resolve("project/out/warehouse.mv.db")), "the run wrote its database inside the export");
        Result wrongSecret = mapwrightRun(home, dir, Map.of("MAPWRIGHT_SECRET_WAREHOUSE", "not-" + canary));
        assertEquals(1, wrongSecret.exit(), "the database was created with the secret: " + wrongSecret.out() + wrongSecret.err());

        byte[] secret = canary.getBytes(StandardCharsets.UTF_8);
        for (String f : files(home)) {
            assertFalse(contains(Files.readAllBytes(home.resolve(f)), secret), "secret found in " + f);
        }
        assertFalse(contains(Files.readAllBytes(zip), secret), "secret found in the archive");
        assertTrue(Files.readString(home.resolve("README.md")).contains("`warehouse` | `MAPWRIGHT_SECRET_WAREHOUSE`"));
    }

    @Test
    void settingThatLooksLikeAPasswordIsRefused(@TempDir Path dir) throws Exception {
        Path project = dir.resolve("with-password");
        copy(SAMPLE, project);
        Path file = project.resolve("mapwright.json");
        Files.writeString(file, Files.readString(file).replace("\"driver\": \"h2\",", "\"password\": \"hunter2\",\n            \"driver\": \"h2\","));
        Path target = dir.resolve("export.zip");
        Result r = mapwright(dir, Map.of(), "export", project.toString(), "--to", target.toString());
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("refusing to export") && r.err().contains("'password'"), r.err());
        assertFalse(r.err().contains("hunter2"), "the message does not repeat the secret");
        assertFalse(Files.exists(target));
        try (Stream<Path> s = Files.list(dir)) {
            assertTrue(s.noneMatch(f -> f.getFileName().toString().startsWith(".")), "no temporary files left");
        }
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (haystack[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
