package org.mapwright.core;

import java.util.List;
import java.util.Objects;

/**
 * Joins a lookup source to the mapping's primary source.
 *
 * @param sourceId  the joined (lookup) source
 * @param kind      inner or left
 * @param keys      pairs of key expressions: {@code left} over the rows so far, {@code right} a field of the lookup
 */
public record JoinDef(String sourceId, Kind kind, List<Key> keys) {

    /** Join semantics. */
    public enum Kind {
        /** Rows without a match are filtered out. */
        INNER,
        /** Rows without a match keep null (or their defaults) for the lookup's fields. */
        LEFT
    }

    /** One equality condition: {@code left = right}. */
    public record Key(String left, String right) {
        public Key {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }
    }

    public JoinDef {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(kind, "kind");
        keys = List.copyOf(keys);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a join needs at least one key");
        }
    }
}
