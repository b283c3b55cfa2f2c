package org.mapwright.core.connector;

import java.io.Closeable;
import java.io.IOException;

import org.mapwright.core.Schema;

/**
 * A forward-only stream of records of one source. Not thread-safe.
 *
 * <p>Values of {@link #next()} follow {@link #schema()} by position. Each value is null, an
 * instance of its field's {@code DataType.javaType()}, or — for text sources that do not convert
 * themselves — a {@link String} that the engine parses with the field's type and format.
 */
public interface RecordReader extends Closeable {

    /** @return the structure of the records returned, in value order */
    Schema schema();

    /**
     * @return the next record, or null at the end of input. The array may be reused by the next
     *         call; copy values you keep.
     * @throws DataException for bad input; if {@link DataException#recoverable()}, the reader
     *         is positioned after the bad record and may be called again
     */
    Object[] next() throws DataException;

    /** @return where the record last returned (or rejected) came from */
    DataLocation location();

    /** @return bytes consumed so far, or -1 if unknown (for progress) */
    default long bytesRead() {
        return -1;
    }

    /** @return total bytes of the input, or -1 if unknown (for progress) */
    default long totalBytes() {
        return -1;
    }

    @Override
    void close() throws IOException;
}
