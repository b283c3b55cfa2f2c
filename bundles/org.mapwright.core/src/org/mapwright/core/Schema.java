package org.mapwright.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * An ordered list of top-level {@link Field}s, possibly nested. Immutable.
 *
 * <p>Paths join names with dots ({@code customer.address.city}); a name containing a dot or
 * space is still addressed by its plain name segment, the path is only a lookup key.
 */
public final class Schema {

    private static final Schema EMPTY = new Schema(List.of());

    private final List<Field> fields;
    private final Map<String, Field> byId;
    private final Map<String, Field> byPath;
    private final Map<String, String> pathById;

    private Schema(List<Field> fields) {
        this.fields = List.copyOf(fields);
        Map<String, Field> ids = new HashMap<>();
        Map<String, Field> paths = new HashMap<>();
        Map<String, String> pathOf = new HashMap<>();
        index(this.fields, "", ids, paths, pathOf);
        this.byId = Collections.unmodifiableMap(ids);
        this.byPath = Collections.unmodifiableMap(paths);
        this.pathById = Collections.unmodifiableMap(pathOf);
    }

    private static void index(List<Field> fields, String prefix, Map<String, Field> ids, Map<String, Field> paths,
            Map<String, String> pathOf) {
        Set<String> names = new HashSet<>();
        for (Field f : fields) {
            if (ids.put(f.id(), f) != null) {
                throw new IllegalArgumentException("duplicate field id '" + f.id() + "'");
            }
            if (!names.add(f.name())) {
                throw new IllegalArgumentException("duplicate field name '" + prefix + f.name() + "'");
            }
            String path = prefix + f.name();
            paths.put(path, f);
            pathOf.put(f.id(), path);
            index(f.children(), path + ".", ids, paths, pathOf);
        }
    }

    /**
     * @throws IllegalArgumentException if two fields share an id anywhere in the tree, or two
     *         siblings share a name
     */
    public static Schema of(List<Field> fields) {
        return fields.isEmpty() ? EMPTY : new Schema(fields);
    }

    public static Schema empty() {
        return EMPTY;
    }

    /** @return the top-level fields in order */
    public List<Field> fields() {
        return fields;
    }

    public int size() {
        return fields.size();
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    /** @return the field with this id anywhere in the tree */
    public Optional<Field> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** @return the field at this dotted path, e.g. {@code "customer.address.city"} */
    public Optional<Field> byPath(String path) {
        return Optional.ofNullable(byPath.get(path));
    }

    /** @return the dotted path of the field with this id */
    public Optional<String> pathOf(String id) {
        return Optional.ofNullable(pathById.get(id));
    }

    /** @return the index of the top-level field with this id, or -1 */
    public int indexOf(String id) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /** @return every field of the tree, depth first, parents before children */
    public List<Field> allFields() {
        List<Field> all = new ArrayList<>();
        walk(fields, all::add);
        return all;
    }

    private static void walk(List<Field> fields, Consumer<Field> visitor) {
        for (Field f : fields) {
            visitor.accept(f);
            walk(f.children(), visitor);
        }
    }

    /** @return a copy with the field of the same id replaced (anywhere in the tree) */
    public Schema replace(Field changed) {
        return new Schema(replaceIn(fields, changed));
    }

    private static List<Field> replaceIn(List<Field> fields, Field changed) {
        List<Field> out = new ArrayList<>(fields.size());
        for (Field f : fields) {
            if (f.id().equals(changed.id())) {
                out.add(changed);
            } else if (!f.children().isEmpty()) {
                out.add(f.withChildren(replaceIn(f.children(), changed)));
            } else {
                out.add(f);
            }
        }
        return out;
    }

    /** @return a copy with a top-level field inserted at {@code index} (0..size) */
    public Schema insert(int index, Field field) {
        List<Field> out = new ArrayList<>(fields);
        out.add(index, field);
        return new Schema(out);
    }

    /** @return a copy without the field of this id (anywhere in the tree) */
    public Schema remove(String id) {
        return new Schema(removeFrom(fields, id));
    }

    private static List<Field> removeFrom(List<Field> fields, String id) {
        List<Field> out = new ArrayList<>(fields.size());
        for (Field f : fields) {
            if (!f.id().equals(id)) {
                out.add(f.children().isEmpty() ? f : f.withChildren(removeFrom(f.children(), id)));
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schema s && s.fields.equals(fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return "Schema" + fields;
    }
}
