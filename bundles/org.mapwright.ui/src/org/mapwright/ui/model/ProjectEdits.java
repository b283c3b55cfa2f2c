package org.mapwright.ui.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.Ids;
import org.mapwright.core.JoinDef;
import org.mapwright.core.MappingDef;
import org.mapwright.core.Project;
import org.mapwright.core.RuleDef;
import org.mapwright.core.Schema;
import org.mapwright.core.SourceDef;
import org.mapwright.engine.expr.ExpressionTokens;

/**
 * The model edits of the workbench as pure functions {@code Project -> Project}, so every one of
 * them goes through {@link ProjectDocument#execute} and is undoable. Each throws
 * {@link IllegalArgumentException} with a message for the user when the edit is not possible
 * (unknown mapping or field, a duplicate name).
 */
public final class ProjectEdits {

    /** The setting connectors use for a file path relative to the project folder. */
    public static final String PATH_SETTING = "path";

    private ProjectEdits() {
    }

    /** @return the mapping, or an exception naming the missing id */
    public static MappingDef mapping(Project p, String mappingId) {
        return p.mapping(mappingId).orElseThrow(() -> new IllegalArgumentException("no mapping '" + mappingId + "'"));
    }

    private static UnaryOperator<Project> onMapping(String mappingId, UnaryOperator<MappingDef> edit) {
        return p -> p.withMapping(edit.apply(mapping(p, mappingId)));
    }

    /** Sets (or, for a blank expression, removes) the expression of a target field. */
    public static UnaryOperator<Project> setExpression(String mappingId, String targetFieldId, String expression) {
        return onMapping(mappingId, m -> {
            requireTarget(m, targetFieldId);
            return m.withFieldMapping(targetFieldId, expression);
        });
    }

    /** Removes the expression of a target field (all its mapping lines). */
    public static UnaryOperator<Project> unmap(String mappingId, String targetFieldId) {
        return setExpression(mappingId, targetFieldId, null);
    }

    /** Sets several expressions at once (accepted auto-map suggestions). */
    public static UnaryOperator<Project> setExpressions(String mappingId, java.util.Map<String, String> byTargetFieldId) {
        return onMapping(mappingId, m -> {
            MappingDef out = m;
            for (var e : byTargetFieldId.entrySet()) {
                requireTarget(out, e.getKey());
                out = out.withFieldMapping(e.getKey(), e.getValue());
            }
            return out;
        });
    }

    /**
     * Replaces the joins of a mapping. Each join must name another source of the project than the
     * mapping's primary one.
     */
    public static UnaryOperator<Project> setJoins(String mappingId, List<JoinDef> joins) {
        return p -> {
            MappingDef m = mapping(p, mappingId);
            for (JoinDef j : joins) {
                if (p.source(j.sourceId()).isEmpty()) {
                    throw new IllegalArgumentException("the project has no source '" + j.sourceId() + "' to join");
                }
                if (j.sourceId().equals(m.sourceId())) {
                    throw new IllegalArgumentException("a mapping cannot join its own primary source");
                }
            }
            return p.withMapping(m.withJoins(joins));
        };
    }

    /** Sets the input filter (over source fields) and the output filter (over target fields); blank removes one. */
    public static UnaryOperator<Project> setFilters(String mappingId, String inputFilter, String outputFilter) {
        return onMapping(mappingId, m -> m.withFilter(inputFilter).withOutputFilter(outputFilter));
    }

    /**
     * Replaces the quality rules and the reject thresholds of a mapping.
     *
     * @param maxRejectedRows    the run fails when more rows are rejected; -1 for no limit
     * @param maxRejectedPercent the run fails when a larger share of rows is rejected; -1 for no limit
     */
    public static UnaryOperator<Project> setRules(String mappingId, List<RuleDef> rules, long maxRejectedRows, double maxRejectedPercent) {
        return onMapping(mappingId, m -> {
            Set<String> ids = new HashSet<>();
            for (RuleDef r : rules) {
                requireTarget(m, r.targetFieldId());
                if (!ids.add(r.id())) {
                    throw new IllegalArgumentException("two rules have the id '" + r.id() + "'");
                }
            }
            if (maxRejectedRows < -1 || maxRejectedPercent != -1 && (maxRejectedPercent < 0 || maxRejectedPercent > 100)) {
                throw new IllegalArgumentException("thresholds are a row count ≥ 0 and a percentage 0–100, or -1 for none");
            }
            return m.withRules(rules).withThresholds(maxRejectedRows, maxRejectedPercent);
        });
    }

    /** Applies several edits as one: all of them or, when one fails, none. */
    @SafeVarargs
    public static UnaryOperator<Project> all(UnaryOperator<Project>... edits) {
        return p -> {
            Project out = p;
            for (UnaryOperator<Project> e : edits) {
                out = e.apply(out);
            }
            return out;
        };
    }

    private static Field requireTarget(MappingDef m, String fieldId) {
        return m.targetSchema().byId(fieldId)
                .orElseThrow(() -> new IllegalArgumentException("mapping '" + m.name() + "' has no target field '" + fieldId + "'"));
    }

    /**
     * Adds a top-level target field after {@code afterFieldId} (at the end when null or not
     * top-level).
     */
    public static UnaryOperator<Project> addTargetField(String mappingId, String afterFieldId, Field field) {
        return onMapping(mappingId, m -> {
            Schema s = m.targetSchema();
            checkNewName(s.fields(), field.name(), null);
            int at = afterFieldId == null ? -1 : s.indexOf(afterFieldId);
            return m.withTargetSchema(s.insert(at < 0 ? s.size() : at + 1, field));
        });
    }

    /** Deletes a target field; its expression and rules go with it. */
    public static UnaryOperator<Project> deleteTargetField(String mappingId, String fieldId) {
        return onMapping(mappingId, m -> {
            requireTarget(m, fieldId);
            return m.withTargetSchema(m.targetSchema().remove(fieldId));
        });
    }

    /** Renames a target field; the name must be unique among its siblings. */
    public static UnaryOperator<Project> renameTargetField(String mappingId, String fieldId, String newName) {
        return onMapping(mappingId, m -> {
            Field f = requireTarget(m, fieldId);
            String name = newName == null ? "" : newName.strip();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("a field name cannot be empty");
            }
            checkNewName(siblings(m.targetSchema().fields(), fieldId), name, fieldId);
            return m.withTargetSchema(m.targetSchema().replace(f.withName(name)));
        });
    }

    public static UnaryOperator<Project> setTargetFieldType(String mappingId, String fieldId, DataType type) {
        return changeTarget(mappingId, fieldId, f -> f.withType(type));
    }

    public static UnaryOperator<Project> setTargetFieldNullable(String mappingId, String fieldId, boolean nullable) {
        return changeTarget(mappingId, fieldId, f -> f.withNullable(nullable));
    }

    public static UnaryOperator<Project> setTargetFieldKey(String mappingId, String fieldId, boolean key) {
        return changeTarget(mappingId, fieldId, f -> f.withKey(key));
    }

    /** Sets the date/timestamp pattern; blank removes it. */
    public static UnaryOperator<Project> setTargetFieldFormat(String mappingId, String fieldId, String format) {
        return changeTarget(mappingId, fieldId, f -> f.withFormat(format == null || format.isBlank() ? null : format.strip()));
    }

    private static UnaryOperator<Project> changeTarget(String mappingId, String fieldId, UnaryOperator<Field> change) {
        return onMapping(mappingId, m -> m.withTargetSchema(m.targetSchema().replace(change.apply(requireTarget(m, fieldId)))));
    }

    /** @return the fields of the level that contains {@code fieldId}, empty when none does */
    private static List<Field> siblings(List<Field> level, String fieldId) {
        for (Field f : level) {
            if (f.id().equals(fieldId)) {
                return level;
            }
        }
        for (Field f : level) {
            List<Field> inner = siblings(f.children(), fieldId);
            if (!inner.isEmpty()) {
                return inner;
            }
        }
        return List.of();
    }

    private static void checkNewName(List<Field> siblings, String name, String exceptId) {
        for (Field f : siblings) {
            if (f.name().equals(name) && !f.id().equals(exceptId)) {
                throw new IllegalArgumentException("there is already a field named '" + name + "'");
            }
        }
    }

    /** @return a name not used by any of the fields, {@code base}, {@code base_2}, ... */
    public static String uniqueFieldName(List<Field> fields, String base) {
        Set<String> names = new HashSet<>();
        fields.forEach(f -> names.add(f.name()));
        if (!names.contains(base)) {
            return base;
        }
        for (int i = 2;; i++) {
            if (!names.contains(base + "_" + i)) {
                return base + "_" + i;
            }
        }
    }

    /** Adds a source (its name must be unique in the project). */
    public static UnaryOperator<Project> addSource(SourceDef source) {
        return p -> {
            if (p.sourceByName(source.name()).isPresent()) {
                throw new IllegalArgumentException("the project already has a source named '" + source.name() + "'");
            }
            return p.withSource(source);
        };
    }

    /**
     * Adds a source and a new mapping reading it, whose target schema is a copy of the source's
     * fields with new ids, each mapped directly from its source field.
     */
    public static UnaryOperator<Project> addSourceWithMapping(SourceDef source, Ids ids) {
        return p -> {
            Project withSource = addSource(source).apply(p);
            Set<String> taken = new HashSet<>();
            withSource.mappings().forEach(m -> taken.add(m.id()));
            String mappingId = ids.nextUnique("map", taken);
            List<Field> target = new ArrayList<>();
            List<String[]> direct = new ArrayList<>();
            Set<String> fieldIds = new HashSet<>();
            for (Field f : source.schema().fields()) {
                String id = ids.nextUnique("t", fieldIds);
                fieldIds.add(id);
                target.add(new Field(id, f.name(), f.type() == DataType.ANY ? DataType.TEXT : f.type(), f.nullable(), f.key(),
                        null, f.repeated(), copyWithNewIds(f.children(), ids, fieldIds)));
                direct.add(new String[] {id, ExpressionTokens.quoteIdentifier(f.name())});
            }
            MappingDef m = MappingDef.simple(mappingId, source.name(), source.id(), Schema.of(target));
            for (String[] d : direct) {
                m = m.withFieldMapping(d[0], d[1]);
            }
            return withSource.withMapping(m);
        };
    }

    private static List<Field> copyWithNewIds(List<Field> fields, Ids ids, Set<String> taken) {
        List<Field> out = new ArrayList<>();
        for (Field f : fields) {
            String id = ids.nextUnique("t", taken);
            taken.add(id);
            out.add(new Field(id, f.name(), f.type(), f.nullable(), f.key(), f.format(), f.repeated(),
                    copyWithNewIds(f.children(), ids, taken)));
        }
        return out;
    }

    /**
     * Rewrites relative {@code path} settings of sources so they resolve from {@code to} to the
     * same files they resolved to from {@code from}. Output paths stay relative: outputs belong to
     * the project and move with it.
     */
    public static Project rebaseSourcePaths(Project p, Path from, Path to) {
        Project out = p;
        for (SourceDef s : p.sources()) {
            Object path = s.settings().asMap().get(PATH_SETTING);
            if (path instanceof String text && !text.isBlank() && !Path.of(text).isAbsolute()) {
                Path file = from.resolve(text).normalize();
                String rebased;
                try {
                    rebased = to.relativize(file).toString().replace('\\', '/');
                } catch (IllegalArgumentException e) {
                    rebased = file.toString();
                }
                out = out.withSource(s.withSettings(s.settings().with(PATH_SETTING, rebased)));
            }
        }
        return out;
    }
}
