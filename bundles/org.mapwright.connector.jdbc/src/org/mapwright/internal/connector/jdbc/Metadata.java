package org.mapwright.internal.connector.jdbc;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.mapwright.connector.jdbc.ColumnInfo;
import org.mapwright.connector.jdbc.ForeignKey;
import org.mapwright.connector.jdbc.TableRef;

/**
 * Reads catalogs, schemas, tables, columns and keys through {@link DatabaseMetaData}. Names are
 * matched exactly first and then ignoring case, because users type {@code customers} for what
 * H2 stores as {@code CUSTOMERS}; an ambiguous case-insensitive match is an error, not a guess.
 */
public final class Metadata {

    private static final Set<String> SYSTEM_SCHEMAS = Set.of("information_schema", "pg_catalog", "pg_toast");

    private final Session session;
    private final DatabaseMetaData meta;

    public Metadata(Session session) throws SQLException {
        this.session = session;
        this.meta = session.connection().getMetaData();
    }

    public List<String> catalogs() throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = meta.getCatalogs()) {
            while (rs.next()) {
                out.add(rs.getString("TABLE_CAT"));
            }
        }
        return out;
    }

    /** @return the schemas, system schemas ({@code INFORMATION_SCHEMA}, {@code pg_catalog}) last */
    public List<String> schemas() throws SQLException {
        List<String> user = new ArrayList<>();
        List<String> system = new ArrayList<>();
        try (ResultSet rs = meta.getSchemas()) {
            while (rs.next()) {
                String s = rs.getString("TABLE_SCHEM");
                (isSystemSchema(s) ? system : user).add(s);
            }
        }
        user.addAll(system);
        return user;
    }

    private static boolean isSystemSchema(String schema) {
        return schema != null && (SYSTEM_SCHEMAS.contains(schema.toLowerCase(Locale.ROOT)) || schema.startsWith("pg_temp")
                || schema.startsWith("pg_toast"));
    }

    /** @return the schema unqualified names resolve in, or null if the driver cannot tell */
    public String currentSchema() {
        try {
            return session.connection().getSchema();
        } catch (SQLException | AbstractMethodError | UnsupportedOperationException e) {
            return null;
        }
    }

    /**
     * @param schema a schema as typed by the user, or null for the current schema; null for all
     *               schemas except system ones
     * @return tables and views, sorted by schema and name
     */
    public List<TableRef> tables(String schema) throws SQLException {
        List<TableRef> out = new ArrayList<>();
        try (ResultSet rs = meta.getTables(null, schema == null ? null : pattern(schema), "%", null)) {
            while (rs.next()) {
                TableRef t = tableRef(rs);
                if (t != null && (schema != null || !isSystemSchema(t.schema()))) {
                    out.add(t);
                }
            }
        }
        out.sort((a, b) -> (String.valueOf(a.schema()) + '\0' + a.name()).compareTo(String.valueOf(b.schema()) + '\0' + b.name()));
        return out;
    }

    private static TableRef tableRef(ResultSet rs) throws SQLException {
        String type = rs.getString("TABLE_TYPE");
        String kind = type == null ? "TABLE" : type.toUpperCase(Locale.ROOT);
        if (kind.startsWith("SYSTEM") || kind.contains("INDEX") || kind.equals("SEQUENCE") || kind.equals("TYPE")) {
            return null;
        }
        if (kind.equals("BASE TABLE")) {
            kind = "TABLE";
        }
        return new TableRef(rs.getString("TABLE_CAT"), rs.getString("TABLE_SCHEM"), rs.getString("TABLE_NAME"), kind);
    }

    /**
     * @param schema as typed by the user, or null for the current schema
     * @return the table as the database names it, if it exists
     * @throws IllegalArgumentException if the name matches several tables ignoring case only
     */
    public Optional<TableRef> findTable(String schema, String name) throws SQLException {
        List<String> schemas = new ArrayList<>();
        if (schema == null) {
            String current = currentSchema();
            schemas.add(current);
        } else {
            schemas.addAll(matchingSchemas(schema));
            if (schemas.isEmpty()) {
                return Optional.empty();
            }
        }
        List<TableRef> candidates = new ArrayList<>();
        for (String s : schemas) {
            try (ResultSet rs = meta.getTables(null, s == null ? null : pattern(s), "%", null)) {
                while (rs.next()) {
                    TableRef t = tableRef(rs);
                    if (t != null && t.name().equalsIgnoreCase(name) && (s == null || s.equals(t.schema()))) {
                        candidates.add(t);
                    }
                }
            }
        }
        for (TableRef t : candidates) {
            if (t.name().equals(name)) {
                return Optional.of(t);
            }
        }
        if (candidates.size() > 1) {
            throw new IllegalArgumentException("table name '" + name + "' matches " + candidates.size()
                    + " tables that differ only in case; give the exact name");
        }
        return candidates.stream().findFirst();
    }

    private List<String> matchingSchemas(String schema) throws SQLException {
        List<String> all = schemas();
        if (all.contains(schema)) {
            return List.of(schema);
        }
        List<String> out = new ArrayList<>();
        for (String s : all) {
            if (s.equalsIgnoreCase(schema)) {
                out.add(s);
            }
        }
        return out;
    }

    public List<ColumnInfo> columns(TableRef table) throws SQLException {
        List<ColumnInfo> out = new ArrayList<>();
        try (ResultSet rs = meta.getColumns(table.catalog(), pattern(table.schema()), pattern(table.name()), "%")) {
            while (rs.next()) {
                if (!table.name().equals(rs.getString("TABLE_NAME"))
                        || (table.schema() != null && !table.schema().equals(rs.getString("TABLE_SCHEM")))) {
                    continue;
                }
                int jdbcType = rs.getInt("DATA_TYPE");
                String typeName = rs.getString("TYPE_NAME");
                int size = rs.getInt("COLUMN_SIZE");
                int scale = rs.getInt("DECIMAL_DIGITS");
                out.add(new ColumnInfo(rs.getString("COLUMN_NAME"), rs.getInt("ORDINAL_POSITION"), typeName, jdbcType, size, scale,
                        rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls, JdbcTypes.natural(jdbcType, typeName, size, scale)));
            }
        }
        out.sort((a, b) -> Integer.compare(a.position(), b.position()));
        return out;
    }

    /** @return the primary key columns in key order, empty if there is none */
    public List<String> primaryKey(TableRef table) throws SQLException {
        Map<Integer, String> bySeq = new TreeMap<>();
        try (ResultSet rs = meta.getPrimaryKeys(table.catalog(), table.schema(), table.name())) {
            while (rs.next()) {
                bySeq.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
            }
        }
        return List.copyOf(bySeq.values());
    }

    public List<ForeignKey> foreignKeys(TableRef table) throws SQLException {
        record Part(int seq, String column, String refColumn) {
        }
        Map<String, List<Part>> parts = new LinkedHashMap<>();
        Map<String, TableRef> targets = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        try (ResultSet rs = meta.getImportedKeys(table.catalog(), table.schema(), table.name())) {
            while (rs.next()) {
                String name = rs.getString("FK_NAME");
                TableRef target = new TableRef(rs.getString("PKTABLE_CAT"), rs.getString("PKTABLE_SCHEM"), rs.getString("PKTABLE_NAME"),
                        "TABLE");
                String id = name != null ? name : target.label();
                parts.computeIfAbsent(id, k -> new ArrayList<>())
                        .add(new Part(rs.getInt("KEY_SEQ"), rs.getString("FKCOLUMN_NAME"), rs.getString("PKCOLUMN_NAME")));
                targets.put(id, target);
                names.put(id, name);
            }
        }
        List<ForeignKey> out = new ArrayList<>();
        parts.forEach((id, list) -> {
            list.sort((a, b) -> Integer.compare(a.seq(), b.seq()));
            out.add(new ForeignKey(names.get(id), list.stream().map(Part::column).toList(), targets.get(id),
                    list.stream().map(Part::refColumn).toList()));
        });
        return out;
    }

    /** @return the primary key and the column sets of unique indexes */
    public List<Set<String>> uniqueKeys(TableRef table) throws SQLException {
        List<Set<String>> out = new ArrayList<>();
        List<String> pk = primaryKey(table);
        if (!pk.isEmpty()) {
            out.add(Set.copyOf(pk));
        }
        Map<String, List<String>> indexes = new LinkedHashMap<>();
        try (ResultSet rs = meta.getIndexInfo(table.catalog(), table.schema(), table.name(), true, true)) {
            while (rs.next()) {
                String index = rs.getString("INDEX_NAME");
                String column = rs.getString("COLUMN_NAME");
                if (index != null && column != null && !rs.getBoolean("NON_UNIQUE")) {
                    indexes.computeIfAbsent(index, k -> new ArrayList<>()).add(column);
                }
            }
        }
        indexes.values().forEach(cols -> out.add(Set.copyOf(cols)));
        return out;
    }

    /** @return {@code names} matched to {@code columns} exactly, else ignoring case; missing names are absent */
    public static Map<String, String> match(Collection<String> names, Collection<String> columns) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : names) {
            if (columns.contains(name)) {
                out.put(name, name);
                continue;
            }
            List<String> similar = columns.stream().filter(c -> c.equalsIgnoreCase(name)).toList();
            if (similar.size() == 1) {
                out.put(name, similar.get(0));
            }
        }
        return out;
    }

    /** Escapes the metadata wildcards {@code _} and {@code %} so names match literally. */
    private String pattern(String name) throws SQLException {
        if (name == null) {
            return null;
        }
        String escape = meta.getSearchStringEscape();
        if (escape == null || escape.isEmpty()) {
            return name;
        }
        return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }
}
