package org.mapwright.internal.engine.expr;

import java.util.function.Function;

/**
 * A one-entry cache for values derived from a per-row argument that usually repeats (a pattern
 * or zone taken from a field). Thread-safe: the entry is immutable and published atomically.
 */
final class Memo<V> {

    private record Entry<V>(String key, V value) {
    }

    private final Function<String, V> make;
    private volatile Entry<V> last;

    Memo(Function<String, V> make) {
        this.make = make;
    }

    V get(String key) {
        Entry<V> e = last;
        if (e == null || !e.key.equals(key)) {
            e = new Entry<>(key, make.apply(key));
            last = e;
        }
        return e.value;
    }
}
