package org.mapwright.core.connector;

import java.util.List;

/**
 * Why a field got its inferred type.
 *
 * @param fieldId        the field
 * @param rowsSampled    values looked at
 * @param nullCount      null or empty values among them
 * @param confidence     share of non-null values that fit the inferred type, 0..1
 * @param samples        a few distinct sample values as text
 * @param warning        for a type kept although some values do not fit it, what the user should
 *                       know, e.g. {@code 2 of 40 values are not dates: 'n/a', 'unknown'}; null
 *                       when every value fits or the connector cannot tell (a blank text counts
 *                       as null)
 * @param outlierSamples a few distinct values that do not fit the type, at most
 *                       {@link #MAX_OUTLIER_SAMPLES} (longer lists are cut); may be empty while
 *                       there is a warning, and is always empty without one
 */
public record FieldEvidence(String fieldId, long rowsSampled, long nullCount, double confidence, List<String> samples,
        String warning, List<String> outlierSamples) {

    /** The most outlier values kept per field. */
    public static final int MAX_OUTLIER_SAMPLES = 5;

    public FieldEvidence {
        samples = List.copyOf(samples);
        if (warning != null && warning.isBlank()) {
            warning = null;
        }
        // examples without a warning would be shown nowhere and only confuse an equals()
        outlierSamples = warning == null ? List.of()
                : List.copyOf(outlierSamples.size() <= MAX_OUTLIER_SAMPLES ? outlierSamples
                        : outlierSamples.subList(0, MAX_OUTLIER_SAMPLES));
    }

    /** Evidence without a warning: every value fits, or the connector cannot tell. */
    public FieldEvidence(String fieldId, long rowsSampled, long nullCount, double confidence, List<String> samples) {
        this(fieldId, rowsSampled, nullCount, confidence, samples, null, List.of());
    }

    /** @return the same evidence for the field {@code id} (e.g. after ids were carried over) */
    public FieldEvidence withFieldId(String id) {
        return new FieldEvidence(id, rowsSampled, nullCount, confidence, samples, warning, outlierSamples);
    }
}
