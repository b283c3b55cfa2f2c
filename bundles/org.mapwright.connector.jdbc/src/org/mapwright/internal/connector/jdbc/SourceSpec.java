package org.mapwright.internal.connector.jdbc;

import org.mapwright.core.Settings;

/**
 * What a JDBC source reads: a table (optionally in a schema) or a query.
 *
 * @param schema    the schema as typed, or null for the connection's current schema
 * @param table     the table as typed, or null for a query source
 * @param query     the checked SELECT without trailing semicolons, or null for a table source
 * @param fetchSize rows fetched per round trip
 */
public record SourceSpec(String schema, String table, String query, int fetchSize) {

    public static final String TABLE = "table";
    public static final String SCHEMA = "schema";
    public static final String QUERY = "query";
    public static final String FETCH_SIZE = "fetchSize";

    /** @throws IllegalArgumentException naming the wrong setting */
    public static SourceSpec parse(Settings settings) {
        String table = blankToNull(settings.getString(TABLE, null));
        String schema = blankToNull(settings.getString(SCHEMA, null));
        String query = blankToNull(settings.getString(QUERY, null));
        if (table != null && query != null) {
            throw new IllegalArgumentException("give either setting 'table' or 'query', not both");
        }
        if (table == null && query == null) {
            throw new IllegalArgumentException("setting 'table' or 'query' is required");
        }
        if (query != null && schema != null) {
            throw new IllegalArgumentException("setting 'schema' applies to 'table' only; qualify the names in the query instead");
        }
        long fetch = settings.getLong(FETCH_SIZE, 1000);
        if (fetch < 1 || fetch > 100_000) {
            throw new IllegalArgumentException("setting 'fetchSize' must be from 1 to 100000, not " + fetch);
        }
        return new SourceSpec(schema == null ? null : Checks.identifier("setting 'schema'", schema), table == null ? null : Checks.identifier("setting 'table'", table),
                query == null ? null : SqlText.checkSelect(query), (int) fetch);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** @return the label used in record locations: {@code schema.table}, {@code table} or {@code query} */
    public String label() {
        if (table == null) {
            return "query";
        }
        return schema == null ? table : schema + "." + table;
    }
}
