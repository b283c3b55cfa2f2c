package org.mapwright.ui.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.mapwright.core.Field;
import org.mapwright.core.MappingDef;
import org.mapwright.core.Project;
import org.mapwright.core.Schema;

/**
 * Puts an imported schema (JSON Schema, SQL DDL) into a mapping's target. Fields are matched by
 * name, ignoring case, level by level; a matched field keeps its id, so its mapping expression,
 * rules and drift history stay with it, and takes type, nullability, key and nesting from the
 * import (its date format stays unless the import has one).
 */
public final class TargetSchemaImports {

    /** How the import meets the fields already there. */
    public enum Mode {
        /** The target becomes the imported fields, in their order; fields the import lacks go, with their mappings. */
        REPLACE,
        /** The target keeps its fields and order, matched ones updated; imported fields it lacks are appended. */
        MERGE
    }

    private TargetSchemaImports() {
    }

    /**
     * @return the target schema {@code current} becomes when {@code imported} is put into it
     * @throws IllegalArgumentException when the result would have two siblings of the same name
     *         (a merge renaming a field onto another that only differed in case)
     */
    public static Schema combine(Schema current, Schema imported, Mode mode) {
        return Schema.of(combine(current.fields(), imported.fields(), mode));
    }

    private static List<Field> combine(List<Field> current, List<Field> imported, Mode mode) {
        List<Field> out = new ArrayList<>();
        // Each field matches at most once, so names differing only in case cannot merge into duplicates.
        Set<Field> matched = new HashSet<>();
        if (mode == Mode.REPLACE) {
            for (Field in : imported) {
                Field old = byName(current, in.name(), matched);
                out.add(old == null ? in : update(old, in, mode));
            }
            return out;
        }
        for (Field old : current) {
            Field in = byName(imported, old.name(), matched);
            out.add(in == null ? old : update(old, in, mode));
        }
        for (Field in : imported) {
            if (!matched.contains(in)) {
                out.add(in);
            }
        }
        return out;
    }

    private static Field update(Field old, Field in, Mode mode) {
        List<Field> children = in.isRecord() ? combine(old.isRecord() ? old.children() : List.of(), in.children(), mode) : List.of();
        return new Field(old.id(), in.name(), in.type(), in.nullable(), in.key(), in.format() != null ? in.format() : old.format(),
                in.repeated(), children);
    }

    /**
     * @return the field not in {@code matched} named exactly {@code name}, else the first named so
     *         ignoring case, now added to {@code matched}; or null
     */
    private static Field byName(List<Field> fields, String name, Set<Field> matched) {
        String wanted = name.toLowerCase(Locale.ROOT);
        Field hit = null;
        for (Field f : fields) {
            if (matched.contains(f)) {
                continue;
            }
            if (f.name().equals(name)) {
                hit = f;
                break;
            }
            if (hit == null && f.name().toLowerCase(Locale.ROOT).equals(wanted)) {
                hit = f;
            }
        }
        if (hit != null) {
            matched.add(hit);
        }
        return hit;
    }

    /** @return the edit putting {@code imported} into the target of the mapping */
    public static UnaryOperator<Project> importTarget(String mappingId, Schema imported, Mode mode) {
        return p -> {
            MappingDef m = ProjectEdits.mapping(p, mappingId);
            return p.withMapping(m.withTargetSchema(combine(m.targetSchema(), imported, mode)));
        };
    }
}
