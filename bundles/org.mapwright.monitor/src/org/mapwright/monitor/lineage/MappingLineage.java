package org.mapwright.monitor.lineage;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.mapwright.core.MappingDef;
import org.mapwright.core.SourceDef;

/**
 * The column-level lineage of one mapping.
 *
 * @param mapping       the mapping
 * @param sources       every source the mapping reads, in order: the primary source, joined
 *                      sources, sources of {@code lookup()} calls and of reference rules
 * @param fields        one entry per target field, in target schema order (depth first)
 * @param datasetInputs source fields that shape the whole target dataset rather than one field:
 *                      join keys, filter fields, grouping keys, fields checked by reference rules
 */
public record MappingLineage(MappingDef mapping, List<SourceDef> sources, List<FieldLineage> fields, List<FieldInput> datasetInputs) {

    public MappingLineage {
        Objects.requireNonNull(mapping, "mapping");
        sources = List.copyOf(sources);
        fields = List.copyOf(fields);
        datasetInputs = List.copyOf(datasetInputs);
    }

    /** @return the lineage of the target field with this id */
    public Optional<FieldLineage> field(String targetFieldId) {
        return fields.stream().filter(f -> f.field().id().equals(targetFieldId)).findFirst();
    }
}
