package org.mapwright.cli.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mapwright.cli.Main;
import org.mapwright.core.Schema;
import org.mapwright.core.Settings;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.ConnectorRegistry;
import org.mapwright.core.connector.CredentialStore;
import org.mapwright.core.connector.InspectOptions;
import org.mapwright.core.connector.Inspection;
import org.mapwright.core.connector.ProgressMonitor;
import org.mapwright.core.connector.RecordReader;
import org.mapwright.core.connector.SourceConnector;
import org.mapwright.internal.cli.Services;

/**
 * A command hit by an exception it did not expect (a bug in a connector, here a stand-in that
 * throws) reports it in one line with exit code 1; only {@code --debug} adds the stack trace.
 */
class UnexpectedErrorsIT {

    private static final SourceConnector BROKEN = new SourceConnector() {
        @Override
        public String kind() {
            return "broken";
        }

        @Override
        public Inspection inspect(ConnectorContext context, Settings settings, InspectOptions options, ProgressMonitor monitor) {
            throw new IllegalStateException("index 7 out of bounds\n\tfor length 3");
        }

        @Override
        public RecordReader open(ConnectorContext context, Settings settings, Schema schema) {
            throw new IllegalStateException("not reached");
        }
    };

    private record Outcome(int exit, String out, String err) {
    }

    private static Outcome mapwright(String... args) {
        Services services = new Services(new ConnectorRegistry(List.of(BROKEN), List.of()), CredentialStore.NONE, Clock.systemUTC());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(services, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Outcome(exit, out.toString(), err.toString());
    }

    @Test
    void anUnexpectedExceptionIsOneLineWithExitCode1() {
        Outcome r = mapwright("inspect", "--connector", "broken", "--set", "x=1");
        assertEquals(1, r.exit(), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertTrue(r.err().startsWith("mapwright: internal error (java.lang.IllegalStateException: index 7 out of bounds for length 3)"),
                r.err());
        assertTrue(r.err().contains("--debug"), "says how to get the stack trace: " + r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void debugAddsTheStackTraceOnEveryCommandLevel() {
        for (List<String> args : List.of(List.of("inspect", "--debug", "--connector", "broken"), List.of("-v", "inspect", "--connector", "broken"))) {
            Outcome r = mapwright(args.toArray(String[]::new));
            assertEquals(1, r.exit(), r.err());
            assertTrue(r.err().startsWith("mapwright: internal error (java.lang.IllegalStateException"), r.err());
            assertTrue(r.err().contains("\tat org.mapwright.cli.dist.UnexpectedErrorsIT"), "stack trace with " + args + ": " + r.err());
        }
    }
}
