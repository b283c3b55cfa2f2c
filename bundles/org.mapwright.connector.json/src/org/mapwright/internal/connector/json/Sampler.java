package org.mapwright.internal.connector.json;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.InspectOptions;
import org.mapwright.core.connector.ProgressMonitor;

import com.fasterxml.jackson.core.JsonToken;

/** Feeds records from a cursor into an inference, collecting bad records as warnings. */
public final class Sampler {

    /** Warnings kept per inspection; more would only repeat the same problem. */
    public static final int MAX_WARNINGS = 100;
    private static final int PROGRESS_INTERVAL = 256;

    /**
     * @param records  records looked at, bad ones included
     * @param complete whether the whole input was read
     */
    public record Outcome(long records, boolean complete) {
    }

    private Sampler() {
    }

    /**
     * @throws DataException for a fatal problem (syntax error in a document, unreadable file,
     *         too many distinct fields)
     */
    public static Outcome sample(RecordCursor cursor, SchemaInference inference, InspectOptions options, ProgressMonitor monitor,
            String task, List<DataException> warnings) throws DataException {
        monitor.begin(task, cursor.totalBytes());
        long reported = 0;
        while (options.fullScan() || cursor.record < options.sampleRows()) {
            if (monitor.isCanceled()) {
                throw new CancellationException(task + " cancelled");
            }
            try {
                JsonToken t = cursor.next();
                if (t == null) {
                    monitor.worked(cursor.bytesRead() - reported);
                    return new Outcome(cursor.record, true);
                }
                try {
                    inference.accept(cursor.parser(), t, cursor.base());
                } catch (ValueProblem problem) {
                    cursor.abandonRecord();
                    throw DataException.badRecord(cursor.location(problem.path()), problem.getMessage(), cursor.rawText());
                } catch (SchemaInference.TooManyFields tooWide) {
                    throw new DataException(cursor.location(), tooWide.getMessage());
                }
                cursor.endRecord();
                String duplicate = inference.duplicateKey();
                if (duplicate != null) {
                    warn(warnings, DataException.badRecord(cursor.location(duplicate), "duplicate key " + duplicate
                            + " in one object; the last value wins", cursor.rawText()));
                }
            } catch (DataException e) {
                if (!e.recoverable()) {
                    throw e;
                }
                warn(warnings, e);
            } catch (IOException e) {
                DataException d = cursor.failure(e);
                if (!d.recoverable()) {
                    throw d;
                }
                warn(warnings, d);
            }
            if (cursor.record % PROGRESS_INTERVAL == 0) {
                long bytes = cursor.bytesRead();
                monitor.worked(bytes - reported);
                reported = bytes;
            }
        }
        return new Outcome(cursor.record, false);
    }

    private static void warn(List<DataException> warnings, DataException e) {
        if (warnings.size() < MAX_WARNINGS) {
            warnings.add(e);
        }
    }
}
