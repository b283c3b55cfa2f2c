package org.mapwright.core.infer;

import java.util.List;

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
 * @param nulls      null or blank values seen
 * @param samples    up to {@link InferenceOptions#sampleValues()} distinct values, in order of appearance
 * @param mismatches a few values that fit no variant of {@code type} (empty when confidence is 1)
 */
public record ColumnInference(DataType type, String format, boolean nullable, double confidence, long values,
        long nulls, List<String> samples, List<String> mismatches) {

    public ColumnInference {
        samples = List.copyOf(samples);
        mismatches = List.copyOf(mismatches);
    }

    /** @return a scalar field of the inferred type, format and nullability (not a key, not repeated) */
    public Field toField(String id, String name) {
        return new Field(id, name, type, nullable, false, format, false, List.of());
    }

    /** @return the evidence of this conclusion for the field {@code fieldId} */
    public FieldEvidence evidence(String fieldId) {
        return new FieldEvidence(fieldId, values + nulls, nulls, confidence, samples);
    }
}
