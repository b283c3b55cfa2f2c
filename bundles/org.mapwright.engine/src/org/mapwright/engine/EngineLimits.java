package org.mapwright.engine;

import java.nio.file.Path;
import java.util.Properties;

/**
 * Bounds on what the engine keeps in memory, so a mapping over any input size runs in bounded
 * memory or stops with a clear message naming the limit. Streaming itself needs only a few
 * thousand rows in flight; these limits cover the parts that must be held whole.
 *
 * <p>Joins, lookups and aggregation are bounded by {@code memoryRows}: a joined source,
 * {@code lookup()} table or reference rule's source with more distinct keys, or an aggregation
 * with more groups, moves to temporary files (a hash table on disk for keyed sources; hash
 * partitions of rows for an aggregation, aggregated partition by partition and merged back in
 * first-seen order). Results and their order are the same either way; the files are deleted when
 * the mapping ends.
 *
 * @param maxLookupRows   rows of one joined source, {@code lookup()} table or reference rule's
 *                        source, held in memory or spilled; a safeguard against joining the wrong
 *                        table by mistake
 * @param maxGroups       distinct groups of an aggregating mapping, held in memory or spilled; a
 *                        safeguard against grouping by a unique key by mistake
 * @param maxUniqueValues distinct values one {@code unique} rule remembers, about 80 bytes each
 *                        plus the value
 * @param firstRejects    rejected rows listed in the run report per mapping
 * @param maxWarnings     warnings kept per mapping; further ones are counted
 * @param memoryRows      the memory budget of each keyed source and each aggregation, in rows
 *                        (keys of a joined source, lookup table or reference source; groups of an
 *                        aggregation) held in memory before spilling to disk; at least 1
 * @param spillDirectory  folder for the temporary spill files, or null for {@code java.io.tmpdir}
 */
public record EngineLimits(long maxLookupRows, long maxGroups, long maxUniqueValues, int firstRejects, int maxWarnings,
        long memoryRows, Path spillDirectory) {

    /** The default {@link #memoryRows}: about 100-250 MB for rows of 10-30 fields. */
    public static final long DEFAULT_MEMORY_ROWS = 250_000;

    /** System property that sets {@link #memoryRows}. */
    public static final String MEMORY_ROWS_PROPERTY = "mapwright.memoryRows";

    /** System property that sets {@link #spillDirectory}. */
    public static final String SPILL_DIRECTORY_PROPERTY = "mapwright.spillDirectory";

    /**
     * 100 M lookup rows, 100 M groups, 20 M unique values, 10 first rejects, 100 warnings,
     * {@value #DEFAULT_MEMORY_ROWS} rows per join or aggregation in memory, spill files in
     * {@code java.io.tmpdir}.
     */
    public static final EngineLimits DEFAULTS = new EngineLimits(100_000_000, 100_000_000, 20_000_000, 10, 100,
            DEFAULT_MEMORY_ROWS, null);

    public EngineLimits {
        if (maxLookupRows < 0 || maxGroups < 0 || maxUniqueValues < 0 || firstRejects < 0 || maxWarnings < 0) {
            throw new IllegalArgumentException("limits must not be negative");
        }
        if (memoryRows < 1) {
            throw new IllegalArgumentException("memoryRows must be at least 1, not " + memoryRows);
        }
    }

    /** Limits with the default memory budget and spill folder. */
    public EngineLimits(long maxLookupRows, long maxGroups, long maxUniqueValues, int firstRejects, int maxWarnings) {
        this(maxLookupRows, maxGroups, maxUniqueValues, firstRejects, maxWarnings, DEFAULT_MEMORY_ROWS, null);
    }

    /** @return a copy with another memory budget per join or aggregation */
    public EngineLimits withMemoryRows(long rows) {
        return new EngineLimits(maxLookupRows, maxGroups, maxUniqueValues, firstRejects, maxWarnings, rows, spillDirectory);
    }

    /** @return a copy spilling into another folder (null: {@code java.io.tmpdir}) */
    public EngineLimits withSpillDirectory(Path dir) {
        return new EngineLimits(maxLookupRows, maxGroups, maxUniqueValues, firstRejects, maxWarnings, memoryRows, dir);
    }

    /**
     * @return {@link #DEFAULTS} with {@value #MEMORY_ROWS_PROPERTY} and
     *         {@value #SPILL_DIRECTORY_PROPERTY} applied when set (e.g. {@code -Dmapwright.memoryRows=50000})
     * @throws IllegalArgumentException naming the property when its value is not a positive integer
     */
    public static EngineLimits fromProperties(Properties properties) {
        EngineLimits l = DEFAULTS;
        String rows = properties.getProperty(MEMORY_ROWS_PROPERTY);
        if (rows != null && !rows.isBlank()) {
            long n;
            try {
                n = Long.parseLong(rows.trim().replace("_", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(MEMORY_ROWS_PROPERTY + " must be a positive integer, not '" + rows + "'");
            }
            if (n < 1) {
                throw new IllegalArgumentException(MEMORY_ROWS_PROPERTY + " must be a positive integer, not '" + rows + "'");
            }
            l = l.withMemoryRows(n);
        }
        String dir = properties.getProperty(SPILL_DIRECTORY_PROPERTY);
        if (dir != null && !dir.isBlank()) {
            l = l.withSpillDirectory(Path.of(dir.trim()));
        }
        return l;
    }
}
