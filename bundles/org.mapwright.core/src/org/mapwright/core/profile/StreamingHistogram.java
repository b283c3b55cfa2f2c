package org.mapwright.core.profile;

import java.util.ArrayList;
import java.util.List;

/**
 * An equal-width histogram built in one pass. The first values (up to {@link #BUFFER}) are kept;
 * if the stream ends there, the bins span exactly min..max. Otherwise the bins are laid over the
 * buffered range and, whenever a value falls outside, their width doubles (adjacent bins merge,
 * anchored at the side that stays) until it fits. Counts stay exact; the outer edges end up at or
 * outside min and max by less than the final bin width, and empty outer bins are dropped.
 */
final class StreamingHistogram {

    static final int BUFFER = 1024;

    private final int bins;
    private final double[] buffer = new double[BUFFER];
    private int buffered;
    /** Values equal to the single buffered value that arrived after the buffer filled. */
    private long extraConstant;
    private long[] counts;
    private double lo;
    private double width;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    StreamingHistogram(int bins) {
        this.bins = bins;
    }

    void add(double v) {
        if (!Double.isFinite(v) || Math.abs(v) > 1e300) {
            return;
        }
        min = Math.min(min, v);
        max = Math.max(max, v);
        if (counts != null) {
            count(v);
            return;
        }
        if (buffered < BUFFER) {
            buffer[buffered++] = v;
            return;
        }
        if (min == max) {
            extraConstant++;
            return;
        }
        start(min, max);
        for (int i = 0; i < buffered; i++) {
            count(buffer[i]);
        }
        counts[index(buffer[0])] += extraConstant;
        count(v);
    }

    private void start(double from, double to) {
        counts = new long[bins];
        lo = from;
        width = (to - from) / bins;
    }

    private void count(double v) {
        while (v < lo) {
            double hi = lo + bins * width;
            long[] merged = new long[bins];
            for (int j = 0; j < bins; j++) {
                merged[(j + bins) / 2] += counts[j];
            }
            counts = merged;
            width *= 2;
            lo = hi - bins * width;
        }
        while (v > lo + bins * width) {
            long[] merged = new long[bins];
            for (int j = 0; j < bins; j++) {
                merged[j / 2] += counts[j];
            }
            counts = merged;
            width *= 2;
        }
        counts[index(v)]++;
    }

    private int index(double v) {
        int i = (int) ((v - lo) / width);
        return i < 0 ? 0 : i >= bins ? bins - 1 : i;
    }

    /** @return the histogram, or null when no value was added */
    Histogram result() {
        if (buffered == 0) {
            return null;
        }
        if (counts != null) {
            return bins(counts, lo, width);
        }
        if (min == max) {
            return new Histogram(List.of(new Histogram.Bin(min, max, buffered + extraConstant)));
        }
        // the stream ended while buffering: exact bins over min..max
        long[] exact = new long[bins];
        double w = (max - min) / bins;
        for (int i = 0; i < buffered; i++) {
            int b = (int) ((buffer[i] - min) / w);
            exact[b < 0 ? 0 : b >= bins ? bins - 1 : b]++;
        }
        return bins(exact, min, w);
    }

    private static Histogram bins(long[] counts, double lo, double width) {
        int first = 0;
        int last = counts.length - 1;
        while (first < last && counts[first] == 0) {
            first++;
        }
        while (last > first && counts[last] == 0) {
            last--;
        }
        List<Histogram.Bin> out = new ArrayList<>(last - first + 1);
        for (int i = first; i <= last; i++) {
            out.add(new Histogram.Bin(lo + i * width, lo + (i + 1) * width, counts[i]));
        }
        return new Histogram(out);
    }
}
