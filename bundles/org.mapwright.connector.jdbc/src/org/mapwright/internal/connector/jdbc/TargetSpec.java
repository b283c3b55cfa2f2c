package org.mapwright.internal.connector.jdbc;

import java.util.Locale;

import org.mapwright.core.Settings;

/**
 * Where and how a JDBC output writes.
 *
 * @param schema    the schema as typed, or null for the connection's current schema
 * @param table     the table as typed
 * @param mode      how rows reach the table
 * @param batchSize rows per batch (and per transaction in append and upsert mode)
 */
public record TargetSpec(String schema, String table, Mode mode, int batchSize) {

    public static final String TABLE = "table";
    public static final String SCHEMA = "schema";
    public static final String MODE = "mode";
    public static final String BATCH_SIZE = "batchSize";

    /** Write modes; see {@code JdbcTargetConnector} for their guarantees. */
    public enum Mode {
        REPLACE, APPEND, UPSERT
    }

    /** @throws IllegalArgumentException naming the wrong setting */
    public static TargetSpec parse(Settings settings) {
        String table = Checks.identifier("setting 'table'", settings.requireString(TABLE).trim());
        String schema = settings.getString(SCHEMA, "").trim();
        String modeText = settings.getString(MODE, "replace").trim().toLowerCase(Locale.ROOT);
        Mode mode;
        switch (modeText) {
            case "replace":
                mode = Mode.REPLACE;
                break;
            case "append":
                mode = Mode.APPEND;
                break;
            case "upsert":
                mode = Mode.UPSERT;
                break;
            default:
                throw new IllegalArgumentException("setting 'mode' must be replace, append or upsert, not '" + modeText + "'");
        }
        long batch = settings.getLong(BATCH_SIZE, 1000);
        if (batch < 1 || batch > 1_000_000) {
            throw new IllegalArgumentException("setting 'batchSize' must be from 1 to 1000000, not " + batch);
        }
        return new TargetSpec(schema.isEmpty() ? null : Checks.identifier("setting 'schema'", schema), table, mode, (int) batch);
    }

    public String label() {
        return schema == null ? table : schema + "." + table;
    }
}
