package org.mapwright.engine;

import java.util.Objects;

/**
 * One thing wrong (or suspicious) in a project, found when compiling a mapping. Problems are
 * values: validation collects all of them at once so the workbench's Problems view and
 * {@code mapwright validate} can show every problem of a project in one go.
 *
 * @param severity whether the problem stops the mapping from running
 * @param message  what is wrong, e.g. {@code "unknown field 'cusotmer_id'"}
 * @param hint     how to fix it, e.g. {@code "did you mean 'customer_id'?"}, or null
 * @param location where the problem is
 */
public record Problem(Severity severity, String message, String hint, Location location) {

    /** How bad a problem is. */
    public enum Severity {
        /** The mapping cannot run until this is fixed. */
        ERROR,
        /** The mapping runs, but probably not as intended. */
        WARNING;

        /** @return the lower-case name used in reports, e.g. {@code "error"} */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Element names used in {@link Location#element()} besides target field ids and rule ids. */
    public static final String FILTER = "filter";
    /** The output filter of a mapping. */
    public static final String OUTPUT_FILTER = "outputFilter";
    /** The primary source of a mapping. */
    public static final String SOURCE = "source";
    /** The mapping as a whole (thresholds, target schema). */
    public static final String MAPPING = "mapping";

    /** @return the element name of the {@code index}th join, e.g. {@code "join[0]"} */
    public static String join(int index) {
        return "join[" + index + "]";
    }

    /** @return the element name of the {@code index}th output, e.g. {@code "output[0]"} */
    public static String output(int index) {
        return "output[" + index + "]";
    }

    /**
     * Where a problem is.
     *
     * @param mappingId the mapping, or null for a project-level problem
     * @param element   the part of the mapping: a target field id, a rule id, {@link #FILTER},
     *                  {@link #OUTPUT_FILTER}, {@link #SOURCE}, {@link #MAPPING}, {@code join[i]},
     *                  {@code join[i].keys[k].left} / {@code .right} (a join key expression) or
     *                  {@code output[i]}; for a project-level problem a source id
     * @param start     offset of the first offending character in the element's expression, or -1
     * @param end       offset after the last offending character, or -1
     */
    public record Location(String mappingId, String element, int start, int end) {

        /** @return a location without expression offsets */
        public static Location of(String mappingId, String element) {
            return new Location(mappingId, element, -1, -1);
        }

        /** @return whether the location points into an expression text */
        public boolean hasRange() {
            return start >= 0;
        }
    }

    public Problem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(location, "location");
    }

    public static Problem error(Location location, String message, String hint) {
        return new Problem(Severity.ERROR, message, hint, location);
    }

    public static Problem warning(Location location, String message, String hint) {
        return new Problem(Severity.WARNING, message, hint, location);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** @return e.g. {@code "error: mapping m1, field f2 [4..9]: unknown field 'x' (did you mean 'y'?)"} */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(severity.id()).append(": ");
        if (location.mappingId() != null) {
            b.append("mapping ").append(location.mappingId());
            if (location.element() != null) {
                b.append(", ");
            }
        }
        if (location.element() != null) {
            b.append(location.element());
        }
        if (location.hasRange()) {
            b.append(" [").append(location.start()).append("..").append(location.end()).append(']');
        }
        b.append(": ").append(message);
        if (hint != null) {
            b.append(" (").append(hint).append(')');
        }
        return b.toString();
    }
}
