package org.mapwright.engine.expr;

import org.mapwright.core.DataType;

/**
 * The port through which {@code lookup(table, keyColumn, key, valueColumn[, default])} reaches
 * reference data (a lookup source, a code table). The engine implements it and passes it in
 * {@link CompilerOptions#withLookups(LookupResolver)}; the compiler opens every table once, at
 * compile time, because table and column names must be string literals.
 */
public interface LookupResolver {

    /**
     * Opens one key→value mapping.
     *
     * @param table       table name as written in the expression
     * @param keyColumn   column matched against the key
     * @param valueColumn column returned
     * @return the mapping; never null
     * @throws IllegalArgumentException with a reason for the user when the table or a column does
     *         not exist (it becomes a compile error at the table argument)
     */
    LookupTable open(String table, String keyColumn, String valueColumn);

    /** A key→value mapping; implementations must be thread-safe for {@link #get}. */
    interface LookupTable {

        /** @return the key column's type; keys passed to {@link #get} are converted to it */
        DataType keyType();

        /** @return the value column's type, the result type of the lookup call */
        DataType valueType();

        /**
         * @param key a non-null instance of {@code keyType().javaType()}
         * @return the value of the first row whose key equals it, or null when there is none
         */
        Object get(Object key);
    }
}
