package org.mapwright.internal.connector.excel;

/**
 * Per-reader limits against zip bombs, checked while an .xlsx part is inflated.
 *
 * @param minInflateRatio smallest allowed ratio of compressed to uncompressed bytes of an entry
 *                        (0.01 = an entry may expand at most 100-fold)
 * @param maxEntrySize    largest allowed uncompressed size of one entry, in bytes
 */
public record ZipLimits(double minInflateRatio, long maxEntrySize) {

    /** Entries smaller than this are never judged by their ratio (tiny XML parts compress well). */
    public static final long GRACE_ENTRY_SIZE = 100 * 1024L;

    /** POI's own default ratio: at most 100-fold expansion. */
    public static final double DEFAULT_MIN_INFLATE_RATIO = 0.01;

    /** 2 GiB: room for a sheet of a million rows of a few dozen columns. */
    public static final long DEFAULT_MAX_ENTRY_SIZE = 2L * 1024 * 1024 * 1024;

    public static final ZipLimits DEFAULTS = new ZipLimits(DEFAULT_MIN_INFLATE_RATIO, DEFAULT_MAX_ENTRY_SIZE);

    public ZipLimits {
        if (!(minInflateRatio >= 0 && minInflateRatio < 1)) {
            throw new IllegalArgumentException("zipMinInflateRatio must be at least 0 and below 1, not " + minInflateRatio);
        }
        if (maxEntrySize <= 0) {
            throw new IllegalArgumentException("zipMaxEntrySize must be positive, not " + maxEntrySize);
        }
    }
}
