package org.mapwright.ui.jobs;

import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Display;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.ProgressMonitor;
import org.mapwright.ui.ProjectActions;

/**
 * One lane of background work for a wizard page or view (shared by every workbench bundle, so
 * views load, cancel and report failures alike): each request runs as an Eclipse
 * {@link Job} with progress and cancel, a new request cancels the one before, and only the newest
 * request's outcome reaches the UI thread. Connector failures arrive as the connector's message
 * (file, row, column, reason), never as a stack trace.
 *
 * <p>Call {@link #run} and {@link #cancel} on the UI thread.
 */
public final class Background {

    /** Work done off the UI thread; it polls the monitor and stops early when cancelled. */
    public interface Work<T> {
        T run(ProgressMonitor monitor) throws Exception;
    }

    private final Display display;
    private final String family;
    private Job current;
    private boolean system = true;

    /**
     * @param display the display whose thread receives the outcomes
     * @param family  a name for the jobs, shown in the progress view
     */
    public Background(Display display, String family) {
        this.display = display;
        this.family = family;
    }

    /** Makes the jobs user jobs (shown with progress in the workbench), for long work such as profiling. */
    public Background userJobs() {
        system = false;
        return this;
    }

    /**
     * Starts {@code work} after cancelling the previous request.
     *
     * @param onResult receives the result on the UI thread
     * @param onError  receives a message for the user on the UI thread; not called on cancel
     * @return the job, for tests and progress reporting
     */
    public <T> Job run(String task, Work<T> work, Consumer<T> onResult, Consumer<String> onError) {
        cancel();
        Job job = new Job(family + ": " + task) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                Object outcome;
                boolean ok = false;
                try {
                    outcome = work.run(ProjectActions.adapt(monitor));
                    ok = true;
                } catch (CancellationException e) {
                    return Status.CANCEL_STATUS;
                } catch (DataException e) {
                    outcome = e.getMessage();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Status.CANCEL_STATUS;
                } catch (Exception | LinkageError e) {
                    outcome = describe(e);
                } finally {
                    monitor.done();
                }
                if (monitor.isCanceled()) {
                    return Status.CANCEL_STATUS;
                }
                boolean success = ok;
                Object value = outcome;
                Job self = this;
                if (!display.isDisposed()) {
                    display.asyncExec(() -> {
                        if (current != self) {
                            return;
                        }
                        current = null;
                        if (success) {
                            @SuppressWarnings("unchecked")
                            T t = (T) value;
                            onResult.accept(t);
                        } else {
                            onError.accept((String) value);
                        }
                    });
                }
                return Status.OK_STATUS;
            }
        };
        job.setSystem(system);
        job.setUser(!system);
        current = job;
        job.schedule();
        return job;
    }

    /** @return whether a request is running or its outcome is on its way to the UI thread */
    public boolean busy() {
        return current != null;
    }

    /** Cancels the running request; its outcome is dropped. */
    public void cancel() {
        Job j = current;
        current = null;
        if (j != null) {
            j.cancel();
        }
    }

    /** @return a message for an unexpected failure: its type when it has no message of its own */
    public static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
