package org.mapwright.internal.connector.json;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.mapwright.core.DataType;
import org.mapwright.core.Field;

/**
 * A requested schema compiled once for reading: for each object level, member name to value
 * slot. JSON members arrive in any order, so one hash lookup per member is the least a reader
 * can do; everything else is decided here rather than per value.
 */
final class ReadPlan {

    /** Non-object records are read as if they were {@code {"value": ...}}. */
    static final String VALUE_FIELD = "value";

    /** Where one member's value goes. */
    static final class Slot {
        final int index;
        final DataType type;
        final boolean repeated;
        final ReadPlan children;

        Slot(int index, Field field) {
            this.index = index;
            this.type = field.type();
            this.repeated = field.repeated();
            this.children = field.type() == DataType.RECORD ? new ReadPlan(field.children()) : null;
        }
    }

    private final int size;
    private final Map<String, Slot> slots;
    private final Slot valueSlot;

    ReadPlan(List<Field> fields) {
        this.size = fields.size();
        this.slots = new HashMap<>(Math.max(4, fields.size() * 2));
        for (int i = 0; i < fields.size(); i++) {
            slots.put(fields.get(i).name(), new Slot(i, fields.get(i)));
        }
        this.valueSlot = slots.get(VALUE_FIELD);
    }

    int size() {
        return size;
    }

    /** @return the slot of member {@code name}, or null for a member the schema does not ask for */
    Slot slot(String name) {
        return slots.get(name);
    }

    Slot valueSlot() {
        return valueSlot;
    }
}
