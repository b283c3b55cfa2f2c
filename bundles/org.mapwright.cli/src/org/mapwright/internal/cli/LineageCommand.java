package org.mapwright.internal.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.mapwright.core.Project;
import org.mapwright.core.io.ProjectIO;
import org.mapwright.engine.Problem;
import org.mapwright.engine.RunReport;
import org.mapwright.monitor.RunReportReader;
import org.mapwright.monitor.history.HistoryException;
import org.mapwright.monitor.history.HistoryStore;
import org.mapwright.monitor.history.RunDetails;
import org.mapwright.monitor.lineage.DatasetNaming;
import org.mapwright.monitor.lineage.LineageAnalyzer;
import org.mapwright.monitor.lineage.OpenLineageWriter;
import org.mapwright.monitor.lineage.ProjectLineage;
import org.mapwright.runtime.InvalidProjectException;
import org.mapwright.runtime.MapwrightRuntime;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "lineage", mixinStandardHelpOptions = true,
        description = { "Prints the column-level lineage of a project as OpenLineage run events (JSON): one event per mapping,",
                "with the sources as inputs, the outputs with their schema and columnLineage facets. With --run-report or --run,",
                "the events describe that run (COMPLETE, FAIL or ABORT, with row counts). See LINEAGE-FORMAT.md." })
public final class LineageCommand implements Callable<Integer>, Services.Aware {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROJECT", description = "Project folder (or its mapwright.json).")
    Path project;

    @Option(names = "--run-report", paramLabel = "FILE", description = "The JSON report of a run (mapwright run --report FILE).")
    Path runReport;

    @Option(names = "--run", paramLabel = "ID", description = "A run from the run history, by number.")
    Long run;

    @Option(names = { "-o", "--output" }, paramLabel = "FILE", description = "Write the events to FILE instead of standard output.")
    Path output;

    @Option(names = "--outputs-dir", paramLabel = "DIR",
            description = "Folder the run's relative output paths resolved against (the --output of mapwright run; default: the project folder).")
    Path outputsDir;

    @Option(names = "--namespace", paramLabel = "NAME", defaultValue = "mapwright", description = "Job namespace (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Option(names = "--producer", paramLabel = "URI", description = "Producer URI in the events (default: urn:mapwright:<version>).")
    String producer;

    @Option(names = "--format", paramLabel = "json|jsonl", defaultValue = "json",
            description = "json: one array; jsonl: one event per line, as the OpenLineage file transport writes (default: ${DEFAULT-VALUE}).")
    String format;

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
        if (!f.equals("json") && !f.equals("jsonl")) {
            err.println("mapwright: --format must be json or jsonl, not '" + format + "'");
            return MapwrightRuntime.EXIT_INVALID;
        }
        if (producer != null && !absoluteUri(producer)) {
            err.println("mapwright: --producer must be an absolute URI, e.g. https://example.org/etl, not '" + producer + "'");
            return MapwrightRuntime.EXIT_INVALID;
        }
        if (runReport != null && run != null) {
            err.println("mapwright: give either --run-report or --run, not both");
            return MapwrightRuntime.EXIT_INVALID;
        }
        try {
            MapwrightRuntime runtime = services.runtime(secrets);
            Project p = runtime.load(project);
            List<Problem> errors = new ArrayList<>(runtime.engine().validate(p).stream().filter(Problem::isError).toList());
            if (!errors.isEmpty()) {
                err.println("mapwright: " + ProjectIO.projectFile(project) + ": " + errors.size() + (errors.size() == 1 ? " error" : " errors")
                        + "; fix them first, the lineage would be incomplete");
                Problems.print(errors, err);
                return MapwrightRuntime.EXIT_INVALID;
            }
            RunReport report = null;
            UUID runId = null;
            if (runReport != null) {
                report = new RunReportReader().read(runReport);
            } else if (run != null) {
                Optional<RunDetails> recorded = recorded(p, err);
                if (recorded.isEmpty()) {
                    return MapwrightRuntime.EXIT_INVALID;
                }
                report = recorded.get().report();
                // The recorded id was derived from the exact start time, which the store keeps to the microsecond only.
                runId = recorded.get().summary().runId();
            }
            Path folder = ProjectIO.projectFolder(project);
            ProjectLineage lineage = new LineageAnalyzer(runtime.engine()).analyze(p);
            OpenLineageWriter writer = new OpenLineageWriter(new DatasetNaming(folder, outputsDir == null ? null : outputsDir.toAbsolutePath()),
                    new OpenLineageWriter.Options(namespace, producer == null ? "urn:mapwright:" + BundleVersion.read() : producer, runId, null));
            String json = f.equals("json") ? writer.toJson(lineage, report) : writer.toJsonLines(lineage, report);
            if (output == null) {
                out.print(json);
                out.flush();
            } else {
                Path abs = output.toAbsolutePath();
                Files.createDirectories(abs.getParent());
                Files.writeString(abs, json, StandardCharsets.UTF_8);
            }
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

    private static boolean absoluteUri(String s) {
        try {
            return new java.net.URI(s).isAbsolute();
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private Optional<RunDetails> recorded(Project p, PrintWriter err) throws IOException, HistoryException {
        HistoryStore store;
        try {
            store = history.forReading(ProjectIO.projectFolder(project), services.credentials(secrets));
        } catch (HistoryException e) {
            err.println("mapwright: " + e.getMessage());
            return Optional.empty();
        }
        if (store == null) {
            err.println("mapwright: --run needs the run history, which is off");
            return Optional.empty();
        }
        Optional<RunDetails> d = store.run(run);
        if (d.isEmpty() || !d.get().summary().project().equals(p.name())) {
            err.println("mapwright: no run " + run + " of \"" + p.name() + "\" in " + store.description());
            return Optional.empty();
        }
        return d;
    }
}
