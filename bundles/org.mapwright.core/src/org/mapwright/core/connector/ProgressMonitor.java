package org.mapwright.core.connector;

/**
 * Progress and cancellation port for long work; the workbench adapts Eclipse's
 * {@code IProgressMonitor}, the command line prints to stderr.
 */
public interface ProgressMonitor {

    /** A monitor that reports nothing and is never cancelled. */
    ProgressMonitor NONE = new ProgressMonitor() {
        @Override
        public void begin(String task, long totalWork) {
        }

        @Override
        public void worked(long work) {
        }

        @Override
        public boolean isCanceled() {
            return false;
        }
    };

    /** Starts a task; {@code totalWork} is -1 when unknown (e.g. bytes of a stream). */
    void begin(String task, long totalWork);

    /** Adds work done since the last call. */
    void worked(long work);

    /** Long loops poll this and stop early, throwing {@link java.util.concurrent.CancellationException}. */
    boolean isCanceled();
}
