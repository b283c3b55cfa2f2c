package org.mapwright.engine.expr;

import java.util.List;
import java.util.Objects;

/**
 * The fields an expression may reference and where their values sit in the evaluation row.
 * Consulted only while compiling; compiled expressions read pre-resolved slots.
 *
 * <p>{@link RowScope} is the standard implementation; an engine may implement its own (for
 * example over target fields for an output filter).
 */
public interface Scope {

    /**
     * Resolves a dotted reference. The segments are the names as written, unquoted, e.g.
     * {@code ["orders", "customer", "address", "city"]} for
     * {@code orders.customer.address."city"}.
     *
     * @param path at least one segment
     * @return never null: found, not found, or a problem (such as an ambiguous name) described for
     *         the user
     */
    Resolution resolve(List<String> path);

    /**
     * @return every reference a user may write, in display order (qualified forms and, where
     *         unambiguous, unqualified forms, including nested paths); used for "did you mean"
     *         hints and content assist
     */
    List<String> names();

    /** @return the length of the rows compiled expressions are evaluated against */
    int slotCount();

    /**
     * The outcome of {@link Scope#resolve(List)}.
     *
     * @param field   the resolved field, or null
     * @param problem when not resolved for a reason other than "no such name" (ambiguity, a path
     *                through a repeated field...), the reason for the user; else null
     */
    record Resolution(FieldRef field, String problem) {

        private static final Resolution NOT_FOUND = new Resolution(null, null);

        public static Resolution found(FieldRef field) {
            return new Resolution(Objects.requireNonNull(field, "field"), null);
        }

        public static Resolution notFound() {
            return NOT_FOUND;
        }

        public static Resolution failed(String problem) {
            return new Resolution(null, Objects.requireNonNull(problem, "problem"));
        }

        public boolean isFound() {
            return field != null;
        }
    }
}
