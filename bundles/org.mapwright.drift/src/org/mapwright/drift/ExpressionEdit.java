package org.mapwright.drift;

import java.util.Objects;

/**
 * A rewrite of one element of a mapping caused by rebasing: an expression whose field references
 * were re-bound, or a reference rule's field setting.
 *
 * @param mappingId the mapping
 * @param mappingName its name
 * @param element   the element as in {@link org.mapwright.engine.Problem.Location#element()}
 *                  (target field id, {@code filter}, {@code join[i].keys[k].left}, a rule id)
 * @param label     the element for people, e.g. {@code field email}
 * @param before    the text before
 * @param after     the text after
 */
public record ExpressionEdit(String mappingId, String mappingName, String element, String label, String before, String after) {
    public ExpressionEdit {
        Objects.requireNonNull(mappingId, "mappingId");
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }

    /** @return e.g. {@code mapping customers, field email: lower(email) → lower(e_mail)} */
    public String describe() {
        return "mapping " + mappingName + ", " + label + ": " + before + " → " + after;
    }
}
