package org.mapwright.internal.ui.monitor;

import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Display;

/**
 * Runs a view's loading off the UI thread as an Eclipse {@link Job} and hands the outcome back on
 * the UI thread. Only the latest request counts: starting another cancels the running one and
 * drops its outcome, so a slow load never overwrites a newer one. Create and call on the UI thread.
 */
public final class Background {

    /** Work done on the job's thread. */
    @FunctionalInterface
    public interface Work<T> {
        T run(IProgressMonitor monitor) throws Exception;
    }

    private final Display display;
    private final String name;
    private int generation;
    private int pending;
    private Job current;
    private boolean disposed;

    /** @param name the job's name, shown in the progress view */
    public Background(Display display, String name) {
        this.display = display;
        this.name = name;
    }

    /**
     * Starts work; exactly one of the callbacks runs on the UI thread afterwards, unless another
     * start or {@link #dispose} came first.
     */
    public <T> void start(Work<T> work, Consumer<T> done, Consumer<Exception> failed) {
        if (disposed) {
            return;
        }
        int mine = ++generation;
        if (current != null) {
            current.cancel();
        }
        pending++;
        Job job = Job.create(name, monitor -> {
            Object[] outcome = new Object[2];
            try {
                outcome[0] = work.run(monitor);
            } catch (Exception e) {
                outcome[1] = e;
            }
            if (!display.isDisposed()) {
                display.asyncExec(() -> finish(mine, outcome, done, failed));
            }
            return Status.OK_STATUS;
        });
        job.setSystem(true);
        current = job;
        job.schedule();
    }

    @SuppressWarnings("unchecked")
    private <T> void finish(int mine, Object[] outcome, Consumer<T> done, Consumer<Exception> failed) {
        pending--;
        if (disposed || mine != generation) {
            return;
        }
        current = null;
        if (outcome[1] != null) {
            failed.accept((Exception) outcome[1]);
        } else {
            done.accept((T) outcome[0]);
        }
    }

    /** @return whether work started here has not delivered yet */
    public boolean busy() {
        return pending > 0;
    }

    /** Cancels the running work and drops every outcome still to come. */
    public void dispose() {
        disposed = true;
        if (current != null) {
            current.cancel();
        }
    }
}
