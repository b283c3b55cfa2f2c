package org.mapwright.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

import org.mapwright.core.Project;
import org.mapwright.core.connector.ConnectorRegistry;
import org.mapwright.engine.MappingEngine;
import org.mapwright.engine.Pipeline;
import org.mapwright.engine.Problem;
import org.mapwright.engine.RunReport;
import org.mapwright.engine.RunRequest;

/**
 * Another engine that runs the mappings of a project, such as Apache Spark, instead of
 * {@link MappingEngine}'s own row-by-row runner ({@code mapwright run --engine NAME}). A backend
 * lives in its own jars, outside the bundles: it is found on the plain class path by
 * {@link ServiceLoader} ({@code META-INF/services/org.mapwright.runtime.RunBackend}); inside OSGi
 * there is none. Implementations have a public no-argument constructor and are thread-safe.
 *
 * <p>A backend compiles the mappings with the given engine (so it accepts exactly the projects
 * the engine accepts), produces the same outputs, rejects files and {@link RunReport} as the
 * engine's runner, and says through {@link #validate} which parts of a valid project it cannot run.
 */
public interface RunBackend {

    /** @return the name {@code --engine} selects it by, e.g. {@code spark} */
    String name();

    /**
     * @param standard the host's connectors
     * @return the connectors mappings may use with this backend: the host's, plus outputs only it
     *         writes (e.g. {@code parquet}); the engine compiles and validates against these
     */
    default ConnectorRegistry connectors(ConnectorRegistry standard) {
        return standard;
    }

    /**
     * Checks what this backend cannot run (a function it has no equivalent for, a connector it
     * cannot read). Does no I/O and starts nothing.
     *
     * @param options backend options, e.g. {@code master=local[2]}
     * @return problems in addition to the engine's own, errors for what would not run; empty when it can run everything
     */
    List<Problem> validate(MappingEngine engine, Project project, Map<String, String> options);

    /**
     * Runs the steps of a pipeline like {@link MappingEngine#run(Project, Pipeline, RunRequest)}:
     * each mapping all or nothing, committed when it succeeds, rejects files beside the outputs.
     * Never throws for bad data or unusable sources: the report says what happened.
     *
     * @param engine  compiles the mappings; its clock is the clock of {@code now()} and of the report
     * @param options backend options, e.g. {@code master=local[2]}
     */
    RunReport run(MappingEngine engine, Project project, Pipeline pipeline, RunRequest request, Map<String, String> options);

    /** @return the backend of this name on the class path of the calling thread */
    static Optional<RunBackend> find(String name) {
        for (RunBackend b : ServiceLoader.load(RunBackend.class)) {
            if (b.name().equalsIgnoreCase(name)) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }

    /** @return the names of the backends on the class path */
    static List<String> available() {
        List<String> out = new ArrayList<>();
        for (RunBackend b : ServiceLoader.load(RunBackend.class)) {
            out.add(b.name());
        }
        return out;
    }
}
