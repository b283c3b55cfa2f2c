package org.mapwright.systemtests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills {@code mapwright run} with SIGKILL ({@link Process#destroyForcibly()} on Linux) at random
 * moments while it writes a CSV file, its rejects file and an H2 table, and checks what a crash
 * may leave behind, as documented by the connectors:
 * <ul>
 * <li>CSV output and rejects file: either the previous complete file (or none) or the new complete
 *     file, never a partial one. Rows go to a hidden temporary file beside the target that is
 *     renamed over it at commit; after a crash that hidden {@code .<name>.<random>.tmp} file may
 *     remain, and no other visible file appears.</li>
 * <li>H2 table, mode {@code replace}: the previous complete table (or none) or the new complete
 *     table. The rows went into a table {@code <table>__mw_<random>} first, which a crash may leave
 *     behind under that name; the next run (checked after every kill) removes it and replaces the
 *     table completely.</li>
 * <li>H2 table, modes {@code append} and {@code upsert}: only whole committed batches (a multiple
 *     of the batch size, or all rows), no duplicate keys; a re-run in {@code upsert} mode then
 *     completes the table without duplicates.</li>
 * </ul>
 * 21 kill points over 150,000 rows by default (7 per mode), 90 over 300,000 rows with
 * {@code -Dmapwright.longTests=true}; the seed is printed ({@code -Dmapwright.seed} repeats a run).
 */
class CrashSafetyIT {

    private static final int ROWS = SystemTests.longTests() ? 300_000 : 150_000;
    private static final int BAD_EVERY = 997;
    private static final int BATCH = 1000;
    private static final int PREVIOUS_ROWS = 5_000;
    private static final List<String> MODES = List.of("append", "upsert", "replace");

    @TempDir
    static Path work;

    private static Path source;
    private static long goodRows;
    private static long previousGoodRows;
    private static byte[] expectedCsv;
    private static byte[] expectedRejects;
    private static Path previous;
    private static long fullRunMillis;

    @BeforeAll
    static void generateAndRunOnce() throws Exception {
        Cli.assertInstalled();
        source = work.resolve("data/orders.csv");
        goodRows = Projects.ordersCsv(source, ROWS, BAD_EVERY);
        for (String mode : MODES) {
            project(mode, null);
        }
        Path reference = work.resolve("reference");
        Cli.Result r = Cli.run(work, "run", project("upsert", null).toString(), "--output", reference.toString(), "-q");
        assertEquals(0, r.exit(), "the reference run succeeds:\n" + r);
        fullRunMillis = r.elapsed().toMillis();
        expectedCsv = Files.readAllBytes(reference.resolve("out/orders.csv"));
        expectedRejects = Files.readAllBytes(reference.resolve("rejects/orders.rejects.csv"));
        assertEquals(goodRows + 1, lines(expectedCsv), "header + one line per good row");
        assertEquals(goodRows, H2Files.table(reference.resolve("out/warehouse"), "orders", "order_id").rows());

        previous = work.resolve("previous");
        Cli.Result p = Cli.run(work, "run", project("replace", "id <= " + PREVIOUS_ROWS).toString(), "--output", previous.toString(), "-q");
        assertEquals(0, p.exit(), p.toString());
        previousGoodRows = H2Files.table(previous.resolve("out/warehouse"), "orders", "order_id").rows();
        System.out.printf("CrashSafetyIT: %,d rows (%,d good), full run %d ms%n", ROWS, goodRows, fullRunMillis);
    }

    private static Path project(String mode, String filter) throws IOException {
        String name = "project-" + mode + (filter == null ? "" : "-previous");
        return Projects.ordersProject(work.resolve(name), source, filter,
                List.of(Projects.csvOutput("out_csv", "out/orders.csv"), Projects.h2Output("out_h2", "out/warehouse", "orders", mode, "")));
    }

    @Test
    void killedRunsLeaveOnlyCompleteFilesAndWholeBatches() throws Exception {
        Random random = SystemTests.random("CrashSafetyIT");
        int kills = SystemTests.longTests() ? 90 : 21;
        int killedWhileRunning = 0;
        int[] byMode = new int[MODES.size()];
        for (int i = 0; i < kills; i++) {
            String mode = MODES.get(i % MODES.size());
            boolean withPrevious = mode.equals("replace") || random.nextBoolean();
            long delay = 100 + (long) (random.nextDouble() * fullRunMillis * 1.1);
            Path out = work.resolve("kill-" + i);
            if (withPrevious) {
                copyPrevious(out, mode.equals("replace"));
            }
            Process p = Cli.command(work, Map.of(), "run", work.resolve("project-" + mode).toString(), "--output", out.toString(), "-q")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            boolean finished = p.waitFor(delay, TimeUnit.MILLISECONDS);
            if (!finished) {
                p.destroyForcibly();
                p.waitFor();
                killedWhileRunning++;
                byMode[i % MODES.size()]++;
            }
            String what = "kill " + i + " (" + mode + ", after " + delay + " ms, " + (finished ? "finished first" : "killed") + ")";
            checkFiles(out, withPrevious, what);
            checkTable(out, mode, withPrevious, what);
            if (mode.equals("replace")) {
                Cli.Result rerun = Cli.run(work, "run", work.resolve("project-replace").toString(), "--output", out.toString(), "-q");
                assertEquals(0, rerun.exit(), what + ": the replace re-run completes\n" + rerun);
                H2Files.TableState t = H2Files.table(out.resolve("out/warehouse"), "orders", "order_id");
                assertEquals(goodRows, t.rows(), what + ": the re-run replaces the table completely");
                assertEquals(List.of(), t.otherTables(), what + ": the re-run removes the temporary tables the killed run left");
            } else {
                Cli.Result rerun = Cli.run(work, "run", work.resolve("project-upsert").toString(), "--output", out.toString(), "-q");
                assertEquals(0, rerun.exit(), what + ": the upsert re-run completes\n" + rerun);
                H2Files.TableState t = H2Files.table(out.resolve("out/warehouse"), "orders", "order_id");
                assertEquals(goodRows, t.rows(), what + ": re-run leaves every row once");
                assertEquals(t.rows(), t.distinctKeys(), what + ": no duplicate keys after the re-run");
                assertArrayEquals(expectedCsv, Files.readAllBytes(out.resolve("out/orders.csv")), what + ": re-run writes the complete CSV");
            }
            deleteTree(out);
        }
        System.out.printf("CrashSafetyIT: %d kill points, %d killed mid-run (append %d, upsert %d, replace %d), %d finished first%n",
                kills, killedWhileRunning, byMode[0], byMode[1], byMode[2], kills - killedWhileRunning);
        assertTrue(killedWhileRunning >= kills / 2, "most kill points hit a running process: " + killedWhileRunning + " of " + kills);
    }

    private static void checkFiles(Path out, boolean withPrevious, String what) throws IOException {
        checkWhole(out.resolve("out/orders.csv"), expectedCsv, withPrevious ? previous.resolve("out/orders.csv") : null, what);
        Path previousRejects = previous.resolve("rejects/orders.rejects.csv");
        checkWhole(out.resolve("rejects/orders.rejects.csv"), expectedRejects,
                withPrevious && Files.exists(previousRejects) ? previousRejects : null, what);
        Set<String> allowed = Set.of("orders.csv", "orders.rejects.csv", "warehouse.mv.db", "warehouse.trace.db");
        if (Files.isDirectory(out)) {
            try (Stream<Path> files = Files.walk(out)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    String name = f.getFileName().toString();
                    if (Files.isRegularFile(f) && !name.startsWith(".") && !allowed.contains(name)) {
                        fail(what + ": unexpected visible file " + out.relativize(f));
                    }
                }
            }
        }
    }

    /** The file is absent (only when there was none before), the previous file, or the complete new one. */
    private static void checkWhole(Path file, byte[] expected, Path previousFile, String what) throws IOException {
        if (!Files.exists(file)) {
            assertTrue(previousFile == null, what + ": " + file.getFileName() + " vanished although a previous one existed");
            return;
        }
        byte[] actual = Files.readAllBytes(file);
        if (Arrays.equals(actual, expected)) {
            return;
        }
        if (previousFile != null && Arrays.equals(actual, Files.readAllBytes(previousFile))) {
            return;
        }
        fail(what + ": " + file.getFileName() + " is partial: " + actual.length + " bytes, " + lines(actual) + " lines (complete: "
                + expected.length + " bytes)");
    }

    private static void checkTable(Path out, String mode, boolean withPrevious, String what) throws Exception {
        Path db = out.resolve("out/warehouse");
        if (!Files.exists(out.resolve("out/warehouse.mv.db"))) {
            assertTrue(!withPrevious || !mode.equals("replace"), what + ": the previous database vanished");
            return;
        }
        H2Files.TableState t = H2Files.table(db, "orders", "order_id");
        for (String other : t.otherTables()) {
            assertTrue(other.startsWith("orders__mw_"), what + ": unexpected table " + other);
        }
        if (!t.exists()) {
            assertTrue(!(withPrevious && mode.equals("replace")), what + ": the previous table vanished");
            return;
        }
        assertEquals(t.rows(), t.distinctKeys(), what + ": duplicate keys in " + mode + " mode");
        if (mode.equals("replace")) {
            assertTrue(t.rows() == goodRows || withPrevious && t.rows() == previousGoodRows,
                    what + ": the replaced table has " + t.rows() + " rows, neither the previous " + previousGoodRows + " nor all " + goodRows);
        } else {
            assertTrue(t.rows() % BATCH == 0 || t.rows() == goodRows,
                    what + ": " + t.rows() + " rows is not a whole number of " + BATCH + "-row batches");
        }
    }

    private static void copyPrevious(Path out, boolean withDatabase) throws IOException {
        for (String f : List.of("out/orders.csv", "rejects/orders.rejects.csv", "out/warehouse.mv.db")) {
            if (f.endsWith(".mv.db") && !withDatabase) {
                continue;
            }
            if (Files.exists(previous.resolve(f))) {
                Files.createDirectories(out.resolve(f).getParent());
                Files.copy(previous.resolve(f), out.resolve(f));
            }
        }
    }

    private static long lines(byte[] bytes) {
        long n = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                n++;
            }
        }
        return n;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(files.toList());
            Collections.reverse(all);
            for (Path f : all) {
                Files.deleteIfExists(f);
            }
        }
    }
}
