package org.mapwright.drift;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.mapwright.core.Field;
import org.mapwright.core.Schema;
import org.mapwright.core.connector.FieldEvidence;
import org.mapwright.core.connector.Inspection;
import org.mapwright.core.profile.FieldProfile;
import org.mapwright.core.profile.Profile;
import org.mapwright.core.profile.ValueCount;

/**
 * Builds the earlier sample values that let {@link SchemaDiffer} recognise a renamed field by its
 * values when its name changed beyond recognition: per stored field id, the values an earlier
 * inspection sampled or an earlier profile counted. Stateless.
 */
public final class DriftBaseline {

    /** Values kept per field; the differ compares sets, so more adds little but memory. */
    public static final int MAX_VALUES = 200;

    private DriftBaseline() {
    }

    /**
     * @param stored  the structure the source was mapped against (profile fields are matched to it
     *                by id, else by name)
     * @param profile a profile of the source taken while it still had that structure
     * @return per stored field id, the profile's top values, for fields that have any (not min and
     *         max: extremes rarely show up in a later sample and would only dilute the overlap)
     */
    public static Map<String, List<String>> fromProfile(Schema stored, Profile profile) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (FieldProfile p : profile.fields()) {
            Field f = stored.byId(p.fieldId()).or(() -> stored.byPath(p.name())).orElse(null);
            if (f == null || f.isRecord()) {
                continue;
            }
            Set<String> values = new LinkedHashSet<>();
            for (ValueCount v : p.topValues()) {
                add(values, v.value());
            }
            if (!values.isEmpty()) {
                out.put(f.id(), List.copyOf(values));
            }
        }
        return out;
    }

    /**
     * @param earlier an inspection of the source taken while it still had the stored structure
     *                (the ids of its fields are the stored ids, as after re-inspection in the
     *                workbench)
     * @return per field id, the sampled values
     */
    public static Map<String, List<String>> fromInspection(Inspection earlier) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, FieldEvidence> e : earlier.evidence().entrySet()) {
            Set<String> values = new LinkedHashSet<>();
            for (String v : e.getValue().samples()) {
                add(values, v);
            }
            if (!values.isEmpty()) {
                out.put(e.getKey(), List.copyOf(values));
            }
        }
        return out;
    }

    /** @return {@code a} with the values of {@code b} added per field, each list capped at {@link #MAX_VALUES} */
    public static Map<String, List<String>> merge(Map<String, List<String>> a, Map<String, List<String>> b) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map<String, List<String>> m : List.of(a, b)) {
            m.forEach((id, values) -> {
                Set<String> merged = new LinkedHashSet<>(out.getOrDefault(id, List.of()));
                values.forEach(v -> add(merged, v));
                out.put(id, new ArrayList<>(merged));
            });
        }
        out.replaceAll((id, values) -> List.copyOf(values));
        return out;
    }

    private static void add(Set<String> values, String value) {
        if (value != null && !value.isBlank() && values.size() < MAX_VALUES) {
            values.add(value.strip());
        }
    }
}
