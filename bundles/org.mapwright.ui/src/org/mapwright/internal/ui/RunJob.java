package org.mapwright.internal.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.ui.di.UISynchronize;
import org.mapwright.core.connector.CredentialStore;
import org.mapwright.core.connector.ProgressMonitor;
import org.mapwright.engine.MappingEngine;
import org.mapwright.engine.Problem;
import org.mapwright.engine.RunReport;
import org.mapwright.monitor.history.HistoryException;
import org.mapwright.monitor.history.HistoryRecorder;
import org.mapwright.monitor.history.HistoryStore;
import org.mapwright.monitor.history.RunSummary;
import org.mapwright.runtime.InvalidProjectException;
import org.mapwright.runtime.MapwrightRuntime;
import org.mapwright.runtime.Parameters;
import org.mapwright.runtime.RunOptions;

/**
 * Runs a saved project folder the way {@code mapwright run} does: through
 * {@link MapwrightRuntime#run} (validation, pipeline order, drift gate, parameters, report) with
 * the run recorded in the project's history ({@code .mapwright/history}, the command line's
 * {@code --history auto}), as an Eclipse {@link Job} whose monitor reports progress and whose
 * cancellation stops the engine. The outcome is delivered on the UI thread.
 */
public final class RunJob extends Job {

    /** What the run led to; exactly one of report and failure is set. */
    public record Outcome(RunReport report, RunSummary recorded, String historyFailure, String failure, List<Problem> problems) {

        public Outcome {
            problems = problems == null ? List.of() : List.copyOf(problems);
        }
    }

    /** Progress as the UI shows it; called on the job's thread. */
    public interface Progress {
        void update(String task, double fraction);
    }

    private final MappingEngine engine;
    private final CredentialStore credentials;
    private final Path folder;
    private final Map<String, String> parameters;
    private final UISynchronize sync;
    private final Consumer<Outcome> done;
    private volatile Progress progress = (task, fraction) -> {
    };
    private volatile boolean history = true;

    /**
     * @param engine      the workbench's engine; its connectors and clock make the runtime
     * @param folder      the saved project folder
     * @param parameters  values by parameter name (as {@code --param}); the environment's
     *                    {@code MAPWRIGHT_PARAM_*} apply as on the command line
     * @param done        receives the outcome on the UI thread
     */
    public RunJob(MappingEngine engine, CredentialStore credentials, Path folder, Map<String, String> parameters, UISynchronize sync,
            Consumer<Outcome> done) {
        super("Run " + folder.getFileName());
        this.engine = engine;
        this.credentials = credentials;
        this.folder = folder;
        this.parameters = Map.copyOf(parameters);
        this.sync = sync;
        this.done = done;
        setUser(true);
        // A job cancelled before it started never runs; its caller still waits for an outcome.
        addJobChangeListener(new org.eclipse.core.runtime.jobs.JobChangeAdapter() {
            @Override
            public void done(org.eclipse.core.runtime.jobs.IJobChangeEvent event) {
                if (!delivered) {
                    deliver(new Outcome(null, null, null, "The run was cancelled before it started.", null));
                }
            }
        });
    }

    private volatile boolean delivered;

    private void deliver(Outcome outcome) {
        delivered = true;
        sync.asyncExec(() -> done.accept(outcome));
    }

    public void setProgress(Progress p) {
        progress = p;
    }

    /** Whether to record the run in the project's history (default yes). */
    public void setRecordHistory(boolean record) {
        history = record;
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        Outcome outcome = execute(monitor);
        deliver(outcome);
        return outcome.report() != null && outcome.report().status() == org.mapwright.engine.RunStatus.CANCELLED ? Status.CANCEL_STATUS
                : Status.OK_STATUS;
    }

    private Outcome execute(IProgressMonitor monitor) {
        RunSummary[] recorded = new RunSummary[1];
        String[] historyFailure = new String[1];
        HistoryStore store = null;
        if (history && Files.isWritable(folder)) {
            try {
                store = HistoryStore.h2(HistoryStore.defaultLocation(folder));
            } catch (HistoryException e) {
                historyFailure[0] = e.getMessage();
            }
        }
        HistoryRecorder recorder = store == null ? null : new HistoryRecorder(store, "workbench", new HistoryRecorder.Outcome() {
            @Override
            public void recorded(RunSummary run) {
                recorded[0] = run;
            }

            @Override
            public void failed(String reason) {
                historyFailure[0] = reason;
            }
        });
        MapwrightRuntime runtime = new MapwrightRuntime(engine.connectors(), credentials, engine.clock(), recorder);
        RunOptions options = RunOptions.defaults().withMonitor(adapt(monitor)).withParameters(Parameters.of(parameters, System.getenv()));
        try {
            RunReport report = runtime.run(folder, options);
            return new Outcome(report, recorded[0], historyFailure[0], null, null);
        } catch (InvalidProjectException e) {
            return new Outcome(null, null, null, e.getMessage(), e.problems());
        } catch (IOException | RuntimeException e) {
            return new Outcome(null, null, null, "The run failed: " + e.getMessage(), null);
        } finally {
            monitor.done();
        }
    }

    private ProgressMonitor adapt(IProgressMonitor monitor) {
        return new ProgressMonitor() {
            private static final int UNITS = 1000;
            private String task = "";
            private long total = -1;
            private long worked;
            private int reported;
            private boolean begun;

            @Override
            public void begin(String name, long totalWork) {
                task = name;
                total = totalWork;
                worked = 0;
                reported = 0;
                // An Eclipse monitor is begun once; each mapping of the pipeline is a sub-task of it.
                if (!begun) {
                    monitor.beginTask(getName(), IProgressMonitor.UNKNOWN);
                    begun = true;
                }
                monitor.subTask(name);
                progress.update(name, totalWork > 0 ? 0 : -1);
            }

            @Override
            public void worked(long work) {
                worked += work;
                if (total > 0) {
                    int now = (int) Math.min(UNITS, worked * UNITS / total);
                    if (now > reported) {
                        monitor.worked(1);
                        reported = now;
                        progress.update(task, now / (double) UNITS);
                    }
                }
            }

            @Override
            public boolean isCanceled() {
                return monitor.isCanceled();
            }
        };
    }
}
