package org.mapwright.core.connector;

import java.util.List;

/**
 * Why a field got its inferred type.
 *
 * @param fieldId     the field
 * @param rowsSampled values looked at
 * @param nullCount   null or empty values among them
 * @param confidence  share of non-null values that fit the inferred type, 0..1
 * @param samples     a few distinct sample values as text
 */
public record FieldEvidence(String fieldId, long rowsSampled, long nullCount, double confidence, List<String> samples) {
    public FieldEvidence {
        samples = List.copyOf(samples);
    }
}
