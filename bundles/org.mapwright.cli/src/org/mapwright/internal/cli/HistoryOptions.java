package org.mapwright.internal.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.mapwright.core.Settings;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.CredentialStore;
import org.mapwright.monitor.history.HistoryException;
import org.mapwright.monitor.history.HistoryRecorder;
import org.mapwright.monitor.history.HistoryStore;
import org.mapwright.monitor.history.RunSummary;

import picocli.CommandLine.Option;

/**
 * Where the run history is: {@code --history auto|off|DIR} and {@code --history-db KEY=VALUE} of
 * the commands that record or read runs. The default {@code auto} is the project folder's
 * {@code .mapwright/history}; the environment variable {@code MAPWRIGHT_HISTORY} changes the
 * default (e.g. {@code off} in a read-only deployment).
 */
public final class HistoryOptions {

    static final String AUTO = "auto";
    static final String OFF = "off";

    @Option(names = "--history", paramLabel = "auto|off|DIR", defaultValue = "${env:MAPWRIGHT_HISTORY:-auto}",
            description = { "Run history: auto = the project folder's .mapwright/history (default; skipped when the folder is not "
                    + "writable), off = none, DIR = an H2 history database in DIR. Default from MAPWRIGHT_HISTORY." })
    String history;

    @Option(names = "--history-db", paramLabel = "KEY=VALUE",
            description = { "A history database given by settings like those of the jdbc connector, repeatable: driver=postgresql, "
                    + "host, port, database, user, credentialKey (the password comes from --secrets or MAPWRIGHT_SECRET_<KEY>), "
                    + "properties, schema (default: the connection's); or driver=h2 with path. Wins over --history auto." })
    Map<String, String> database = new LinkedHashMap<>();

    /** The user chose no history. */
    boolean off() {
        return database.isEmpty() && OFF.equals(mode());
    }

    private String mode() {
        String h = history == null ? AUTO : history.trim();
        String lower = h.toLowerCase(Locale.ROOT);
        return lower.equals(AUTO) || lower.equals(OFF) ? lower : h;
    }

    /**
     * @return the store runs are recorded into, or null when there is none; in auto mode a project
     *         folder that cannot be written is skipped with a note on {@code err}
     * @throws HistoryException when the options name an unusable store (a usage error)
     */
    HistoryStore forRecording(Path projectFolder, CredentialStore credentials, PrintWriter err) throws HistoryException {
        if (off()) {
            return null;
        }
        if (database.isEmpty() && AUTO.equals(mode()) && !Files.isDirectory(projectFolder)) {
            return null;
        }
        if (database.isEmpty() && AUTO.equals(mode()) && !writable(projectFolder.resolve(HistoryStore.FOLDER), projectFolder)) {
            err.println("mapwright: run history not recorded: " + projectFolder + " is not writable (use --history DIR or --history off)");
            return null;
        }
        return store(projectFolder, credentials);
    }

    /**
     * @return the store to read, or null when the history is off
     * @throws HistoryException when the options name an unusable store
     */
    HistoryStore forReading(Path projectFolder, CredentialStore credentials) throws HistoryException {
        return off() ? null : store(projectFolder, credentials);
    }

    private HistoryStore store(Path projectFolder, CredentialStore credentials) throws HistoryException {
        String mode = mode();
        if (!database.isEmpty()) {
            // MAPWRIGHT_HISTORY=off is a default, which explicit --history-db settings override.
            if (!AUTO.equals(mode) && !OFF.equals(mode)) {
                throw new HistoryException("give either --history DIR or --history-db settings, not both");
            }
            ConnectorContext context = new ConnectorContext(Path.of("").toAbsolutePath(), credentials, null);
            return HistoryStore.open(Settings.of(database), context);
        }
        if (AUTO.equals(mode)) {
            return HistoryStore.h2(HistoryStore.defaultLocation(projectFolder));
        }
        try {
            return HistoryStore.h2(Path.of(mode).toAbsolutePath().resolve(HistoryStore.FILE));
        } catch (InvalidPathException e) {
            throw new HistoryException("--history: '" + mode + "' is neither auto, off nor a folder: " + e.getReason());
        }
    }

    /** Collects whether the run was recorded, to print it after the run's summary. */
    static final class Recording implements HistoryRecorder.Outcome {
        private RunSummary recorded;
        private String failure;

        @Override
        public void recorded(RunSummary run) {
            recorded = run;
        }

        @Override
        public void failed(String reason) {
            failure = reason;
        }

        void print(PrintWriter out, PrintWriter err) {
            if (recorded != null) {
                out.println("history: recorded as run " + recorded.id() + " (mapwright history --run " + recorded.id() + ")");
            }
            if (failure != null) {
                err.println("mapwright: run not recorded in the history: " + failure);
            }
        }
    }

    private static boolean writable(Path folder, Path parent) {
        return Files.isDirectory(folder) ? Files.isWritable(folder) : Files.isWritable(parent);
    }
}
