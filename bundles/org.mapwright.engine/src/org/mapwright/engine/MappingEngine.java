package org.mapwright.engine;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.mapwright.core.MappingDef;
import org.mapwright.core.OutputDef;
import org.mapwright.core.Project;
import org.mapwright.core.SourceDef;
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
 * RunReport report = engine.run(project, engine.pipeline(project, List.of(), projectDir, datasets), RunRequest.of(projectDir));
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

    /** @return the clock of {@code now()}/{@code today()} and of run reports */
    public Clock clock() {
        return clock;
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
     * Says in which order a run executes mappings and which mapping reads what another writes (a
     * source reading the data set an output of another mapping writes). Compiles the mappings to
     * find every source they read (primary, joins, {@code lookup()} tables, reference rules); does
     * no I/O.
     *
     * @param mappingIds       the mappings of the run in the preferred order; empty means every
     *                         mapping in project order
     * @param projectDirectory the folder relative paths of sources and outputs resolve against
     * @param datasets         names the data sets of sources and outputs
     * @return the pipeline; when mappings read each other's outputs in a cycle it cannot run and
     *         its {@link Pipeline#problems()} name the cycle
     * @throws IllegalArgumentException for an unknown mapping id
     */
    public Pipeline pipeline(Project project, List<String> mappingIds, Path projectDirectory, Datasets datasets) {
        Objects.requireNonNull(datasets, "datasets");
        List<CompiledPlan> plans = plans(project, mappingIds);
        Map<String, List<String[]>> writers = new HashMap<>();
        for (CompiledPlan plan : plans) {
            for (OutputDef o : plan.mapping().outputs()) {
                datasets.name(o.connector(), o.settings(), projectDirectory).ifPresent(
                        name -> writers.computeIfAbsent(name, k -> new ArrayList<>()).add(new String[] { plan.mapping().id(), plan.mapping().name(), o.id() }));
            }
        }
        List<Pipeline.Step> steps = new ArrayList<>();
        for (CompiledPlan plan : plans) {
            List<Pipeline.Link> inputs = new ArrayList<>();
            for (SourceDef s : plan.sourcesRead()) {
                datasets.name(s.connector(), s.settings(), projectDirectory).ifPresent(name -> {
                    for (String[] w : writers.getOrDefault(name, List.of())) {
                        inputs.add(new Pipeline.Link(s.id(), s.name(), w[0], w[1], w[2]));
                    }
                });
            }
            steps.add(new Pipeline.Step(plan.mapping().id(), plan.mapping().name(), inputs));
        }
        return Pipeline.order(steps);
    }

    /**
     * Runs mappings of a project one after the other in the given order, as a pipeline whose
     * mappings do not depend on each other: see {@link #run(Project, Pipeline, RunRequest)}.
     *
     * @param mappingIds the mappings to run, in this order; empty runs every mapping in project order
     * @throws IllegalArgumentException for an unknown mapping id
     */
    public RunReport run(Project project, List<String> mappingIds, RunRequest request) {
        List<CompiledPlan> plans = plans(project, mappingIds);
        List<Pipeline.Step> steps = new ArrayList<>();
        for (CompiledPlan p : plans) {
            steps.add(new Pipeline.Step(p.mapping().id(), p.mapping().name(), List.of()));
        }
        return run(project, Pipeline.sequence(steps), request);
    }

    /**
     * Runs the steps of a pipeline in its order. Each mapping is all or nothing on its own: its
     * outputs are committed as soon as it succeeds (so the mappings after it can read them) and
     * left untouched when it does not. A mapping that reads the output of a mapping that did not
     * succeed is skipped, and so are the mappings after it that read its outputs; the others
     * still run. A cancellation skips every mapping not yet run. Never throws for bad data or
     * unusable sources: the report says what happened, one mapping report per step in execution
     * order.
     *
     * @param project  the project the pipeline was made from, or a copy of it with other settings
     *                 (for instance paths relocated to the run's output folder)
     * @param pipeline the steps, from {@link #pipeline}
     * @throws IllegalArgumentException when the pipeline has a cycle or names a mapping the
     *                                  project does not have
     */
    public RunReport run(Project project, Pipeline pipeline, RunRequest request) {
        if (!pipeline.isRunnable()) {
            throw new IllegalArgumentException(pipeline.problems().get(0).message());
        }
        List<CompiledPlan> plans = new ArrayList<>();
        List<Set<Integer>> inputs = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        for (Pipeline.Step step : pipeline.steps()) {
            Set<Integer> from = new TreeSet<>();
            for (String id : step.dependsOn()) {
                Integer i = index.get(id);
                if (i == null) {
                    throw new IllegalArgumentException("step '" + step.name() + "' depends on '" + id + "', which does not run before it");
                }
                from.add(i);
            }
            index.put(step.mappingId(), plans.size());
            plans.add((CompiledPlan) compile(project, step.mappingId()));
            inputs.add(from);
        }
        return new Runner(connectors, limits, clock).run(project.name(), plans, inputs, request);
    }

    private List<CompiledPlan> plans(Project project, List<String> mappingIds) {
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
        return plans;
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
