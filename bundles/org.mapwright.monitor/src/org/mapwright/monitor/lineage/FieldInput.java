package org.mapwright.monitor.lineage;

import java.util.Objects;

/**
 * One source field read by a target field (or by the whole mapping) and how.
 *
 * @param field          the source field
 * @param transformation how it contributes
 */
public record FieldInput(SourceField field, Transformation transformation) {
    public FieldInput {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(transformation, "transformation");
    }
}
