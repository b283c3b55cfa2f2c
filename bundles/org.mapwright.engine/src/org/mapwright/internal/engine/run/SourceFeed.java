package org.mapwright.internal.engine.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.mapwright.core.connector.DataException;

/**
 * Hands the records of the primary source to the transform in batches. In threaded mode a
 * dedicated thread reads, copies and coerces records while the caller's thread transforms and
 * writes, so the two halves of the work use both cores; the queue between them holds at most
 * {@value #QUEUE} batches of {@value #BATCH} rows, which bounds memory whatever the input size.
 * The reader thread may also run the stateless part of the transform (see
 * {@link Execution#evaluate}), which keeps the transform thread, the busier one, from being the
 * bottleneck. In direct mode (previews) the caller's thread reads.
 */
final class SourceFeed implements AutoCloseable {

    static final int BATCH = 1024;
    static final int QUEUE = 4;

    /** Rows read in one go, with the reader's byte position after them. */
    static final class Batch {
        final List<SourceRow> rows;
        final long bytesRead;
        final boolean end;
        final Throwable failure;

        Batch(List<SourceRow> rows, long bytesRead, boolean end, Throwable failure) {
            this.rows = rows;
            this.bytesRead = bytesRead;
            this.end = end;
            this.failure = failure;
        }
    }

    private final SourceAccess access;
    private final Function<SourceRow, Execution.Evaluated> evaluator;
    private final BlockingQueue<Batch> queue;
    private final Thread thread;
    private volatile boolean stopped;

    SourceFeed(SourceAccess access, boolean threaded, String name) {
        this(access, threaded, name, null);
    }

    /**
     * @param evaluator in threaded mode, the stateless part of the transform (joins, input filter,
     *                  field expressions), run on the reader thread so the transform thread is
     *                  left with accounting, checks and writing; null to leave it all to the
     *                  transform thread
     */
    SourceFeed(SourceAccess access, boolean threaded, String name, Function<SourceRow, Execution.Evaluated> evaluator) {
        this.access = access;
        this.evaluator = threaded ? evaluator : null;
        if (threaded) {
            queue = new ArrayBlockingQueue<>(QUEUE);
            thread = new Thread(this::produce, "mapwright-reader-" + name);
            thread.setDaemon(true);
            thread.start();
        } else {
            queue = null;
            thread = null;
        }
    }

    long totalBytes() {
        return access.totalBytes();
    }

    private Batch read() {
        List<SourceRow> rows = new ArrayList<>(BATCH);
        try {
            while (rows.size() < BATCH) {
                SourceRow r = access.next();
                if (r == null) {
                    return new Batch(rows, access.bytesRead(), true, null);
                }
                if (evaluator != null && r.reject == null) {
                    r.evaluated = evaluator.apply(r);
                }
                rows.add(r);
            }
            return new Batch(rows, access.bytesRead(), false, null);
        } catch (DataException | RuntimeException | Error e) {
            // errors travel to the transform thread, which would otherwise wait forever for the next batch
            return new Batch(rows, -1, true, e);
        }
    }

    private void produce() {
        try {
            while (!stopped) {
                Batch b = read();
                while (!stopped && !queue.offer(b, 50, TimeUnit.MILLISECONDS)) {
                    // waiting for the transform to take a batch; re-check stopped
                }
                if (b.end) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            access.closeQuietly();
        }
    }

    /**
     * @return the next batch; after one with {@code end} set, never call again
     * @throws DataException for an error that ended reading (after the rows read before it were returned)
     */
    Batch next() throws DataException, InterruptedException {
        return thread == null ? read() : queue.take();
    }

    /** Rethrows the failure a batch carries. */
    static void rethrow(Batch b) throws DataException {
        if (b.failure instanceof DataException d) {
            throw d;
        }
        if (b.failure instanceof RuntimeException r) {
            throw r;
        }
        if (b.failure instanceof Error e) {
            throw e;
        }
    }

    /** Stops reading (if still going) and closes the reader; waits for the reader thread to finish. */
    @Override
    public void close() {
        stopped = true;
        if (thread == null) {
            access.closeQuietly();
            return;
        }
        queue.clear();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
