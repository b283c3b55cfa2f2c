package org.mapwright.engine;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.mapwright.core.MappingDef;
import org.mapwright.core.Project;
import org.mapwright.core.connector.ConnectorRegistry;
import org.mapwright.engine.expr.FunctionRegistry;
import org.mapwright.engine.expr.Functions;
import org.mapwright.internal.engine.run.CompiledPlan;
import org.mapwright.internal.engine.run.PlanCompiler;
import org.mapwright.internal.engine.run.Previewer;
import org.mapwright.internal.engine.run.Runner;

/**
 * Compiles, validates, previews and runs the mappings of a project. Immutable and thread-safe;
 * the host's composition root creates one with its connectors.
 *
 * <pre>{@code
 * MappingEngine engine = new MappingEngine(connectors);
 * List<Problem> problems = engine.validate(project);
 * RunReport report = engine.run(project, List.of(), RunRequest.of(projectDir));
 * }</pre>
 */
public final class MappingEngine {

    private final ConnectorRegistry connectors;
    private final PlanCompiler compiler;
    private final EngineLimits limits;
    private final Clock clock;

    /** An engine with the standard functions, the system clock and default limits. */
    public MappingEngine(ConnectorRegistry connectors) {
        this(connectors, Functions.standard(), Clock.systemDefaultZone(), EngineLimits.DEFAULTS);
    }

    /**
     * @param connectors the connectors sources and outputs are opened with
     * @param functions  the functions expressions may call
     * @param clock      the clock of {@code now()}/{@code today()} and of run reports (fixed in tests)
     * @param limits     in-memory limits
     */
    public MappingEngine(ConnectorRegistry connectors, FunctionRegistry functions, Clock clock, EngineLimits limits) {
        this.connectors = Objects.requireNonNull(connectors, "connectors");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.compiler = new PlanCompiler(connectors, Objects.requireNonNull(functions, "functions"), clock);
    }

    public ConnectorRegistry connectors() {
        return connectors;
    }

    /**
     * Compiles one mapping. Never throws for a broken mapping: the problems are in the plan.
     *
     * @throws IllegalArgumentException if the project has no mapping with this id
     */
    public MappingPlan compile(Project project, String mappingId) {
        MappingDef m = project.mapping(mappingId)
                .orElseThrow(() -> new IllegalArgumentException("no mapping '" + mappingId + "' in project '" + project.name() + "'"));
        return compiler.compile(project, m);
    }

    /**
     * @return every problem of the project: project-level ones first, then each mapping's (errors
     *         before warnings), in mapping order. Empty when everything can run. Does no I/O.
     */
    public List<Problem> validate(Project project) {
        List<Problem> out = new ArrayList<>(compiler.projectProblems(project));
        for (MappingDef m : project.mappings()) {
            out.addAll(compiler.compile(project, m).problems());
        }
        return out;
    }

    /**
     * Runs mappings of a project, all or nothing: outputs are committed only when every mapping
     * succeeded. Never throws for bad data or unusable sources: the report says what happened.
     *
     * @param mappingIds the mappings to run, in this order; empty runs every mapping in project order
     * @throws IllegalArgumentException for an unknown mapping id
     */
    public RunReport run(Project project, List<String> mappingIds, RunRequest request) {
        List<CompiledPlan> plans = new ArrayList<>();
        if (mappingIds.isEmpty()) {
            for (MappingDef m : project.mappings()) {
                plans.add(compiler.compile(project, m));
            }
        } else {
            for (String id : mappingIds) {
                plans.add((CompiledPlan) compile(project, id));
            }
        }
        return new Runner(connectors, limits, clock).run(project.name(), plans, request);
    }

    /**
     * Runs an already compiled plan alone.
     *
     * @throws IllegalArgumentException if the plan was not made by a {@link MappingEngine}
     */
    public RunReport run(MappingPlan plan, RunRequest request) {
        return new Runner(connectors, limits, clock).run(plan.project().name(), List.of(internal(plan)), request);
    }

    /**
     * Previews a plan: the same processing as a run, limited to a few rows, writing nothing.
     * Errors (a missing source file, an invalid plan) are in the result.
     *
     * @throws java.util.concurrent.CancellationException when the request's monitor is cancelled
     * @throws IllegalArgumentException if the plan was not made by a {@link MappingEngine}
     */
    public PreviewResult preview(MappingPlan plan, PreviewRequest request) {
        return new Previewer(connectors, limits).preview(internal(plan), request);
    }

    private static CompiledPlan internal(MappingPlan plan) {
        if (plan instanceof CompiledPlan c) {
            return c;
        }
        throw new IllegalArgumentException("plans come from MappingEngine.compile");
    }
}
