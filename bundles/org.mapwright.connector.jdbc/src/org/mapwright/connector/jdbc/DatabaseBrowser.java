package org.mapwright.connector.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.DataLocation;
import org.mapwright.internal.connector.jdbc.JdbcTypes;
import org.mapwright.internal.connector.jdbc.Metadata;
import org.mapwright.internal.connector.jdbc.Session;
import org.mapwright.internal.connector.jdbc.ValueReader;

/**
 * Browses one database for the workbench: catalogs, schemas, tables and views with their
 * columns, keys and rows. Holds one open connection until {@link #close()}; every call ends its
 * read-only transaction, so the next call sees current data. Not thread-safe.
 */
public final class DatabaseBrowser implements AutoCloseable {

    /** Largest page {@link #preview} returns. */
    public static final int MAX_PAGE = 10_000;

    private final Session session;

    DatabaseBrowser(Session session) throws DataException {
        this.session = session;
        try {
            session.connection().setAutoCommit(false);
            session.connection().setReadOnly(true);
        } catch (SQLException e) {
            session.close();
            throw session.error(DataLocation.of(session.label()), "cannot prepare the connection for browsing", e);
        }
    }

    /** @return the connection label, e.g. {@code "H2 file /home/ann/project/data/shop"} */
    public String label() {
        return session.label();
    }

    /** @return catalog names; empty where the database has no catalogs */
    public List<String> catalogs() throws DataException {
        return call("cannot list catalogs", Metadata::catalogs);
    }

    /** @return schema names, system schemas last */
    public List<String> schemas() throws DataException {
        return call("cannot list schemas", Metadata::schemas);
    }

    /** @return the schema unqualified names resolve in, or null if the driver cannot tell */
    public String currentSchema() throws DataException {
        return call("cannot read the current schema", Metadata::currentSchema);
    }

    /**
     * @param schema the schema (exact name), or null for all but system schemas
     * @return tables and views, sorted by schema and name
     */
    public List<TableRef> tables(String schema) throws DataException {
        return call("cannot list tables", m -> m.tables(schema));
    }

    /**
     * @param schema as typed, or null for the current schema
     * @return the table of that name (exactly, else ignoring case)
     * @throws DataException also when the name matches several tables ignoring case
     */
    public Optional<TableRef> findTable(String schema, String name) throws DataException {
        return call("cannot look up table " + name, m -> {
            try {
                return m.findTable(schema, name);
            } catch (IllegalArgumentException e) {
                throw new SQLException(e.getMessage(), e);
            }
        });
    }

    /** @return columns, primary key and foreign keys of {@code table} */
    public TableInfo describe(TableRef table) throws DataException {
        return call("cannot describe table " + table.label(),
                m -> new TableInfo(table, m.columns(table), m.primaryKey(table), m.foreignKeys(table)));
    }

    /**
     * Reads one page of rows, ordered by the primary key when there is one.
     *
     * @param offset rows to skip, from 0
     * @param limit  rows to return, 1 to {@link #MAX_PAGE}
     * @throws IllegalArgumentException for a negative offset or a limit out of range
     */
    public PreviewPage preview(TableRef table, long offset, int limit) throws DataException {
        if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("offset must be >= 0 and limit from 1 to " + MAX_PAGE);
        }
        return call("cannot preview table " + table.label(), m -> {
            List<ColumnInfo> columns = m.columns(table);
            List<String> key = m.primaryKey(table);
            List<String> names = columns.stream().map(ColumnInfo::name).toList();
            String sql = "SELECT " + (names.isEmpty() ? "*" : session.list(names)) + " FROM " + session.qualified(table.schema(), table.name());
            if (!key.isEmpty()) {
                sql += " ORDER BY " + session.list(key);
            }
            sql = session.dialect().page(sql, offset, limit + 1L);
            List<Object[]> rows = new ArrayList<>();
            boolean more = false;
            try (PreparedStatement st = session.connection().prepareStatement(sql)) {
                st.setMaxRows(limit + 1);
                try (ResultSet rs = st.executeQuery()) {
                    ResultSetMetaData md = rs.getMetaData();
                    int n = md.getColumnCount();
                    ValueReader[] readers = new ValueReader[n];
                    for (int i = 0; i < n; i++) {
                        JdbcTypes.Column c = new JdbcTypes.Column(md.getColumnLabel(i + 1), md.getColumnType(i + 1), md.getColumnTypeName(i + 1),
                                md.getPrecision(i + 1), md.getScale(i + 1));
                        readers[i] = JdbcTypes.reader(c, i < columns.size() ? columns.get(i).type() : c.natural());
                    }
                    while (rs.next()) {
                        if (rows.size() == limit) {
                            more = true;
                            break;
                        }
                        Object[] row = new Object[n];
                        for (int i = 0; i < n; i++) {
                            row[i] = readers[i].read(rs, i + 1);
                        }
                        rows.add(row);
                    }
                }
            }
            return new PreviewPage(table, columns, rows, offset, more);
        });
    }

    private interface MetadataCall<T> {
        T apply(Metadata metadata) throws SQLException;
    }

    private <T> T call(String what, MetadataCall<T> call) throws DataException {
        try {
            return call.apply(new Metadata(session));
        } catch (SQLException e) {
            throw session.error(DataLocation.of(session.label()), what, e);
        } finally {
            try {
                session.connection().rollback();
            } catch (SQLException e) {
                // Ending the snapshot failed; the next call reports the broken connection itself.
            }
        }
    }

    @Override
    public void close() {
        session.close();
    }

    @Override
    public String toString() {
        return "DatabaseBrowser[" + session.label() + "]";
    }
}
