package org.mapwright.internal.connector.jdbc;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.Collectors;

import org.mapwright.connector.jdbc.ColumnInfo;
import org.mapwright.connector.jdbc.TableRef;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.Schema;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.DataLocation;
import org.mapwright.core.connector.RecordWriter;
import org.mapwright.core.value.Values;

/**
 * Writes rows into a table in batches; see {@code JdbcTargetConnector} for the modes and their
 * guarantees. Not thread-safe.
 */
public final class JdbcRecordWriter implements RecordWriter {

    /** How one schema field reaches its column. */
    private record Column(String name, DataType type, int nullType, boolean textAsOther) {
    }

    private final Session session;
    private final TargetSpec spec;
    private final String label;
    private final String schemaName;
    private final String tableName;
    private final TableRef existing;
    private final String tempName;
    private final boolean tempMarked;
    private final boolean createdTable;
    private final Column[] columns;
    private final int[] keys;
    private final PreparedStatement insert;
    private final PreparedStatement update;
    private final Object[] converted;
    private long rowNumber;
    private long batchStart = 1;
    private long committedRows;
    private int pending;
    private boolean committed;
    private DataException failure;
    private boolean closed;

    private JdbcRecordWriter(Session session, TargetSpec spec, String schemaName, String tableName, TableRef existing, String tempName,
            boolean tempMarked, boolean createdTable, Column[] columns, int[] keys, PreparedStatement insert, PreparedStatement update) {
        this.session = session;
        this.spec = spec;
        this.schemaName = schemaName;
        this.tableName = tableName;
        this.label = schemaName == null ? tableName : schemaName + "." + tableName;
        this.existing = existing;
        this.tempName = tempName;
        this.tempMarked = tempMarked;
        this.createdTable = createdTable;
        this.columns = columns;
        this.keys = keys;
        this.insert = insert;
        this.update = update;
        this.converted = new Object[columns.length];
    }

    /**
     * Prepares the table: creates it when missing (append, upsert) or creates the temporary
     * table the rows go to (replace). Takes ownership of {@code session}, closing it on failure.
     *
     * @throws DataException for a schema that cannot be stored, missing columns in an existing
     *         table, upsert without keys or a failing statement
     */
    public static JdbcRecordWriter open(Session session, TargetSpec spec, Schema schema) throws DataException {
        DataLocation where = DataLocation.of(spec.label());
        String temp = null;
        boolean marked = false;
        boolean created = false;
        List<String> madeTables = new ArrayList<>();
        try {
            List<Field> fields = schema.fields();
            checkStorable(spec, fields);
            List<Integer> keyIndexes = new ArrayList<>();
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i).key()) {
                    keyIndexes.add(i);
                }
            }
            if (spec.mode() == TargetSpec.Mode.UPSERT && keyIndexes.isEmpty()) {
                throw new DataException(where, "mode upsert needs key fields in the target schema to match rows by");
            }
            Connection c = session.connection();
            c.setAutoCommit(false);
            Metadata meta = new Metadata(session);
            TableRef existing;
            try {
                existing = meta.findTable(spec.schema(), spec.table()).orElse(null);
            } catch (IllegalArgumentException e) {
                throw new DataException(where, e.getMessage() + " (" + session.label() + ")");
            }
            String schemaName = existing != null ? existing.schema() : spec.schema() != null ? spec.schema() : meta.currentSchema();
            String tableName = existing != null ? existing.name() : spec.table();
            if (Staging.recover(session, schemaName, tableName)) {
                existing = meta.findTable(spec.schema(), spec.table()).orElse(null);
            }
            String label = schemaName == null ? tableName : schemaName + "." + tableName;
            where = DataLocation.of(label);
            if (existing != null && spec.mode() == TargetSpec.Mode.REPLACE && !"TABLE".equals(existing.kind())) {
                throw new DataException(where, label + " is a " + existing.kind().toLowerCase(Locale.ROOT)
                        + ", not a table; mode replace can only replace tables (" + session.label() + ")");
            }
            Column[] columns;
            String into;
            if (spec.mode() == TargetSpec.Mode.REPLACE || existing == null) {
                columns = fields.stream().map(f -> {
                    DataType t = f.type() == DataType.ANY ? DataType.TEXT : f.type();
                    return new Column(f.name(), t, JdbcTypes.sqlType(t), false);
                }).toArray(Column[]::new);
                if (spec.mode() == TargetSpec.Mode.REPLACE) {
                    temp = Staging.newName(tableName);
                    createTable(session, schemaName, temp, fields);
                    madeTables.add(session.qualified(schemaName, temp));
                    c.commit();
                    marked = Staging.mark(session, schemaName, temp, Staging.partial(tableName));
                    into = temp;
                } else {
                    createTable(session, schemaName, tableName, fields);
                    madeTables.add(session.qualified(schemaName, tableName));
                    created = true;
                    into = tableName;
                }
                c.commit();
            } else {
                columns = existingColumns(session, meta, existing, fields, where);
                if (spec.mode() == TargetSpec.Mode.UPSERT && session.dialect() == Dialect.POSTGRESQL) {
                    checkUniqueKey(session, meta, existing, columns, keyIndexes, where);
                }
                into = tableName;
            }
            int[] keys = keyIndexes.stream().mapToInt(Integer::intValue).toArray();
            String table = session.qualified(schemaName, into);
            List<String> names = Arrays.stream(columns).map(Column::name).toList();
            List<String> keyNames = keyIndexes.stream().map(i -> columns[i].name()).toList();
            PreparedStatement insert;
            PreparedStatement update = null;
            String upsert = spec.mode() == TargetSpec.Mode.UPSERT ? session.dialect().upsert(table, names, keyNames, session) : null;
            if (upsert != null) {
                insert = c.prepareStatement(upsert);
            } else {
                insert = c.prepareStatement("INSERT INTO " + table + " (" + session.list(names) + ") VALUES ("
                        + names.stream().map(n -> "?").collect(Collectors.joining(", ")) + ")");
                if (spec.mode() == TargetSpec.Mode.UPSERT) {
                    update = c.prepareStatement(updateSql(session, table, names, keyNames));
                }
            }
            return new JdbcRecordWriter(session, spec, schemaName, tableName, existing, temp, marked, created, columns, keys, insert, update);
        } catch (SQLException e) {
            DataException error = session.error(where, "cannot prepare table " + where.file() + " for writing", e);
            abandon(session, madeTables);
            throw error;
        } catch (DataException e) {
            abandon(session, madeTables);
            throw e;
        } catch (IllegalArgumentException e) {
            abandon(session, madeTables);
            throw new DataException(where, e.getMessage() + " (" + session.label() + ")");
        }
    }

    /** Drops the (still empty) tables made by a failed open and closes the session. */
    private static void abandon(Session session, List<String> madeTables) {
        try (Statement st = session.connection().createStatement()) {
            session.connection().rollback();
            for (String table : madeTables) {
                st.execute("DROP TABLE " + table);
            }
            session.connection().commit();
        } catch (SQLException e) {
            // Left-over empty tables are harmless; the error that stopped the open matters more.
        }
        session.close();
    }

    private static void checkStorable(TargetSpec spec, List<Field> fields) throws DataException {
        if (fields.isEmpty()) {
            throw new DataException(DataLocation.of(spec.label()), "the target schema has no fields");
        }
        for (Field f : fields) {
            if (f.type() == DataType.RECORD || f.repeated()) {
                throw new DataException(DataLocation.of(spec.label()).withColumn(f.name()), "field '" + f.name() + "' is a "
                        + (f.repeated() ? "list" : "record") + "; database columns hold single values, so map it to scalar fields");
            }
            Checks.identifier("field name '" + f.name().replaceAll("\\p{Cntrl}", "?") + "'", f.name());
        }
    }

    private static void createTable(Session session, String schema, String table, List<Field> fields) throws SQLException {
        StringJoiner ddl = new StringJoiner(", ", "CREATE TABLE " + session.qualified(schema, table) + " (", ")");
        List<String> keys = new ArrayList<>();
        for (Field f : fields) {
            DataType t = f.type() == DataType.ANY ? DataType.TEXT : f.type();
            ddl.add(session.quote(f.name()) + " " + session.dialect().columnType(t) + (f.nullable() && !f.key() ? "" : " NOT NULL"));
            if (f.key()) {
                keys.add(f.name());
            }
        }
        if (!keys.isEmpty()) {
            ddl.add("PRIMARY KEY (" + session.list(keys) + ")");
        }
        try (Statement st = session.connection().createStatement()) {
            st.execute(ddl.toString());
        }
    }

    private static Column[] existingColumns(Session session, Metadata meta, TableRef table, List<Field> fields, DataLocation where)
            throws SQLException, DataException {
        List<ColumnInfo> infos = meta.columns(table);
        List<String> names = infos.stream().map(ColumnInfo::name).toList();
        Map<String, String> matched = Metadata.match(fields.stream().map(Field::name).toList(), names);
        List<String> missing = fields.stream().map(Field::name).filter(n -> !matched.containsKey(n)).toList();
        if (!missing.isEmpty()) {
            throw new DataException(where.withColumn(missing.get(0)), "table " + where.file() + " has no column"
                    + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing) + " (" + session.label() + "; columns: "
                    + String.join(", ", names) + "); use mode replace to recreate it from the target schema");
        }
        Column[] out = new Column[fields.size()];
        for (int i = 0; i < out.length; i++) {
            ColumnInfo info = infos.get(names.indexOf(matched.get(fields.get(i).name())));
            boolean charType = info.jdbcType() == Types.VARCHAR || info.jdbcType() == Types.CHAR || info.jdbcType() == Types.LONGVARCHAR
                    || info.jdbcType() == Types.NVARCHAR || info.jdbcType() == Types.NCHAR || info.jdbcType() == Types.LONGNVARCHAR
                    || info.jdbcType() == Types.CLOB || info.jdbcType() == Types.NCLOB;
            // PostgreSQL refuses a varchar parameter for uuid, json, timestamptz ... columns; untyped text is cast by the server.
            boolean other = session.dialect() == Dialect.POSTGRESQL && info.type() == DataType.TEXT && !charType;
            out[i] = new Column(info.name(), info.type(), other ? Types.OTHER : info.jdbcType(), other);
        }
        return out;
    }

    private static void checkUniqueKey(Session session, Metadata meta, TableRef table, Column[] columns, List<Integer> keyIndexes,
            DataLocation where) throws SQLException, DataException {
        Set<String> keys = keyIndexes.stream().map(i -> columns[i].name()).collect(Collectors.toSet());
        List<Set<String>> unique = meta.uniqueKeys(table);
        if (!unique.contains(keys)) {
            throw new DataException(where, "mode upsert matches rows by (" + String.join(", ", keys) + "), but table " + where.file()
                    + " has no primary key or unique index on exactly these columns (" + session.label() + ")");
        }
    }

    private static String updateSql(Session session, String table, List<String> names, List<String> keyNames) {
        List<String> set = names.stream().filter(n -> !keyNames.contains(n)).toList();
        if (set.isEmpty()) {
            set = List.of(keyNames.get(0));
        }
        return "UPDATE " + table + " SET " + set.stream().map(n -> session.quote(n) + " = ?").collect(Collectors.joining(", ")) + " WHERE "
                + keyNames.stream().map(n -> session.quote(n) + " = ?").collect(Collectors.joining(" AND "));
    }

    @Override
    public void write(Object[] row) throws DataException {
        checkUsable();
        rowNumber++;
        if (row.length != columns.length) {
            throw DataException.badRecord(location(rowNumber), "the row has " + row.length + " values, the table " + columns.length, null);
        }
        for (int i = 0; i < columns.length; i++) {
            try {
                converted[i] = ValueConversion.convert(row[i], columns[i].type());
            } catch (IllegalArgumentException e) {
                throw DataException.badRecord(location(rowNumber).withColumn(columns[i].name()), e.getMessage(), rawText(row));
            }
        }
        for (int k : keys) {
            if (converted[k] == null) {
                throw DataException.badRecord(location(rowNumber).withColumn(columns[k].name()), "the key field is empty", rawText(row));
            }
        }
        try {
            if (update != null) {
                upsertOne();
            } else {
                for (int i = 0; i < columns.length; i++) {
                    bind(insert, i + 1, columns[i], converted[i]);
                }
                insert.addBatch();
            }
        } catch (SQLException e) {
            throw fail(e);
        }
        pending++;
        if (pending >= spec.batchSize()) {
            flush();
        }
    }

    /** Update by key, insert when nothing matched: the portable upsert for generic databases. */
    private void upsertOne() throws SQLException {
        int p = 1;
        boolean any = false;
        for (int i = 0; i < columns.length; i++) {
            if (!isKey(i)) {
                bind(update, p++, columns[i], converted[i]);
                any = true;
            }
        }
        if (!any) {
            bind(update, p++, columns[keys[0]], converted[keys[0]]);
        }
        for (int k : keys) {
            bind(update, p++, columns[k], converted[k]);
        }
        if (update.executeUpdate() == 0) {
            for (int i = 0; i < columns.length; i++) {
                bind(insert, i + 1, columns[i], converted[i]);
            }
            insert.executeUpdate();
        }
    }

    private boolean isKey(int index) {
        for (int k : keys) {
            if (k == index) {
                return true;
            }
        }
        return false;
    }

    private static void bind(PreparedStatement ps, int param, Column column, Object value) throws SQLException {
        if (value == null) {
            ps.setNull(param, column.nullType());
            return;
        }
        switch (column.type()) {
            case INTEGER:
                ps.setLong(param, (Long) value);
                break;
            case DECIMAL:
                ps.setBigDecimal(param, (BigDecimal) value);
                break;
            case BOOLEAN:
                ps.setBoolean(param, (Boolean) value);
                break;
            case DATE:
            case TIMESTAMP:
                ps.setObject(param, value);
                break;
            default:
                if (column.textAsOther()) {
                    ps.setObject(param, value, Types.OTHER);
                } else {
                    ps.setString(param, (String) value);
                }
        }
    }

    private static String rawText(Object[] row) {
        StringJoiner j = new StringJoiner(", ");
        for (Object v : row) {
            String s = v instanceof Object[] ? "<record>" : Values.format(v);
            j.add(s.length() > 200 ? s.substring(0, 200) + "..." : s);
        }
        return j.toString();
    }

    /** Sends and commits the pending batch. */
    private void flush() throws DataException {
        if (pending == 0) {
            return;
        }
        try {
            if (update == null) {
                insert.executeBatch();
            }
            session.connection().commit();
        } catch (SQLException e) {
            throw fail(e);
        }
        committedRows += pending;
        pending = 0;
        batchStart = rowNumber + 1;
    }

    private DataException fail(SQLException e) {
        rollbackQuietly();
        String rows = batchStart == rowNumber ? "row " + rowNumber : "rows " + batchStart + " to " + rowNumber;
        failure = session.error(new DataLocation(label, -1, batchStart, null),
                "writing " + rows + " to table " + label + " failed and the batch was rolled back", e);
        pending = 0;
        return failure;
    }

    @Override
    public void commit() throws DataException {
        checkUsable();
        flush();
        if (tempName != null) {
            swap();
        }
        committed = true;
        close();
    }

    /**
     * Puts the table built under the temporary name in place of the old one. Every transaction
     * here is small: a large {@code DELETE} + {@code INSERT ... SELECT} swap was found partly
     * applied after H2 reopened a file whose writer had been killed mid-transaction.
     */
    private void swap() throws DataException {
        Connection c = session.connection();
        String temp = session.qualified(schemaName, tempName);
        String target = session.qualified(schemaName, tableName);
        String old = null;
        boolean marked = false;
        boolean renamedOld = false;
        boolean renamedNew = false;
        try (Statement st = c.createStatement()) {
            boolean transactionalDdl = session.dialect() == Dialect.POSTGRESQL
                    || session.dialect() == Dialect.GENERIC && c.getMetaData().supportsDataDefinitionAndDataManipulationTransactions();
            if (transactionalDdl) {
                if (existing != null) {
                    st.execute("DROP TABLE " + target);
                }
                st.execute("ALTER TABLE " + temp + " RENAME TO " + session.quote(tableName));
                if (tempMarked) {
                    Staging.unmark(session, schemaName, tableName);
                }
                c.commit();
                return;
            }
            // Each DDL statement commits on its own here, so the marker on the new table says it is
            // complete and where the old one went: a run killed between the renames is finished by
            // the next one (Staging.recover), and no state but the instant between them lacks the table.
            old = existing != null ? Staging.newName(tableName) : null;
            marked = tempMarked && Staging.mark(session, schemaName, tempName, Staging.complete(tableName, old));
            if (existing != null) {
                st.execute("ALTER TABLE " + target + " RENAME TO " + session.quote(old));
                c.commit();
                renamedOld = true;
            }
            st.execute("ALTER TABLE " + temp + " RENAME TO " + session.quote(tableName));
            c.commit();
            renamedNew = true;
            if (old != null) {
                st.execute("DROP TABLE " + session.qualified(schemaName, old));
                c.commit();
            }
        } catch (SQLException e) {
            rollbackQuietly();
            if (renamedNew || renamedOld) {
                putBack(renamedNew, old);
            }
            String hint = "2BP01".equals(e.getSQLState()) || String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("depend")
                    ? "; other objects depend on it, so use mode append or upsert" : "";
            failure = session.error(DataLocation.of(label), "replacing table " + label + " failed, the old table is unchanged" + hint, e);
            throw failure;
        }
        if (marked) {
            try {
                Staging.unmark(session, schemaName, tableName);
                c.commit();
            } catch (SQLException e) {
                // The table is complete and in place; the next run clears the stale marker.
                rollbackQuietly();
            }
        }
    }

    /** Undoes the renames of a swap that could not drop the old table. */
    private void putBack(boolean renamedNew, String old) {
        try (Statement st = session.connection().createStatement()) {
            if (renamedNew) {
                st.execute("ALTER TABLE " + session.qualified(schemaName, tableName) + " RENAME TO " + session.quote(tempName));
                session.connection().commit();
            }
            st.execute("ALTER TABLE " + session.qualified(schemaName, old) + " RENAME TO " + session.quote(tableName));
            session.connection().commit();
        } catch (SQLException e) {
            // The next run's Staging.recover finishes the swap from the markers.
            rollbackQuietly();
        }
    }

    private void checkUsable() throws DataException {
        if (closed) {
            throw new IllegalStateException("the writer for " + label + " is closed");
        }
        if (failure != null) {
            throw new DataException(failure.location(), "the writer stopped after an earlier error: " + failure.reason());
        }
    }

    private DataLocation location(long record) {
        return new DataLocation(label, -1, record, null);
    }

    /**
     * Without a successful commit: rolls back the open batch, drops the temporary table of
     * replace mode and a table this writer created that is still empty.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(insert);
        closeQuietly(update);
        if (!committed) {
            rollbackQuietly();
            if (tempName != null) {
                dropQuietly(tempName, false);
            }
            if (createdTable) {
                dropQuietly(tableName, true);
            }
        }
        session.close();
    }

    private void dropQuietly(String table, boolean onlyIfEmpty) {
        String qualified = session.qualified(schemaName, table);
        try (Statement st = session.connection().createStatement()) {
            if (onlyIfEmpty) {
                try (ResultSet rs = st.executeQuery("SELECT 1 FROM " + qualified + " WHERE 1 = 1")) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            st.execute("DROP TABLE " + qualified);
            session.connection().commit();
        } catch (SQLException e) {
            // The table stays behind under its temporary name; the next run uses another name.
            rollbackQuietly();
        }
    }

    private void rollbackQuietly() {
        try {
            session.connection().rollback();
        } catch (SQLException e) {
            // A broken connection has nothing left to roll back; closing it discards the rest.
        }
    }

    private static void closeQuietly(Statement st) {
        if (st != null) {
            try {
                st.close();
            } catch (SQLException e) {
                // Closing the connection releases the statement as well.
            }
        }
    }

    /** @return rows committed so far */
    public long committedRows() {
        return committedRows;
    }

    @Override
    public String toString() {
        return "JdbcRecordWriter[" + label + " @ " + session.label() + ", " + spec.mode().name().toLowerCase(Locale.ROOT) + ", "
                + committedRows + " rows committed]";
    }
}
