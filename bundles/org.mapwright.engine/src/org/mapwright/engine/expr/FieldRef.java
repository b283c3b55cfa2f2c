package org.mapwright.engine.expr;

import java.util.List;
import java.util.Objects;

import org.mapwright.core.DataType;

/**
 * A field reference resolved by a {@link Scope}: where the value sits in the row an expression is
 * evaluated against, and what it is.
 *
 * <p>A row is an {@code Object[]} of {@link Scope#slotCount()} slots; the value of a top-level
 * field is {@code row[slot]}. For a field nested in RECORD values, {@link #childPath()} lists the
 * child indices to follow: nested values are {@code Object[]} in child order, so
 * {@code customer.address.city} might be {@code ((Object[]) ((Object[]) row[3])[1])[2]}. A null
 * anywhere along the path makes the value null.
 *
 * <p>Two references are equal when they denote the same field of the same source at the same
 * place; the editor draws one mapping line per distinct reference.
 *
 * @param qualifier   the source qualifier the field belongs to (as given to
 *                    {@link RowScope.Builder#add(String, org.mapwright.core.Schema)}), or null
 *                    when the scope has no qualifiers
 * @param fieldId     the stable {@link org.mapwright.core.Field#id()} of the referenced field
 * @param path        display path without qualifier, names joined by dots, e.g.
 *                    {@code "customer.address.city"}
 * @param slot        index of the top-level value in the row
 * @param childPath   child indices below the slot, empty for a top-level field
 * @param type        the field's type; for a repeated field the type of one element
 * @param repeated    whether the field holds a list ({@code java.util.List}) of values
 */
public record FieldRef(String qualifier, String fieldId, String path, int slot, List<Integer> childPath,
        DataType type, boolean repeated) {

    public FieldRef {
        Objects.requireNonNull(fieldId, "fieldId");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        childPath = List.copyOf(childPath == null ? List.of() : childPath);
        if (slot < 0) {
            throw new IllegalArgumentException("negative slot " + slot);
        }
    }

    /** @return {@code qualifier.path} or just the path when there is no qualifier */
    public String qualifiedPath() {
        return qualifier == null || qualifier.isEmpty() ? path : qualifier + "." + path;
    }
}
