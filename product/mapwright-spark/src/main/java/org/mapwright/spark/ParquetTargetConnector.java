package org.mapwright.spark;

import org.mapwright.core.Schema;
import org.mapwright.core.Settings;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.DataLocation;
import org.mapwright.core.connector.RecordWriter;
import org.mapwright.core.connector.TargetConnector;

/**
 * The {@code parquet} output kind: a folder of Parquet files at {@code path} (relative to the
 * output folder), written by the Spark engine's executors. It exists in the registry the engine
 * compiles against when Spark runs a project, so such outputs validate; the local engine cannot
 * write them.
 */
public final class ParquetTargetConnector implements TargetConnector {

    /** The kind in project files. */
    public static final String KIND = "parquet";

    @Override
    public String kind() {
        return KIND;
    }

    /** @throws DataException always: only the Spark engine writes Parquet */
    @Override
    public RecordWriter open(ConnectorContext context, Settings settings, Schema schema) throws DataException {
        throw new DataException(DataLocation.of(settings.getString("path", KIND)),
                "parquet outputs are written only by the Spark engine: run with --engine spark");
    }

    @Override
    public String describe(Settings settings) {
        return KIND + " " + settings.getString("path", "");
    }
}
