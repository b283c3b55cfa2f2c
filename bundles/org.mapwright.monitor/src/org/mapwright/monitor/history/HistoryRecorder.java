package org.mapwright.monitor.history;

import java.util.Objects;

import org.mapwright.core.Project;
import org.mapwright.engine.RunReport;
import org.mapwright.runtime.RunListener;

/**
 * Records every run into a {@link HistoryStore}: plugged into
 * {@link org.mapwright.runtime.MapwrightRuntime} as its {@link RunListener}, or called directly by
 * hosts that run projects themselves. A store that cannot be written never changes a run's
 * outcome: the failure goes to the {@link Outcome} and the run stands.
 *
 * <pre>{@code
 * HistoryRecorder recorder = new HistoryRecorder(HistoryStore.h2(HistoryStore.defaultLocation(dir)), "cli", outcome);
 * MapwrightRuntime runtime = new MapwrightRuntime(connectors, credentials, clock, recorder);
 * }</pre>
 *
 * Thread-safe when the outcome is.
 */
public final class HistoryRecorder implements RunListener {

    /** Hears whether each run was recorded. Called on the thread that ran the project. */
    public interface Outcome {

        /** The run was recorded. */
        void recorded(RunSummary run);

        /**
         * The run could not be recorded.
         *
         * @param reason what went wrong, naming the store; no secret
         */
        void failed(String reason);
    }

    private final HistoryStore store;
    private final String origin;
    private final Outcome outcome;

    /**
     * @param store   where runs are recorded
     * @param origin  what runs the projects, e.g. {@code "cli"}, {@code "workbench"}
     * @param outcome told about every recording
     */
    public HistoryRecorder(HistoryStore store, String origin, Outcome outcome) {
        this.store = Objects.requireNonNull(store, "store");
        this.origin = Objects.requireNonNull(origin, "origin");
        this.outcome = Objects.requireNonNull(outcome, "outcome");
    }

    public HistoryStore store() {
        return store;
    }

    @Override
    public void runFinished(FinishedRun run) {
        record(run.project(), run.report());
    }

    /** Records one run; reports the result to the outcome and never throws for a store failure. */
    public void record(Project project, RunReport report) {
        RunSummary recorded;
        try {
            recorded = store.record(project, report, origin);
        } catch (HistoryException e) {
            outcome.failed(e.getMessage());
            return;
        } catch (RuntimeException e) {
            // A defect in a driver must not turn a finished run into a crash: the run's outputs are already committed.
            outcome.failed("cannot record the run in the run history (" + store.description() + "): " + e);
            return;
        }
        outcome.recorded(recorded);
    }
}
