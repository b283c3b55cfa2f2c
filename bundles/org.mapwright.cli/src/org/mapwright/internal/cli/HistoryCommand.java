package org.mapwright.internal.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
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
import org.mapwright.monitor.history.RunDetails;
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
            if (run != null) {
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
