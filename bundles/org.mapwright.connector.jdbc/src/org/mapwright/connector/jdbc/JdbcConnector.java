package org.mapwright.connector.jdbc;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;

import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.Ids;
import org.mapwright.core.Schema;
import org.mapwright.core.Settings;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.DataLocation;
import org.mapwright.core.connector.FieldEvidence;
import org.mapwright.core.connector.InspectOptions;
import org.mapwright.core.connector.Inspection;
import org.mapwright.core.connector.ProgressMonitor;
import org.mapwright.core.connector.RecordReader;
import org.mapwright.core.connector.SettingsException;
import org.mapwright.core.connector.SourceConnector;
import org.mapwright.core.value.Values;
import org.mapwright.internal.connector.jdbc.DriverFactory;
import org.mapwright.internal.connector.jdbc.JdbcRecordReader;
import org.mapwright.internal.connector.jdbc.JdbcTypes;
import org.mapwright.internal.connector.jdbc.Metadata;
import org.mapwright.internal.connector.jdbc.Session;
import org.mapwright.internal.connector.jdbc.SourceQuery;
import org.mapwright.internal.connector.jdbc.SourceSpec;
import org.mapwright.internal.connector.jdbc.StandardDrivers;
import org.mapwright.internal.connector.jdbc.ValueReader;

/**
 * Reads database tables and queries: embedded H2 files, PostgreSQL servers and any JDBC driver
 * from a jar the user names. Connections are described by structured settings, validated by
 * {@link JdbcUrls} before any driver is loaded; passwords come from the
 * {@link org.mapwright.core.connector.CredentialStore} and never appear in settings, messages
 * or {@code toString()}.
 *
 * <h2>Settings</h2>
 * The connection settings of {@link JdbcUrls}, and
 * <dl>
 * <dt>{@code table}</dt><dd>the table or view to read (matched exactly, else ignoring case)</dd>
 * <dt>{@code schema}</dt><dd>its schema; absent means the connection's current schema</dd>
 * <dt>{@code query}</dt><dd>instead of a table: one SELECT (or WITH, VALUES, TABLE) statement.
 *     Anything else is refused, as are several statements and keywords or functions that write,
 *     read files or reach other databases. It runs in a read-only transaction where the driver
 *     supports one (PostgreSQL; H2 has none, so the text check is all there is).</dd>
 * <dt>{@code fetchSize}</dt><dd>rows per round trip, default 1000</dd>
 * </dl>
 *
 * <h2>Values</h2>
 * Reading streams (PostgreSQL with a cursor: auto-commit off and a fetch size; H2 with lazy
 * query execution). Integer columns (and whole-number NUMERIC of up to 18 digits) are
 * {@link Long}, NUMERIC/DECIMAL and floating-point columns {@link java.math.BigDecimal} (floats
 * via their shortest text, NaN and infinities stay text), BOOLEAN (and PostgreSQL {@code bool})
 * {@link Boolean}, DATE {@link java.time.LocalDate}, TIMESTAMP {@link java.time.LocalDateTime};
 * everything else, including timestamps with time zone, times, binary and vendor types, is the
 * driver's text. A schema field of another type than its column gets the column's text for the
 * engine to parse (integers widen to decimals and dates to timestamps directly). Locations name
 * {@code schema.table} (or {@code query}), the 1-based row number and, for a bad value, the
 * column.
 *
 * <p>Output goes through {@link JdbcTargetConnector} ({@link #target()}): one class cannot
 * implement both connector interfaces, whose {@code open} methods have the same parameters.
 * The workbench browses a database with {@link #browse}.
 *
 * <p>Stateless apart from the cache of generic drivers, and thread-safe.
 */
public final class JdbcConnector implements SourceConnector {

    /** The connector kind in project files. */
    public static final String KIND = "jdbc";
    public static final String TABLE = SourceSpec.TABLE;
    public static final String SCHEMA = SourceSpec.SCHEMA;
    public static final String QUERY = SourceSpec.QUERY;
    public static final String FETCH_SIZE = SourceSpec.FETCH_SIZE;

    private static final int MAX_WARNINGS = 100;
    private static final int MAX_SAMPLE_CHARS = 100;

    private final Ids ids;
    private final DriverFactory drivers;

    public JdbcConnector() {
        this(new Ids());
    }

    /** @param ids generator of new field ids (seed it for reproducible ids in tests) */
    public JdbcConnector(Ids ids) {
        this(ids, new StandardDrivers());
    }

    JdbcConnector(Ids ids, DriverFactory drivers) {
        this.ids = ids;
        this.drivers = drivers;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** @return the output side sharing this connector's drivers */
    public JdbcTargetConnector target() {
        return new JdbcTargetConnector(drivers);
    }

    @Override
    public Inspection inspect(ConnectorContext context, Settings settings, InspectOptions options, ProgressMonitor monitor)
            throws DataException {
        return inspect(context, settings, options, monitor, Schema.empty());
    }

    /**
     * Reads the columns of the table or query and samples its first rows (all rows with
     * {@code fullScan}). Field types, nullability and key flags come from the database, so
     * every field's confidence is 1.
     *
     * @param previous a schema inferred earlier whose field ids are kept for columns of the same
     *                 name, or {@link Schema#empty()}
     * @return the inspection; its settings carry the table and schema as the database names them
     * @throws DataException for refused settings, a connection failure, a missing table or a
     *         failing query (naming the connection, never a password)
     * @throws CancellationException when the monitor is cancelled
     */
    public Inspection inspect(ConnectorContext context, Settings settings, InspectOptions options, ProgressMonitor monitor,
            Schema previous) throws DataException {
        ConnectionSpec spec = spec(context, settings);
        SourceSpec source = source(settings);
        try (Session session = Session.open(context, spec, drivers, Session.Purpose.READ, source.label())) {
            long limit = options.fullScan() ? 0 : Math.max(1, options.sampleRows());
            monitor.begin("Inspecting " + source.label(), options.fullScan() ? -1 : limit);
            try (SourceQuery query = SourceQuery.run(session, source, null, limit)) {
                List<Field> fields = fields(session, query, previous);
                return sample(session, query, settings, fields, options, limit, monitor);
            }
        }
    }

    private List<Field> fields(Session session, SourceQuery query, Schema previous) throws DataException {
        Map<String, Boolean> nullable = new HashMap<>();
        Set<String> keys = new HashSet<>();
        try {
            if (query.table() != null) {
                Metadata meta = new Metadata(session);
                meta.columns(query.table()).forEach(c -> nullable.put(c.name(), c.nullable()));
                keys.addAll(meta.primaryKey(query.table()));
            } else {
                ResultSetMetaData md = query.resultSet().getMetaData();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    nullable.put(md.getColumnLabel(i), md.isNullable(i) != ResultSetMetaData.columnNoNulls);
                }
            }
        } catch (SQLException e) {
            throw session.error(DataLocation.of(query.label()), "cannot read the columns of " + query.label(), e);
        }
        Map<String, String> previousIds = new HashMap<>();
        previous.fields().forEach(f -> previousIds.put(f.name(), f.id()));
        Set<String> taken = new HashSet<>(previousIds.values());
        List<Field> fields = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JdbcTypes.Column c : query.columns()) {
            if (!names.add(c.name())) {
                throw new DataException(DataLocation.of(query.label()).withColumn(c.name()),
                        "the query returns column '" + c.name() + "' twice; give each column a distinct alias");
            }
            String id = previousIds.get(c.name());
            if (id == null) {
                id = ids.nextUnique("f", taken);
                taken.add(id);
            }
            boolean key = keys.contains(c.name());
            fields.add(new Field(id, c.name(), c.natural(), !key && nullable.getOrDefault(c.name(), true), key, null, false, List.of()));
        }
        return fields;
    }

    private static Inspection sample(Session session, SourceQuery query, Settings settings, List<Field> fields, InspectOptions options,
            long limit, ProgressMonitor monitor) throws DataException {
        int n = fields.size();
        ValueReader[] readers = new ValueReader[n];
        long[] nulls = new long[n];
        List<Set<String>> samples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            readers[i] = JdbcTypes.reader(query.columns().get(i), fields.get(i).type());
            samples.add(new LinkedHashSet<>());
        }
        List<DataException> warnings = new ArrayList<>();
        ResultSet rs = query.resultSet();
        long rows = 0;
        try {
            while (rs.next()) {
                rows++;
                for (int i = 0; i < n; i++) {
                    try {
                        Object v = readers[i].read(rs, i + 1);
                        if (v == null) {
                            nulls[i]++;
                        } else if (samples.get(i).size() < options.sampleValues()) {
                            String text = Values.format(v);
                            samples.get(i).add(text.length() > MAX_SAMPLE_CHARS ? text.substring(0, MAX_SAMPLE_CHARS - 3) + "..." : text);
                        }
                    } catch (SQLException | RuntimeException e) {
                        if (warnings.size() < MAX_WARNINGS) {
                            warnings.add(DataException.badRecord(new DataLocation(query.label(), -1, rows, fields.get(i).name()),
                                    "cannot read the value: " + session.redact(String.valueOf(e.getMessage())), null));
                        }
                    }
                }
                if (rows % 1000 == 0) {
                    monitor.worked(1000);
                    if (monitor.isCanceled()) {
                        throw new CancellationException("inspection of " + query.label() + " cancelled");
                    }
                }
            }
        } catch (SQLException e) {
            throw session.error(new DataLocation(query.label(), -1, rows + 1, null), "reading " + query.label() + " failed", e);
        }
        monitor.worked(rows % 1000);
        Map<String, FieldEvidence> evidence = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            evidence.put(fields.get(i).id(), new FieldEvidence(fields.get(i).id(), rows, nulls[i], 1.0, List.copyOf(samples.get(i))));
        }
        Settings completed = settings;
        if (query.table() != null) {
            completed = completed.with(TABLE, query.table().name()).with(SCHEMA, query.table().schema());
        }
        boolean complete = limit == 0 || rows < limit;
        return new Inspection(completed, Schema.of(fields), evidence, rows, complete, warnings);
    }

    /**
     * Opens a streaming reader. The schema's field names select the columns (exactly, else
     * ignoring case); a table is read with an explicit column list, a query as written.
     *
     * @throws DataException for refused settings, a connection failure, a missing table or
     *         column, a record or list field, or a failing query
     */
    @Override
    public RecordReader open(ConnectorContext context, Settings settings, Schema schema) throws DataException {
        ConnectionSpec spec = spec(context, settings);
        SourceSpec source = source(settings);
        for (Field f : schema.fields()) {
            if (f.type() == DataType.RECORD || f.repeated()) {
                throw new DataException(DataLocation.of(source.label()).withColumn(f.name()),
                        "field '" + f.name() + "' is a " + (f.repeated() ? "list" : "record") + "; database columns hold single values");
            }
        }
        List<String> names = schema.fields().stream().map(Field::name).toList();
        Session session = Session.open(context, spec, drivers, Session.Purpose.READ, source.label());
        SourceQuery query = null;
        try {
            query = SourceQuery.run(session, source, source.table() != null ? names : null, 0);
            int[] columns = new int[names.size()];
            if (source.table() != null) {
                for (int i = 0; i < columns.length; i++) {
                    columns[i] = i + 1;
                }
            } else {
                List<String> labels = query.columns().stream().map(JdbcTypes.Column::name).toList();
                Map<String, String> matched = Metadata.match(names, labels);
                for (int i = 0; i < columns.length; i++) {
                    String label = matched.get(names.get(i));
                    if (label == null) {
                        throw new DataException(DataLocation.of(query.label()).withColumn(names.get(i)), "the query returns no column '"
                                + names.get(i) + "' (" + session.label() + "; columns: " + String.join(", ", labels) + ")");
                    }
                    columns[i] = labels.indexOf(label) + 1;
                }
            }
            ValueReader[] readers = new ValueReader[columns.length];
            for (int i = 0; i < readers.length; i++) {
                readers[i] = JdbcTypes.reader(query.columns().get(columns[i] - 1), schema.fields().get(i).type());
            }
            return new JdbcRecordReader(session, query, schema, columns, readers, context.limits());
        } catch (DataException | RuntimeException e) {
            if (query != null) {
                query.close();
            }
            session.close();
            throw e;
        }
    }

    /**
     * Opens a connection for browsing catalogs, schemas, tables, keys and rows. The caller
     * closes the browser.
     *
     * @param settings connection settings ({@link JdbcUrls}); source settings are ignored
     * @throws DataException for refused settings or a connection failure
     */
    public DatabaseBrowser browse(ConnectorContext context, Settings settings) throws DataException {
        ConnectionSpec spec = spec(context, settings);
        return new DatabaseBrowser(Session.open(context, spec, drivers, Session.Purpose.READ, spec.label()));
    }

    static ConnectionSpec spec(ConnectorContext context, Settings settings) throws DataException {
        try {
            return JdbcUrls.build(context, settings);
        } catch (IllegalArgumentException e) {
            throw new SettingsException(DataLocation.of("jdbc connection"), "refused connection settings: " + e.getMessage());
        }
    }

    private static SourceSpec source(Settings settings) throws DataException {
        try {
            return SourceSpec.parse(settings);
        } catch (IllegalArgumentException e) {
            throw new SettingsException(DataLocation.of(settings.getString(TABLE, "query")), "refused source settings: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "JdbcConnector";
    }
}
