package org.mapwright.internal.engine.run;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * Hash keys for joins, unique and reference rules and group-by: values that compare equal in
 * expressions hash equal here, so {@code 1} (integer), {@code 1.0} and {@code 1.00} (decimals)
 * find each other. Composite keys are wrapped in {@link Composite}.
 */
public final class Keys {

    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private Keys() {
    }

    /** @return the hash form of a single value; null stays null (null never matches) */
    public static Object normalize(Object v) {
        if (v instanceof BigDecimal d) {
            BigDecimal s = d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
            if (s.scale() <= 0 && s.compareTo(LONG_MIN) >= 0 && s.compareTo(LONG_MAX) <= 0) {
                return s.longValueExact();
            }
            return s;
        }
        if (v instanceof Integer i) {
            return i.longValue();
        }
        return v;
    }

    /** @return the key of several values, or null when any is null (SQL: null never matches) */
    public static Object composite(Object[] values) {
        Object[] n = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            n[i] = normalize(values[i]);
            if (n[i] == null) {
                return null;
            }
        }
        return new Composite(n);
    }

    /** Several values compared element by element; nulls allowed (group-by keys). */
    public static final class Composite {
        private final Object[] values;
        private final int hash;

        public Composite(Object[] values) {
            this.values = values;
            this.hash = Arrays.deepHashCode(values);
        }

        /** @return the normalized values, not to be modified */
        Object[] values() {
            return values;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Composite c && c.hash == hash && Arrays.deepEquals(c.values, values);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
