package org.mapwright.engine;

/**
 * Bounds on what the engine keeps in memory, so a mapping over any input size runs in bounded
 * memory or stops with a clear message naming the limit. Streaming itself needs only a few
 * thousand rows in flight; these limits cover the parts that must be held whole.
 *
 * @param maxLookupRows   rows of one joined or referenced source (lookup, {@code lookup()} table,
 *                        reference rule) loaded into an in-memory hash map; about
 *                        {@code 100 + 60 × fields} bytes per row
 * @param maxGroups       distinct groups of an aggregating mapping; each keeps its first row and
 *                        one accumulator per aggregate, about {@code 200 + 60 × fields} bytes
 * @param maxUniqueValues distinct values one {@code unique} rule remembers, about 80 bytes each
 *                        plus the value
 * @param firstRejects    rejected rows listed in the run report per mapping
 * @param maxWarnings     warnings kept per mapping; further ones are counted
 */
public record EngineLimits(long maxLookupRows, long maxGroups, long maxUniqueValues, int firstRejects, int maxWarnings) {

    /** 2 M lookup rows, 2 M groups, 20 M unique values, 10 first rejects, 100 warnings. */
    public static final EngineLimits DEFAULTS = new EngineLimits(2_000_000, 2_000_000, 20_000_000, 10, 100);

    public EngineLimits {
        if (maxLookupRows < 0 || maxGroups < 0 || maxUniqueValues < 0 || firstRejects < 0 || maxWarnings < 0) {
            throw new IllegalArgumentException("limits must not be negative");
        }
    }
}
