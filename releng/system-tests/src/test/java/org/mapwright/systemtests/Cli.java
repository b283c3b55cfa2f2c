package org.mapwright.systemtests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the assembled command-line distribution ({@code bin/mapwright}) in a separate JVM, as a
 * user or scheduler would, and captures exit code, output and wall time.
 */
public final class Cli {

    /** The distribution folder (bin/, lib/), set by the build. */
    public static final Path HOME = Path.of(System.getProperty("mapwright.cli.home",
            "../../product/mapwright-cli/target/mapwright-cli")).toAbsolutePath().normalize();

    private Cli() {
    }

    /**
     * @param exit    process exit code
     * @param out     standard output
     * @param err     standard error
     * @param elapsed wall time from start to exit
     */
    public record Result(int exit, String out, String err, Duration elapsed) {

        /** @return stdout and stderr, for assertion messages and searches */
        public String all() {
            return out + err;
        }

        @Override
        public String toString() {
            return "exit " + exit + " after " + elapsed.toMillis() + " ms\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** @return a process builder for {@code bin/mapwright args...} in {@code workDir} with {@code env} added */
    public static ProcessBuilder command(Path workDir, Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(HOME.resolve("bin/mapwright").toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().keySet().removeIf(k -> k.startsWith("MAPWRIGHT_"));
        pb.environment().putAll(env);
        return pb;
    }

    /** Runs {@code bin/mapwright args...} to its end (at most {@code timeout}, then it is killed and the test fails). */
    public static Result run(Path workDir, Map<String, String> env, Duration timeout, String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = command(workDir, env, args);
        Path out = Files.createTempFile("mw-out", ".txt");
        Path err = Files.createTempFile("mw-err", ".txt");
        try {
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            long start = System.nanoTime();
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError("mapwright " + String.join(" ", args) + " did not finish within " + timeout.toSeconds() + " s\n"
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8), elapsed);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Runs with the distribution's default options and no extra environment, allowing two minutes. */
    public static Result run(Path workDir, String... args) throws IOException, InterruptedException {
        return run(workDir, Map.of(), Duration.ofMinutes(2), args);
    }

    /** Users see messages, never a Java stack trace. */
    public static void assertNoStackTrace(Result r) {
        assertFalse(r.err().contains("\tat ") || r.out().contains("\tat "), "stack trace printed:\n" + r);
        assertFalse(r.all().contains("Exception in thread"), "uncaught exception:\n" + r);
        assertFalse(r.err().contains("OutOfMemoryError"), "out of memory:\n" + r);
    }

    /** Fails unless the distribution has been assembled (the build packages product/mapwright-cli first). */
    public static void assertInstalled() {
        assertTrue(Files.isExecutable(HOME.resolve("bin/mapwright")),
                "no command-line distribution at " + HOME + ": build product/mapwright-cli first (mapwright.cli.home)");
    }
}
