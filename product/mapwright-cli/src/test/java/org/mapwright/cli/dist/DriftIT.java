package org.mapwright.cli.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schema drift and project diffs end to end: the assembled {@code bin/mapwright} on a copy of the
 * sample project whose CSV header was renamed, as a CI job or scheduler would run it.
 */
class DriftIT {

    private static final Path HOME = Path.of(System.getProperty("mapwright.cli.home", "target/mapwright-cli"));
    private static final Path REPO = Path.of(System.getProperty("mapwright.repo", "../.."));
    private static final Path SAMPLE = REPO.resolve("bundles/org.mapwright.app/sample-project");

    record Result(int exit, String out, String err) {
    }

    private static Result run(Path workDir, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Path out = Files.createTempFile(workDir, "out", ".txt");
        Path err = Files.createTempFile(workDir, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish");
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static Result mapwright(Path workDir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(HOME.resolve("bin/mapwright").toAbsolutePath().toString());
        cmd.addAll(List.of(args));
        return run(workDir, cmd);
    }

    private static Path copySample(Path to) throws IOException {
        try (Stream<Path> files = Files.walk(SAMPLE)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path rel = SAMPLE.relativize(f);
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
        return to;
    }

    /** Renames the email column of the sample's customers file. */
    private static void renameEmailColumn(Path project) throws IOException {
        Path csv = project.resolve("data/customers.csv");
        String text = Files.readString(csv, StandardCharsets.UTF_8);
        int nl = text.indexOf('\n');
        Files.writeString(csv, text.substring(0, nl).replace(",email,", ",e_mail,") + text.substring(nl), StandardCharsets.UTF_8);
    }

    @Test
    void aRenamedCsvHeaderIsFoundProposedAndRebased(@TempDir Path dir) throws Exception {
        Path project = copySample(dir.resolve("project"));
        renameEmailColumn(project);

        Result drift = mapwright(dir, "drift", project.toString());
        assertEquals(1, drift.exit(), "drift breaks the email mapping: " + drift.out() + drift.err());
        assertTrue(drift.out().contains("renamed email → e_mail"), drift.out());
        assertTrue(drift.out().contains("lower(email) → lower(e_mail)"), "the proposal shows its rewrite: " + drift.out());

        Result json = mapwright(dir, "drift", project.toString(), "--format", "json");
        assertEquals(1, json.exit());
        assertTrue(json.out().startsWith("{\n  \"formatVersion\": 1,"), json.out());
        assertTrue(json.out().contains("\"breaking\": true"), json.out());

        Result apply = mapwright(dir, "drift", project.toString(), "--apply-renames");
        assertEquals(0, apply.exit(), apply.out() + apply.err());
        assertTrue(apply.out().contains("rewrote  mapping customers, field email: lower(email) → lower(e_mail)"), apply.out());
        assertTrue(apply.out().contains("wrote "), apply.out());

        Result validate = mapwright(dir, "validate", project.toString());
        assertEquals(0, validate.exit(), validate.out() + validate.err());
        assertEquals(0, mapwright(dir, "drift", project.toString()).exit(), "no drift left");
        Result runAfter = mapwright(dir, "run", project.toString(), "--output", dir.resolve("out").toString(), "--quiet");
        assertEquals(0, runAfter.exit(), runAfter.out() + runAfter.err());
        assertTrue(Files.readString(dir.resolve("out/out/customers.csv")).contains("kira.dubois@example.com"),
                "the renamed column is read again");
    }

    @Test
    void aBaselineFromAnEarlierInspectRecognisesAColumnRenamedBeyondRecognitionByItsValues(@TempDir Path dir) throws Exception {
        Path project = copySample(dir.resolve("project"));
        Result inspect = mapwright(dir, "inspect", project.toString(), "--source", "customers", "--format", "json", "--profile");
        assertEquals(0, inspect.exit(), inspect.err());
        Path baseline = Files.writeString(dir.resolve("customers-before.json"), inspect.out());
        Path csv = project.resolve("data/customers.csv");
        String text = Files.readString(csv, StandardCharsets.UTF_8);
        int nl = text.indexOf('\n');
        Files.writeString(csv, text.substring(0, nl).replace(",email,", ",reach_at,") + text.substring(nl), StandardCharsets.UTF_8);

        Result blind = mapwright(dir, "drift", project.toString(), "--format", "json");
        assertFalse(blind.out().contains("recognised by its values"), blind.out());

        Result seeing = mapwright(dir, "drift", project.toString(), "--baseline", baseline.toString(), "--apply-renames");
        assertTrue(seeing.out().contains("recognised by its values"), seeing.out() + seeing.err());
        assertTrue(seeing.out().contains("lower(email) → lower(reach_at)"), "rebased at the default confidence 0.8: " + seeing.out());

        Result wrong = mapwright(dir, "drift", project.toString(), "--baseline", csv.toString());
        assertEquals(2, wrong.exit(), wrong.err());
        assertTrue(wrong.err().contains("customers.csv: not the JSON output of mapwright inspect"), wrong.err());
    }

    @Test
    void aHighConfidenceThresholdLeavesTheRenameForAPerson(@TempDir Path dir) throws Exception {
        Path project = copySample(dir.resolve("project"));
        Path header = project.resolve("data/customers.csv");
        String text = Files.readString(header, StandardCharsets.UTF_8);
        Files.writeString(header, text.replaceFirst(",quantity,", ",qty,"), StandardCharsets.UTF_8);

        Result apply = mapwright(dir, "drift", project.toString(), "--apply-renames", "--min-confidence", "0.99");
        assertEquals(1, apply.exit(), "the filter and the total still read quantity: " + apply.out());
        assertTrue(apply.out().contains("skipped  renamed quantity → qty"), apply.out());
        assertEquals(2, mapwright(dir, "validate", project.toString()).exit(), "nothing was lost silently");
        assertEquals(2, mapwright(dir, "drift", project.toString(), "--min-confidence", "0.5").exit(), "usage");
    }

    @Test
    void diffComparesTwoVersionsByMeaning(@TempDir Path dir) throws Exception {
        Path before = copySample(dir.resolve("before"));
        Path after = copySample(dir.resolve("after"));
        renameEmailColumn(after);
        assertEquals(0, mapwright(dir, "drift", after.toString(), "--apply-renames").exit());

        Result same = mapwright(dir, "diff", before.toString(), before.resolve("mapwright.json").toString());
        assertEquals(0, same.exit(), same.out() + same.err());
        Result diff = mapwright(dir, "diff", before.toString(), after.toString());
        assertEquals(1, diff.exit(), diff.out() + diff.err());
        assertTrue(diff.out().contains("~ field e_mail (f_c9d4h6jd) renamed: email → e_mail"), diff.out());
        assertTrue(diff.out().contains("~ field mapping email changed: lower(email) → lower(e_mail)"), diff.out());
        Result json = mapwright(dir, "diff", before.toString(), after.toString(), "--format", "json");
        assertTrue(json.out().contains("\"equal\": false"), json.out());
        assertEquals(2, mapwright(dir, "diff", before.toString()).exit(), "usage");
        assertEquals(2, mapwright(dir, "diff", before.toString(), dir.resolve("missing").toString()).exit());
    }

    @Test
    void diffReadsAVersionFromGit(@TempDir Path dir) throws Exception {
        Path project = copySample(dir.resolve("repo"));
        assumeTrue(run(dir, List.of("git", "--version")).exit() == 0, "git is installed");
        assertEquals(0, run(project, List.of("git", "init", "-q")).exit());
        assertEquals(0, run(project, List.of("git", "add", "mapwright.json")).exit());
        Result commit = run(project, List.of("git", "-c", "user.name=Mapwright", "-c", "user.email=ci@mapwright.invalid", "commit", "-q",
                "-m", "sample"));
        assertEquals(0, commit.exit(), commit.err());
        Path file = project.resolve("mapwright.json");
        Files.writeString(file, Files.readString(file).replace("\"quantity > 0\"", "\"quantity > 1\""));

        Result diff = mapwright(dir, "diff", "git:HEAD:" + project, project.toString());
        assertEquals(1, diff.exit(), diff.out() + diff.err());
        assertTrue(diff.out().contains("~ filter changed: quantity > 0 → quantity > 1"), diff.out());
        Result bad = mapwright(dir, "diff", "git:no-such-rev:" + project, project.toString());
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("no-such-rev"), bad.err());
    }

    @Test
    void aFailContractStopsTheRunWithTheDriftListed(@TempDir Path dir) throws Exception {
        Path project = copySample(dir.resolve("project"));
        Path file = project.resolve("mapwright.json");
        Files.writeString(file, Files.readString(file).replaceFirst("\"path\": \"data/customers.csv\"",
                "\"onDrift\": \"fail\",\n        \"path\": \"data/customers.csv\""));
        assertEquals(0, mapwright(dir, "validate", project.toString()).exit());
        renameEmailColumn(project);

        Result r = mapwright(dir, "run", project.toString(), "--output", dir.resolve("out").toString(), "--quiet");
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue((r.out() + r.err()).contains("renamed email → e_mail"), r.out() + r.err());
        assertTrue((r.out() + r.err()).contains("onDrift = fail"), r.out() + r.err());
        assertFalse(Files.exists(dir.resolve("out/out/customers.csv")), "the run did not start");
    }
}
