package org.mapwright.internal.connector.jdbc;

import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

import org.mapwright.connector.jdbc.JdbcUrls;
import org.mapwright.core.DataType;

/** SQL that differs between the supported databases. */
public enum Dialect {

    H2 {
        @Override
        public String columnType(DataType type) {
            switch (type) {
                case INTEGER:
                    return "BIGINT";
                // NUMERIC without precision has scale 0 in H2 2.x and would truncate; DECFLOAT keeps every digit.
                case DECIMAL:
                    return "DECFLOAT";
                case BOOLEAN:
                    return "BOOLEAN";
                case DATE:
                    return "DATE";
                case TIMESTAMP:
                    return "TIMESTAMP(9)";
                default:
                    return "VARCHAR";
            }
        }

        @Override
        public String upsert(String table, List<String> columns, List<String> keys, Quoter q) {
            return "MERGE INTO " + table + " (" + q.list(columns) + ") KEY (" + q.list(keys) + ") VALUES (" + params(columns.size()) + ")";
        }
    },

    POSTGRESQL {
        @Override
        public String columnType(DataType type) {
            switch (type) {
                case INTEGER:
                    return "BIGINT";
                case DECIMAL:
                    return "NUMERIC";
                case BOOLEAN:
                    return "BOOLEAN";
                case DATE:
                    return "DATE";
                case TIMESTAMP:
                    return "TIMESTAMP";
                default:
                    return "TEXT";
            }
        }

        @Override
        public String upsert(String table, List<String> columns, List<String> keys, Quoter q) {
            List<String> others = columns.stream().filter(c -> !keys.contains(c)).collect(Collectors.toList());
            String action = others.isEmpty() ? "DO NOTHING"
                    : "DO UPDATE SET " + others.stream().map(c -> q.quote(c) + " = EXCLUDED." + q.quote(c)).collect(Collectors.joining(", "));
            return "INSERT INTO " + table + " (" + q.list(columns) + ") VALUES (" + params(columns.size()) + ") ON CONFLICT ("
                    + q.list(keys) + ") " + action;
        }
    },

    GENERIC {
        @Override
        public String columnType(DataType type) {
            switch (type) {
                case INTEGER:
                    return "BIGINT";
                case DECIMAL:
                    return "DECIMAL(38,10)";
                case BOOLEAN:
                    return "BOOLEAN";
                case DATE:
                    return "DATE";
                case TIMESTAMP:
                    return "TIMESTAMP";
                default:
                    return "VARCHAR(4000)";
            }
        }

        /** No portable single statement exists; the writer updates, then inserts where nothing matched. */
        @Override
        public String upsert(String table, List<String> columns, List<String> keys, Quoter q) {
            return null;
        }
    };

    /** Quotes identifiers for one connection. */
    public interface Quoter {
        String quote(String identifier);

        default String list(List<String> identifiers) {
            return identifiers.stream().map(this::quote).collect(Collectors.joining(", "));
        }
    }

    public static Dialect of(String driver) {
        switch (driver) {
            case JdbcUrls.H2:
                return H2;
            case JdbcUrls.POSTGRESQL:
                return POSTGRESQL;
            default:
                return GENERIC;
        }
    }

    /** @return the column type created for a field of {@code type} (TEXT and ANY are text) */
    public abstract String columnType(DataType type);

    /**
     * @param table quoted, qualified table name
     * @return a single-row upsert statement with parameters in {@code columns} order, or null
     *         when the database has none
     */
    public abstract String upsert(String table, List<String> columns, List<String> keys, Quoter q);

    /** @return {@code sql} limited to {@code rows} rows; generic databases rely on {@code setMaxRows} */
    public String limit(String sql, long rows) {
        return this == GENERIC ? sql : sql + " LIMIT " + rows;
    }

    /** @return {@code sql} restricted to one page */
    public String page(String sql, long offset, long rows) {
        return this == GENERIC ? sql + " OFFSET " + offset + " ROWS FETCH NEXT " + rows + " ROWS ONLY"
                : sql + " LIMIT " + rows + " OFFSET " + offset;
    }

    private static String params(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
