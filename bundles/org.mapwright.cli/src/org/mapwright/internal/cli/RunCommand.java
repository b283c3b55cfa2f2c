package org.mapwright.internal.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.mapwright.core.connector.ProgressMonitor;
import org.mapwright.core.io.ProjectIO;
import org.mapwright.engine.RunReport;
import org.mapwright.monitor.history.HistoryException;
import org.mapwright.monitor.history.HistoryRecorder;
import org.mapwright.monitor.history.HistoryStore;
import org.mapwright.runtime.InvalidProjectException;
import org.mapwright.runtime.MapwrightRuntime;
import org.mapwright.runtime.RunOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = { "Runs the mappings of a project and writes their outputs.",
                "Mappings run one after the other, a mapping after those whose outputs it reads; each mapping's outputs are",
                "committed when it succeeds. Rejected rows go to rejects/<mapping>.rejects.csv." })
public final class RunCommand implements Callable<Integer>, Services.Aware {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROJECT", description = "Project folder (or its mapwright.json).")
    Path project;

    @Option(names = { "-o", "--output" }, paramLabel = "DIR",
            description = "Folder that relative output paths and rejects/ resolve against (default: the project folder).")
    Path output;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the JSON run report to FILE.")
    Path report;

    @Option(names = { "-m", "--mapping" }, paramLabel = "MAPPING", description = "Run only this mapping (id or name); repeatable.")
    List<String> mappings = new ArrayList<>();

    @Option(names = "--secrets", paramLabel = "FILE",
            description = "Properties file of secrets (key=secret), readable only by its owner. Environment variables MAPWRIGHT_SECRET_<KEY> work too.")
    Path secrets;

    @Option(names = { "-q", "--quiet" }, description = "Print no progress on stderr.")
    boolean quiet;

    @Mixin
    ParameterOptions parameters;

    @Mixin
    EngineOptions engine;

    @Mixin
    HistoryOptions history;

    @Mixin
    LimitOptions limits;

    private Services services;

    @Override
    public void services(Services s) {
        services = s;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!limits.check(err)) {
            return MapwrightRuntime.EXIT_INVALID;
        }
        try {
            HistoryStore store;
            try {
                store = history.forRecording(ProjectIO.projectFolder(project), services.credentials(secrets), err);
            } catch (HistoryException e) {
                err.println("mapwright: " + e.getMessage());
                return MapwrightRuntime.EXIT_INVALID;
            }
            HistoryOptions.Recording recording = new HistoryOptions.Recording();
            MapwrightRuntime runtime = services.runtime(secrets, store == null ? null : new HistoryRecorder(store, "cli", recording));
            ProgressMonitor monitor = quiet ? ProgressMonitor.NONE : new StderrProgress(err);
            RunReport r = runtime.run(project, new RunOptions(output, report, mappings, monitor, parameters.parameters(), limits.values()),
                    engine.backend(), engine.backendOptions());
            print(r, out);
            recording.print(out, err);
            if (!r.succeeded() && r.error() != null) {
                err.println("mapwright: " + r.error());
            }
            return MapwrightRuntime.exitCode(r);
        } catch (InvalidProjectException e) {
            Problems.print(e, err);
            return MapwrightRuntime.EXIT_INVALID;
        } catch (IOException | EngineOptions.UnavailableEngine e) {
            err.println("mapwright: " + e.getMessage());
            return MapwrightRuntime.EXIT_INVALID;
        }
    }

    static void print(RunReport r, PrintWriter out) {
        for (RunReport.MappingReport m : r.mappings()) {
            out.printf(Locale.ROOT, "%s: %s — %,d read, %,d written, %,d rejected, %,d filtered in %.2f s (%,.0f rows/s)%n",
                    m.name(), m.status().id(), m.rowsRead(), m.rowsWritten(), m.rowsRejected(), m.rowsFiltered(),
                    m.duration().toNanos() / 1e9, m.rowsPerSecond());
            for (RunReport.RuleReport rule : m.rules()) {
                if (rule.violations() > 0) {
                    out.printf(Locale.ROOT, "  rule %s on %s (%s): %,d violations%n", rule.kind(), rule.field(), rule.action(), rule.violations());
                }
            }
            for (RunReport.OutputReport o : m.outputs()) {
                out.println("  " + (m.status().id().equals("succeeded") ? "wrote " : "not written: ") + o.description());
            }
            if (m.rejectsFile() != null && m.rowsRejected() > 0) {
                out.println("  rejects: " + m.rejectsFile());
            }
            for (String w : m.warnings()) {
                out.println("  warning: " + w);
            }
            if (m.error() != null) {
                out.println("  error: " + m.error());
            }
        }
        out.println("run " + r.status().id());
    }
}
