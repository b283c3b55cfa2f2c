package org.mapwright.internal.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.mapwright.core.DataType;
import org.mapwright.core.value.Values;
import org.mapwright.engine.expr.ExpressionException;
import org.mapwright.engine.expr.ExpressionTree;
import org.mapwright.engine.expr.ExpressionTree.FunctionCall;
import org.mapwright.engine.expr.ExpressionTree.Literal;
import org.mapwright.engine.expr.FieldRef;

/**
 * Translates one compiled expression ({@link ExpressionTree}) into Spark columns: operators,
 * conditionals, conversions and the functions Spark has an exact equivalent for become native
 * column expressions; the rest (exact decimal arithmetic, functions whose Spark namesake differs)
 * runs as an {@link EvalUdf} over natively computed arguments. Every node also yields the error a
 * row can fail with, following the local engine's evaluation order (left to right, lazy branches,
 * strict functions skip their remaining arguments after a null).
 */
public final class Translator implements ExpressionTree.Visitor<Val> {

    private static final String OVERFLOW = "integer overflow: the result is beyond ±9223372036854775807; use decimals";
    private static final String DIVISION_BY_ZERO = "division by zero";

    private final String text;
    private final Function<FieldRef, Column> fields;
    private final Function<ExpressionTree.Aggregate, Val> aggregates;
    private final TranslationContext context;

    /**
     * @param text       the expression's text (errors quote its parts)
     * @param fields     the column of each field reference
     * @param aggregates the result (and error) of each aggregate call, or null outside a group
     * @param context    the run's clock, lookups and the collected remarks
     */
    public Translator(String text, Function<FieldRef, Column> fields, Function<ExpressionTree.Aggregate, Val> aggregates,
            TranslationContext context) {
        this.text = text;
        this.fields = fields;
        this.aggregates = aggregates;
        this.context = context;
    }

    public Val translate(ExpressionTree tree) {
        return tree.accept(this);
    }

    private String src(ExpressionTree n) {
        return text.substring(n.start(), n.end());
    }

    /** @return an error column: the node's text and the reason */
    private Column fail(ExpressionTree n, String reason) {
        return lit(src(n) + ": " + reason);
    }

    private Column fail(ExpressionTree n, Column reason) {
        return functions.concat(lit(src(n) + ": "), reason);
    }

    /** Errors of strict operands: a later operand counts only when every earlier one is not null. */
    private static Column strictErrors(List<Val> args) {
        List<Column> errs = new ArrayList<>();
        Column guard = null;
        for (Val a : args) {
            if (a.error() != null) {
                errs.add(guard == null ? a.error() : when(guard, a.error()));
            }
            guard = guard == null ? a.value().isNotNull() : guard.and(a.value().isNotNull());
        }
        return Cols.firstError(errs.toArray(new Column[0]));
    }

    private static Column allNotNull(List<Val> args) {
        Column c = lit(true);
        for (Val a : args) {
            c = c.and(a.value().isNotNull());
        }
        return c;
    }

    // ------------------------------------------------------------------ leaves

    @Override
    public Val literal(Literal n) {
        return Val.of(Cols.lit(n.value(), n.type()));
    }

    @Override
    public Val field(ExpressionTree.Field n) {
        return Val.of(fields.apply(n.ref()));
    }

    @Override
    public Val aggregate(ExpressionTree.Aggregate n) {
        if (aggregates == null) {
            throw new IllegalStateException("aggregate `" + src(n) + "` outside a group");
        }
        return aggregates.apply(n);
    }

    // ------------------------------------------------------------------ operators

    @Override
    public Val not(ExpressionTree.Not n) {
        Val v = translate(n.operand());
        return new Val(functions.not(v.value()), v.error());
    }

    @Override
    public Val negate(ExpressionTree.Negate n) {
        if (n.type() == DataType.DECIMAL) {
            return fallback(n);
        }
        Val v = translate(n.operand());
        Column own = when(v.value().equalTo(lit(Long.MIN_VALUE)), fail(n, OVERFLOW));
        return new Val(functions.negate(v.value()), Cols.firstError(v.error(), own));
    }

    @Override
    public Val logical(ExpressionTree.Logical n) {
        Val l = translate(n.left());
        Val r = translate(n.right());
        boolean and = n.operator().equals("AND");
        Column value = and ? l.value().and(r.value()) : l.value().or(r.value());
        Column decided = and ? l.value().equalTo(lit(false)) : l.value().equalTo(lit(true));
        Column rightError = r.error() == null ? null : when(decided.isNull().or(functions.not(decided)), r.error());
        return new Val(value, Cols.firstError(l.error(), rightError));
    }

    @Override
    public Val comparison(ExpressionTree.Comparison n) {
        if (n.left().type() == DataType.DECIMAL) {
            return fallback(n);
        }
        Val l = translate(n.left());
        Val r = translate(n.right());
        Column a = l.value();
        Column b = r.value();
        Column value;
        switch (n.operator()) {
            case "=":
                value = a.equalTo(b);
                break;
            case "<>":
                value = a.notEqual(b);
                break;
            case "<":
                value = a.lt(b);
                break;
            case "<=":
                value = a.leq(b);
                break;
            case ">":
                value = a.gt(b);
                break;
            default:
                value = a.geq(b);
                break;
        }
        return new Val(value, strictErrors(List.of(l, r)));
    }

    @Override
    public Val arithmetic(ExpressionTree.Arithmetic n) {
        DataType lt = n.left().type();
        DataType rt = n.right().type();
        if (lt == DataType.DECIMAL || rt == DataType.DECIMAL) {
            return fallback(n);
        }
        Val l = translate(n.left());
        Val r = translate(n.right());
        Column a = l.value();
        Column b = r.value();
        Column operands = strictErrors(List.of(l, r));
        if (lt == DataType.DATE && rt == DataType.INTEGER) {
            Column days = n.operator().equals("-") ? functions.negate(b) : b;
            return dayShift(n, a, days, operands);
        }
        if (lt == DataType.INTEGER && rt == DataType.DATE) {
            return dayShift(n, b, a, operands);
        }
        if (lt == DataType.DATE && rt == DataType.DATE) {
            return new Val(functions.datediff(a, b).cast(DataTypes.LongType), operands);
        }
        Column value;
        Column overflow;
        switch (n.operator()) {
            case "+":
                value = a.plus(b);
                overflow = a.bitwiseXOR(value).bitwiseAND(b.bitwiseXOR(value)).lt(0);
                break;
            case "-":
                value = a.minus(b);
                overflow = a.bitwiseXOR(b).bitwiseAND(a.bitwiseXOR(value)).lt(0);
                break;
            case "*": {
                value = a.multiply(b);
                Column exact = a.cast(DataTypes.createDecimalType(20, 0)).multiply(b.cast(DataTypes.createDecimalType(20, 0)));
                overflow = exact.gt(lit(Long.MAX_VALUE)).or(exact.lt(lit(Long.MIN_VALUE)));
                break;
            }
            case "%":
                return new Val(a.mod(b), Cols.firstError(operands, when(b.equalTo(0), fail(n, DIVISION_BY_ZERO))));
            default:
                return fallback(n);
        }
        return new Val(value, Cols.firstError(operands, when(overflow, fail(n, OVERFLOW))));
    }

    /** A date moved by a number of days (which Spark takes as an int). */
    private Val dayShift(ExpressionTree n, Column date, Column days, Column operandErrors) {
        Column fits = days.between(lit(-3_000_000L), lit(3_000_000L));
        Column value = when(fits, functions.date_add(date, days.cast(DataTypes.IntegerType)));
        Column own = when(date.isNotNull().and(days.isNotNull()).and(functions.not(fits)), fail(n, "invalid date or time"));
        return new Val(value, Cols.firstError(operandErrors, own));
    }

    @Override
    public Val concat(ExpressionTree.Concat n) {
        Val l = translate(n.left());
        Val r = translate(n.right());
        return new Val(functions.concat(Cols.text(l.value(), n.left().type()), Cols.text(r.value(), n.right().type())),
                strictErrors(List.of(l, r)));
    }

    @Override
    public Val caseWhen(ExpressionTree.Case n) {
        Val operand = n.operand() == null ? null : translate(n.operand());
        List<Val> whens = new ArrayList<>();
        List<Column> conditions = new ArrayList<>();
        for (ExpressionTree w : n.whens()) {
            Val v = translate(w);
            whens.add(v);
            if (operand == null) {
                conditions.add(v.value().equalTo(lit(true)));
            } else {
                conditions.add(equal(operand.value(), v.value(), w.type()));
            }
        }
        List<Val> thens = new ArrayList<>();
        for (ExpressionTree t : n.thens()) {
            thens.add(translate(t));
        }
        Val otherwise = n.otherwise() == null ? null : translate(n.otherwise());
        Column value = null;
        for (int i = 0; i < conditions.size(); i++) {
            value = value == null ? when(conditions.get(i), thens.get(i).value()) : value.when(conditions.get(i), thens.get(i).value());
        }
        if (otherwise != null) {
            value = value.otherwise(otherwise.value());
        }
        boolean canFail = operand != null && operand.canFail() || otherwise != null && otherwise.canFail();
        for (int i = 0; i < whens.size(); i++) {
            canFail |= whens.get(i).canFail() || thens.get(i).canFail();
        }
        if (!canFail) {
            return Val.of(value);
        }
        // The local engine evaluates conditions in order up to the first that holds, then only its result.
        Column error = null;
        if (operand != null && operand.canFail()) {
            error = when(operand.error().isNotNull(), operand.error());
        }
        if (operand != null) {
            Column elseError = otherwise == null ? lit(null).cast("string") : nullSafe(otherwise.error());
            error = error == null ? when(operand.value().isNull(), elseError) : error.when(operand.value().isNull(), elseError);
        }
        for (int i = 0; i < whens.size(); i++) {
            Val w = whens.get(i);
            if (w.canFail()) {
                error = error == null ? when(w.error().isNotNull(), w.error()) : error.when(w.error().isNotNull(), w.error());
            }
            Column thenError = nullSafe(thens.get(i).error());
            error = error == null ? when(conditions.get(i), thenError) : error.when(conditions.get(i), thenError);
        }
        if (otherwise != null && otherwise.canFail()) {
            error = error.otherwise(otherwise.error());
        }
        return new Val(value, error);
    }

    private static Column nullSafe(Column error) {
        return error == null ? lit(null).cast("string") : error;
    }

    /** SQL equality of two values of one type (numbers by value). */
    private Column equal(Column a, Column b, DataType type) {
        if (type == DataType.DECIMAL) {
            return Udfs.decimalKey().apply(a).equalTo(Udfs.decimalKey().apply(b));
        }
        return a.equalTo(b);
    }

    @Override
    public Val cast(ExpressionTree.Cast n) {
        DataType from = n.operand().type();
        DataType to = n.type();
        if (n.scale() != null) {
            return fallback(n);
        }
        if (n.coercion() && from == DataType.ANY) {
            Val v = translate(n.operand());
            if (to == DataType.TEXT || to == DataType.ANY) {
                return v;
            }
            Column parsed = Udfs.parse(v.value(), to, null);
            return new Val(parsed.getField("v"), Cols.firstError(v.error(), when(parsed.getField("e").isNotNull(),
                    fail(n, parsed.getField("e")))));
        }
        if (from == to) {
            return translate(n.operand());
        }
        Column native_ = null;
        Val v = null;
        if (to == DataType.TEXT && from != DataType.ANY && from != DataType.RECORD) {
            v = translate(n.operand());
            native_ = Cols.text(v.value(), from);
        } else if (from == DataType.INTEGER && to == DataType.DECIMAL) {
            v = translate(n.operand());
            native_ = v.value().cast(DataTypes.StringType);
        } else if (from == DataType.DATE && to == DataType.TIMESTAMP) {
            v = translate(n.operand());
            native_ = v.value().cast(DataTypes.TimestampNTZType);
        } else if (from == DataType.TIMESTAMP && to == DataType.DATE) {
            v = translate(n.operand());
            native_ = v.value().cast(DataTypes.DateType);
        } else if (from == DataType.BOOLEAN && to == DataType.INTEGER) {
            v = translate(n.operand());
            native_ = when(v.value(), lit(1L)).when(functions.not(v.value()), lit(0L));
        } else if (from == DataType.BOOLEAN && to == DataType.DECIMAL) {
            v = translate(n.operand());
            native_ = when(v.value(), lit("1")).when(functions.not(v.value()), lit("0"));
        } else if (from == DataType.INTEGER && to == DataType.BOOLEAN) {
            v = translate(n.operand());
            native_ = v.value().notEqual(0L);
        }
        if (native_ == null) {
            return fallback(n);
        }
        return new Val(native_, v.error());
    }

    @Override
    public Val in(ExpressionTree.In n) {
        if (n.operand().type() == DataType.DECIMAL) {
            return fallback(n);
        }
        Val x = translate(n.operand());
        List<Column> items = new ArrayList<>();
        List<Column> errors = new ArrayList<>();
        for (ExpressionTree i : n.items()) {
            Val v = translate(i);
            items.add(v.value());
            if (v.error() != null) {
                errors.add(v.error());
            }
        }
        Column value = x.value().isin(items.toArray());
        if (n.negated()) {
            value = functions.not(value);
        }
        Column itemErrors = errors.isEmpty() ? null : when(x.value().isNotNull(), coalesce(errors.toArray(new Column[0])));
        return new Val(value, Cols.firstError(x.error(), itemErrors));
    }

    @Override
    public Val like(ExpressionTree.Like n) {
        LikeShape shape = LikeShape.of(n);
        if (shape == null) {
            return fallback(n);
        }
        Val x = translate(n.operand());
        Column value;
        switch (shape.kind()) {
            case EQUALS:
                value = x.value().equalTo(lit(shape.literal()));
                break;
            case PREFIX:
                value = x.value().startsWith(shape.literal());
                break;
            case SUFFIX:
                value = x.value().endsWith(shape.literal());
                break;
            default:
                value = x.value().contains(shape.literal());
                break;
        }
        return new Val(n.negated() ? functions.not(value) : value, x.error());
    }

    /**
     * A LIKE pattern Spark matches natively in linear time: a literal text, or one with a {@code %}
     * before and/or after it (case-sensitive, no {@code _}). Others run as a UDF with the local
     * engine's matcher (Spark's LIKE and regular expressions backtrack exponentially on patterns
     * such as {@code %a%a%a%b}).
     */
    record LikeShape(Kind kind, String literal) {
        enum Kind {
            EQUALS, PREFIX, SUFFIX, CONTAINS
        }

        static LikeShape of(ExpressionTree.Like n) {
            if (n.ignoreCase() || !(n.pattern() instanceof Literal p) || !(p.value() instanceof String pattern)) {
                return null;
            }
            char escape = 0;
            if (n.escape() != null) {
                if (!(n.escape() instanceof Literal e) || !(e.value() instanceof String es) || es.length() != 1) {
                    return null;
                }
                escape = es.charAt(0);
            }
            StringBuilder literal = new StringBuilder();
            boolean leading = false;
            boolean trailing = false;
            for (int i = 0; i < pattern.length(); i++) {
                char c = pattern.charAt(i);
                if (escape != 0 && c == escape) {
                    if (i + 1 >= pattern.length() || trailing) {
                        return null;
                    }
                    literal.append(pattern.charAt(++i));
                } else if (c == '_') {
                    return null;
                } else if (c == '%') {
                    if (literal.length() == 0 && !trailing) {
                        leading = true;
                    } else {
                        trailing = true;
                    }
                } else {
                    if (trailing) {
                        return null;
                    }
                    literal.append(c);
                }
            }
            Kind kind = leading && trailing ? Kind.CONTAINS : leading ? Kind.SUFFIX : trailing ? Kind.PREFIX : Kind.EQUALS;
            if (leading && literal.length() == 0) {
                kind = Kind.CONTAINS;
            }
            return new LikeShape(kind, literal.toString());
        }
    }

    @Override
    public Val between(ExpressionTree.Between n) {
        if (n.operand().type() == DataType.DECIMAL) {
            return fallback(n);
        }
        Val x = translate(n.operand());
        Val lo = translate(n.low());
        Val hi = translate(n.high());
        Column value = x.value().geq(lo.value()).and(x.value().leq(hi.value()));
        if (n.negated()) {
            value = functions.not(value);
        }
        Column bounds = Cols.firstError(lo.error(), hi.error());
        return new Val(value, Cols.firstError(x.error(), bounds == null ? null : when(x.value().isNotNull(), bounds)));
    }

    @Override
    public Val isNull(ExpressionTree.IsNull n) {
        Val x = translate(n.operand());
        return new Val(n.negated() ? x.value().isNotNull() : x.value().isNull(), x.error());
    }

    // ------------------------------------------------------------------ functions

    @Override
    public Val functionCall(FunctionCall n) {
        if (n.function().equals("lookup")) {
            return context.lookup(n, this);
        }
        if (n.function().equals("now")) {
            return Val.of(Cols.lit(LocalDateTime.now(context.clock()), DataType.TIMESTAMP));
        }
        if (n.function().equals("today")) {
            return Val.of(Cols.lit(LocalDate.now(context.clock()), DataType.DATE));
        }
        if (!NativeFunctions.applies(n)) {
            return fallback(n);
        }
        List<Val> args = new ArrayList<>();
        for (ExpressionTree a : n.arguments()) {
            args.add(translate(a));
        }
        return NativeFunctions.translate(n, args, this);
    }

    /** @return an error column for a function's own failure (see {@link NativeFunctions}) */
    Column ownError(ExpressionTree n, String reason) {
        return fail(n, reason);
    }

    Column ownError(ExpressionTree n, Column reason) {
        return fail(n, reason);
    }

    static Column strict(List<Val> args) {
        return strictErrors(args);
    }

    static Column notNull(List<Val> args) {
        return allNotNull(args);
    }

    // ------------------------------------------------------------------ fallback

    /**
     * @return whether translating the node natively is impossible, so it runs in an {@link EvalUdf}
     *         (and is rewritten into the expression of its nearest such ancestor)
     */
    boolean needsFallback(ExpressionTree n) {
        if (n instanceof ExpressionTree.Arithmetic a) {
            return a.left().type() == DataType.DECIMAL || a.right().type() == DataType.DECIMAL;
        }
        if (n instanceof ExpressionTree.Negate || n instanceof ExpressionTree.Comparison || n instanceof ExpressionTree.In
                || n instanceof ExpressionTree.Between) {
            return n.children().get(0).type() == DataType.DECIMAL;
        }
        if (n instanceof ExpressionTree.Cast c) {
            return c.scale() != null || !nativeCast(c);
        }
        if (n instanceof FunctionCall f) {
            return !f.function().equals("lookup") && !f.function().equals("now") && !f.function().equals("today")
                    && !NativeFunctions.applies(f);
        }
        if (n instanceof ExpressionTree.Like l) {
            return LikeShape.of(l) == null;
        }
        return false;
    }

    private static boolean nativeCast(ExpressionTree.Cast n) {
        DataType from = n.operand().type();
        DataType to = n.type();
        if (n.coercion() && from == DataType.ANY || from == to) {
            return true;
        }
        return to == DataType.TEXT && from != DataType.ANY && from != DataType.RECORD
                || from == DataType.INTEGER && (to == DataType.DECIMAL || to == DataType.BOOLEAN)
                || from == DataType.DATE && to == DataType.TIMESTAMP || from == DataType.TIMESTAMP && to == DataType.DATE
                || from == DataType.BOOLEAN && (to == DataType.INTEGER || to == DataType.DECIMAL);
    }

    /** Translates the node by rewriting it (and its fallback descendants) for an {@link EvalUdf}. */
    private Val fallback(ExpressionTree n) {
        Rewrite r = new Rewrite();
        r.render(n, true);
        EvalUdf f = new EvalUdf(r.out.toString(), r.types, n.type(), r.spans, r.originals);
        try {
            f.compile();
        } catch (ExpressionException e) {
            throw new IllegalStateException("cannot run `" + src(n) + "` on Spark: its rewriting `" + f.text() + "` does not compile: "
                    + e.getMessage(), e);
        }
        Column result = udf(f, f.resultType()).apply(r.args.isEmpty() ? struct(lit(0)) : struct(r.args.toArray(new Column[0])));
        List<Column> errors = new ArrayList<>(r.errors);
        errors.add(result.getField("e"));
        return new Val(result.getField("v"), Cols.firstError(errors.toArray(new Column[0])));
    }

    /** The text of a rewritten sub-tree with its native parts as arguments {@code a0, a1, ...}. */
    private final class Rewrite {
        final StringBuilder out = new StringBuilder();
        final List<Column> args = new ArrayList<>();
        final List<Column> errors = new ArrayList<>();
        final List<DataType> types = new ArrayList<>();
        final List<int[]> spans = new ArrayList<>();
        final List<String> originals = new ArrayList<>();

        void render(ExpressionTree n, boolean root) {
            if (n instanceof Literal l) {
                out.append(literalText(l));
                return;
            }
            if (!root && !needsFallback(n)) {
                argument(n);
                return;
            }
            int start = out.length();
            if (n instanceof ExpressionTree.Arithmetic a) {
                out.append('(');
                render(a.left(), false);
                out.append(' ').append(a.operator()).append(' ');
                render(a.right(), false);
                out.append(')');
            } else if (n instanceof ExpressionTree.Negate neg) {
                out.append("(-");
                render(neg.operand(), false);
                out.append(')');
            } else if (n instanceof ExpressionTree.Comparison c) {
                out.append('(');
                render(c.left(), false);
                out.append(' ').append(c.operator()).append(' ');
                render(c.right(), false);
                out.append(')');
            } else if (n instanceof ExpressionTree.Cast c) {
                out.append("CAST(");
                render(c.operand(), false);
                out.append(" AS ").append(c.scale() == null ? c.type().id() : "decimal(38, " + c.scale() + ")").append(')');
            } else if (n instanceof ExpressionTree.In in) {
                out.append('(');
                render(in.operand(), false);
                out.append(in.negated() ? " NOT IN (" : " IN (");
                for (int i = 0; i < in.items().size(); i++) {
                    out.append(i > 0 ? ", " : "");
                    render(in.items().get(i), false);
                }
                out.append("))");
            } else if (n instanceof ExpressionTree.Between b) {
                out.append('(');
                render(b.operand(), false);
                out.append(b.negated() ? " NOT BETWEEN " : " BETWEEN ");
                render(b.low(), false);
                out.append(" AND ");
                render(b.high(), false);
                out.append(')');
            } else if (n instanceof ExpressionTree.Like l) {
                out.append('(');
                render(l.operand(), false);
                out.append(l.negated() ? " NOT " : " ").append(l.ignoreCase() ? "ILIKE " : "LIKE ");
                render(l.pattern(), false);
                if (l.escape() != null) {
                    out.append(" ESCAPE ");
                    render(l.escape(), false);
                }
                out.append(')');
            } else if (n instanceof FunctionCall f) {
                context.ranAsUdf(f.function(), f);
                out.append(f.function()).append('(');
                for (int i = 0; i < f.arguments().size(); i++) {
                    out.append(i > 0 ? ", " : "");
                    render(f.arguments().get(i), false);
                }
                out.append(')');
            } else {
                argument(n);
                return;
            }
            spans.add(new int[] {start, out.length()});
            originals.add(src(n));
        }

        private void argument(ExpressionTree n) {
            if (n.type() == DataType.RECORD || n instanceof ExpressionTree.Field f && f.ref().repeated()) {
                throw new IllegalStateException("`" + src(n) + "` is a " + (n.type() == DataType.RECORD ? "record" : "list")
                        + " and cannot be passed to a function run as a UDF");
            }
            Val v = translate(n);
            out.append('a').append(args.size());
            args.add(v.value());
            types.add(n.type() == DataType.ANY ? DataType.TEXT : n.type());
            if (v.error() != null) {
                errors.add(v.error());
            }
        }
    }

    /** @return a literal as expression text that compiles to the same typed constant */
    static String literalText(Literal l) {
        Object v = l.value();
        DataType t = l.type();
        if (v == null) {
            return t == DataType.ANY ? "NULL" : "CAST(NULL AS " + t.id() + ")";
        }
        switch (t) {
            case TEXT: case ANY:
                return "'" + Values.format(v).replace("'", "''") + "'";
            case INTEGER:
                long x = (Long) v;
                return x == Long.MIN_VALUE ? "(-9223372036854775807 - 1)" : x < 0 ? "(" + x + ")" : Long.toString(x);
            case DECIMAL: {
                String s = ((BigDecimal) v).toString();
                String body = s.startsWith("-") ? s.substring(1) : s;
                String lit = body.indexOf('.') < 0 && body.toUpperCase(Locale.ROOT).indexOf('E') < 0 ? "CAST(" + body + " AS decimal)" : body;
                return s.startsWith("-") ? "(-" + lit + ")" : lit;
            }
            case BOOLEAN:
                return ((Boolean) v) ? "TRUE" : "FALSE";
            case DATE:
                return "DATE '" + v + "'";
            case TIMESTAMP:
                return "TIMESTAMP '" + Values.format(v) + "'";
            default:
                throw new IllegalStateException("no literal text for " + t.id());
        }
    }
}
