package org.mapwright.core.connector;

/**
 * Writes target rows. Nothing written becomes visible until {@link #commit()}: file writers
 * write to a temporary file beside the target and rename it atomically; database writers commit
 * transactions per batch so only whole batches are ever visible. Closing without commit discards.
 */
public interface RecordWriter extends AutoCloseable {

    /** Writes one row whose values follow the writer's schema and are typed per field. */
    void write(Object[] row) throws DataException;

    /** Finishes and publishes the output. */
    void commit() throws DataException;

    /** Discards uncommitted output (idempotent; called by {@link #close()} after a failure). */
    @Override
    void close();
}
