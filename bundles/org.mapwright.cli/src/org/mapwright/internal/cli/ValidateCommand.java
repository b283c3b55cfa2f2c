package org.mapwright.internal.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.mapwright.engine.Problem;
import org.mapwright.runtime.InvalidProjectException;
import org.mapwright.runtime.MapwrightRuntime;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Checks a project without reading data: sources, expressions, types, rules, outputs and the order of mappings "
                + "that read each other's outputs (cycles). Exits 2 when it has errors.")
public final class ValidateCommand implements Callable<Integer>, Services.Aware {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROJECT", description = "Project folder (or its mapwright.json).")
    Path project;

    @Mixin
    ParameterOptions parameters;

    @Mixin
    EngineOptions engine;

    private Services services;

    @Override
    public void services(Services s) {
        services = s;
    }

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        try {
            List<Problem> problems = services.runtime(null).validate(project, parameters.parameters(), engine.backend(),
                    engine.backendOptions());
            long errors = problems.stream().filter(Problem::isError).count();
            long warnings = problems.size() - errors;
            Problems.print(problems, out);
            out.println(project + ": " + errors + (errors == 1 ? " error, " : " errors, ") + warnings + (warnings == 1 ? " warning" : " warnings"));
            return errors > 0 ? MapwrightRuntime.EXIT_INVALID : MapwrightRuntime.EXIT_OK;
        } catch (InvalidProjectException e) {
            Problems.print(e, spec.commandLine().getErr());
            return MapwrightRuntime.EXIT_INVALID;
        } catch (EngineOptions.UnavailableEngine e) {
            spec.commandLine().getErr().println("mapwright: " + e.getMessage());
            return MapwrightRuntime.EXIT_INVALID;
        }
    }
}
