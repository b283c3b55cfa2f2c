package org.mapwright.internal.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.mapwright.core.Field;
import org.mapwright.core.value.Values;
import org.mapwright.engine.PreviewResult;
import org.mapwright.runtime.InvalidProjectException;
import org.mapwright.runtime.MapwrightRuntime;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "preview", mixinStandardHelpOptions = true,
        description = "Prints the first target rows of a mapping and the rows it rejects, writing nothing.")
public final class PreviewCommand implements Callable<Integer>, Services.Aware {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROJECT", description = "Project folder (or its mapwright.json).")
    Path project;

    @Option(names = { "-n", "--rows" }, paramLabel = "N", defaultValue = "20", description = "Target rows to show (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = { "-m", "--mapping" }, paramLabel = "MAPPING", description = "Mapping id or name (needed when the project has several).")
    String mapping;

    @Option(names = "--secrets", paramLabel = "FILE", description = "Properties file of secrets, readable only by its owner.")
    Path secrets;

    @Mixin
    ParameterOptions parameters;

    @Mixin
    LimitOptions limits;

    private Services services;

    @Override
    public void services(Services s) {
        services = s;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!limits.check(spec.commandLine().getErr())) {
            return MapwrightRuntime.EXIT_INVALID;
        }
        try {
            PreviewResult r = services.runtime(secrets).preview(project, mapping, rows, parameters.parameters(), limits.values());
            if (r.error() != null) {
                spec.commandLine().getErr().println("mapwright: " + r.error());
                return MapwrightRuntime.EXIT_INVALID;
            }
            List<Field> fields = r.targetSchema().fields();
            List<String> header = new ArrayList<>();
            fields.forEach(f -> header.add(f.name()));
            TextTable table = new TextTable(header);
            for (PreviewResult.Row row : r.rows()) {
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < fields.size(); i++) {
                    cells.add(Values.format(row.values()[i]));
                }
                table.add(cells);
            }
            table.print(out);
            out.printf("%d rows shown; %d read, %d rejected, %d filtered%s%n", r.rows().size(), r.rowsRead(), r.rowsRejected(),
                    r.rowsFiltered(), r.complete() ? "" : " (source not read to its end)");
            for (PreviewResult.RejectedRow rej : r.rejects()) {
                var j = rej.reject();
                out.println("rejected: " + j.file() + (j.line() >= 0 ? ", line " + j.line() : "")
                        + (j.field() != null ? ", " + j.field() : "") + ": " + j.reason());
            }
            for (String w : r.warnings()) {
                out.println("warning: " + w);
            }
            return MapwrightRuntime.EXIT_OK;
        } catch (InvalidProjectException e) {
            Problems.print(e, spec.commandLine().getErr());
            return MapwrightRuntime.EXIT_INVALID;
        }
    }
}
