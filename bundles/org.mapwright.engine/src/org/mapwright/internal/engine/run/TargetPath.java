package org.mapwright.internal.engine.run;

import java.util.ArrayList;
import java.util.List;

import org.mapwright.core.Field;
import org.mapwright.core.Schema;

/**
 * Where a (possibly nested) target field's value sits in a target row: the top-level index and
 * the child indices below it. Resolved once from the field id.
 */
public final class TargetPath {

    private final int slot;
    private final int[] children;
    private final Field field;
    private final String displayPath;

    private TargetPath(int slot, int[] children, Field field, String displayPath) {
        this.slot = slot;
        this.children = children;
        this.field = field;
        this.displayPath = displayPath;
    }

    /** @return the path of the field with this id, or null when the schema has no such field */
    public static TargetPath of(Schema schema, String fieldId) {
        List<Integer> idx = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Field f = find(schema.fields(), fieldId, idx, names);
        if (f == null) {
            return null;
        }
        int[] children = new int[idx.size() - 1];
        for (int i = 1; i < idx.size(); i++) {
            children[i - 1] = idx.get(i);
        }
        return new TargetPath(idx.get(0), children, f, String.join(".", names));
    }

    private static Field find(List<Field> fields, String id, List<Integer> idx, List<String> names) {
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            idx.add(i);
            names.add(f.name());
            if (f.id().equals(id)) {
                return f;
            }
            Field inner = find(f.children(), id, idx, names);
            if (inner != null) {
                return inner;
            }
            idx.remove(idx.size() - 1);
            names.remove(names.size() - 1);
        }
        return null;
    }

    /** @return the value in a target row; null when a record on the way is null */
    public Object get(Object[] row) {
        Object v = row[slot];
        for (int c : children) {
            if (!(v instanceof Object[] rec)) {
                return null;
            }
            v = rec[c];
        }
        return v;
    }

    public Field field() {
        return field;
    }

    /** @return names joined by dots, e.g. {@code address.city} */
    public String displayPath() {
        return displayPath;
    }
}
