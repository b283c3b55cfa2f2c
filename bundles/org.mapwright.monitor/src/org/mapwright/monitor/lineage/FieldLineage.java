package org.mapwright.monitor.lineage;

import java.util.List;
import java.util.Objects;

import org.mapwright.core.Field;

/**
 * Where one target field's values come from.
 *
 * @param field      the target field
 * @param path       its dotted path in the target schema
 * @param expression the expression that fills it, or null when it is not mapped
 * @param inputs     the source fields the expression reads, in order of first appearance,
 *                   including fields of {@code lookup()} tables; empty for a constant or an
 *                   unmapped field
 */
public record FieldLineage(Field field, String path, String expression, List<FieldInput> inputs) {
    public FieldLineage {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(path, "path");
        inputs = List.copyOf(inputs);
    }

    /** @return the distinct source fields, in order */
    public List<SourceField> sourceFields() {
        return inputs.stream().map(FieldInput::field).distinct().toList();
    }
}
