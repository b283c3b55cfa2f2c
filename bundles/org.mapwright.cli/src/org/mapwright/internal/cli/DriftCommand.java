package org.mapwright.internal.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.mapwright.core.Project;
import org.mapwright.core.SourceDef;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.ProgressMonitor;
import org.mapwright.core.io.ProjectIO;
import org.mapwright.drift.DriftAnalyzer;
import org.mapwright.drift.DriftReport;
import org.mapwright.drift.DriftReportWriter;
import org.mapwright.drift.RebaseResult;
import org.mapwright.runtime.InvalidProjectException;
import org.mapwright.runtime.MapwrightRuntime;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "drift", mixinStandardHelpOptions = true,
        description = { "Re-inspects every source and compares it with the structure its mappings were drawn against: added, removed, "
                + "renamed, moved and retyped fields, what they break (found by compiling the project), unmapped new fields and "
                + "rename proposals with their confidence.",
                "Exits 0 when nothing breaks, 1 when drift breaks a mapping or a source cannot be inspected, 2 for an unreadable "
                        + "project or wrong usage." })
public final class DriftCommand implements Callable<Integer>, Services.Aware {

    /** Output formats. */
    public enum Format {
        text, json
    }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROJECT", description = "Project folder (or its mapwright.json).")
    Path project;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json.")
    Format format = Format.text;

    @Option(names = "--apply-renames",
            description = "Rebase the project: re-bind renamed and moved fields whose confidence reaches --min-confidence, adopt "
                    + "the new structure, and write the project file.")
    boolean applyRenames;

    @Option(names = "--min-confidence", paramLabel = "X", description = "Confidence (0..1) a proposal needs for --apply-renames; default 0.8.")
    Double minConfidence;

    @Option(names = "--secrets", paramLabel = "FILE", description = "Properties file of secrets for database sources (key=secret).")
    Path secrets;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "The output of 'mapwright inspect PROJECT --source NAME --format json --profile' from before the source "
                    + "changed; its sampled and top values let drift recognise a renamed column by its values. Repeatable (one per source).")
    List<Path> baselines = new ArrayList<>();

    private Services services;

    @Override
    public void services(Services s) {
        services = s;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (minConfidence != null && !applyRenames) {
            err.println("mapwright drift: --min-confidence only applies with --apply-renames");
            return MapwrightRuntime.EXIT_INVALID;
        }
        double threshold = minConfidence == null ? 0.8 : minConfidence;
        if (!(threshold >= 0 && threshold <= 1)) {
            err.println("mapwright drift: --min-confidence must be between 0 and 1, not " + minConfidence);
            return MapwrightRuntime.EXIT_INVALID;
        }
        try {
            MapwrightRuntime runtime = services.runtime(secrets);
            Project before = runtime.load(project);
            DriftAnalyzer analyzer = new DriftAnalyzer(runtime.engine());
            ConnectorContext context = new ConnectorContext(ProjectIO.projectFolder(project), services.credentials(secrets), null);
            Map<String, Map<String, List<String>>> baseline;
            try {
                baseline = InspectBaseline.read(before, baselines);
            } catch (IllegalArgumentException e) {
                err.println("mapwright drift: --baseline " + e.getMessage());
                return MapwrightRuntime.EXIT_INVALID;
            }
            DriftReport report = analyzer.check(before, before.sources().stream().map(SourceDef::id).toList(), context, ProgressMonitor.NONE,
                    baseline);
            DriftReportWriter writer = new DriftReportWriter();
            if (!applyRenames) {
                out.print(format == Format.json ? writer.json(report) : writer.text(report));
                out.flush();
                return report.exitCode();
            }
            RebaseResult result = analyzer.rebase(before, report, p -> p.confidence() >= threshold);
            boolean changed = !result.project().equals(before);
            if (changed) {
                new ProjectIO().write(result.project(), project);
            }
            if (format == Format.json) {
                out.print(writer.json(report, result));
            } else {
                out.print(writer.text(report));
                out.print(writer.text(result));
                out.println(changed ? "wrote " + ProjectIO.projectFile(project) : "nothing to rebase");
            }
            out.flush();
            boolean uninspected = report.sources().stream().anyMatch(s -> s.error() != null);
            return result.hasErrors() || uninspected ? DriftReport.EXIT_BREAKING : DriftReport.EXIT_OK;
        } catch (InvalidProjectException e) {
            Problems.print(e, err);
            return MapwrightRuntime.EXIT_INVALID;
        } catch (IOException e) {
            err.println("mapwright: " + e.getMessage());
            return MapwrightRuntime.EXIT_INVALID;
        }
    }
}
