package org.mapwright.engine.expr;

import java.util.List;

import org.mapwright.core.DataType;

/**
 * One node of an evaluation trace produced by {@link CompiledExpression#explain(Object[])}.
 *
 * @param text      the sub-expression's source text, e.g. {@code upper(name)}
 * @param start     its offset in the expression text
 * @param end       offset after it
 * @param type      its static type
 * @param evaluated false when evaluation did not need this node (an untaken CASE branch, the right
 *                  side of a short-circuited AND/OR, a COALESCE argument after the first non-null)
 * @param value     its value (null when null, failed or not evaluated)
 * @param error     the failure reason when it failed for this row, else null
 * @param children  explanations of its operands in text order
 */
public record Explanation(String text, int start, int end, DataType type, boolean evaluated, Object value,
        String error, List<Explanation> children) {

    public Explanation {
        children = List.copyOf(children == null ? List.of() : children);
    }

    /** @return whether evaluating this node failed */
    public boolean failed() {
        return error != null;
    }
}
