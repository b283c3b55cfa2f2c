package org.mapwright.runtime;

import java.nio.file.Path;
import java.util.Objects;

import org.mapwright.core.Project;
import org.mapwright.engine.RunReport;

/**
 * Hears about every run {@link MapwrightRuntime#run} performed, e.g. to record it in a run
 * history. Called once per run, after the run ended and its report file (if any) was written or
 * failed to be written; not called when the project was invalid and nothing ran.
 *
 * <p>A listener must handle its own failures (an unreachable history database, a full disk) and
 * report them through its own channel: the outputs are already committed or rolled back when it
 * is called, so nothing it does may change the run's outcome or hide its report.
 */
@FunctionalInterface
public interface RunListener {

    /** A listener that does nothing. */
    RunListener NONE = run -> {
    };

    /** Called on the thread that ran the project, after the run. */
    void runFinished(FinishedRun run);

    /**
     * One finished run.
     *
     * @param projectFolder the folder the project was read from (relative paths resolve against it)
     * @param project       the project exactly as it was run
     * @param report        what the run did
     */
    record FinishedRun(Path projectFolder, Project project, RunReport report) {
        public FinishedRun {
            Objects.requireNonNull(projectFolder, "projectFolder");
            Objects.requireNonNull(project, "project");
            Objects.requireNonNull(report, "report");
        }
    }
}
