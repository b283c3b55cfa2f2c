package org.mapwright.ui.sql;

import java.io.Reader;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.IntConsumer;

import org.mapwright.connector.jdbc.ConnectionSpec;
import org.mapwright.connector.jdbc.JdbcUrls;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.CredentialStore;

/**
 * One run of one SQL statement against a {@link ProjectDatabase}: connects (password from the
 * {@link CredentialStore}), executes, fetches at most {@code maxRows} rows in rounds of
 * {@code fetchSize}, and closes the connection, so the console never holds a database (an
 * embedded H2 file in particular) open between queries. {@link #cancel()} may be called from any
 * thread and cancels the running statement ({@link Statement#cancel()}).
 *
 * <p>Only the bundled H2 and PostgreSQL drivers are used; a database of the generic driver is
 * refused with a message.
 */
public final class SqlQuery {

    /** Longest text kept from a CLOB or shown for a binary value. */
    static final int MAX_LOB_CHARS = 10_000;

    private final ProjectDatabase database;
    private final String sql;
    private final CredentialStore credentials;
    private final int maxRows;
    private final int fetchSize;
    private final List<String> secrets = new ArrayList<>();
    private volatile Statement statement;
    private volatile boolean cancelled;

    /**
     * @param maxRows   the most rows fetched; more are reported by {@link QueryResult#truncated()}
     * @param fetchSize rows per round trip, and how often {@code progress} hears of new rows
     */
    public SqlQuery(ProjectDatabase database, String sql, CredentialStore credentials, int maxRows, int fetchSize) {
        this.database = Objects.requireNonNull(database, "database");
        this.sql = Objects.requireNonNull(sql, "sql").strip();
        this.credentials = credentials == null ? CredentialStore.NONE : credentials;
        if (maxRows < 1 || fetchSize < 1) {
            throw new IllegalArgumentException("maxRows and fetchSize must be positive");
        }
        this.maxRows = maxRows;
        this.fetchSize = fetchSize;
    }

    /**
     * Runs the statement on the calling thread.
     *
     * @param started  receives the result as soon as its columns are known, before rows arrive
     * @param progress receives the row count after each round of {@code fetchSize} rows
     * @throws QueryException for refused settings, a missing secret, a failed connection or the
     *         database's error (its message and SQL state), and when cancelled
     */
    public QueryResult execute(java.util.function.Consumer<QueryResult> started, IntConsumer progress) throws QueryException {
        if (sql.isEmpty()) {
            throw new QueryException("Type a SQL statement to run.");
        }
        ConnectionSpec spec = database.spec();
        if (spec == null) {
            throw new QueryException("Cannot connect to " + database.label() + ": " + database.problem());
        }
        if (!JdbcUrls.H2.equals(spec.driver()) && !JdbcUrls.POSTGRESQL.equals(spec.driver())) {
            throw new QueryException("The SQL console queries H2 and PostgreSQL databases; " + spec.label() + " uses a generic driver.");
        }
        long start = System.nanoTime();
        try (Connection c = connect(spec)) {
            boolean server = JdbcUrls.POSTGRESQL.equals(spec.driver());
            if (server) {
                // pgjdbc streams with a fetch size only inside a transaction.
                c.setAutoCommit(false);
            }
            try (Statement st = c.createStatement()) {
                statement = st;
                if (cancelled) {
                    throw new QueryException("Cancelled.");
                }
                st.setFetchSize(fetchSize);
                st.setMaxRows(maxRows + 1);
                boolean hasResultSet = st.execute(sql);
                QueryResult result;
                if (hasResultSet) {
                    try (ResultSet rs = st.getResultSet()) {
                        result = read(rs, started, progress);
                        result.finish(result.rowCount() > maxRows ? trim(result) : false, -1, Duration.ofNanos(System.nanoTime() - start));
                    }
                } else {
                    result = new QueryResult(List.of(), maxRows);
                    started.accept(result);
                    result.finish(false, st.getUpdateCount(), Duration.ofNanos(System.nanoTime() - start));
                }
                if (server) {
                    c.commit();
                }
                return result;
            } catch (SQLException | QueryException e) {
                if (server) {
                    rollbackQuietly(c);
                }
                throw e;
            } finally {
                statement = null;
            }
        } catch (SQLException e) {
            if (cancelled) {
                throw new QueryException("Cancelled: " + redact(e.getMessage()));
            }
            throw new QueryException(describe(spec, e));
        }
    }

    private static boolean trim(QueryResult result) {
        result.rows().remove(result.rows().size() - 1);
        return true;
    }

    private QueryResult read(ResultSet rs, java.util.function.Consumer<QueryResult> started, IntConsumer progress)
            throws SQLException, QueryException {
        ResultSetMetaData meta = rs.getMetaData();
        int n = meta.getColumnCount();
        List<QueryResult.Column> columns = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            String label = meta.getColumnLabel(i);
            columns.add(new QueryResult.Column(label == null || label.isBlank() ? meta.getColumnName(i) : label, meta.getColumnTypeName(i)));
        }
        QueryResult result = new QueryResult(columns, maxRows);
        started.accept(result);
        while (result.rowCount() <= maxRows && rs.next()) {
            if (cancelled) {
                throw new QueryException("Cancelled after " + result.rowCount() + " rows.");
            }
            Object[] row = new Object[n];
            for (int i = 0; i < n; i++) {
                row[i] = value(rs.getObject(i + 1));
            }
            result.add(row);
            if (result.rowCount() % fetchSize == 0) {
                progress.accept(Math.min(result.rowCount(), maxRows));
            }
        }
        progress.accept(Math.min(result.rowCount(), maxRows));
        return result;
    }

    /** @return the value as the grid and the exports use it: LOBs, arrays and XML become text */
    static Object value(Object v) throws SQLException {
        if (v instanceof Clob clob) {
            try (Reader r = clob.getCharacterStream()) {
                char[] buf = new char[MAX_LOB_CHARS];
                int len = r.read(buf);
                return len <= 0 ? "" : new String(buf, 0, len);
            } catch (java.io.IOException e) {
                throw new SQLException("cannot read a text value: " + e.getMessage(), e);
            } finally {
                clob.free();
            }
        }
        if (v instanceof Blob blob) {
            long length = blob.length();
            byte[] head = blob.getBytes(1, (int) Math.min(length, MAX_LOB_CHARS / 2));
            blob.free();
            return hex(head, length);
        }
        if (v instanceof byte[] bytes) {
            return hex(bytes.length > MAX_LOB_CHARS / 2 ? java.util.Arrays.copyOf(bytes, MAX_LOB_CHARS / 2) : bytes, bytes.length);
        }
        if (v instanceof Array array) {
            Object items = array.getArray();
            array.free();
            return items instanceof Object[] o ? java.util.Arrays.deepToString(o) : String.valueOf(items);
        }
        if (v instanceof SQLXML xml) {
            String s = xml.getString();
            xml.free();
            return s;
        }
        if (v instanceof Timestamp ts) {
            return ts.toLocalDateTime();
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        if (v instanceof java.sql.Time t) {
            return t.toLocalTime();
        }
        return v;
    }

    private static String hex(byte[] bytes, long length) {
        StringBuilder b = new StringBuilder("0x");
        for (byte x : bytes) {
            b.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
        }
        if (length > bytes.length) {
            b.append("... (").append(length).append(" bytes)");
        }
        return b.toString();
    }

    /**
     * Cancels the statement if it runs, or stops it before it starts. Safe from any thread; the
     * running {@link #execute} then fails with a "Cancelled" {@link QueryException}.
     */
    public void cancel() {
        cancelled = true;
        Statement s = statement;
        if (s != null) {
            try {
                s.cancel();
            } catch (SQLException | RuntimeException e) {
                // The statement finished or its connection closed meanwhile: nothing left to cancel.
            }
        }
    }

    public boolean isCancelled() {
        return cancelled;
    }

    private Connection connect(ConnectionSpec spec) throws QueryException {
        ConnectorContext context = new ConnectorContext(database.folder(), credentials, null);
        Properties properties = new Properties();
        properties.putAll(spec.properties());
        if (spec.user() != null) {
            properties.setProperty("user", spec.user());
        }
        String password = secret(context, spec.credentialKey(), "password", spec);
        if (spec.fileCredentialKey() != null) {
            String filePassword = secret(context, spec.fileCredentialKey(), "file password", spec);
            secrets.add(filePassword);
            // H2 takes the file password and the user password in one property, separated by a space.
            password = filePassword + " " + (password == null ? "" : password);
        }
        if (password != null) {
            secrets.add(password);
            properties.setProperty("password", password);
        }
        boolean h2 = JdbcUrls.H2.equals(spec.driver());
        if (h2) {
            // The console reads what runs wrote; it never creates an empty database by a typo.
            properties.setProperty("IFEXISTS", "TRUE");
        }
        Driver driver = h2 ? new org.h2.Driver() : new org.postgresql.Driver();
        try {
            Connection c = driver.connect(spec.url(), properties);
            if (c == null) {
                throw new QueryException("Cannot connect to " + spec.label() + ": the driver does not accept the URL.");
            }
            return c;
        } catch (SQLException e) {
            String hint = h2 && "90146".equals(e.getSQLState()) ? " Run the project first: the database file does not exist yet." : "";
            throw new QueryException("Cannot connect to " + spec.label() + ": " + redact(e.getMessage()) + hint);
        }
    }

    private static String secret(ConnectorContext context, String key, String what, ConnectionSpec spec) throws QueryException {
        if (key == null) {
            return null;
        }
        Optional<String> s = context.credentials().secret(key);
        if (s.isEmpty()) {
            throw new QueryException("No " + what + " is stored under the credential key '" + key + "' for " + spec.label()
                    + " (set MAPWRIGHT_SECRET_* or the workbench's credential store).");
        }
        return s.get();
    }

    private String describe(ConnectionSpec spec, SQLException e) {
        StringBuilder b = new StringBuilder(spec.label()).append(": ").append(redact(String.valueOf(e.getMessage())).strip());
        if (e.getSQLState() != null && !b.toString().contains(e.getSQLState())) {
            b.append(" [SQL state ").append(e.getSQLState()).append(']');
        }
        return b.toString();
    }

    private String redact(String text) {
        String out = text == null ? "" : text;
        for (String s : secrets) {
            if (s != null && !s.isEmpty()) {
                out = out.replace(s, "***");
                for (String part : s.split(" ")) {
                    if (part.length() >= 4) {
                        out = out.replace(part, "***");
                    }
                }
            }
        }
        return out;
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            // The connection is closed right after; the server rolls back anyway.
        }
    }
}
