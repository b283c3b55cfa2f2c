package org.mapwright.internal.connector.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.StringJoiner;

import org.mapwright.core.Schema;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.DataLocation;
import org.mapwright.core.connector.Limits;
import org.mapwright.core.connector.RecordReader;

/**
 * Streams the rows of a {@link SourceQuery}. A value that cannot be converted makes its row a
 * recoverable bad record; a failing fetch (lost connection, server error) is fatal.
 */
public final class JdbcRecordReader implements RecordReader {

    private final Session session;
    private final SourceQuery query;
    private final Schema schema;
    private final int[] columns;
    private final ValueReader[] readers;
    private final int maxChars;
    private final Object[] row;
    private long record;
    private boolean done;
    private boolean closed;

    /**
     * @param columns 1-based result columns, one per schema field
     * @param readers one per schema field
     */
    public JdbcRecordReader(Session session, SourceQuery query, Schema schema, int[] columns, ValueReader[] readers, Limits limits) {
        this.session = session;
        this.query = query;
        this.schema = schema;
        this.columns = columns.clone();
        this.readers = readers.clone();
        this.maxChars = limits.maxFieldChars();
        this.row = new Object[columns.length];
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public Object[] next() throws DataException {
        if (done || closed) {
            return null;
        }
        ResultSet rs = query.resultSet();
        try {
            if (!rs.next()) {
                done = true;
                return null;
            }
        } catch (SQLException e) {
            done = true;
            throw session.error(new DataLocation(query.label(), -1, record + 1, null), "reading " + query.label() + " failed", e);
        }
        record++;
        for (int i = 0; i < readers.length; i++) {
            Object value;
            try {
                value = readers[i].read(rs, columns[i]);
            } catch (SQLException | RuntimeException e) {
                throw DataException.badRecord(location().withColumn(schema.fields().get(i).name()),
                        "cannot read the value: " + session.redact(JdbcErrors.summary(e, List.of())), rawText(rs));
            }
            if (value instanceof String s && s.length() > maxChars) {
                throw DataException.badRecord(location().withColumn(schema.fields().get(i).name()),
                        "text of " + s.length() + " characters exceeds the limit of " + maxChars, null);
            }
            row[i] = value;
        }
        return row;
    }

    /** The row as text, for the rejects output. */
    private String rawText(ResultSet rs) {
        StringJoiner j = new StringJoiner(", ");
        for (int column : columns) {
            try {
                String s = rs.getString(column);
                j.add(s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "..." : s);
            } catch (SQLException e) {
                j.add("?");
            }
        }
        return j.toString();
    }

    @Override
    public DataLocation location() {
        return new DataLocation(query.label(), -1, record, null);
    }

    /** Closes the result set and the connection; the read-only transaction is rolled back. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            query.close();
            session.close();
        }
    }

    @Override
    public String toString() {
        return "JdbcRecordReader[" + query.label() + " @ " + session.label() + ", record " + record + "]";
    }
}
