package org.mapwright.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feeds every file of the {@link HostileCorpus} to {@code mapwright inspect} in a separate JVM
 * limited to 256 MB of heap ({@code MAPWRIGHT_OPTS=-Xmx256m}). Each file must be inspected, or
 * refused with exit code 1 or 2 and a message that names the file and a reason (and the line,
 * record or cell where the corpus case says so), within {@value #LIMIT_SECONDS} s of wall time
 * — a guard against hangs and runaway parsing, generous for a loaded CI machine: a file takes
 * about one second, most of it JVM start — and never with a Java stack trace, an uncaught
 * exception or an OutOfMemoryError. Expanded entities ({@code lollol...}) and the content of a
 * local file named by an external entity must never appear in the output.
 *
 * <p>The large file with an unclosed quote is 50 MB, 1 GB with {@code -Dmapwright.longTests=true}.
 */
class HostileInputIT {

    static final long LIMIT_SECONDS = 5;

    @TempDir
    static Path dir;

    static List<HostileCorpus.Case> cases = new ArrayList<>();
    private static String hostname = "";

    @BeforeAll
    static void generate() throws Exception {
        Cli.assertInstalled();
        cases = new HostileCorpus(dir, SystemTests.longTests() ? 1L << 30 : 50L << 20).generate();
        Path h = Path.of("/etc/hostname");
        if (Files.isReadable(h)) {
            hostname = Files.readString(h).strip();
        }
    }

    static List<HostileCorpus.Case> cases() {
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void inspectsOrRefusesWithAClearMessageQuickly(HostileCorpus.Case c) throws Exception {
        List<String> args = new ArrayList<>(List.of("inspect", c.file().toString()));
        args.addAll(c.args());
        Cli.Result r = Cli.run(dir, Map.of("MAPWRIGHT_OPTS", "-Xmx256m"), Duration.ofSeconds(60), args.toArray(String[]::new));
        System.out.printf(Locale.ROOT, "HostileInputIT: %-40s exit %d in %5d ms%n", c, r.exit(), r.elapsed().toMillis());
        Cli.assertNoStackTrace(r);
        assertTrue(r.elapsed().toSeconds() < LIMIT_SECONDS, c + " took " + r.elapsed().toMillis() + " ms (guard " + LIMIT_SECONDS + " s)\n" + r);
        String name = c.file().getFileName().toString();
        switch (c.outcome()) {
            case SUCCEEDS -> assertEquals(0, r.exit(), c + " is inspected\n" + r);
            case FAILS -> assertTrue(r.exit() == 1 || r.exit() == 2, c + " is refused with exit 1 or 2\n" + r);
            case EITHER -> assertTrue(r.exit() == 0 || r.exit() == 1 || r.exit() == 2, c + ": exit 0, 1 or 2\n" + r);
        }
        if (r.exit() != 0) {
            assertTrue(r.err().contains(name), "the message names the file\n" + r);
            String reason = r.err().substring(r.err().indexOf(name) + name.length()).replaceAll("[\\s:,.]", "");
            assertTrue(reason.length() >= 5, "the message gives a reason after the file name\n" + r);
        }
        String lower = r.all().toLowerCase(Locale.ROOT);
        for (String m : c.mentions()) {
            assertTrue(lower.contains(m), c + ": output mentions '" + m + "'\n" + r);
        }
        assertFalse(lower.contains("lollollollol"), "entities were expanded\n" + r);
        if (hostname.length() >= 4 && !c.file().toString().contains(hostname)) {
            assertFalse(r.all().contains(hostname), "an external entity was resolved\n" + r);
        }
    }
}
