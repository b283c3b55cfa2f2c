package org.mapwright.internal.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.mapwright.core.Project;
import org.mapwright.core.io.ProjectIO;
import org.mapwright.monitor.history.HistoryException;
import org.mapwright.monitor.history.HistoryJson;
import org.mapwright.monitor.history.HistoryOverview;
import org.mapwright.monitor.history.HistoryStore;
import org.mapwright.monitor.history.HistoryText;
import org.mapwright.monitor.history.Retention;
import org.mapwright.monitor.history.RunDetails;
import org.mapwright.monitor.history.RunSummary;
import org.mapwright.runtime.InvalidProjectException;
import org.mapwright.runtime.MapwrightRuntime;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "history", mixinStandardHelpOptions = true,
        description = { "Shows the recorded runs of a project: counts, status, duration, throughput and reject rate,",
                "trends of the last runs and the pass rates of the quality rules; or one run in detail (--run).",
                "With --keep-last and/or --keep-since it prunes the project's older runs instead (--dry-run lists them).",
                "The JSON form is documented in HISTORY-FORMAT.md." })
public final class HistoryCommand implements Callable<Integer>, Services.Aware {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROJECT", description = "Project folder (or its mapwright.json).")
    Path project;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "Show the last N runs (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text", description = "Output format (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--run", paramLabel = "ID", description = "Show one run in detail: its number or its run id (UUID).")
    String run;

    @Option(names = "--keep-last", paramLabel = "N",
            description = "Prune: keep the project's newest N runs and delete the others (with --keep-since, a run either keeps stays).")
    Integer keepLast;

    @Option(names = "--keep-since", paramLabel = "DATE",
            description = "Prune: keep runs started on or after DATE (2024-06-01, or an instant like 2024-06-01T12:00:00Z) and delete older ones.")
    String keepSince;

    @Option(names = "--dry-run", description = "With --keep-last/--keep-since: list the runs that would be deleted, delete nothing.")
    boolean dryRun;

    @Option(names = "--secrets", paramLabel = "FILE", description = "Properties file of secrets, for a --history-db password.")
    Path secrets;

    @Mixin
    HistoryOptions history;

    private Services services;

    @Override
    public void services(Services s) {
        services = s;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String f = format.trim().toLowerCase(Locale.ROOT);
        if (!f.equals("text") && !f.equals("json")) {
            err.println("mapwright: --format must be text or json, not '" + format + "'");
            return MapwrightRuntime.EXIT_INVALID;
        }
        if (limit < 1) {
            err.println("mapwright: --limit must be at least 1");
            return MapwrightRuntime.EXIT_INVALID;
        }
        Retention retention = null;
        if (keepLast != null || keepSince != null) {
            try {
                retention = new Retention(keepLast == null ? Retention.ANY : keepLast, keepSince == null ? null : since(keepSince.trim()));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                err.println("mapwright: " + (e instanceof DateTimeParseException ? "--keep-since: '" + keepSince
                        + "' is neither a date (2024-06-01) nor an instant (2024-06-01T12:00:00Z)" : e.getMessage()));
                return MapwrightRuntime.EXIT_INVALID;
            }
            if (run != null) {
                err.println("mapwright: give either --run or --keep-last/--keep-since, not both");
                return MapwrightRuntime.EXIT_INVALID;
            }
        } else if (dryRun) {
            err.println("mapwright: --dry-run needs --keep-last or --keep-since");
            return MapwrightRuntime.EXIT_INVALID;
        }
        try {
            Project p = services.runtime(secrets).load(project);
            HistoryStore store;
            try {
                store = history.forReading(ProjectIO.projectFolder(project), services.credentials(secrets));
            } catch (HistoryException e) {
                err.println("mapwright: " + e.getMessage());
                return MapwrightRuntime.EXIT_INVALID;
            }
            if (store == null) {
                err.println("mapwright: the run history is off (--history off or MAPWRIGHT_HISTORY=off)");
                return MapwrightRuntime.EXIT_INVALID;
            }
            if (retention != null) {
                List<RunSummary> gone = dryRun ? store.prunable(p.name(), retention) : store.prune(p.name(), retention);
                out.print(f.equals("json") ? pruneJson(p.name(), store, gone) : pruneText(p.name(), store, gone));
            } else if (run != null) {
                Optional<RunDetails> d = find(store, run.trim());
                if (d.isEmpty() || !d.get().summary().project().equals(p.name())) {
                    err.println("mapwright: no run " + run + " of \"" + p.name() + "\" in " + store.description()
                            + (d.isPresent() ? " (it is a run of \"" + d.get().summary().project() + "\")" : ""));
                    return MapwrightRuntime.EXIT_INVALID;
                }
                out.print(f.equals("json") ? new HistoryJson().run(store.description(), d.get()) : new HistoryText().run(d.get()));
            } else {
                HistoryOverview o = HistoryOverview.read(store, p.name(), limit);
                out.print(f.equals("json") ? new HistoryJson().overview(o) : new HistoryText().overview(o));
            }
            out.flush();
            return MapwrightRuntime.EXIT_OK;
        } catch (InvalidProjectException e) {
            Problems.print(e, err);
            return MapwrightRuntime.EXIT_INVALID;
        } catch (HistoryException e) {
            err.println("mapwright: " + e.getMessage());
            return MapwrightRuntime.EXIT_DATA;
        } catch (IOException e) {
            err.println("mapwright: " + e.getMessage());
            return MapwrightRuntime.EXIT_INVALID;
        }
    }

    private static Instant since(String text) {
        if (text.length() == 10) {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        return OffsetDateTime.parse(text).toInstant();
    }

    private String pruneText(String name, HistoryStore store, List<RunSummary> gone) {
        StringBuilder b = new StringBuilder();
        b.append(dryRun ? "would delete " : "deleted ").append(gone.size()).append(gone.size() == 1 ? " run" : " runs").append(" of \"")
                .append(name).append("\" from ").append(store.description()).append('\n');
        for (RunSummary r : gone) {
            b.append("  run ").append(r.id()).append("  ").append(r.start()).append("  ").append(r.status().id()).append('\n');
        }
        return b.toString();
    }

    private String pruneJson(String name, HistoryStore store, List<RunSummary> gone) {
        StringBuilder b = new StringBuilder("{\n  \"project\" : ").append(quote(name)).append(",\n  \"store\" : ")
                .append(quote(store.description())).append(",\n  \"dryRun\" : ").append(dryRun).append(",\n  \"runs\" : [");
        for (int i = 0; i < gone.size(); i++) {
            RunSummary r = gone.get(i);
            b.append(i == 0 ? "\n" : ",\n").append("    { \"id\" : ").append(r.id()).append(", \"runId\" : ").append(quote(r.runId().toString()))
                    .append(", \"start\" : ").append(quote(r.start().toString())).append(" }");
        }
        return b.append(gone.isEmpty() ? "]\n}\n" : "\n  ]\n}\n").toString();
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            if (ch == '"' || ch == '\\') {
                b.append('\\').append(ch);
            } else if (ch < 0x20) {
                b.append(String.format("\\u%04x", (int) ch));
            } else {
                b.append(ch);
            }
        }
        return b.append('"').toString();
    }

    private static Optional<RunDetails> find(HistoryStore store, String id) throws HistoryException {
        if (id.matches("[0-9]{1,18}")) {
            return store.run(Long.parseLong(id));
        }
        try {
            return store.run(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
