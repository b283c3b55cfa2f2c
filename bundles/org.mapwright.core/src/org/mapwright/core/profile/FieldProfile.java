package org.mapwright.core.profile;

import java.util.List;
import java.util.Map;

import org.mapwright.core.DataType;

/**
 * Statistics of one field.
 *
 * @param fieldId          the field
 * @param name             its name
 * @param type             its type
 * @param count            non-null values
 * @param nullCount        null values
 * @param emptyCount       text values that are empty or blank (included in {@code count})
 * @param invalidCount     text values that do not parse as the field's type (included in
 *                         {@code count}; they take part in nothing but the top values and length)
 * @param distinctEstimate estimated distinct non-null values (HyperLogLog)
 * @param min              smallest valid value (typed; text compared by code points), or null
 * @param max              largest valid value, or null
 * @param minLength        shortest canonical text length of non-null values, or -1
 * @param maxLength        longest canonical text length of non-null values, or -1
 * @param topValues        most frequent values, most frequent first; for a high-cardinality column
 *                         only values known to repeat, so none for a column of unique values
 *                         (see {@link ProfileOptions#topCapacity()})
 * @param patterns         text values per recognized shape (only shapes that occurred)
 * @param mean             mean of numeric values, or null
 * @param stdDev           population standard deviation of numeric values, or null
 * @param histogram        numeric histogram, or null for non-numeric fields or no values
 */
public record FieldProfile(String fieldId, String name, DataType type, long count, long nullCount, long emptyCount,
        long invalidCount, long distinctEstimate, Object min, Object max, int minLength, int maxLength,
        List<ValueCount> topValues, Map<ValuePattern, Long> patterns, Double mean, Double stdDev, Histogram histogram) {

    public FieldProfile {
        topValues = List.copyOf(topValues);
        patterns = Map.copyOf(patterns);
    }
}
