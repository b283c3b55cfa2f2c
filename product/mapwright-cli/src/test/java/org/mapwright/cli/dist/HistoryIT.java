package org.mapwright.cli.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The run history, lineage and documentation end to end: the assembled {@code bin/mapwright} runs
 * a copy of the sample project twice, recording into the project's {@code .mapwright/history} by
 * default, then shows the history, one run, its lineage and the project's documentation.
 */
class HistoryIT {

    private static final Path HOME = Path.of(System.getProperty("mapwright.cli.home", "target/mapwright-cli"));
    private static final Path REPO = Path.of(System.getProperty("mapwright.repo", "../.."));
    private static final Path SAMPLE = REPO.resolve("bundles/org.mapwright.app/sample-project");

    record Result(int exit, String out, String err) {
    }

    /** Runs the command with the user's default history setting (the build turns it off for other tests). */
    private static Result mapwright(Path workDir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(HOME.resolve("bin/mapwright").toAbsolutePath().toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("MAPWRIGHT_HISTORY");
        Path out = Files.createTempFile(workDir, "out", ".txt");
        Path err = Files.createTempFile(workDir, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("mapwright " + String.join(" ", args) + " did not finish");
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static Path copySample(Path to) throws IOException {
        try (Stream<Path> files = Files.walk(SAMPLE)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path rel = SAMPLE.relativize(f);
                if (rel.startsWith("out") || rel.startsWith("rejects") || rel.startsWith(".mapwright")) {
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
        return to;
    }

    @Test
    void twoRunsAreRecordedAndShownWithTrendsRulesAndDetails(@TempDir Path dir) throws Exception {
        Path project = copySample(dir.resolve("sample"));
        Result first = mapwright(dir, "run", project.toString(), "-q");
        assertEquals(0, first.exit(), first.out() + first.err());
        assertTrue(first.out().contains("history: recorded as run 1 (mapwright history --run 1)"), first.out());
        Result second = mapwright(dir, "run", project.toString(), "-q");
        assertEquals(0, second.exit(), second.out() + second.err());
        assertTrue(second.out().contains("history: recorded as run 2"), second.out());
        assertTrue(Files.isRegularFile(project.resolve(".mapwright/history.mv.db")), "the default store is in the project folder");

        Result history = mapwright(dir, "history", project.toString());
        assertEquals(0, history.exit(), history.err());
        List<String> lines = history.out().lines().toList();
        assertEquals("Customer onboarding (sample): 2 runs, newest first", lines.get(0));
        assertTrue(lines.get(3).startsWith("RUN  STARTED (UTC)"), history.out());
        assertTrue(lines.get(4).matches("  2  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d  succeeded  [0-9a-f]{12}    40       34         2      5\\.0%.*"),
                lines.get(4));
        assertTrue(lines.get(5).startsWith("  1  "), lines.get(5));
        assertTrue(history.out().contains("  rows written  ▄▄  34 → 34"), history.out());
        assertTrue(history.out().contains("  reject %      ▄▄  5.0% → 5.0%"), history.out());
        assertTrue(history.out().contains("customers: r_em2k8d4f not-null email (warn)"), history.out());

        Result json = mapwright(dir, "history", project.toString(), "--format", "json", "--limit", "1");
        assertEquals(0, json.exit(), json.err());
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertEquals(2, root.get("totalRuns").asInt());
        assertEquals(1, root.get("runs").size());
        assertEquals(2, root.get("runs").get(0).get("id").asInt());
        assertEquals("cli", root.get("runs").get(0).get("origin").asText());

        Result run = mapwright(dir, "history", project.toString(), "--run", "1");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().startsWith("Run 1 of Customer onboarding (sample): succeeded\n"), run.out());
        assertTrue(run.out().contains("  first rejects:\n    record "), "first reject reasons: " + run.out());

        Result off = mapwright(dir, "run", project.toString(), "-q", "--history", "off");
        assertEquals(0, off.exit(), off.err());
        assertTrue(!off.out().contains("history: recorded"), off.out());
        Result unknown = mapwright(dir, "history", project.toString(), "--run", "3");
        assertEquals(2, unknown.exit(), "the run with --history off was not recorded");
        assertTrue(unknown.err().contains("no run 3 of \"Customer onboarding (sample)\""), unknown.err());

        Result dry = mapwright(dir, "history", project.toString(), "--keep-last", "1", "--dry-run");
        assertEquals(0, dry.exit(), dry.err());
        assertTrue(dry.out().startsWith("would delete 1 run of \"Customer onboarding (sample)\""), dry.out());
        assertTrue(dry.out().contains("\n  run 1  "), dry.out());
        Result pruned = mapwright(dir, "history", project.toString(), "--keep-last", "1", "--format", "json");
        assertEquals(0, pruned.exit(), pruned.err());
        assertEquals(1, new ObjectMapper().readTree(pruned.out()).get("runs").get(0).get("id").asInt(), pruned.out());
        Result after = mapwright(dir, "history", project.toString(), "--format", "json");
        assertEquals(1, new ObjectMapper().readTree(after.out()).get("totalRuns").asInt(), "run 2 is kept");
        Result badDate = mapwright(dir, "history", project.toString(), "--keep-since", "yesterday");
        assertEquals(2, badDate.exit());
        assertTrue(badDate.err().contains("--keep-since: 'yesterday' is neither a date"), badDate.err());
    }

    @Test
    void lineageOfARecordedRunAndDocumentationAreWritten(@TempDir Path dir) throws Exception {
        Path project = copySample(dir.resolve("sample"));
        Path report = dir.resolve("report.json");
        Result run = mapwright(dir, "run", project.toString(), "-q", "--report", report.toString());
        assertEquals(0, run.exit(), run.out() + run.err());

        Path events = dir.resolve("lineage.json");
        Result lineage = mapwright(dir, "lineage", project.toString(), "--run", "1", "-o", events.toString());
        assertEquals(0, lineage.exit(), lineage.err());
        JsonNode e = new ObjectMapper().readTree(events.toFile()).get(0);
        assertEquals("COMPLETE", e.get("eventType").asText());
        assertEquals("Customer onboarding (sample)/customers", e.get("job").get("name").asText());
        assertEquals(34, e.get("outputs").get(0).get("outputFacets").get("outputStatistics").get("rowCount").asInt());
        assertTrue(e.get("outputs").get(0).get("facets").get("columnLineage").get("fields").has("full_name"));

        Result fromReport = mapwright(dir, "lineage", project.toString(), "--run-report", report.toString(), "--format", "jsonl");
        assertEquals(0, fromReport.exit(), fromReport.err());
        JsonNode same = new ObjectMapper().readTree(fromReport.out().lines().findFirst().orElseThrow());
        assertEquals(e.get("run").get("runId"), same.get("run").get("runId"), "the history and the report name the run alike");

        Path team = dir.resolve("team-history");
        Result elsewhere = mapwright(dir, "run", project.toString(), "-q", "--history", team.toString());
        assertEquals(0, elsewhere.exit(), elsewhere.err());
        assertTrue(Files.isRegularFile(team.resolve("history.mv.db")), "--history DIR records into DIR/history.mv.db");
        Result teamHistory = mapwright(dir, "history", project.toString(), "--history", team.toString(), "--format", "json");
        assertEquals(1, new ObjectMapper().readTree(teamHistory.out()).get("totalRuns").asInt(), teamHistory.err());

        Path docs = dir.resolve("docs");
        Result written = mapwright(dir, "docs", project.toString(), "-o", docs.toString());
        assertEquals(0, written.exit(), written.err());
        String page = Files.readString(docs.resolve("index.md"));
        assertTrue(page.startsWith("# Customer onboarding (sample)\n"), page);
        assertTrue(page.contains("![Diagram of mapping customers](mapping-customers.svg)"), page);
        assertTrue(Files.readString(docs.resolve("mapping-customers.svg")).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "));
    }
}
