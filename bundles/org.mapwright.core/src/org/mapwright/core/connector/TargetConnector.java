package org.mapwright.core.connector;

import org.mapwright.core.Schema;
import org.mapwright.core.Settings;

/** Writes one kind of output (CSV file, database table, ...). Stateless and thread-safe. */
public interface TargetConnector {

    /** @return the kind used in project files, e.g. {@code "csv"}, {@code "jdbc"} */
    String kind();

    /** Opens a writer for rows of {@code schema}. Nothing is visible before commit. */
    RecordWriter open(ConnectorContext context, Settings settings, Schema schema) throws DataException;

    /** @return a short label of where the output goes, for reports, e.g. {@code "out/customers.csv"} */
    default String describe(Settings settings) {
        return kind() + " " + settings.asMap();
    }
}
