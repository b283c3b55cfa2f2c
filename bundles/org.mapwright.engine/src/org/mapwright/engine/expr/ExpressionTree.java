package org.mapwright.engine.expr;

import java.util.List;
import java.util.Objects;

import org.mapwright.core.DataType;

/**
 * The typed tree of a {@link CompiledExpression} as the compiler resolved it, for translating an
 * expression into another execution engine (such as Apache Spark) instead of evaluating it here.
 * Immutable.
 *
 * <p>Everything the compiler decided is explicit: field references are resolved ({@link Field}),
 * overloads are chosen ({@link FunctionCall#signature()}), the conversions it inserted appear as
 * {@link Cast} nodes with {@link Cast#implicit()} set, and constant sub-expressions are folded into
 * {@link Literal}s. Operand types therefore always fit their operator or parameter exactly, so a
 * translator never repeats type checking. Values of literals are the Java classes of
 * {@link DataType#javaType()} (or null).
 *
 * <p>Positions ({@link #start()}, {@link #end()}) are offsets into {@link CompiledExpression#text()};
 * a failing node's text ({@code text.substring(start, end)}) prefixes the reason of an
 * {@link EvaluationException}. Evaluation semantics (nulls, laziness, errors) are those of
 * EXPRESSIONS.md: operands are evaluated left to right, and the first failure ends evaluation.
 */
public sealed interface ExpressionTree {

    /** @return the type of the node's value ({@link DataType#ANY} only for the NULL literal and untyped fields) */
    DataType type();

    /** @return offset of the node's text in the expression */
    int start();

    /** @return offset after the node's text */
    int end();

    /** @return the operands in text order */
    List<ExpressionTree> children();

    /** @return the visitor's result for this node */
    <R> R accept(Visitor<R> visitor);

    /**
     * A visitor over the node kinds.
     *
     * @param <R> the result of a visit
     */
    interface Visitor<R> {
        R literal(Literal node);

        R field(Field node);

        R not(Not node);

        R negate(Negate node);

        R logical(Logical node);

        R comparison(Comparison node);

        R arithmetic(Arithmetic node);

        R concat(Concat node);

        R functionCall(FunctionCall node);

        R aggregate(Aggregate node);

        R caseWhen(Case node);

        R cast(Cast node);

        R in(In node);

        R like(Like node);

        R between(Between node);

        R isNull(IsNull node);
    }

    /** A constant: a literal as written or a folded constant sub-expression. */
    record Literal(DataType type, Object value, int start, int end) implements ExpressionTree {
        public Literal {
            Objects.requireNonNull(type, "type");
        }

        @Override
        public List<ExpressionTree> children() {
            return List.of();
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.literal(this);
        }
    }

    /**
     * A field read. For a {@link FieldRef#repeated()} field the value is the whole list (only
     * allowed as a whole expression or as the list argument of a list function).
     */
    record Field(FieldRef ref, int start, int end) implements ExpressionTree {
        public Field {
            Objects.requireNonNull(ref, "ref");
        }

        @Override
        public DataType type() {
            return ref.type();
        }

        @Override
        public List<ExpressionTree> children() {
            return List.of();
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.field(this);
        }
    }

    /** {@code NOT operand} (three-valued). */
    record Not(ExpressionTree operand, int start, int end) implements ExpressionTree {
        @Override
        public DataType type() {
            return DataType.BOOLEAN;
        }

        @Override
        public List<ExpressionTree> children() {
            return List.of(operand);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.not(this);
        }
    }

    /** {@code -operand} of an integer (overflow fails) or a decimal. */
    record Negate(DataType type, ExpressionTree operand, int start, int end) implements ExpressionTree {
        @Override
        public List<ExpressionTree> children() {
            return List.of(operand);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.negate(this);
        }
    }

    /**
     * {@code AND} or {@code OR}, three-valued; the right operand is evaluated only when the left
     * one does not decide (left not FALSE for AND, not TRUE for OR).
     *
     * @param operator {@code "AND"} or {@code "OR"}
     */
    record Logical(String operator, ExpressionTree left, ExpressionTree right, int start, int end) implements ExpressionTree {
        @Override
        public DataType type() {
            return DataType.BOOLEAN;
        }

        @Override
        public List<ExpressionTree> children() {
            return List.of(left, right);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.logical(this);
        }
    }

    /**
     * A comparison of operands converted to one type (numbers compare by value whatever their
     * scale, text by UTF-16 code units); null when either is null, the right operand not evaluated
     * when the left is null.
     *
     * @param operator one of {@code = <> < <= > >=}
     */
    record Comparison(String operator, ExpressionTree left, ExpressionTree right, int start, int end) implements ExpressionTree {
        @Override
        public DataType type() {
            return DataType.BOOLEAN;
        }

        @Override
        public List<ExpressionTree> children() {
            return List.of(left, right);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.comparison(this);
        }
    }

    /**
     * Binary arithmetic, null when either operand is null (the right one not evaluated when the
     * left is null). The operand types are one of: both integer (integer result, overflow fails),
     * both decimal (exact; {@code /} is always between decimals, to 34 significant digits, half
     * up, without trailing zeros), date {@code +}/{@code -} integer days, integer {@code +} date,
     * date {@code -} date (integer days).
     *
     * @param operator one of {@code + - * / %}
     */
    record Arithmetic(DataType type, String operator, ExpressionTree left, ExpressionTree right, int start, int end)
            implements ExpressionTree {
        @Override
        public List<ExpressionTree> children() {
            return List.of(left, right);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.arithmetic(this);
        }
    }

    /** {@code left || right}: the canonical text of both, null when either is null. */
    record Concat(ExpressionTree left, ExpressionTree right, int start, int end) implements ExpressionTree {
        @Override
        public DataType type() {
            return DataType.TEXT;
        }

        @Override
        public List<ExpressionTree> children() {
            return List.of(left, right);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.concat(this);
        }
    }

    /**
     * A call of a scalar function of the registry.
     *
     * @param function  the primary (lower-case) name, whatever alias was written
     * @param signature the chosen overload; the arguments are converted to its parameter types
     *                  (a list parameter receives a repeated {@link Field})
     * @param arguments the arguments, converted to their parameter types; a parameter of type
     *                  {@code any} takes its argument as it is, and functions that unify such
     *                  arguments ({@code coalesce}, {@code greatest}, {@code if}...) convert them to
     *                  their result {@link #type()} themselves (integer to decimal, date to timestamp)
     * @param strict    whether a null argument gives null without evaluating the later arguments
     *                  or the function; false for functions that document their own null handling
     *                  ({@code coalesce}, {@code concat}, {@code if}...)
     */
    record FunctionCall(DataType type, String function, FunctionInfo.Signature signature, List<ExpressionTree> arguments,
            boolean strict, int start, int end) implements ExpressionTree {
        public FunctionCall {
            Objects.requireNonNull(function, "function");
            arguments = List.copyOf(arguments);
        }

        @Override
        public List<ExpressionTree> children() {
            return arguments;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.functionCall(this);
        }
    }

    /**
     * An aggregate call, computed once per group. {@code count(DISTINCT x)} appears as
     * {@code count_distinct}; {@code count(*)} has no arguments.
     *
     * @param function  the primary (lower-case) name
     * @param index     its position in {@link CompiledExpression#aggregates()}
     * @param arguments the arguments (the value first, then e.g. the literal separator of
     *                  {@code string_agg}); evaluated per row of the group
     */
    record Aggregate(DataType type, String function, int index, List<ExpressionTree> arguments, int start, int end)
            implements ExpressionTree {
        public Aggregate {
            Objects.requireNonNull(function, "function");
            arguments = List.copyOf(arguments);
        }

        @Override
        public List<ExpressionTree> children() {
            return arguments;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.aggregate(this);
        }
    }

    /**
     * A searched CASE ({@code operand} null: the first WHEN that is TRUE) or a simple CASE
     * ({@code operand = when}, null operand matches nothing). Conditions are evaluated in order
     * until one matches; only the chosen result is evaluated. All results have {@link #type()}.
     *
     * @param otherwise the ELSE result, or null (the value is then null when nothing matches)
     */
    record Case(DataType type, ExpressionTree operand, List<ExpressionTree> whens, List<ExpressionTree> thens,
            ExpressionTree otherwise, int start, int end) implements ExpressionTree {
        public Case {
            whens = List.copyOf(whens);
            thens = List.copyOf(thens);
        }

        @Override
        public List<ExpressionTree> children() {
            java.util.ArrayList<ExpressionTree> all = new java.util.ArrayList<>();
            if (operand != null) {
                all.add(operand);
            }
            for (int i = 0; i < whens.size(); i++) {
                all.add(whens.get(i));
                all.add(thens.get(i));
            }
            if (otherwise != null) {
                all.add(otherwise);
            }
            return List.copyOf(all);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.caseWhen(this);
        }
    }

    /**
     * A conversion to {@link #type()}: {@code CAST(operand AS type)} as written, or one the
     * compiler inserted ({@link #implicit()}).
     *
     * @param scale    for {@code CAST(x AS decimal(p, s))}, the scale s to round half up to; else null
     * @param implicit whether the compiler inserted it (widening integer to decimal or date to
     *                 timestamp, an untyped value to the type needed, a value to text)
     * @param coercion true for the lenient conversion of untyped ({@code any}) values and widening:
     *                 values of the type pass, integers widen, text is parsed as source data;
     *                 false for CAST semantics (decimals round half up to integers, numbers to
     *                 booleans...), which the implicit conversion to text uses too
     */
    record Cast(DataType type, ExpressionTree operand, Integer scale, boolean implicit, boolean coercion, int start, int end)
            implements ExpressionTree {
        @Override
        public List<ExpressionTree> children() {
            return List.of(operand);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.cast(this);
        }
    }

    /** {@code operand [NOT] IN (items)}, three-valued; items converted to the operand's type. */
    record In(ExpressionTree operand, List<ExpressionTree> items, boolean negated, int start, int end) implements ExpressionTree {
        public In {
            items = List.copyOf(items);
        }

        @Override
        public DataType type() {
            return DataType.BOOLEAN;
        }

        @Override
        public List<ExpressionTree> children() {
            java.util.ArrayList<ExpressionTree> all = new java.util.ArrayList<>();
            all.add(operand);
            all.addAll(items);
            return List.copyOf(all);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.in(this);
        }
    }

    /**
     * {@code operand [NOT] LIKE|ILIKE pattern [ESCAPE escape]}: the pattern matches the whole text,
     * {@code %} any sequence, {@code _} one character.
     *
     * @param escape the escape text (one character), or null
     */
    record Like(ExpressionTree operand, ExpressionTree pattern, ExpressionTree escape, boolean negated, boolean ignoreCase,
            int start, int end) implements ExpressionTree {
        @Override
        public DataType type() {
            return DataType.BOOLEAN;
        }

        @Override
        public List<ExpressionTree> children() {
            return escape == null ? List.of(operand, pattern) : List.of(operand, pattern, escape);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.like(this);
        }
    }

    /** {@code operand [NOT] BETWEEN low AND high} (bounds included), operands of one type. */
    record Between(ExpressionTree operand, ExpressionTree low, ExpressionTree high, boolean negated, int start, int end)
            implements ExpressionTree {
        @Override
        public DataType type() {
            return DataType.BOOLEAN;
        }

        @Override
        public List<ExpressionTree> children() {
            return List.of(operand, low, high);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.between(this);
        }
    }

    /** {@code operand IS [NOT] NULL}; never null. */
    record IsNull(ExpressionTree operand, boolean negated, int start, int end) implements ExpressionTree {
        @Override
        public DataType type() {
            return DataType.BOOLEAN;
        }

        @Override
        public List<ExpressionTree> children() {
            return List.of(operand);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.isNull(this);
        }
    }
}
