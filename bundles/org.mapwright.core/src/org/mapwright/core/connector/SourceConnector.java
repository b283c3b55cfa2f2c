package org.mapwright.core.connector;

import org.mapwright.core.Schema;
import org.mapwright.core.Settings;

/**
 * Reads one kind of source (CSV, Excel, JSON, JDBC). Implementations are stateless and
 * thread-safe.
 */
public interface SourceConnector {

    /** @return the kind used in project files, e.g. {@code "csv"} */
    String kind();

    /**
     * Sniffs settings the user did not give and infers the structure from a sample (or the whole
     * input when {@code options.fullScan()}).
     *
     * @param settings the user's settings; missing ones are detected
     */
    Inspection inspect(ConnectorContext context, Settings settings, InspectOptions options, ProgressMonitor monitor)
            throws DataException;

    /**
     * Opens a reader producing records of {@code schema} (normally the schema the source was
     * mapped against; its field names select the columns).
     */
    RecordReader open(ConnectorContext context, Settings settings, Schema schema) throws DataException;
}
