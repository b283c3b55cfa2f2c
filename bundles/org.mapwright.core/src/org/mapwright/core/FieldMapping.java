package org.mapwright.core;

import java.util.Objects;

/**
 * How one target field gets its value: an expression in the Mapwright expression language over
 * the mapping's source fields. A direct mapping is an expression that is just a field reference
 * ({@code email}); a constant is a literal ({@code 'EUR'}). The editor draws one line per source
 * field the expression reads.
 *
 * @param targetFieldId id of the target field
 * @param expression    expression text, never null
 */
public record FieldMapping(String targetFieldId, String expression) {
    public FieldMapping {
        Objects.requireNonNull(targetFieldId, "targetFieldId");
        Objects.requireNonNull(expression, "expression");
    }
}
