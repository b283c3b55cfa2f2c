package org.mapwright.internal.cli;

import java.io.PrintWriter;

import org.mapwright.core.connector.ProgressMonitor;

/**
 * Progress of long runs on stderr: one line when a task starts and at most one line every two
 * seconds after that, so logs of scheduled runs stay short. Never cancelled (Ctrl+C ends the JVM,
 * and writers discard uncommitted output).
 */
final class StderrProgress implements ProgressMonitor {

    private static final long INTERVAL_NANOS = 2_000_000_000L;

    private final PrintWriter err;
    private String task = "";
    private long total = -1;
    private long done;
    private long lastPrint;

    StderrProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void begin(String newTask, long totalWork) {
        task = newTask;
        total = totalWork;
        done = 0;
        lastPrint = System.nanoTime();
        err.println(newTask + "...");
    }

    @Override
    public void worked(long work) {
        done += work;
        long now = System.nanoTime();
        if (now - lastPrint >= INTERVAL_NANOS) {
            lastPrint = now;
            err.println(total > 0 ? String.format("%s: %d%%", task, Math.min(100, done * 100 / total)) : task + ": " + done);
        }
    }

    @Override
    public boolean isCanceled() {
        return false;
    }
}
