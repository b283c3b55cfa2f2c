package org.mapwright.systemtests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs a mapping whose CSV output goes to a full disk: a 1 MB tmpfs mounted for the test (needs
 * root and {@code mount -t tmpfs}; skipped with a message otherwise). The run must fail with exit
 * code 1 or 2 and a message naming the output file and the disk being full, and leave the
 * previous output byte-identical with no visible leftover (the rejects file, which names the row
 * the run failed on, is written for failed runs too).
 */
class DiskFullIT {

    @TempDir
    Path work;

    @Test
    void aFullDiskFailsTheRunNamingTheFileAndKeepsThePreviousOutput() throws Exception {
        Cli.assertInstalled();
        Path disk = work.resolve("disk");
        Files.createDirectories(disk);
        mountTinyDisk(disk);
        try {
            Path source = work.resolve("data/orders.csv");
            Projects.ordersCsv(source, 60_000, 0);
            List<String> outputs = List.of(Projects.csvOutput("out_csv", "out/orders.csv"));
            Path small = Projects.ordersProject(work.resolve("small"), source, "id <= 200", outputs);
            Path big = Projects.ordersProject(work.resolve("big"), source, null, outputs);

            Cli.Result first = Cli.run(work, "run", small.toString(), "--output", disk.toString(), "-q");
            assertEquals(0, first.exit(), first.toString());
            byte[] before = Files.readAllBytes(disk.resolve("out/orders.csv"));

            Cli.Result full = Cli.run(work, "run", big.toString(), "--output", disk.toString(), "-q");
            Cli.assertNoStackTrace(full);
            assertTrue(full.exit() == 1 || full.exit() == 2, "exit 1 or 2 on a full disk:\n" + full);
            String message = full.all();
            assertTrue(message.contains("orders.csv"), "names the file:\n" + full);
            String lower = message.toLowerCase(Locale.ROOT);
            assertTrue(lower.contains("no space left") || lower.contains("disk full") || lower.contains("disk is full"),
                    "says the disk is full:\n" + full);
            assertArrayEquals(before, Files.readAllBytes(disk.resolve("out/orders.csv")), "the previous output is intact");
            try (Stream<Path> files = Files.walk(disk)) {
                List<String> visible = files.filter(Files::isRegularFile).map(f -> f.getFileName().toString())
                        .filter(n -> !n.startsWith(".")).sorted().toList();
                // The rejects file of a failed run names the row the run failed on and why.
                assertTrue(List.of("orders.csv", "orders.rejects.csv").containsAll(visible), "no other visible file on the full disk: " + visible);
            }
        } finally {
            new ProcessBuilder("umount", disk.toString()).inheritIO().start().waitFor();
        }
    }

    private static void mountTinyDisk(Path dir) throws IOException, InterruptedException {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "disk-full test skipped: mounting a 1 MB tmpfs needs root (running as " + System.getProperty("user.name") + ")");
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "mapwright-full", dir.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        Assumptions.assumeTrue(p.waitFor() == 0, "disk-full test skipped: mount -t tmpfs failed: " + output.strip());
    }
}
