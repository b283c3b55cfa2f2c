package org.mapwright.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One mapping: rows of a primary source, optionally joined to lookup sources and filtered, are
 * turned into rows of the target schema by one expression per target field, checked by quality
 * rules, and written to every output.
 *
 * <p>Aggregation follows SQL: when any field mapping calls an aggregate function
 * ({@code sum}, {@code count}, ...), the target fields whose expressions do not aggregate are the
 * group-by keys.
 *
 * @param id               stable id
 * @param name             display name
 * @param sourceId         primary source
 * @param joins            lookups joined to the primary source, applied in order
 * @param filter           input filter over source fields (rows where it is not true are
 *                         filtered out), or null
 * @param targetSchema     the common target schema
 * @param fieldMappings    one per mapped target field, in target field order
 * @param outputFilter     filter over target fields applied after mapping, or null
 * @param rules            quality rules
 * @param maxRejectedRows  the run fails when more rows are rejected, or -1 for no limit
 * @param maxRejectedPercent the run fails when more than this share of read rows is rejected, or -1
 * @param outputs          where target rows are written
 */
public record MappingDef(String id, String name, String sourceId, List<JoinDef> joins, String filter,
        Schema targetSchema, List<FieldMapping> fieldMappings, String outputFilter, List<RuleDef> rules,
        long maxRejectedRows, double maxRejectedPercent, List<OutputDef> outputs) {

    public MappingDef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sourceId, "sourceId");
        joins = List.copyOf(joins == null ? List.of() : joins);
        targetSchema = targetSchema == null ? Schema.empty() : targetSchema;
        fieldMappings = List.copyOf(fieldMappings == null ? List.of() : fieldMappings);
        rules = List.copyOf(rules == null ? List.of() : rules);
        outputs = List.copyOf(outputs == null ? List.of() : outputs);
        filter = blankToNull(filter);
        outputFilter = blankToNull(outputFilter);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** A mapping with only a primary source and a target schema. */
    public static MappingDef simple(String id, String name, String sourceId, Schema target) {
        return new MappingDef(id, name, sourceId, List.of(), null, target, List.of(), null, List.of(), -1, -1, List.of());
    }

    /** @return the field mapping of this target field */
    public Optional<FieldMapping> mappingFor(String targetFieldId) {
        return fieldMappings.stream().filter(m -> m.targetFieldId().equals(targetFieldId)).findFirst();
    }

    /**
     * @return a copy where {@code targetFieldId} is mapped by {@code expression}; a null or blank
     *         expression unmaps it. Field mappings stay in target schema order.
     */
    public MappingDef withFieldMapping(String targetFieldId, String expression) {
        List<FieldMapping> out = new ArrayList<>();
        boolean set = expression != null && !expression.isBlank();
        for (var f : targetSchema.allFields()) {
            if (f.id().equals(targetFieldId)) {
                if (set) {
                    out.add(new FieldMapping(targetFieldId, expression));
                }
            } else {
                mappingFor(f.id()).ifPresent(out::add);
            }
        }
        return withFieldMappings(out);
    }

    public MappingDef withFieldMappings(List<FieldMapping> newMappings) {
        return new MappingDef(id, name, sourceId, joins, filter, targetSchema, newMappings, outputFilter, rules,
                maxRejectedRows, maxRejectedPercent, outputs);
    }

    /** @return a copy with the new target schema; mappings of removed target fields are dropped */
    public MappingDef withTargetSchema(Schema newTarget) {
        List<FieldMapping> kept = new ArrayList<>();
        for (var f : newTarget.allFields()) {
            mappingFor(f.id()).ifPresent(kept::add);
        }
        return new MappingDef(id, name, sourceId, joins, filter, newTarget, kept, outputFilter,
                rules.stream().filter(r -> newTarget.byId(r.targetFieldId()).isPresent()).toList(),
                maxRejectedRows, maxRejectedPercent, outputs);
    }

    public MappingDef withJoins(List<JoinDef> newJoins) {
        return new MappingDef(id, name, sourceId, newJoins, filter, targetSchema, fieldMappings, outputFilter, rules,
                maxRejectedRows, maxRejectedPercent, outputs);
    }

    public MappingDef withFilter(String newFilter) {
        return new MappingDef(id, name, sourceId, joins, newFilter, targetSchema, fieldMappings, outputFilter, rules,
                maxRejectedRows, maxRejectedPercent, outputs);
    }

    public MappingDef withOutputFilter(String newFilter) {
        return new MappingDef(id, name, sourceId, joins, filter, targetSchema, fieldMappings, newFilter, rules,
                maxRejectedRows, maxRejectedPercent, outputs);
    }

    public MappingDef withRules(List<RuleDef> newRules) {
        return new MappingDef(id, name, sourceId, joins, filter, targetSchema, fieldMappings, outputFilter, newRules,
                maxRejectedRows, maxRejectedPercent, outputs);
    }

    public MappingDef withOutputs(List<OutputDef> newOutputs) {
        return new MappingDef(id, name, sourceId, joins, filter, targetSchema, fieldMappings, outputFilter, rules,
                maxRejectedRows, maxRejectedPercent, newOutputs);
    }

    public MappingDef withThresholds(long newMaxRows, double newMaxPercent) {
        return new MappingDef(id, name, sourceId, joins, filter, targetSchema, fieldMappings, outputFilter, rules,
                newMaxRows, newMaxPercent, outputs);
    }
}
