package org.mapwright.internal.connector.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.mapwright.connector.jdbc.ColumnInfo;
import org.mapwright.connector.jdbc.TableRef;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.DataLocation;

/**
 * An executed source query with its result set open: a table read column by column, or the
 * user's SELECT. Readers stream: PostgreSQL only uses a cursor with auto-commit off and a fetch
 * size, and H2 only with lazy query execution, so both are set here.
 */
public final class SourceQuery implements AutoCloseable {

    private final PreparedStatement statement;
    private final ResultSet resultSet;
    private final String label;
    private final TableRef table;
    private final List<JdbcTypes.Column> columns;

    private SourceQuery(PreparedStatement statement, ResultSet resultSet, String label, TableRef table, List<JdbcTypes.Column> columns) {
        this.statement = statement;
        this.resultSet = resultSet;
        this.label = label;
        this.table = table;
        this.columns = columns;
    }

    /**
     * @param wanted  column names to read (matched exactly, then ignoring case), or null for all
     * @param maxRows rows to read at most, 0 for all
     * @throws DataException for a missing table or column or a failing query
     */
    public static SourceQuery run(Session session, SourceSpec source, List<String> wanted, long maxRows) throws DataException {
        String label = source.label();
        TableRef table = null;
        String sql;
        try {
            prepareForReading(session);
            if (source.table() != null) {
                table = resolve(session, source);
                label = table.label();
                List<String> names = new Metadata(session).columns(table).stream().map(ColumnInfo::name).collect(Collectors.toList());
                List<String> select = names;
                if (wanted != null) {
                    Map<String, String> matched = Metadata.match(wanted, names);
                    List<String> missing = wanted.stream().filter(w -> !matched.containsKey(w)).toList();
                    if (!missing.isEmpty()) {
                        throw new DataException(DataLocation.of(label).withColumn(missing.get(0)), "column" + (missing.size() > 1 ? "s " : " ")
                                + quoteAll(missing) + " not found in table " + label + " (" + session.label() + "; columns: "
                                + String.join(", ", names) + ")");
                    }
                    select = wanted.stream().map(matched::get).toList();
                }
                sql = "SELECT " + (select.isEmpty() ? "*" : session.list(select)) + " FROM " + session.qualified(table.schema(), table.name());
                if (maxRows > 0) {
                    sql = session.dialect().limit(sql, maxRows);
                }
            } else {
                sql = source.query();
            }
        } catch (SQLException e) {
            throw session.error(DataLocation.of(label), "cannot read the structure of " + label, e);
        }
        PreparedStatement st = null;
        try {
            st = session.connection().prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            st.setFetchSize(source.fetchSize());
            if (maxRows > 0) {
                st.setMaxRows((int) Math.min(maxRows, Integer.MAX_VALUE));
            }
            ResultSet rs = st.executeQuery();
            ResultSetMetaData md = rs.getMetaData();
            List<JdbcTypes.Column> columns = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                columns.add(new JdbcTypes.Column(md.getColumnLabel(i), md.getColumnType(i), md.getColumnTypeName(i), md.getPrecision(i),
                        md.getScale(i)));
            }
            return new SourceQuery(st, rs, label, table, columns);
        } catch (SQLException e) {
            closeQuietly(st);
            throw session.error(DataLocation.of(label), source.table() != null ? "cannot read table " + label : "the query failed", e);
        }
    }

    /** Read-only transaction where supported, cursor-based fetching, lazy H2 results. */
    static void prepareForReading(Session session) throws SQLException {
        Connection c = session.connection();
        c.setAutoCommit(false);
        c.setReadOnly(true);
        if (session.dialect() == Dialect.H2) {
            try (Statement s = c.createStatement()) {
                s.execute("SET LAZY_QUERY_EXECUTION TRUE");
            }
        }
    }

    static TableRef resolve(Session session, SourceSpec source) throws DataException, SQLException {
        Metadata meta = new Metadata(session);
        try {
            return meta.findTable(source.schema(), source.table()).orElseThrow(() -> notFound(session, meta, source));
        } catch (IllegalArgumentException e) {
            throw new DataException(DataLocation.of(source.label()), e.getMessage() + " (" + session.label() + ")");
        } catch (UncheckedSql e) {
            throw e.getCause();
        }
    }

    private static DataException notFound(Session session, Metadata meta, SourceSpec source) {
        String schema = source.schema() != null ? source.schema() : meta.currentSchema();
        String known;
        try {
            List<String> names = meta.tables(schema).stream().map(TableRef::name).toList();
            known = names.isEmpty() ? "it has no tables"
                    : "tables there: " + String.join(", ", names.subList(0, Math.min(20, names.size()))) + (names.size() > 20 ? ", ..." : "");
        } catch (SQLException e) {
            throw new UncheckedSql(e);
        }
        return new DataException(DataLocation.of(source.label()), "table '" + source.table() + "' not found"
                + (schema == null ? "" : " in schema '" + schema + "'") + " of " + session.label() + "; " + known);
    }

    /** Carries a metadata failure out of a lambda. */
    private static final class UncheckedSql extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UncheckedSql(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }

    private static String quoteAll(List<String> names) {
        return names.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", "));
    }

    public ResultSet resultSet() {
        return resultSet;
    }

    /** @return the columns of the result, in order */
    public List<JdbcTypes.Column> columns() {
        return columns;
    }

    /** @return {@code schema.table} as the database names it, or {@code query} */
    public String label() {
        return label;
    }

    /** @return the table read, or null for a query */
    public TableRef table() {
        return table;
    }

    @Override
    public void close() {
        closeQuietly(statement);
    }

    private static void closeQuietly(Statement st) {
        if (st != null) {
            try {
                st.close();
            } catch (SQLException e) {
                // Closing the session releases whatever the statement still holds.
            }
        }
    }
}
