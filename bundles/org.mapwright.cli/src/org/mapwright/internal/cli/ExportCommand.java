package org.mapwright.internal.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.mapwright.core.value.Values;
import org.mapwright.runtime.EnvironmentCredentialStore;
import org.mapwright.runtime.InvalidProjectException;
import org.mapwright.runtime.MapwrightRuntime;
import org.mapwright.runtime.ProjectExporter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = { "Exports a project as a self-contained runnable folder or zip archive.",
                "For machines without the workbench: bin/mapwright-run (and .bat) running THIS project, project/ with its",
                "data files, lib/ with the headless Mapwright, README.md for operators (parameters, secrets, exit codes) and",
                "SHA256SUMS. Never contains secrets: a project whose settings look like passwords or tokens is refused." })
public final class ExportCommand implements Callable<Integer>, Services.Aware {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROJECT", description = "Project folder (or its mapwright.json).")
    Path project;

    @Option(names = { "-t", "--to" }, required = true, paramLabel = "DIR|FILE.zip",
            description = "Where to write the export: a new folder, or a zip archive when the name ends in .zip.")
    Path to;

    @Option(names = { "-f", "--force" }, description = "Replace the target if it exists.")
    boolean force;

    private Services services;

    @Override
    public void services(Services s) {
        services = s;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            MapwrightRuntime runtime = services.runtime(null);
            ProjectExporter.Export e = new ProjectExporter(runtime, new LibFolderJars()).export(project, to, force);
            out.println("exported to " + e.target() + ": " + e.files().size() + " files ("
                    + e.files().stream().filter(f -> f.startsWith("lib/")).count() + " jars, " + e.dataFiles().size() + " data files)");
            out.println("run it with: " + (e.target().getFileName().toString().endsWith(".zip") ? "(unzipped) " : e.target() + "/")
                    + "bin/mapwright-run --output DIR [--param NAME=VALUE]...");
            if (!e.parameters().isEmpty()) {
                out.println("parameters:");
                for (org.mapwright.runtime.Parameters.Parameter p : e.parameters()) {
                    out.println("  " + p.name() + " = " + Values.format(p.value())
                            + (e.mustSet().contains(p.name()) ? "   (set this: it points outside the export)" : ""));
                }
            }
            for (String key : e.credentials()) {
                out.println("secret needed at run time: credential key " + key + " (e.g. environment variable "
                        + EnvironmentCredentialStore.variableName(key) + ")");
            }
            return MapwrightRuntime.EXIT_OK;
        } catch (InvalidProjectException e) {
            Problems.print(e, err);
            return MapwrightRuntime.EXIT_INVALID;
        } catch (IOException e) {
            err.println("mapwright: " + e.getMessage());
            return MapwrightRuntime.EXIT_INVALID;
        }
    }
}
