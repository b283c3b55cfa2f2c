package org.mapwright.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.mapwright.engine.Reject;
import org.mapwright.engine.RunReport;
import org.mapwright.engine.RunReport.MappingReport;
import org.mapwright.engine.RunReport.OutputReport;
import org.mapwright.engine.RunReport.RuleReport;
import org.mapwright.engine.RunStatus;

/** Paths, golden-file comparison and sample reports shared by the monitoring tests. */
public final class Fixtures {

    /** {@code -Dmapwright.regenerate=true} rewrites the golden files from the current code. */
    public static final boolean REGENERATE = Boolean.getBoolean("mapwright.regenerate");

    private Fixtures() {
    }

    /** @return the repository root (system property {@code mapwright.repo}) */
    public static Path repo() {
        String repo = System.getProperty("mapwright.repo");
        if (repo == null) {
            fail("system property mapwright.repo is not set (the repository root)");
        }
        return Path.of(repo);
    }

    /** @return this fragment's data folder (system property {@code mapwright.testdata}) */
    public static Path testdata() {
        String data = System.getProperty("mapwright.testdata");
        if (data == null) {
            fail("system property mapwright.testdata is not set (the test fragment's data folder)");
        }
        return Path.of(data);
    }

    /** @return the workbench's sample project, read in place (tests never write into it) */
    public static Path sampleProject() {
        return repo().resolve("bundles/org.mapwright.app/sample-project");
    }

    /** @return the project folder of a golden case of the runtime tests */
    public static Path goldenProject(String name) {
        return repo().resolve("bundles/org.mapwright.runtime.tests/data/golden").resolve(name).resolve("project");
    }

    /** Compares {@code actual} with a golden file, or rewrites the file when regenerating. */
    public static void assertGolden(Path expected, String actual) throws IOException {
        if (REGENERATE) {
            Files.createDirectories(expected.getParent());
            Files.writeString(expected, actual, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(expected)) {
            fail(expected + " is missing (run with -Dmapwright.regenerate=true and review it)");
        }
        assertEquals(Files.readString(expected, StandardCharsets.UTF_8), actual,
                expected + " differs (regenerate with -Dmapwright.regenerate=true and review the diff)");
    }

    /** Copies a folder tree. */
    public static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    /**
     * A report with two mappings and everything a report can hold, with whole-millisecond
     * durations and whole-microsecond times (what the history keeps).
     */
    public static RunReport report(String project, Instant start, long read, long written, long rejected, long violations) {
        Instant end = start.plusMillis(1500);
        MappingReport first = new MappingReport("m_orders", "orders", RunStatus.SUCCEEDED, read, written, rejected, read - written - rejected, 0,
                12_345, Duration.ofMillis(1200),
                List.of(new RuleReport("r_email", "not-null", "email", "reject", violations),
                        new RuleReport("r_amount", "range", "amount", "warn", 0)),
                List.of(new OutputReport("o_csv", "csv", "csv out/orders.csv"), new OutputReport("o_db", "jdbc", "jdbc h2 out/db, table orders (replace)")),
                rejected > 0 ? "/tmp/out/rejects/orders.rejects.csv" : null, List.of("duplicate key 'x' in lookup countries"),
                rejected > 0 ? List.of(new Reject(3, "orders.csv", 4, "amount", "bad-value", "'12x' is not a decimal number", null),
                        new Reject(7, "orders.csv", -1, "email", "r_email", "email is empty", null)) : List.of(),
                null);
        MappingReport second = new MappingReport("m_totals", "totals", RunStatus.SUCCEEDED, 10, 4, 0, 0, 6, -1, Duration.ofMillis(250),
                List.of(), List.of(new OutputReport("o_json", "json", "json out/totals.json")), null, List.of(), List.of(), null);
        return new RunReport(project, RunStatus.SUCCEEDED, start, end, null, List.of(first, second));
    }
}
