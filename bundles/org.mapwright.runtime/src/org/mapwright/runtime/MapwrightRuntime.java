package org.mapwright.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.mapwright.connector.jdbc.JdbcUrls;
import org.mapwright.core.MappingDef;
import org.mapwright.core.OutputDef;
import org.mapwright.core.Project;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.ConnectorRegistry;
import org.mapwright.core.connector.CredentialStore;
import org.mapwright.core.connector.Limits;
import org.mapwright.core.io.ProjectIO;
import org.mapwright.drift.DriftGate;
import org.mapwright.engine.EngineLimits;
import org.mapwright.engine.MappingEngine;
import org.mapwright.engine.MappingPlan;
import org.mapwright.engine.Pipeline;
import org.mapwright.engine.PreviewRequest;
import org.mapwright.engine.PreviewResult;
import org.mapwright.engine.Problem;
import org.mapwright.engine.RunReport;
import org.mapwright.engine.RunReportJson;
import org.mapwright.engine.RunRequest;
import org.mapwright.engine.RunStatus;
import org.mapwright.engine.expr.Functions;

/**
 * What the command line and the workbench do with a project folder: validate, preview and run
 * it, the same way. Immutable and thread-safe.
 *
 * <pre>{@code
 * MapwrightRuntime runtime = MapwrightRuntime.standard(new EnvironmentCredentialStore());
 * RunReport report = runtime.run(projectDir, RunOptions.defaults().withReportFile(Path.of("report.json")));
 * System.exit(MapwrightRuntime.exitCode(report));
 * }</pre>
 */
public final class MapwrightRuntime {

    /** Exit code: the run succeeded. */
    public static final int EXIT_OK = 0;
    /** Exit code: the data was bad (thresholds, fail rules) or a source/output failed. */
    public static final int EXIT_DATA = 1;
    /** Exit code: the project is invalid or the command line is wrong. */
    public static final int EXIT_INVALID = 2;
    /** Exit code: the run was cancelled (as for SIGINT). */
    public static final int EXIT_CANCELLED = 130;

    private static final String JDBC = "jdbc";

    private final MappingEngine engine;
    private final CredentialStore credentials;
    private final RunListener listener;
    private final ProjectIO io = new ProjectIO();
    private final StandardDatasets datasets = new StandardDatasets();

    /**
     * @param connectors  the connectors sources and outputs are opened with
     * @param credentials secrets for connectors; null means none
     * @param clock       the clock expressions and reports use
     */
    public MapwrightRuntime(ConnectorRegistry connectors, CredentialStore credentials, Clock clock) {
        this(connectors, credentials, clock, RunListener.NONE);
    }

    /**
     * @param connectors  the connectors sources and outputs are opened with
     * @param credentials secrets for connectors; null means none
     * @param clock       the clock expressions and reports use
     * @param listener    told about every run (e.g. the run history); null means none
     */
    public MapwrightRuntime(ConnectorRegistry connectors, CredentialStore credentials, Clock clock, RunListener listener) {
        this.engine = new MappingEngine(Objects.requireNonNull(connectors, "connectors"), Functions.standard(), clock,
                EngineLimits.fromProperties(System.getProperties()));
        this.credentials = credentials == null ? CredentialStore.NONE : credentials;
        this.listener = listener == null ? RunListener.NONE : listener;
    }

    /** @return a runtime with {@link StandardConnectors} and the system clock */
    public static MapwrightRuntime standard(CredentialStore credentials) {
        return new MapwrightRuntime(StandardConnectors.registry(), credentials, Clock.systemDefaultZone());
    }

    public MappingEngine engine() {
        return engine;
    }

    /**
     * Reads a project.
     *
     * @throws InvalidProjectException naming the file and the problem when it cannot be read
     */
    public Project load(Path projectDir) throws InvalidProjectException {
        try {
            return io.read(projectDir);
        } catch (IOException e) {
            throw new InvalidProjectException(e.getMessage(), List.of());
        }
    }

    /**
     * Reads a project and gives it run-time parameter values (in memory; the file is unchanged).
     *
     * @throws InvalidProjectException when the file cannot be read or a parameter is unknown or
     *         its value does not fit
     */
    public Project load(Path projectDir, Parameters parameters) throws InvalidProjectException {
        return parameters.apply(load(projectDir));
    }

    /**
     * @return every problem of the project (errors and warnings), including mappings that read
     *         each other's outputs in a cycle
     * @throws InvalidProjectException when the project file cannot be read
     */
    public List<Problem> validate(Path projectDir) throws InvalidProjectException {
        return validate(projectDir, Parameters.none());
    }

    /**
     * Validates the project with run-time parameter values.
     *
     * @throws InvalidProjectException when the project file cannot be read or a parameter is wrong
     */
    public List<Problem> validate(Path projectDir, Parameters parameters) throws InvalidProjectException {
        return validate(projectDir, parameters, null, Map.of());
    }

    /**
     * Validates the project for a run with another engine: with the connectors it offers, plus
     * what it says it cannot run.
     *
     * @param backend        the engine of the run; null for this runtime's engine
     * @param backendOptions the backend's options
     * @throws InvalidProjectException when the project file cannot be read or a parameter is wrong
     */
    public List<Problem> validate(Path projectDir, Parameters parameters, RunBackend backend, Map<String, String> backendOptions)
            throws InvalidProjectException {
        Project project = load(projectDir, parameters);
        MappingEngine e = engineFor(backend);
        List<Problem> problems = new ArrayList<>(e.validate(project));
        problems.addAll(e.pipeline(project, List.of(), ProjectIO.projectFolder(projectDir), datasets).problems());
        if (backend != null) {
            problems.addAll(backend.validate(e, project, backendOptions));
        }
        return problems;
    }

    /** @return the engine that compiles for a backend: the backend's connectors, this runtime's clock */
    private MappingEngine engineFor(RunBackend backend) {
        return backend == null ? engine
                : new MappingEngine(backend.connectors(engine.connectors()), Functions.standard(), engine.clock(),
                        EngineLimits.fromProperties(System.getProperties()));
    }

    /**
     * @param mappingIds the mappings of the run; empty means all
     * @return the order the mappings run in and which reads what another writes
     */
    public Pipeline pipeline(Project project, List<String> mappingIds, Path projectFolder) {
        return engine.pipeline(project, mappingIds, projectFolder, datasets);
    }

    /**
     * Previews one mapping of a project folder.
     *
     * @param mapping id or name of the mapping; null for the only mapping of the project
     * @throws InvalidProjectException when the project cannot be read or the mapping is unknown
     */
    public PreviewResult preview(Path projectDir, String mapping, int rows) throws InvalidProjectException {
        return preview(projectDir, mapping, rows, Parameters.none());
    }

    /**
     * Previews one mapping of a project folder with run-time parameter values.
     *
     * @throws InvalidProjectException when the project cannot be read, a parameter is wrong or the
     *         mapping is unknown
     */
    public PreviewResult preview(Path projectDir, String mapping, int rows, Parameters parameters) throws InvalidProjectException {
        return preview(projectDir, mapping, rows, parameters, Map.of());
    }

    /**
     * Previews one mapping of a project folder with run-time parameter values and reader limits.
     *
     * @param limits reader limits by name over those of the project (like {@link RunOptions#limits()})
     * @throws InvalidProjectException when the project cannot be read, a parameter or limit is
     *         wrong or the mapping is unknown
     */
    public PreviewResult preview(Path projectDir, String mapping, int rows, Parameters parameters, Map<String, Long> limits)
            throws InvalidProjectException {
        Project project = load(projectDir, parameters);
        MappingDef m = resolve(project, mapping);
        PreviewRequest defaults = PreviewRequest.of(ProjectIO.projectFolder(projectDir), rows);
        return preview(project, m.id(), new PreviewRequest(defaults.projectDirectory(), defaults.credentials(), limits(project, limits),
                defaults.rows(), defaults.maxSourceRows(), defaults.maxRejects(), defaults.monitor()));
    }

    /**
     * @return the project's reader limits with {@code overrides} applied
     * @throws InvalidProjectException for an unknown limit name or a value out of range
     */
    public static Limits limits(Project project, Map<String, Long> overrides) throws InvalidProjectException {
        try {
            return project.limits().with(overrides);
        } catch (IllegalArgumentException e) {
            throw new InvalidProjectException(e.getMessage(), List.of());
        }
    }

    /**
     * Previews one mapping of a project in memory (the workbench's current, maybe unsaved, state),
     * with this runtime's credentials.
     *
     * @throws IllegalArgumentException for an unknown mapping id
     * @throws java.util.concurrent.CancellationException when the request's monitor is cancelled
     */
    public PreviewResult preview(Project project, String mappingId, PreviewRequest request) {
        MappingPlan plan = engine.compile(project, mappingId);
        return engine.preview(plan, request.withCredentials(credentials));
    }

    /**
     * Validates, then runs the project folder like {@code mapping run} does: with the options'
     * parameter values, the mappings in pipeline order (a mapping after those whose outputs it
     * reads); writes the report file when asked. Sources with an {@code onDrift} contract are
     * re-inspected first ({@link org.mapwright.drift.DriftGate}): drift then stops the run (a
     * failed report listing it), is listed as report warnings, or maps new fields by name.
     *
     * @return the report; its status says whether outputs were committed
     * @throws InvalidProjectException when the project cannot be read, a selected mapping is unknown
     *         or has errors (nothing runs then)
     * @throws IOException when the report file cannot be written (the run itself has finished)
     */
    public RunReport run(Path projectDir, RunOptions options) throws InvalidProjectException, IOException {
        return run(projectDir, options, null, Map.of());
    }

    /**
     * Like {@link #run(Path, RunOptions)}, with another engine running the mappings.
     *
     * @param backend        runs the mappings instead of this runtime's engine; null for the engine
     * @param backendOptions the backend's options, e.g. {@code master=local[2]}
     * @throws InvalidProjectException also when the backend cannot run the project (see {@link RunBackend#validate})
     */
    public RunReport run(Path projectDir, RunOptions options, RunBackend backend, Map<String, String> backendOptions)
            throws InvalidProjectException, IOException {
        Project project = load(projectDir, options.parameters());
        Limits limits = limits(project, options.limits());
        List<String> ids = new ArrayList<>();
        for (String m : options.mappings()) {
            ids.add(resolve(project, m).id());
        }
        MappingEngine runEngine = engineFor(backend);
        List<Problem> errors = new ArrayList<>();
        for (Problem p : runEngine.validate(project)) {
            if (p.isError() && (ids.isEmpty() || p.location().mappingId() == null || ids.contains(p.location().mappingId()))) {
                errors.add(p);
            }
        }
        Path folder = ProjectIO.projectFolder(projectDir);
        Pipeline pipeline = runEngine.pipeline(project, ids, folder, datasets);
        errors.addAll(pipeline.problems());
        if (backend != null) {
            for (Problem p : backend.validate(runEngine, project, backendOptions)) {
                if (p.isError() && (ids.isEmpty() || p.location().mappingId() == null || ids.contains(p.location().mappingId()))) {
                    errors.add(p);
                }
            }
        }
        errors.addAll(DriftGate.problems(project));
        errors.addAll(refusedConnections(project, ids, folder, options.outputDirectory() == null ? folder : options.outputDirectory()));
        if (!errors.isEmpty()) {
            throw new InvalidProjectException(ProjectIO.projectFile(projectDir) + ": " + errors.size()
                    + (errors.size() == 1 ? " error" : " errors") + ", nothing was run", errors);
        }
        RunRequest request = new RunRequest(folder, options.outputDirectory(), credentials, limits, options.monitor());
        // Each source's onDrift contract: re-inspect, then refuse to start, warn, or map new fields for this run.
        DriftGate.Outcome drift = new DriftGate(runEngine).check(project, ids, new ConnectorContext(folder, credentials, limits),
                options.monitor());
        Project relocated = datasets.readOutputsWhereWritten(drift.project(), pipeline, folder, options.outputDirectory());
        RunReport report = drift.blocked() ? drift.blockedReport(project, ids, engine.clock().instant())
                : drift.annotate(backend == null ? engine.run(relocated, pipeline, request)
                        : backend.run(runEngine, relocated, pipeline, request, backendOptions));
        try {
            if (options.reportFile() != null) {
                new RunReportJson().write(report, options.reportFile());
            }
        } finally {
            // The run happened whether or not its report file could be written.
            listener.runFinished(new RunListener.FinishedRun(folder, project, report));
        }
        return report;
    }

    /**
     * Checks the connection settings of the database sources and outputs the selected mappings use
     * the way the JDBC connector will ({@link JdbcUrls#build}, which loads and opens nothing), so
     * refused settings stop the run before anything is written and count as a project error (exit
     * code 2) like elsewhere, not as a failed run.
     */
    private static List<Problem> refusedConnections(Project project, List<String> ids, Path folder, Path outputFolder) {
        List<Problem> out = new ArrayList<>();
        for (MappingDef m : project.mappings()) {
            if (!ids.isEmpty() && !ids.contains(m.id())) {
                continue;
            }
            List<String> sources = new ArrayList<>();
            sources.add(m.sourceId());
            m.joins().forEach(j -> sources.add(j.sourceId()));
            for (String id : sources) {
                project.source(id).filter(s -> JDBC.equals(s.connector())).ifPresent(s -> {
                    String refused = refused(ConnectorContext.of(folder), s.settings());
                    if (refused != null) {
                        out.add(Problem.error(Problem.Location.of(m.id(), Problem.SOURCE),
                                "source '" + s.name() + "': refused connection settings: " + refused, null));
                    }
                });
            }
            for (int i = 0; i < m.outputs().size(); i++) {
                OutputDef o = m.outputs().get(i);
                if (JDBC.equals(o.connector())) {
                    String refused = refused(ConnectorContext.of(outputFolder), o.settings());
                    if (refused != null) {
                        out.add(Problem.error(Problem.Location.of(m.id(), Problem.output(i)),
                                "output " + o.id() + ": refused connection settings: " + refused, null));
                    }
                }
            }
        }
        return out;
    }

    private static String refused(ConnectorContext context, org.mapwright.core.Settings settings) {
        try {
            JdbcUrls.build(context, settings);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** @return the process exit code for a run's outcome: 0, 1 or 130 */
    public static int exitCode(RunReport report) {
        if (report.status() == RunStatus.SUCCEEDED) {
            return EXIT_OK;
        }
        return report.status() == RunStatus.CANCELLED ? EXIT_CANCELLED : EXIT_DATA;
    }

    /** @throws InvalidProjectException naming the known mappings when none matches */
    private static MappingDef resolve(Project project, String idOrName) throws InvalidProjectException {
        if (idOrName == null) {
            if (project.mappings().size() == 1) {
                return project.mappings().get(0);
            }
            throw new InvalidProjectException("the project has " + project.mappings().size() + " mappings; name one of: " + names(project), List.of());
        }
        for (MappingDef m : project.mappings()) {
            if (m.id().equals(idOrName)) {
                return m;
            }
        }
        for (MappingDef m : project.mappings()) {
            if (m.name().equals(idOrName)) {
                return m;
            }
        }
        throw new InvalidProjectException("no mapping '" + idOrName + "' in the project (mappings: " + names(project) + ")", List.of());
    }

    private static String names(Project project) {
        return String.join(", ", project.mappings().stream().map(MappingDef::name).toList());
    }
}
