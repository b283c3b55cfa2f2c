package org.mapwright.core.infer;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Tuning of type inference.
 *
 * <p>How a type is accepted although some values do not fit it (the <em>outliers</em>): the share
 * rule alone ({@code fits / values >= minConfidence}) cannot tolerate a single stray value below
 * {@code 1 / (1 - minConfidence)} values (50 at 0.98), so in a small sample one {@code "unknown"}
 * would turn a date column into TEXT. {@link ColumnInferrer} therefore also accepts a type when
 * the outliers are no more than a source whose true share of stray values is
 * {@code 1 - minConfidence} would show in a sample of that size with a probability of at least
 * {@value #OUTLIER_SIGNIFICANCE} (a one-sided binomial test), at most {@value #MAX_SMALL_SAMPLE_OUTLIERS},
 * and only when at least {@value #MIN_EVIDENCE} values fit. At 0.98 that allows 1 outlier from 6
 * values on, 2 from 19 and 3 from 42 (2 of 10 or 3 of 30 stay TEXT); from 150 values on the share
 * rule alone decides, as it did before. A column in which every value fits is accepted whatever
 * its size. The confidence reported stays the plain share of values that fit.
 *
 * @param minConfidence share (0..1] of non-null values that must fit a type for it to be chosen
 *                      (with the small-sample tolerance above); below that the column stays TEXT.
 *                      The default 0.98 lets a handful of stray values ({@code "n/a"}, a typo)
 *                      keep a numeric column numeric; those values then fail to parse at run time
 *                      and are reported as rejects, and the evidence shows the confidence below 1
 *                      and the outliers ({@link ColumnInference#warning()}). 1 tolerates no outlier.
 * @param sampleValues  distinct sample values kept per column for display
 * @param dayFirst      how to read dates whose day and month are both at most 12 in every sampled
 *                      value ({@code 03/04/2024}): day first ({@code dd/MM/yyyy}) when true,
 *                      month first ({@code MM/dd/yyyy}) when false. A single value with a part
 *                      above 12 decides regardless.
 * @param nullTokens    texts that mean null, compared case-insensitively with the stripped value
 *                      (stored lower-case); empty and blank text always mean null. Empty by
 *                      default, as the readers pass such values on as text unless the source's
 *                      settings say otherwise; {@link #COMMON_NULL_TOKENS} is the usual set.
 */
public record InferenceOptions(double minConfidence, int sampleValues, boolean dayFirst, Set<String> nullTokens) {

    /** Significance of the small-sample outlier test (see the class comment). */
    public static final double OUTLIER_SIGNIFICANCE = 0.05;
    /** Most outliers the small-sample tolerance allows; beyond that only the share rule applies. */
    public static final int MAX_SMALL_SAMPLE_OUTLIERS = 3;
    /** Values that must fit a type before the small-sample tolerance allows any outlier. */
    public static final int MIN_EVIDENCE = 5;

    /**
     * Markers of a missing value common in exported data: {@code NA}, {@code N/A}, {@code #N/A},
     * {@code null}, {@code none}, {@code nil}, {@code -}, {@code --}, {@code \N} (case-insensitive).
     */
    public static final Set<String> COMMON_NULL_TOKENS = Set.of("na", "n/a", "#n/a", "null", "none", "nil", "-", "--", "\\n");

    /** Confidence 0.98, 5 samples, day first, no null tokens beyond blank text. */
    public static final InferenceOptions DEFAULTS = new InferenceOptions(0.98, 5, true, Set.of());

    public InferenceOptions {
        if (!(minConfidence > 0 && minConfidence <= 1)) {
            throw new IllegalArgumentException("minConfidence must be in (0, 1], not " + minConfidence);
        }
        if (sampleValues < 0) {
            throw new IllegalArgumentException("sampleValues must not be negative");
        }
        Objects.requireNonNull(nullTokens, "nullTokens (empty for none)");
        TreeSet<String> tokens = new TreeSet<>();
        for (String t : nullTokens) {
            String s = t.strip();
            if (!s.isEmpty()) {
                tokens.add(s.toLowerCase(Locale.ROOT));
            }
        }
        nullTokens = Set.copyOf(tokens);
    }

    /** Options without null tokens beyond blank text. */
    public InferenceOptions(double minConfidence, int sampleValues, boolean dayFirst) {
        this(minConfidence, sampleValues, dayFirst, Set.of());
    }

    public InferenceOptions withSampleValues(int newSampleValues) {
        return new InferenceOptions(minConfidence, newSampleValues, dayFirst, nullTokens);
    }

    /** @param tokens texts that mean null (see {@link #nullTokens()}); replaces the current ones */
    public InferenceOptions withNullTokens(Set<String> tokens) {
        return new InferenceOptions(minConfidence, sampleValues, dayFirst, tokens);
    }

    /**
     * Whether a type that {@code fits} of {@code values} non-null values fit may be chosen: all fit,
     * or the share rule, or the small-sample tolerance (see the class comment).
     */
    public boolean accepts(long values, long fits) {
        if (values <= 0 || fits <= 0) {
            return false;
        }
        if (fits >= values || (double) fits / values >= minConfidence) {
            return true;
        }
        return fits >= MIN_EVIDENCE && values - fits <= smallSampleOutliers(values);
    }

    /**
     * The largest k (at most {@link #MAX_SMALL_SAMPLE_OUTLIERS}) such that a sample of
     * {@code values} from a source with a stray share of {@code 1 - minConfidence} has at least k
     * stray values with a probability of at least {@link #OUTLIER_SIGNIFICANCE}.
     */
    long smallSampleOutliers(long values) {
        double stray = 1 - minConfidence;
        if (stray <= 0) {
            return 0;
        }
        // P(X >= k) = 1 - P(X < k) for X ~ Binomial(values, stray), summing the probabilities of 0..k-1
        double pmf = Math.pow(minConfidence, values);
        double below = 0;
        long k = 0;
        while (k < MAX_SMALL_SAMPLE_OUTLIERS && k < values) {
            below += pmf;
            if (1 - below < OUTLIER_SIGNIFICANCE) {
                break;
            }
            k++;
            pmf *= (double) (values - (k - 1)) / k * stray / minConfidence;
        }
        return k;
    }
}
