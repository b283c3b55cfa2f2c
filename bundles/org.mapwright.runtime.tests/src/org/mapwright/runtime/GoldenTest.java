package org.mapwright.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mapwright.core.connector.CredentialStore;
import org.mapwright.core.io.ProjectIO;
import org.mapwright.engine.EngineLimits;
import org.mapwright.engine.Problem;
import org.mapwright.engine.RunReport;

/**
 * Golden tests: every folder {@code data/golden/NNNN-name/} holds a project ({@code project/}
 * with its {@code mapwright.json} and input files) and the files a run must produce
 * ({@code expected/}). Each case runs through {@link MapwrightRuntime#run}, the code path of
 * {@code mapwright run}, into a fresh output folder; every produced file must equal its expected
 * file byte for byte, and no file may be missing or extra. Besides the outputs and rejects, the
 * harness writes {@code run-summary.txt} (status and row accounting per mapping, without timings)
 * or, for an invalid project, {@code problems.txt}.
 *
 * <p>Office files ({@code .xlsx}) are zip archives whose {@code docProps/core.xml} records the
 * time of writing, so for them the harness compares every archive entry byte for byte after
 * blanking the {@code dcterms:created}/{@code dcterms:modified} values; everything else is compared
 * as raw bytes.
 *
 * <p>A project file {@code <name>.h2.sql} is a database fixture: the case then runs on a copy of
 * {@code project/} in which that script has created the H2 database {@code <name>} (so
 * {@code <name>.mv.db}), which the project reads with the jdbc connector ({@code "path": "<name>"}).
 * Binary database files stay out of the repository and the script documents the data.
 *
 * <p>Run with {@code -Dmapwright.regenerate=true} to replace the expected files with what the
 * current code produces (then review the diff before committing it).
 */
class GoldenTest {

    private static final boolean REGENERATE = Boolean.getBoolean("mapwright.regenerate");

    static Path goldenFolder() {
        String data = System.getProperty("mapwright.testdata");
        if (data == null) {
            fail("system property mapwright.testdata is not set (the test fragment's data folder)");
        }
        return Path.of(data).resolve("golden");
    }

    static List<Path> cases() throws IOException {
        try (Stream<Path> s = Files.list(goldenFolder())) {
            return s.filter(p -> Files.isDirectory(p.resolve("project"))).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyGoldenCaseProducesExactlyTheExpectedFiles() throws IOException {
        List<Path> cases = cases();
        assertFalse(cases.isEmpty(), "no golden cases under " + goldenFolder());
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> runCase(c, false)));
    }

    /**
     * The same cases with a memory budget of one row, so every join and aggregation spills to
     * disk: the files must not change; only the run summary gains the spill warnings.
     */
    @TestFactory
    Stream<DynamicTest> everyGoldenCaseGivesTheSameFilesWhenJoinsAndAggregationsSpill() throws IOException {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> runCase(c, true)));
    }

    @TestFactory
    Stream<DynamicTest> goldenProjectsAreInCanonicalFormat() throws IOException {
        ProjectIO io = new ProjectIO();
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> {
            Path file = c.resolve("project").resolve(ProjectIO.FILE_NAME);
            String text = Files.readString(file, StandardCharsets.UTF_8);
            assertEquals(text, io.toJson(io.read(file)), file + " is not what ProjectIO writes for it");
        }));
    }

    /**
     * @return the project folder to run: the case's own, or a copy in {@code work} with the H2
     *         databases of its {@code *.h2.sql} scripts created
     */
    private static Path prepareProject(Path caseDir, Path work) throws IOException, java.sql.SQLException {
        Path project = caseDir.resolve("project");
        List<Path> scripts;
        try (Stream<Path> s = Files.list(project)) {
            scripts = s.filter(p -> p.getFileName().toString().endsWith(".h2.sql")).sorted().toList();
        }
        if (scripts.isEmpty()) {
            return project;
        }
        Path copy = work.resolve("project");
        copyTree(project, copy);
        for (Path script : scripts) {
            String name = script.getFileName().toString();
            Path db = copy.resolve(name.substring(0, name.length() - ".h2.sql".length()));
            java.util.Properties props = new java.util.Properties();
            props.setProperty("user", "sa");
            try (java.sql.Connection c = new org.h2.Driver().connect("jdbc:h2:file:" + db.toAbsolutePath(), props);
                    java.sql.Statement st = c.createStatement()) {
                st.execute("RUNSCRIPT FROM '" + copy.resolve(name).toAbsolutePath().toString().replace("'", "''") + "' CHARSET 'UTF-8'");
            }
        }
        return copy;
    }

    private static void runCase(Path caseDir, boolean spill) throws Exception {
        Path out = Files.createTempDirectory("mapwright-golden-");
        Path work = Files.createTempDirectory("mapwright-golden-project-");
        try {
            Path project = prepareProject(caseDir, work);
            MapwrightRuntime runtime;
            if (spill) {
                // the runtime reads the budget when it is built, as the command line's does
                System.setProperty(EngineLimits.MEMORY_ROWS_PROPERTY, "1");
                System.setProperty(EngineLimits.SPILL_DIRECTORY_PROPERTY, work.resolve("spill").toString());
            }
            try {
                runtime = new MapwrightRuntime(StandardConnectors.registry(), CredentialStore.NONE,
                        Clock.fixed(Instant.parse("2024-06-01T12:00:00Z"), ZoneOffset.UTC));
            } finally {
                System.clearProperty(EngineLimits.MEMORY_ROWS_PROPERTY);
                System.clearProperty(EngineLimits.SPILL_DIRECTORY_PROPERTY);
            }
            try {
                RunReport report = runtime.run(project, RunOptions.defaults().withOutputDirectory(out));
                String summary = summary(report);
                if (spill) {
                    String name = caseDir.getFileName().toString();
                    if (name.contains("join") || name.contains("aggregation")) {
                        assertTrue(summary.contains("(memoryRows)"), name + " spills with a budget of one row:\n" + summary);
                    }
                    summary = summary.lines().filter(l -> !l.contains("(memoryRows)")).map(l -> l + "\n")
                            .reduce("", String::concat);
                }
                Files.writeString(out.resolve("run-summary.txt"), summary, StandardCharsets.UTF_8);
            } catch (InvalidProjectException e) {
                StringBuilder b = new StringBuilder(e.getMessage().replace(caseDir.toString(), "<case>")
                        .replace(work.toString(), "<case>")).append('\n');
                for (Problem p : e.problems()) {
                    b.append(p).append('\n');
                }
                Files.writeString(out.resolve("problems.txt"), b.toString(), StandardCharsets.UTF_8);
            }
            Path expected = caseDir.resolve("expected");
            if (spill && Files.isDirectory(work.resolve("spill"))) {
                try (Stream<Path> left = Files.list(work.resolve("spill"))) {
                    assertEquals(List.of(), left.toList(), "spill files are deleted after the run");
                }
            }
            if (REGENERATE && !spill) {
                deleteTree(expected);
                copyTree(out, expected);
                return;
            }
            List<String> differences = compare(out, expected);
            if (!differences.isEmpty()) {
                fail(caseDir.getFileName() + (spill ? " (spilling)" : "") + ": " + differences.size() + " difference(s) with expected/ "
                        + "(regenerate with -Dmapwright.regenerate=true and review):\n  " + String.join("\n  ", differences));
            }
        } finally {
            deleteTree(out);
            deleteTree(work);
        }
    }

    /** @return the report without timings, so it can be compared exactly */
    static String summary(RunReport report) {
        StringBuilder b = new StringBuilder();
        b.append("status: ").append(report.status().id()).append('\n');
        if (report.error() != null) {
            b.append("error: ").append(report.error()).append('\n');
        }
        for (RunReport.MappingReport m : report.mappings()) {
            b.append("mapping ").append(m.name()).append(": ").append(m.status().id())
                    .append(" read=").append(m.rowsRead()).append(" written=").append(m.rowsWritten())
                    .append(" rejected=").append(m.rowsRejected()).append(" filtered=").append(m.rowsFiltered())
                    .append(" merged=").append(m.rowsMerged()).append('\n');
            for (RunReport.RuleReport r : m.rules()) {
                b.append("  rule ").append(r.ruleId()).append(" (").append(r.kind()).append(' ').append(r.field())
                        .append(", ").append(r.action()).append("): ").append(r.violations()).append('\n');
            }
            for (String w : m.warnings()) {
                b.append("  warning: ").append(w).append('\n');
            }
            if (!m.accountingHolds()) {
                b.append("  ACCOUNTING BROKEN: read != written + rejected + filtered + merged\n");
            }
        }
        return b.toString();
    }

    private static List<String> compare(Path actual, Path expected) throws IOException {
        TreeSet<String> names = new TreeSet<>(files(actual));
        List<String> expectedFiles = Files.isDirectory(expected) ? files(expected) : List.of();
        names.addAll(expectedFiles);
        List<String> out = new ArrayList<>();
        for (String name : names) {
            Path a = actual.resolve(name);
            Path e = expected.resolve(name);
            if (!Files.exists(a)) {
                out.add("missing: " + name);
            } else if (!Files.exists(e)) {
                out.add("unexpected: " + name);
            } else {
                if (name.endsWith(".xlsx")) {
                    String d = zipDifference(e, a);
                    if (d != null) {
                        out.add("differs: " + name + " " + d);
                    }
                    continue;
                }
                byte[] ab = Files.readAllBytes(a);
                byte[] eb = Files.readAllBytes(e);
                if (!Arrays.equals(ab, eb)) {
                    out.add("differs: " + name + firstDifference(new String(eb, StandardCharsets.UTF_8), new String(ab, StandardCharsets.UTF_8)));
                }
            }
        }
        return out;
    }

    /** @return how two zip archives differ in entry names or contents (write times masked), or null */
    private static String zipDifference(Path expected, Path actual) throws IOException {
        Map<String, String> e = zipEntries(expected);
        Map<String, String> a = zipEntries(actual);
        if (!e.keySet().equals(a.keySet())) {
            return "(entries " + a.keySet() + " instead of " + e.keySet() + ")";
        }
        for (String entry : e.keySet()) {
            if (!e.get(entry).equals(a.get(entry))) {
                return "(entry " + entry + firstDifference(e.get(entry), a.get(entry)) + ")";
            }
        }
        return null;
    }

    private static Map<String, String> zipEntries(Path zip) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(file.entries())) {
                String text;
                try (var in = file.getInputStream(entry)) {
                    text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                }
                if (entry.getName().equals("docProps/core.xml")) {
                    text = text.replaceAll("(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)", "$1$3");
                }
                out.put(entry.getName(), text);
            }
        }
        return out;
    }

    private static String firstDifference(String expected, String actual) {
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        for (int i = 0; i < Math.max(e.length, a.length); i++) {
            String el = i < e.length ? e[i] : "<end of file>";
            String al = i < a.length ? a[i] : "<end of file>";
            if (!el.equals(al)) {
                return " at line " + (i + 1) + ": expected [" + el + "] but was [" + al + "]";
            }
        }
        return " (line ends or encoding)";
    }

    private static List<String> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        for (String name : files(from)) {
            Path target = to.resolve(name);
            Files.createDirectories(target.getParent());
            Files.copy(from.resolve(name), target);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
