package org.mapwright.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.mapwright.core.MappingDef;
import org.mapwright.core.Project;
import org.mapwright.core.connector.ConnectorRegistry;
import org.mapwright.core.connector.CredentialStore;
import org.mapwright.core.io.ProjectIO;
import org.mapwright.engine.EngineLimits;
import org.mapwright.engine.MappingEngine;
import org.mapwright.engine.MappingPlan;
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

    private final MappingEngine engine;
    private final CredentialStore credentials;
    private final ProjectIO io = new ProjectIO();

    /**
     * @param connectors  the connectors sources and outputs are opened with
     * @param credentials secrets for connectors; null means none
     * @param clock       the clock expressions and reports use
     */
    public MapwrightRuntime(ConnectorRegistry connectors, CredentialStore credentials, Clock clock) {
        this.engine = new MappingEngine(Objects.requireNonNull(connectors, "connectors"), Functions.standard(), clock,
                EngineLimits.DEFAULTS);
        this.credentials = credentials == null ? CredentialStore.NONE : credentials;
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
     * @return every problem of the project (errors and warnings)
     * @throws InvalidProjectException when the project file cannot be read
     */
    public List<Problem> validate(Path projectDir) throws InvalidProjectException {
        return engine.validate(load(projectDir));
    }

    /**
     * Previews one mapping of a project folder.
     *
     * @param mapping id or name of the mapping; null for the only mapping of the project
     * @throws InvalidProjectException when the project cannot be read or the mapping is unknown
     */
    public PreviewResult preview(Path projectDir, String mapping, int rows) throws InvalidProjectException {
        Project project = load(projectDir);
        MappingDef m = resolve(project, mapping);
        return preview(project, m.id(), PreviewRequest.of(ProjectIO.projectFolder(projectDir), rows));
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
     * Validates, then runs the project folder like {@code mapping run} does; writes the report
     * file when asked.
     *
     * @return the report; its status says whether outputs were committed
     * @throws InvalidProjectException when the project cannot be read, a selected mapping is unknown
     *         or has errors (nothing runs then)
     * @throws IOException when the report file cannot be written (the run itself has finished)
     */
    public RunReport run(Path projectDir, RunOptions options) throws InvalidProjectException, IOException {
        Project project = load(projectDir);
        List<String> ids = new ArrayList<>();
        for (String m : options.mappings()) {
            ids.add(resolve(project, m).id());
        }
        List<Problem> errors = new ArrayList<>();
        for (Problem p : engine.validate(project)) {
            if (p.isError() && (ids.isEmpty() || p.location().mappingId() == null || ids.contains(p.location().mappingId()))) {
                errors.add(p);
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidProjectException(ProjectIO.projectFile(projectDir) + ": " + errors.size()
                    + (errors.size() == 1 ? " error" : " errors") + ", nothing was run", errors);
        }
        Path folder = ProjectIO.projectFolder(projectDir);
        RunRequest request = new RunRequest(folder, options.outputDirectory(), credentials, null, options.monitor());
        RunReport report = engine.run(project, ids, request);
        if (options.reportFile() != null) {
            new RunReportJson().write(report, options.reportFile());
        }
        return report;
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
