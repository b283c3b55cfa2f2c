package org.mapwright.core.connector;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Limits that keep hostile or broken input from exhausting memory; readers report a clear error
 * naming the limit and how to raise it ({@link #hit}) when one is hit. Each has a default and can
 * be set per project ({@code "limits"} in {@code mapwright.json}) and per command
 * ({@code --limit NAME=N}), the command winning.
 *
 * @param maxFieldChars    longest text value of one field
 * @param maxRecordChars   longest record (all fields)
 * @param maxNestingDepth  deepest JSON nesting
 * @param maxNumberChars   longest JSON number literal
 */
public record Limits(int maxFieldChars, int maxRecordChars, int maxNestingDepth, int maxNumberChars) {

    public static final String MAX_FIELD_CHARS = "maxFieldChars";
    public static final String MAX_RECORD_CHARS = "maxRecordChars";
    public static final String MAX_NESTING_DEPTH = "maxNestingDepth";
    public static final String MAX_NUMBER_CHARS = "maxNumberChars";

    /** The names of the limits, in the order of the components. */
    public static final List<String> NAMES = List.of(MAX_FIELD_CHARS, MAX_RECORD_CHARS, MAX_NESTING_DEPTH, MAX_NUMBER_CHARS);

    /** 1 M characters per field, 16 M per record, depth 64, numbers of 1,000 digits. */
    public static final Limits DEFAULTS = new Limits(1 << 20, 1 << 24, 64, 1000);

    /** @throws IllegalArgumentException for a limit below 1 */
    public Limits {
        check(MAX_FIELD_CHARS, maxFieldChars);
        check(MAX_RECORD_CHARS, maxRecordChars);
        check(MAX_NESTING_DEPTH, maxNestingDepth);
        check(MAX_NUMBER_CHARS, maxNumberChars);
    }

    private static void check(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException("limit " + name + " must be at least 1, not " + value);
        }
    }

    /** @return the value of the limit called {@code name} */
    public int get(String name) {
        switch (name) {
            case MAX_FIELD_CHARS:
                return maxFieldChars;
            case MAX_RECORD_CHARS:
                return maxRecordChars;
            case MAX_NESTING_DEPTH:
                return maxNestingDepth;
            case MAX_NUMBER_CHARS:
                return maxNumberChars;
            default:
                throw unknown(name);
        }
    }

    /**
     * @return a copy with the limit called {@code name} set to {@code value}
     * @throws IllegalArgumentException naming the known limits for an unknown name, or for a value
     *         below 1 or above {@link Integer#MAX_VALUE}
     */
    public Limits with(String name, long value) {
        check(name, value);
        if (value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("limit " + name + " must be at most " + Integer.MAX_VALUE + ", not " + value);
        }
        int v = (int) value;
        switch (name) {
            case MAX_FIELD_CHARS:
                return new Limits(v, maxRecordChars, maxNestingDepth, maxNumberChars);
            case MAX_RECORD_CHARS:
                return new Limits(maxFieldChars, v, maxNestingDepth, maxNumberChars);
            case MAX_NESTING_DEPTH:
                return new Limits(maxFieldChars, maxRecordChars, v, maxNumberChars);
            case MAX_NUMBER_CHARS:
                return new Limits(maxFieldChars, maxRecordChars, maxNestingDepth, v);
            default:
                throw unknown(name);
        }
    }

    /** @return a copy with every limit of {@code values} set (see {@link #with}) */
    public Limits with(Map<String, ? extends Number> values) {
        Limits out = this;
        for (Map.Entry<String, ? extends Number> e : values.entrySet()) {
            out = out.with(e.getKey(), e.getValue().longValue());
        }
        return out;
    }

    /** @return the limits that differ from {@link #DEFAULTS}, by name in {@link #NAMES} order */
    public Map<String, Integer> overrides() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String n : NAMES) {
            if (get(n) != DEFAULTS.get(n)) {
                out.put(n, get(n));
            }
        }
        return out;
    }

    /**
     * @return the text readers append when the limit called {@code name} is hit, e.g.
     *         {@code (limit maxFieldChars; raise it with --limit maxFieldChars=N or "limits" in
     *         mapwright.json)}
     */
    public static String hit(String name) {
        return "(limit " + name + "; raise it with --limit " + name + "=N or \"limits\": {\"" + name + "\": N} in mapwright.json)";
    }

    private static IllegalArgumentException unknown(String name) {
        return new IllegalArgumentException("unknown limit '" + name + "' (limits: " + String.join(", ", NAMES) + ")");
    }
}
