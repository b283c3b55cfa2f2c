package org.mapwright.core.infer;

/**
 * Tuning of type inference.
 *
 * @param minConfidence share (0..1] of non-null values that must fit a type for it to be chosen;
 *                      below that the column stays TEXT. The default 0.98 lets a handful of stray
 *                      values ({@code "n/a"}, a typo) keep a numeric column numeric; those values
 *                      then fail to parse at run time and are reported as rejects, and the
 *                      evidence shows the confidence below 1.
 * @param sampleValues  distinct sample values kept per column for display
 * @param dayFirst      how to read dates whose day and month are both at most 12 in every sampled
 *                      value ({@code 03/04/2024}): day first ({@code dd/MM/yyyy}) when true,
 *                      month first ({@code MM/dd/yyyy}) when false. A single value with a part
 *                      above 12 decides regardless.
 */
public record InferenceOptions(double minConfidence, int sampleValues, boolean dayFirst) {

    /** Confidence 0.98, 5 samples, day first. */
    public static final InferenceOptions DEFAULTS = new InferenceOptions(0.98, 5, true);

    public InferenceOptions {
        if (!(minConfidence > 0 && minConfidence <= 1)) {
            throw new IllegalArgumentException("minConfidence must be in (0, 1], not " + minConfidence);
        }
        if (sampleValues < 0) {
            throw new IllegalArgumentException("sampleValues must not be negative");
        }
    }

    public InferenceOptions withSampleValues(int newSampleValues) {
        return new InferenceOptions(minConfidence, newSampleValues, dayFirst);
    }
}
