package org.mapwright.core.profile;

/**
 * Bounds of a profile.
 *
 * @param topValues      most frequent values reported per field
 * @param topCapacity    values tracked per field to find them (space-saving counters); at least
 *                       {@code topValues}. More capacity gives exact counts for more values. When
 *                       at least 7/8 of a window of 65,536 values of a field are new to these
 *                       counters, the field is taken as high-cardinality: tracked values keep
 *                       counting, new ones are no longer taken in, and only values known to repeat
 *                       are reported.
 * @param histogramBins  bins of numeric histograms
 * @param hllPrecision   HyperLogLog precision p (registers = 2^p, 4..16); the standard error of the
 *                       distinct estimate is about 1.04 / sqrt(2^p)
 * @param maxValueChars  longest text kept for top values and min/max; longer text is cut
 */
public record ProfileOptions(int topValues, int topCapacity, int histogramBins, int hllPrecision, int maxValueChars) {

    /** 10 top values of 256 tracked, 20 bins, p = 12 (about 1.6 % error), 200 characters. */
    public static final ProfileOptions DEFAULTS = new ProfileOptions(10, 256, 20, 12, 200);

    public ProfileOptions {
        if (topValues < 0 || topCapacity < topValues || topCapacity < 1) {
            throw new IllegalArgumentException("need 0 <= topValues <= topCapacity and topCapacity >= 1");
        }
        if (histogramBins < 1) {
            throw new IllegalArgumentException("histogramBins must be positive");
        }
        if (hllPrecision < 4 || hllPrecision > 16) {
            throw new IllegalArgumentException("hllPrecision must be 4..16");
        }
        if (maxValueChars < 8) {
            throw new IllegalArgumentException("maxValueChars must be at least 8");
        }
    }
}
