package org.mapwright.core;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Connector settings of a source or output: an immutable, key-sorted map whose values are JSON
 * scalars ({@link String}, {@link Long}, {@link java.math.BigDecimal}, {@link Boolean}). Keys are
 * connector-defined and documented by each connector (e.g. {@code path}, {@code delimiter}).
 *
 * <p>Secrets never live here: a connector names a credential key and asks a
 * {@link org.mapwright.core.connector.CredentialStore} for the secret at run time.
 */
public final class Settings {

    private static final Settings EMPTY = new Settings(new TreeMap<>());

    private final Map<String, Object> values;

    private Settings(TreeMap<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public static Settings empty() {
        return EMPTY;
    }

    /** @throws IllegalArgumentException if a value is not a JSON scalar */
    public static Settings of(Map<String, ?> values) {
        TreeMap<String, Object> copy = new TreeMap<>();
        values.forEach((k, v) -> {
            if (v != null) {
                copy.put(k, checkScalar(k, v));
            }
        });
        return new Settings(copy);
    }

    private static Object checkScalar(String key, Object v) {
        if (v instanceof Integer i) {
            return i.longValue();
        }
        if (v instanceof String || v instanceof Long || v instanceof java.math.BigDecimal || v instanceof Boolean) {
            return v;
        }
        throw new IllegalArgumentException("setting '" + key + "' must be text, number or boolean, not " + v.getClass().getSimpleName());
    }

    /** @return all values, sorted by key */
    public Map<String, Object> asMap() {
        return values;
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** @return a copy with {@code key} set; a null value removes the key */
    public Settings with(String key, Object value) {
        TreeMap<String, Object> copy = new TreeMap<>(values);
        if (value == null) {
            copy.remove(key);
        } else {
            copy.put(key, checkScalar(key, value));
        }
        return new Settings(copy);
    }

    public String getString(String key, String defaultValue) {
        Object v = values.get(key);
        return v == null ? defaultValue : v.toString();
    }

    /** @throws IllegalArgumentException if the key is missing */
    public String requireString(String key) {
        Object v = values.get(key);
        if (v == null || v.toString().isEmpty()) {
            throw new IllegalArgumentException("setting '" + key + "' is required");
        }
        return v.toString();
    }

    public long getLong(String key, long defaultValue) {
        Object v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting '" + key + "' must be an integer, not '" + v + "'");
        }
    }

    public boolean getBoolean(String key, boolean defaultValue) {
        Object v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        return Boolean.parseBoolean(v.toString().trim());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Settings s && s.values.equals(values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(values);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
