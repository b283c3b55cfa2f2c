package org.mapwright.engine.expr;

import org.mapwright.core.DataType;

/**
 * One aggregate function call inside a {@link CompiledExpression}, e.g. {@code sum(amount)}.
 * See {@link CompiledExpression} for the evaluation protocol. Immutable and thread-safe; its
 * accumulators are not.
 */
public interface AggregateCall {

    /** @return the call's source text, e.g. {@code sum(amount)} */
    String text();

    /** @return the function name in lower case, e.g. {@code sum} */
    String function();

    /** @return the type of {@link Accumulator#result()} */
    DataType type();

    /** @return offset of the call in the expression text */
    int start();

    /** @return offset after the call */
    int end();

    /** @return a fresh accumulator for one group */
    Accumulator newAccumulator();

    /** Accumulates one group. Not thread-safe: use one per group and thread. */
    interface Accumulator {

        /**
         * Adds one row of the group: evaluates the call's argument against it. Rows whose argument
         * is null are ignored, except by {@code count(*)}.
         *
         * @throws EvaluationException when the argument cannot be evaluated for this row or the
         *         running result overflows; the accumulator is unchanged then
         */
        void accumulate(Object[] row);

        /**
         * @return the aggregate over the rows accumulated so far; for an empty group or only null
         *         arguments: 0 for {@code count}, null for the others. May be called repeatedly.
         */
        Object result();
    }
}
