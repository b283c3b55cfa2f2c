package org.mapwright.connector.jdbc;

import java.util.Objects;

/**
 * A table or view as the database names it (exact case, unquoted).
 *
 * @param catalog the catalog, or null where the database has none
 * @param schema  the schema, or null where the database has none
 * @param name    the table name
 * @param kind    {@code "TABLE"} or {@code "VIEW"} (other table-like kinds, e.g. a materialized
 *                view, are reported as the database names them)
 */
public record TableRef(String catalog, String schema, String name, String kind) {

    public TableRef {
        Objects.requireNonNull(name, "name");
        kind = kind == null ? "TABLE" : kind;
    }

    /** @return {@code schema.name}, or just the name without schema */
    public String label() {
        return schema == null || schema.isEmpty() ? name : schema + "." + name;
    }
}
