package org.mapwright.engine.expr;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.mapwright.core.DataType;

/**
 * An expression compiled against a {@link Scope}: field references are resolved to slots,
 * functions and patterns (dates, LIKE, regular expressions) are bound once, constants are folded.
 * Evaluating it does no parsing, reflection or name lookup.
 *
 * <p>Immutable and safe to evaluate from several threads at once. Rows are {@code Object[]} of
 * {@link Scope#slotCount()} values laid out by the scope it was compiled against; each value is
 * null or an instance of its field type's {@link DataType#javaType()} (for {@code any} fields,
 * any of those or a String).
 *
 * <h2>Row-by-row</h2>
 * For an expression that is not {@link #isAggregate()}, call {@link #evaluate(Object[])} per row.
 *
 * <h2>Aggregation (GROUP BY)</h2>
 * An aggregating expression such as {@code round(sum(amount) / count(*), 2)} is evaluated once per
 * group of rows in three steps:
 * <pre>{@code
 * List<AggregateCall> calls = expr.aggregates();        // [sum(amount), count(*)]
 * // per group, when its first row arrives:
 * Accumulator[] acc = new Accumulator[calls.size()];
 * for (int i = 0; i < acc.length; i++) acc[i] = calls.get(i).newAccumulator();
 * Object[] firstRow = row;                              // keep the group's first row
 * // for every row of the group (including the first):
 * for (Accumulator a : acc) a.accumulate(row);          // may throw EvaluationException
 * // when the group is complete:
 * Object[] results = new Object[acc.length];
 * for (int i = 0; i < acc.length; i++) results[i] = acc[i].result();
 * Object value = expr.evaluateGroup(firstRow, results); // round(results[0] / results[1], 2)
 * }</pre>
 * Field references outside aggregate calls (for example a group key in
 * {@code region || ': ' || count(*)}) read the group's first row; they are meant to be group keys.
 * Aggregate calls cannot be nested.
 */
public interface CompiledExpression {

    /** @return the source text it was compiled from */
    String text();

    /**
     * @return the result type; {@link DataType#ANY} only for an expression whose value is the
     *         untyped NULL literal or an {@code any} field
     */
    DataType type();

    /**
     * Evaluates against one row.
     *
     * @param row values laid out by the compile-time scope; not modified
     * @return null or an instance of {@code type().javaType()}
     * @throws EvaluationException when the row's values make evaluation fail (the row is bad, the
     *         expression is fine)
     * @throws IllegalStateException if {@link #isAggregate()}: use {@link #evaluateGroup}
     */
    Object evaluate(Object[] row);

    /**
     * @return every field the expression reads, in order of first appearance, inside and outside
     *         aggregate calls; empty for a constant. The editor draws one mapping line per entry.
     */
    Set<FieldRef> fields();

    /**
     * @return the field when the whole expression is a single field reference (a direct mapping,
     *         possibly in parentheses). When it was compiled for an expected type other than the
     *         field's, {@link #evaluate} converts the value: copy raw values only when
     *         {@code ref.type() == type()}.
     */
    Optional<FieldRef> asFieldReference();

    /** @return whether it contains at least one aggregate function call */
    boolean isAggregate();

    /**
     * @return false when it calls a non-deterministic function ({@code now()}, {@code uuid()}...),
     *         so equal rows can give different values (and the preview may differ from a run)
     */
    boolean isDeterministic();

    /** @return whether the value is the same for every row (no field, no non-deterministic call) */
    boolean isConstant();

    /**
     * @return the aggregate calls in order of appearance; {@code evaluateGroup}'s
     *         {@code aggregateResults} are indexed like this list. Empty when not aggregating.
     */
    List<AggregateCall> aggregates();

    /**
     * Evaluates an aggregating expression for one group.
     *
     * @param firstRow         the group's first row (for field references outside aggregates)
     * @param aggregateResults {@link AggregateCall.Accumulator#result()} of each {@link #aggregates()} entry, in order
     * @throws EvaluationException when the group's values make evaluation fail
     * @throws IllegalArgumentException if the number of results does not match
     */
    Object evaluateGroup(Object[] firstRow, Object[] aggregateResults);

    /**
     * Evaluates the row while recording every sub-expression's value, for the preview's "why this
     * value". Never throws for bad data: a failing sub-expression is recorded with its error.
     * Branches a CASE, IF, COALESCE, AND or OR did not need are recorded as not evaluated.
     *
     * @return the root of the tree; aggregate calls in an aggregating expression are explained
     *         with a null value (use {@link #explainGroup})
     */
    Explanation explain(Object[] row);

    /** Like {@link #explain} for one group of an aggregating expression. */
    Explanation explainGroup(Object[] firstRow, Object[] aggregateResults);

    /**
     * @return the typed tree the expression was compiled into, for engines that translate
     *         expressions rather than evaluate them (conversions explicit, constants folded)
     */
    ExpressionTree tree();
}
