package org.mapwright.core.infer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.mapwright.core.Field;
import org.mapwright.core.Ids;
import org.mapwright.core.Schema;
import org.mapwright.core.connector.FieldEvidence;
import org.mapwright.core.connector.Inspection;

/**
 * Keeps field ids stable across re-inspection: connectors infer fresh ids, and whoever re-inspects
 * a source (workbench, drift check) passes the freshly inferred structure through here together
 * with the structure stored in the project, so unchanged columns keep their ids and mappings and
 * drift detection keep referring to them.
 *
 * <p>Fields are matched per level by name: exactly, else ignoring case when exactly one earlier
 * field matches that way and no current field has its exact name. A matched field takes the
 * earlier id and key flag (the user's choice; inference never sets keys); nested fields are matched
 * under matched records. Unmatched fields keep their fresh id unless it collides with an earlier
 * one, in which case they get a new one.
 */
public final class SchemaIds {

    private SchemaIds() {
    }

    /**
     * @param fresh    the newly inferred structure
     * @param previous the stored structure, or null
     * @return {@code fresh} with ids carried over from {@code previous}
     */
    public static Schema carryOver(Schema fresh, Schema previous, Ids ids) {
        return apply(fresh, previous, ids, new HashMap<>());
    }

    /** @return the inspection with ids carried over and its evidence re-keyed accordingly */
    public static Inspection carryOver(Inspection inspection, Schema previous, Ids ids) {
        Map<String, String> renamed = new HashMap<>();
        Schema schema = apply(inspection.schema(), previous, ids, renamed);
        Map<String, FieldEvidence> evidence = new LinkedHashMap<>();
        inspection.evidence().forEach((id, e) -> {
            String now = renamed.getOrDefault(id, id);
            evidence.put(now, e.withFieldId(now));
        });
        return new Inspection(inspection.settings(), schema, evidence, inspection.rowsSampled(), inspection.complete(),
                inspection.warnings());
    }

    /** Records old fresh id -> final id in {@code renamed}. */
    static Schema apply(Schema fresh, Schema previous, Ids ids, Map<String, String> renamed) {
        if (previous == null || previous.isEmpty()) {
            return fresh;
        }
        Set<String> taken = new HashSet<>();
        for (Field f : previous.allFields()) {
            taken.add(f.id());
        }
        Set<String> used = new HashSet<>();
        List<Field> fields = match(fresh.fields(), previous.fields(), ids, taken, used, renamed);
        return Schema.of(fields);
    }

    private static List<Field> match(List<Field> fresh, List<Field> earlier, Ids ids, Set<String> taken, Set<String> used,
            Map<String, String> renamed) {
        Map<String, Field> exact = new HashMap<>();
        Map<String, List<Field>> folded = new HashMap<>();
        for (Field f : earlier) {
            exact.put(f.name(), f);
            folded.computeIfAbsent(f.name().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(f);
        }
        Set<String> freshNames = new HashSet<>();
        for (Field f : fresh) {
            freshNames.add(f.name());
        }
        List<Field> out = new ArrayList<>(fresh.size());
        for (Field f : fresh) {
            Field old = exact.get(f.name());
            if (old == null) {
                List<Field> c = folded.get(f.name().toLowerCase(Locale.ROOT));
                if (c != null && c.size() == 1 && !freshNames.contains(c.get(0).name())) {
                    old = c.get(0);
                }
            }
            Field result;
            if (old != null && used.add(old.id())) {
                result = f.withKey(old.key());
                result = new Field(old.id(), result.name(), result.type(), result.nullable(), result.key(), result.format(),
                        result.repeated(), match(f.children(), old.children(), ids, taken, used, renamed));
            } else {
                String id = f.id();
                if (taken.contains(id) || used.contains(id)) {
                    id = ids.nextUnique("f", union(taken, used));
                }
                used.add(id);
                result = new Field(id, f.name(), f.type(), f.nullable(), f.key(), f.format(), f.repeated(),
                        match(f.children(), List.of(), ids, taken, used, renamed));
            }
            if (!result.id().equals(f.id())) {
                renamed.put(f.id(), result.id());
            }
            out.add(result);
        }
        return out;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new HashSet<>(a);
        u.addAll(b);
        return u;
    }
}
