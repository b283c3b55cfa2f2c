package org.mapwright.core;

import java.util.List;
import java.util.Objects;

/**
 * One field of a {@link Schema}. Immutable; the {@code with*} methods return modified copies.
 *
 * <p>The {@link #id()} is stable: it survives renames, retyping and moves, so mappings, drift
 * detection and diffs refer to it rather than to the name. Nested data (JSON objects) uses
 * {@link DataType#RECORD} with {@link #children()}; a {@link #repeated()} field holds a list
 * (a JSON array, a repeating group).
 *
 * @param id        stable identifier, unique within its schema tree, e.g. {@code "f7k2q9xd"}
 * @param name      display and reference name (may contain spaces)
 * @param type      logical type
 * @param nullable  whether null values are allowed
 * @param key       whether the field is part of the primary key
 * @param format    pattern for date/timestamp parsing or formatting (e.g. {@code "dd/MM/yyyy"}), or null
 * @param repeated  whether the field holds a list of values
 * @param children  fields of a RECORD, empty otherwise
 */
public record Field(String id, String name, DataType type, boolean nullable, boolean key,
        String format, boolean repeated, List<Field> children) {

    public Field {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        children = List.copyOf(children == null ? List.of() : children);
        if (!children.isEmpty() && type != DataType.RECORD) {
            throw new IllegalArgumentException("field '" + name + "' has children but is not a record");
        }
    }

    /** A nullable, non-key scalar field without format. */
    public static Field of(String id, String name, DataType type) {
        return new Field(id, name, type, true, false, null, false, List.of());
    }

    public Field withName(String newName) {
        return new Field(id, newName, type, nullable, key, format, repeated, children);
    }

    public Field withType(DataType newType) {
        return new Field(id, name, newType, nullable, key, format, repeated, newType == DataType.RECORD ? children : List.of());
    }

    public Field withNullable(boolean newNullable) {
        return new Field(id, name, type, newNullable, key, format, repeated, children);
    }

    public Field withKey(boolean newKey) {
        return new Field(id, name, type, nullable, newKey, format, repeated, children);
    }

    public Field withFormat(String newFormat) {
        return new Field(id, name, type, nullable, key, newFormat, repeated, children);
    }

    public Field withRepeated(boolean newRepeated) {
        return new Field(id, name, type, nullable, key, format, newRepeated, children);
    }

    public Field withChildren(List<Field> newChildren) {
        return new Field(id, name, type, nullable, key, format, repeated, newChildren);
    }

    /** @return whether this field has nested fields */
    public boolean isRecord() {
        return type == DataType.RECORD;
    }
}
