package org.mapwright.drift;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.mapwright.core.Field;
import org.mapwright.core.Schema;

/**
 * The structural difference between a stored source structure and a fresh inspection of the
 * source, made by {@link SchemaDiffer}. Immutable.
 *
 * <p>Besides the {@linkplain #changes() changes} it knows how the fields correspond, so it can
 * build the structure a project should hold from now on: {@link #rebased(Set)} takes the fresh
 * structure (names, order, nesting, new fields) and keeps the stored ids of every field it is
 * sure about — same name, or a rename/move the caller accepted — so mappings keep pointing at
 * them; renames and moves not accepted become a removal plus an addition.
 */
public final class SchemaDiff {

    /** How a stored field corresponds to a current one. */
    enum Match {
        /** Same name (or the same ignoring case) under the same parent. */
        EXACT,
        /** A rename or move found by similarity; needs acceptance. */
        GUESSED,
        /** Same name under a parent that was itself guessed; follows the parent's acceptance. */
        IMPLIED
    }

    /**
     * @param storedId     id in the stored structure
     * @param currentId    id in {@link #current()}
     * @param match        kind of correspondence
     * @param owner        stored id of the guess this depends on (itself for GUESSED), null for EXACT
     * @param keepStoredType whether the stored type and format still read the values (and are kept)
     */
    record Pair(String storedId, String currentId, Match match, String owner, boolean keepStoredType) {
    }

    private final Schema stored;
    private final Schema current;
    private final List<FieldChange> changes;
    private final Map<String, Pair> byCurrent = new HashMap<>();
    private final Map<String, Pair> byStored = new HashMap<>();
    private final Set<String> keyPaths;

    SchemaDiff(Schema stored, Schema current, List<FieldChange> changes, List<Pair> pairs, Set<String> keyPaths) {
        this.stored = stored;
        this.current = current;
        this.changes = List.copyOf(changes);
        this.keyPaths = Set.copyOf(keyPaths);
        for (Pair p : pairs) {
            byCurrent.put(p.currentId(), p);
            byStored.put(p.storedId(), p);
        }
    }

    /** @return the structure the source was mapped against */
    public Schema stored() {
        return stored;
    }

    /**
     * @return the structure as inspected now, with stored ids on fields of the same name and
     *         fresh ids elsewhere (renamed and moved fields have fresh ids here)
     */
    public Schema current() {
        return current;
    }

    /** @return every change: matched fields first in current order, then removals in stored order */
    public List<FieldChange> changes() {
        return changes;
    }

    /** @return whether the structures agree */
    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** @return the renames and moves: the guesses a person (or a threshold) accepts or rejects */
    public List<FieldChange> matches() {
        return changes.stream().filter(FieldChange::isMatch).toList();
    }

    /** @return the change of this kind for this stored field id */
    public Optional<FieldChange> change(String fieldId, FieldChange.Kind kind) {
        return changes.stream().filter(c -> c.kind() == kind && c.fieldId().equals(fieldId)).findFirst();
    }

    /**
     * The structure the project should hold from now on: the current structure, with stored ids
     * kept for fields of the same name and for the accepted renames and moves (and the fields
     * nested under an accepted record), the stored type and format kept where they still read the
     * sampled values, a field nullable when it was or now is, and the stored key flags unless the
     * source reports keys itself.
     *
     * @param acceptedFieldIds stored ids of the accepted {@link #matches()}; others are treated as
     *                         a removal plus an addition
     */
    public Schema rebased(Set<String> acceptedFieldIds) {
        return Schema.of(rebase(current.fields(), acceptedFieldIds));
    }

    /** @return {@link #rebased(Set)} with no guess accepted: what the project sees if nobody intervenes */
    public Schema asIs() {
        return rebased(Set.of());
    }

    /**
     * @return the stored structure with the {@link FieldChange.Kind#ADDED} fields appended to
     *         their (unchanged) parents, everything else as stored: what a run needs to read new
     *         fields without adopting any other drift
     */
    public Schema storedWithAdded() {
        Schema out = stored;
        List<Field> top = new ArrayList<>(out.fields());
        Map<String, List<Field>> nested = new HashMap<>();
        Map<String, String> parents = parents(current.fields(), null, new HashMap<>());
        for (FieldChange c : changes) {
            if (c.kind() != FieldChange.Kind.ADDED) {
                continue;
            }
            Field f = current.byId(c.fieldId()).orElseThrow();
            String parent = parents.get(f.id());
            if (parent == null) {
                top.add(f);
            } else if (stored.byId(parent).isPresent()) {
                nested.computeIfAbsent(parent, k -> new ArrayList<>()).add(f);
            }
        }
        out = Schema.of(top);
        for (Map.Entry<String, List<Field>> e : nested.entrySet()) {
            Field p = out.byId(e.getKey()).orElseThrow();
            List<Field> children = new ArrayList<>(p.children());
            children.addAll(e.getValue());
            out = out.replace(p.withChildren(children));
        }
        return out;
    }

    private static Map<String, String> parents(List<Field> fields, String parent, Map<String, String> out) {
        for (Field f : fields) {
            if (parent != null) {
                out.put(f.id(), parent);
            }
            parents(f.children(), f.id(), out);
        }
        return out;
    }

    private List<Field> rebase(List<Field> fields, Set<String> accepted) {
        List<Field> out = new ArrayList<>(fields.size());
        for (Field f : fields) {
            Pair p = byCurrent.get(f.id());
            boolean keep = p != null && (p.match() == Match.EXACT || accepted.contains(p.owner()));
            List<Field> children = rebase(f.children(), accepted);
            if (!keep) {
                out.add(f.withChildren(children));
                continue;
            }
            Field s = stored.byId(p.storedId()).orElseThrow();
            boolean typeKept = p.keepStoredType();
            out.add(new Field(s.id(), f.name(), typeKept ? s.type() : f.type(), f.nullable() || s.nullable(),
                    keyPaths.isEmpty() ? s.key() : keyPaths.contains(current.pathOf(f.id()).orElseThrow()), typeKept ? s.format() : f.format(), f.repeated(),
                    (typeKept ? s.type() : f.type()) == org.mapwright.core.DataType.RECORD ? children : List.of()));
        }
        return out;
    }

    /** @return the current id of a stored field under the given acceptance, if it is kept */
    Optional<String> currentIdOf(String storedId, Set<String> accepted) {
        Pair p = byStored.get(storedId);
        if (p == null || !(p.match() == Match.EXACT || accepted.contains(p.owner()))) {
            return Optional.empty();
        }
        return Optional.of(p.currentId());
    }

    /** @return stored ids whose correspondence depends on accepting the guess about {@code owner} */
    List<String> dependents(String owner) {
        List<String> out = new ArrayList<>();
        byStored.values().forEach(p -> {
            if (owner.equals(p.owner())) {
                out.add(p.storedId());
            }
        });
        return out;
    }

    @Override
    public String toString() {
        return "SchemaDiff" + changes;
    }
}
