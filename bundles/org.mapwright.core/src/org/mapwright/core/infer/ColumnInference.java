package org.mapwright.core.infer;

import java.util.List;
import java.util.Locale;

import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.connector.FieldEvidence;

/**
 * What {@link ColumnInferrer} concluded about one column.
 *
 * @param type       the inferred type; TEXT when nothing more specific fits well enough or when no
 *                   value was seen
 * @param format     the {@link java.time.format.DateTimeFormatter} pattern for DATE/TIMESTAMP
 *                   values that are not ISO, or null (ISO, or not a date type); suitable for
 *                   {@link org.mapwright.core.value.Values#parse(String, DataType, String)}
 * @param nullable   false only when every value was seen (complete scan) and none was null or blank
 * @param confidence share of non-null values that fit {@code type}, 0..1; 0 when no non-null value
 *                   was seen
 * @param values     non-null, non-blank values seen
 * @param nulls      null values seen: null, blank or a null token of the options
 * @param samples    up to {@link InferenceOptions#sampleValues()} distinct values, in order of appearance
 * @param mismatches a few distinct values that do not fit {@code type} (empty when confidence is 1);
 *                   may be empty while some values do not fit, when those are dates of another
 *                   format
 */
public record ColumnInference(DataType type, String format, boolean nullable, double confidence, long values,
        long nulls, List<String> samples, List<String> mismatches) {

    public ColumnInference {
        samples = List.copyOf(samples);
        mismatches = List.copyOf(mismatches);
    }

    /** @return non-null values that do not fit {@code type}: {@code values - confidence * values} */
    public long outliers() {
        return values - Math.round(confidence * values);
    }

    /**
     * @return for a type chosen although some values do not fit it, what the user should know, e.g.
     *         {@code 2 of 40 values are not dates (dd/MM/yyyy): 'n/a', 'unknown'}, noting values
     *         that look like null markers ({@link InferenceOptions#COMMON_NULL_TOKENS}); null when
     *         every value fits
     */
    public String warning() {
        long outliers = outliers();
        if (outliers <= 0) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        b.append(outliers).append(" of ").append(values).append(outliers == 1 ? " values is not " : " values are not ");
        b.append(noun(outliers == 1));
        if (format != null) {
            b.append(" (").append(format).append(')');
        }
        if (!mismatches.isEmpty()) {
            b.append(": ");
            for (int i = 0; i < mismatches.size(); i++) {
                b.append(i == 0 ? "" : ", ").append('\'').append(mismatches.get(i)).append('\'');
            }
            if (mismatches.size() >= ColumnInferrer.MAX_MISMATCHES && outliers > mismatches.size()) {
                b.append(", ...");
            }
        }
        List<String> markers = mismatches.stream()
                .filter(m -> InferenceOptions.COMMON_NULL_TOKENS.contains(m.strip().toLowerCase(Locale.ROOT))).toList();
        for (int i = 0; i < markers.size(); i++) {
            b.append(i == 0 ? "; " : ", ").append('\'').append(markers.get(i)).append('\'');
        }
        if (!markers.isEmpty()) {
            b.append(markers.size() == 1 ? " looks like a null marker" : " look like null markers");
        }
        return b.toString();
    }

    private String noun(boolean one) {
        switch (type) {
            case INTEGER:
                return one ? "an integer" : "integers";
            case DECIMAL:
                return one ? "a number" : "numbers";
            case BOOLEAN:
                return one ? "a boolean" : "booleans";
            case DATE:
                return one ? "a date" : "dates";
            case TIMESTAMP:
                return one ? "a timestamp" : "timestamps";
            default:
                return "of type " + type;
        }
    }

    /** @return a scalar field of the inferred type, format and nullability (not a key, not repeated) */
    public Field toField(String id, String name) {
        return new Field(id, name, type, nullable, false, format, false, List.of());
    }

    /**
     * @return the evidence of this conclusion for the field {@code fieldId}, with the
     *         {@link #warning()} and the {@link #mismatches()} as its outlier samples
     */
    public FieldEvidence evidence(String fieldId) {
        return new FieldEvidence(fieldId, values + nulls, nulls, confidence, samples, warning(), mismatches);
    }
}
