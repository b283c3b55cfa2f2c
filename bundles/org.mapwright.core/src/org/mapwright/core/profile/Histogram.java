package org.mapwright.core.profile;

import java.util.List;

/**
 * Counts of numeric values in equal-width bins. The bins cover all values seen; their outer edges
 * lie at or outside min and max (see {@link Profiler} for how they are built in one pass).
 *
 * @param bins in ascending order, adjacent, of equal width
 */
public record Histogram(List<Bin> bins) {

    public Histogram {
        bins = List.copyOf(bins);
    }

    /**
     * @param lower inclusive lower edge
     * @param upper exclusive upper edge (inclusive for the last bin)
     * @param count values in the bin
     */
    public record Bin(double lower, double upper, long count) {
    }

    /** @return values counted in all bins */
    public long total() {
        long t = 0;
        for (Bin b : bins) {
            t += b.count();
        }
        return t;
    }
}
