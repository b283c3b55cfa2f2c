package org.mapwright.internal.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.mapwright.core.Project;
import org.mapwright.engine.Problem;
import org.mapwright.monitor.diagram.MappingDiagramLayout;
import org.mapwright.monitor.docs.ProjectDocs;
import org.mapwright.monitor.lineage.LineageAnalyzer;
import org.mapwright.runtime.InvalidProjectException;
import org.mapwright.runtime.MapwrightRuntime;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "docs", mixinStandardHelpOptions = true,
        description = { "Writes the documentation of a project: sources and fields, the target schema, every target field's",
                "expression and source fields, filters, joins, quality rules, outputs, and a diagram (SVG) per mapping.",
                "The files contain no timestamps, so they can be committed and diffed." })
public final class DocsCommand implements Callable<Integer>, Services.Aware {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROJECT", description = "Project folder (or its mapwright.json).")
    Path project;

    @Option(names = { "-o", "--output" }, paramLabel = "DIR", required = true, description = "Folder to write index.md (or index.html) into.")
    Path output;

    @Option(names = "--format", paramLabel = "markdown|html", defaultValue = "markdown",
            description = "markdown: index.md and one SVG per mapping; html: one self-contained index.html (default: ${DEFAULT-VALUE}).")
    String format;

    private Services services;

    @Override
    public void services(Services s) {
        services = s;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ProjectDocs.Format f;
        try {
            f = ProjectDocs.Format.parse(format);
        } catch (IllegalArgumentException e) {
            err.println("mapwright: --format: " + e.getMessage());
            return MapwrightRuntime.EXIT_INVALID;
        }
        try {
            MapwrightRuntime runtime = services.runtime(null);
            Project p = runtime.load(project);
            List<Problem> errors = runtime.engine().validate(p).stream().filter(Problem::isError).toList();
            if (!errors.isEmpty()) {
                err.println("mapwright: the project has " + errors.size() + (errors.size() == 1 ? " error" : " errors")
                        + "; fields whose expressions do not compile are documented without source fields");
                Problems.print(errors, err);
            }
            List<Path> files = new ProjectDocs(new LineageAnalyzer(runtime.engine()), new MappingDiagramLayout()).write(p,
                    output.toAbsolutePath(), f);
            for (Path file : files) {
                out.println("wrote " + file);
            }
            return MapwrightRuntime.EXIT_OK;
        } catch (InvalidProjectException e) {
            Problems.print(e, err);
            return MapwrightRuntime.EXIT_INVALID;
        } catch (IOException e) {
            err.println("mapwright: cannot write the documentation: " + e.getMessage());
            return MapwrightRuntime.EXIT_INVALID;
        }
    }
}
