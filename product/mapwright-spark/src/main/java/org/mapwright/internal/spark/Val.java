package org.mapwright.internal.spark;

import org.apache.spark.sql.Column;

/**
 * A translated expression: its value and, when evaluating it can fail for a row, the reason
 * (the failing sub-expression's text, a colon and why, as the local engine's
 * {@link org.mapwright.engine.expr.EvaluationException#getMessage()} says it), null when it worked.
 *
 * @param value the value column
 * @param error the error column, or null when the expression never fails
 */
public record Val(Column value, Column error) {

    /** @return a value that never fails */
    public static Val of(Column value) {
        return new Val(value, null);
    }

    public boolean canFail() {
        return error != null;
    }
}
