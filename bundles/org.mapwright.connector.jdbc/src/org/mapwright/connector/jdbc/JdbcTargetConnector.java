package org.mapwright.connector.jdbc;

import org.mapwright.core.Schema;
import org.mapwright.core.Settings;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.DataLocation;
import org.mapwright.core.connector.RecordWriter;
import org.mapwright.core.connector.SettingsException;
import org.mapwright.core.connector.TargetConnector;
import org.mapwright.internal.connector.jdbc.DriverFactory;
import org.mapwright.internal.connector.jdbc.JdbcRecordWriter;
import org.mapwright.internal.connector.jdbc.Session;
import org.mapwright.internal.connector.jdbc.StandardDrivers;
import org.mapwright.internal.connector.jdbc.TargetSpec;

/**
 * Writes rows into a database table (kind {@code jdbc}, like {@link JdbcConnector}).
 *
 * <h2>Settings</h2>
 * The connection settings of {@link JdbcUrls}, and
 * <dl>
 * <dt>{@code table}</dt><dd>the table (matched exactly, else ignoring case; a new table gets
 *     the name exactly as given)</dd>
 * <dt>{@code schema}</dt><dd>its schema; absent means the connection's current schema</dd>
 * <dt>{@code mode}</dt><dd>{@code replace} (default), {@code append} or {@code upsert}</dd>
 * <dt>{@code batchSize}</dt><dd>rows per batch, default 1000</dd>
 * </dl>
 *
 * <h2>Tables and types</h2>
 * A missing table is created from the target schema: TEXT (and ANY) as {@code VARCHAR} (H2) or
 * {@code TEXT} (PostgreSQL), INTEGER as {@code BIGINT}, DECIMAL as {@code DECFLOAT} (H2, whose
 * {@code NUMERIC} without precision drops the fraction) or {@code NUMERIC}, BOOLEAN, DATE and
 * TIMESTAMP ({@code TIMESTAMP(9)} in H2; PostgreSQL keeps microseconds); generic databases get
 * {@code VARCHAR(4000)}, {@code DECIMAL(38,10)} and standard names. Key fields form the
 * {@code PRIMARY KEY}, non-nullable fields are {@code NOT NULL}, every identifier is quoted. An
 * existing table must have a column for every field (matched by name); values are converted to
 * the column's type. Record and list fields are refused.
 *
 * <h2>Modes and guarantees</h2>
 * <dl>
 * <dt>{@code replace}</dt><dd>Rows go in batches into a new table under a temporary name
 *     ({@code <table>__mw_<random>}) built from the target schema; readers keep seeing the old
 *     table throughout. {@link RecordWriter#commit()} then drops the old table and renames the
 *     new one in one transaction (PostgreSQL, and generic databases with transactional DDL), so
 *     readers see either the complete old or the complete new table: <b>exactly once</b>. H2
 *     commits every DDL statement, so there the commit renames the old table aside, renames the
 *     new one in and drops the old one, each a small transaction of its own (a large
 *     {@code DELETE} + {@code INSERT ... SELECT} swap was found partly applied after H2 reopened
 *     a file whose writer had been killed). The temporary table carries a comment marking it as
 *     Mapwright's, and says once all rows are in; a run killed before the swap leaves the old
 *     table, one killed in the instant between the renames leaves the table missing until the
 *     next run. Every run writing to the table first cleans up what killed runs left: it drops
 *     marked temporary tables of unfinished runs, finishes an interrupted swap and drops the old
 *     table, leaving alone tables that only look alike (no marker). Closing without commit rolls
 *     back and drops the temporary table; the old
 *     table is untouched. Indexes, grants, defaults and views of the old table are not carried
 *     over, and a table other objects depend on cannot be replaced.</dd>
 * <dt>{@code append}</dt><dd>Inserts in batches of {@code batchSize} rows, each batch its own
 *     transaction: <b>at least once</b>. After a crash or a failed batch only whole committed
 *     batches are in the table; closing without commit rolls back just the open batch. A
 *     re-run appends again, so rows of batches committed before the failure are duplicated.</dd>
 * <dt>{@code upsert}</dt><dd>Like append, but each row updates the row with the same key
 *     fields or is inserted (H2 {@code MERGE INTO ... KEY}, PostgreSQL
 *     {@code INSERT ... ON CONFLICT ... DO UPDATE}, generic databases update then insert). The
 *     schema needs key fields, and on PostgreSQL an existing table needs a primary key or unique
 *     index on exactly them. Batches are committed like append, so a crash leaves whole batches;
 *     since writing a row twice has the same effect as once, <b>a re-run completes the table
 *     without duplicates</b> (effectively exactly once). A row with an empty key is a bad
 *     record.</dd>
 * </dl>
 * In append and upsert mode a table created for this run is dropped again when the writer is
 * closed without commit and no batch reached it.
 *
 * <p>Errors name the connection and table, never the password; a value that cannot be stored
 * in its column is a recoverable bad record, a failing batch is fatal and rolled back.
 *
 * <p>Stateless apart from the cache of generic drivers, and thread-safe.
 */
public final class JdbcTargetConnector implements TargetConnector {

    public static final String TABLE = TargetSpec.TABLE;
    public static final String SCHEMA = TargetSpec.SCHEMA;
    public static final String MODE = TargetSpec.MODE;
    public static final String BATCH_SIZE = TargetSpec.BATCH_SIZE;

    private final DriverFactory drivers;

    public JdbcTargetConnector() {
        this(new StandardDrivers());
    }

    JdbcTargetConnector(DriverFactory drivers) {
        this.drivers = drivers;
    }

    @Override
    public String kind() {
        return JdbcConnector.KIND;
    }

    /**
     * Connects and prepares the table (see the class comment); nothing is visible to readers
     * before {@link RecordWriter#commit()} except whole batches in append and upsert mode.
     *
     * @throws DataException for refused settings, a connection failure, a schema that cannot be
     *         stored or a table that does not fit it
     */
    @Override
    public RecordWriter open(ConnectorContext context, Settings settings, Schema schema) throws DataException {
        ConnectionSpec spec = JdbcConnector.spec(context, settings);
        TargetSpec target;
        try {
            target = TargetSpec.parse(settings);
        } catch (IllegalArgumentException e) {
            throw new SettingsException(DataLocation.of(settings.getString(TABLE, "table")), "refused output settings: " + e.getMessage());
        }
        Session session = Session.open(context, spec, drivers, Session.Purpose.WRITE, target.label());
        return JdbcRecordWriter.open(session, target, schema);
    }

    /** @return e.g. {@code "jdbc h2 data/warehouse, table CUSTOMERS (replace)"}, without secrets */
    @Override
    public String describe(Settings settings) {
        String driver = settings.getString(JdbcUrls.DRIVER, "?");
        String where = JdbcUrls.H2.equals(driver) ? settings.getString(JdbcUrls.PATH, "?")
                : JdbcUrls.POSTGRESQL.equals(driver) ? settings.getString(JdbcUrls.HOST, "?") + ":" + settings.getString(JdbcUrls.PORT, "5432")
                        + "/" + settings.getString(JdbcUrls.DATABASE, "?")
                        : settings.getString(JdbcUrls.DRIVER_CLASS, "?");
        String schema = settings.getString(SCHEMA, "");
        return "jdbc " + driver + " " + where + ", table " + (schema.isEmpty() ? "" : schema + ".") + settings.getString(TABLE, "?") + " ("
                + settings.getString(MODE, "replace") + ")";
    }

    @Override
    public String toString() {
        return "JdbcTargetConnector";
    }
}
