package org.mapwright.internal.engine.expr;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.mapwright.core.DataType;
import org.mapwright.engine.expr.CompiledExpression;
import org.mapwright.engine.expr.CompilerOptions;
import org.mapwright.engine.expr.ExpressionException;
import org.mapwright.engine.expr.FieldRef;
import org.mapwright.engine.expr.FunctionInfo;
import org.mapwright.engine.expr.FunctionInfo.Param;
import org.mapwright.engine.expr.FunctionRegistry;
import org.mapwright.engine.expr.Scope;

/**
 * Compiles one expression: parse, then a single pass over the syntax tree that resolves names,
 * checks types, inserts conversions, binds functions and folds constants, producing evaluator
 * nodes. Not thread-safe; one instance per compilation.
 */
public final class Compiler {

    private static final Object[] NO_ROW = new Object[0];

    private final FunctionRegistry functions;
    private final CompilerOptions options;
    private final Scope scope;
    private final int slotCount;
    private String text;
    private final Set<FieldRef> fields = new LinkedHashSet<>();
    private final List<AggregateCallImpl> aggregates = new ArrayList<>();
    private boolean deterministic = true;
    private Ast.Call insideAggregate;
    private final TreeBuilder trees = new TreeBuilder();

    public Compiler(FunctionRegistry functions, CompilerOptions options, Scope scope) {
        this.functions = functions;
        this.options = options;
        this.scope = scope;
        this.slotCount = scope.slotCount();
    }

    public CompiledExpression compile(String source, DataType expected) throws ExpressionException {
        this.text = source;
        Ast ast = Parser.parse(source);
        Node root = node(ast);
        while (ast instanceof Ast.Call c && c.name.equals("()")) {
            ast = c.args.get(0);
        }
        FieldRef direct = null;
        if (ast instanceof Ast.Ref && fields.size() == 1) {
            direct = fields.iterator().next();
        }
        root = expect(root, expected, ast);
        return new Compiled(source, root, fields, aggregates, slotCount, deterministic, direct, trees.describe(root));
    }

    // ---------------------------------------------------------------- errors

    private ExpressionException error(String reason, String hint, int start, int end) {
        return new ExpressionException(text, reason, hint, null, start, end);
    }

    private String src(Ast a) {
        return text.substring(a.start, a.end);
    }

    private String quote(Ast a) {
        String s = src(a);
        return "`" + (s.length() > 40 ? s.substring(0, 37) + "..." : s) + "`";
    }

    private Node at(Node n, Ast a) {
        return n.at(text, a.start, a.end);
    }

    // ---------------------------------------------------------------- conversions

    private static DataType unify(DataType a, DataType b) {
        if (a == b) {
            return a;
        }
        if (a == DataType.ANY) {
            return b;
        }
        if (b == DataType.ANY) {
            return a;
        }
        if (a.isNumeric() && b.isNumeric()) {
            return DataType.DECIMAL;
        }
        if (isTemporal(a) && isTemporal(b)) {
            return DataType.TIMESTAMP;
        }
        return null;
    }

    private static boolean isTemporal(DataType t) {
        return t == DataType.DATE || t == DataType.TIMESTAMP;
    }

    /** Whether a value of {@code from} may be used where {@code to} is needed without CAST. */
    private static boolean widens(DataType from, DataType to) {
        return from == to || to == DataType.ANY || from == DataType.ANY
                || from == DataType.INTEGER && to == DataType.DECIMAL
                || from == DataType.DATE && to == DataType.TIMESTAMP;
    }

    /** Converts a node to a type it {@link #widens} to. */
    private Node convert(Node n, DataType to) {
        if (n.type == to || to == DataType.ANY) {
            return n;
        }
        Node out;
        if (n instanceof Node.Const c) {
            if (c.value == null) {
                out = new Node.Const(to, null);
            } else if (n.type == DataType.INTEGER && to == DataType.DECIMAL) {
                out = new Node.Const(to, BigDecimal.valueOf((Long) c.value));
            } else if (n.type == DataType.DATE && to == DataType.TIMESTAMP) {
                out = new Node.Const(to, ((LocalDate) c.value).atStartOfDay());
            } else {
                out = new Ops.Convert(to, n, false, null);
            }
        } else {
            out = new Ops.Convert(to, n, false, null);
        }
        return out.at(text, n.start, n.end);
    }

    private Node expect(Node n, DataType expected, Ast a) throws ExpressionException {
        if (expected == DataType.ANY || n.type == expected) {
            return n;
        }
        if (widens(n.type, expected) && !(n.type == DataType.ANY && expected == DataType.RECORD)) {
            return convert(n, expected);
        }
        if (expected == DataType.TEXT && n.type != DataType.RECORD) {
            Ops.Convert toText = new Ops.Convert(DataType.TEXT, n, true, null);
            toText.implicit = true;
            return toText.at(text, n.start, n.end);
        }
        String hint;
        if (n.type == DataType.DECIMAL && expected == DataType.INTEGER) {
            hint = "round it half up: to_integer(" + src(a) + ")";
        } else if (n.type == DataType.TEXT && expected != DataType.RECORD) {
            hint = "convert it: CAST(" + src(a) + " AS " + expected.id() + ")"
                    + (isTemporal(expected) ? " or parse_" + expected.id() + "(" + src(a) + ", 'pattern')" : "");
        } else if (n.type == DataType.TIMESTAMP && expected == DataType.DATE) {
            hint = "drop the time: CAST(" + src(a) + " AS date)";
        } else {
            hint = Conv.castable(n.type, expected) ? "convert it: CAST(" + src(a) + " AS " + expected.id() + ")" : null;
        }
        throw error("expected " + expected.id() + " but the expression gives " + n.type.id(), hint, a.start, a.end);
    }

    private Node scalar(Node n, Ast a) throws ExpressionException {
        if (n.repeated) {
            throw error(quote(a) + " is a list (a repeated field)",
                    "use list_join(" + src(a) + ", ', '), list_item(" + src(a) + ", 1) or list_size(" + src(a) + ")",
                    a.start, a.end);
        }
        if (n.type == DataType.RECORD) {
            throw error(quote(a) + " is a record", "refer to one of its fields: " + src(a) + ".name", a.start, a.end);
        }
        return n;
    }

    private Node requireBoolean(Node n, Ast a, String context) throws ExpressionException {
        scalar(n, a);
        if (n.type == DataType.BOOLEAN) {
            return n;
        }
        if (n.type == DataType.ANY) {
            return convert(n, DataType.BOOLEAN);
        }
        throw error(context + " needs a boolean but " + quote(a) + " is " + n.type.id(),
                n.type == DataType.TEXT || n.type.isNumeric() ? "compare it, e.g. " + src(a) + " = ..." : null, a.start, a.end);
    }

    /** Folds a node whose operands are all constants, unless evaluating it fails for the data. */
    private Node fold(Node n) {
        if (!n.foldable() || n instanceof Node.Const) {
            return n;
        }
        for (Node c : n.children()) {
            if (!(c instanceof Node.Const)) {
                return n;
            }
        }
        try {
            Object v = n.eval(NO_ROW);
            return new Node.Const(n.type, v).at(text, n.start, n.end);
        } catch (RuntimeException e) {
            if (Node.isDataFailure(e)) {
                return n;
            }
            throw e;
        }
    }

    // ---------------------------------------------------------------- tree walk

    private Node node(Ast a) throws ExpressionException {
        Node n;
        if (a instanceof Ast.Lit lit) {
            n = new Node.Const(lit.type, lit.value);
        } else if (a instanceof Ast.Ref ref) {
            return reference(ref);
        } else if (a instanceof Ast.Unary u) {
            n = unary(u);
        } else if (a instanceof Ast.Binary b) {
            n = binary(b);
        } else if (a instanceof Ast.Call c) {
            if (c.name.equals("()")) {
                Node inner = node(c.args.get(0));
                inner.start = c.start;
                inner.end = c.end;
                return inner;
            }
            n = call(c);
        } else if (a instanceof Ast.Case c) {
            n = caseExpr(c);
        } else if (a instanceof Ast.Cast c) {
            n = cast(c);
        } else if (a instanceof Ast.In in) {
            n = in(in);
        } else if (a instanceof Ast.Like like) {
            n = like(like);
        } else if (a instanceof Ast.Between b) {
            n = between(b);
        } else if (a instanceof Ast.IsNull isNull) {
            n = new Ops.IsNull(node(isNull.operand), isNull.not);
        } else {
            throw new IllegalStateException("unknown syntax node " + a.getClass());
        }
        return fold(at(n, a));
    }

    private Node reference(Ast.Ref ref) throws ExpressionException {
        Scope.Resolution r = scope.resolve(ref.segments);
        if (r.problem() != null) {
            throw error(r.problem(), null, ref.start, ref.end);
        }
        if (!r.isFound()) {
            if (ref.segments.size() == 1 && !ref.anyQuoted) {
                String name = ref.segments.get(0).toLowerCase(Locale.ROOT);
                if ((name.equals("current_date") || name.equals("current_timestamp")) && functions.find(name).isPresent()) {
                    return call(new Ast.Call(ref.start, ref.end, name, ref.end, List.of(), false, false));
                }
            }
            String written = src(ref);
            String suggestion = Suggest.closest(written, scope.names());
            if (suggestion == null && ref.segments.size() > 1) {
                suggestion = Suggest.closest(ref.segments.get(ref.segments.size() - 1), scope.names());
            }
            String hint;
            if (suggestion != null) {
                hint = "did you mean `" + suggestion + "`?";
            } else if (ref.anyQuoted && ref.segments.size() == 1 && text.charAt(ref.start) == '"') {
                suggestion = "'" + ref.segments.get(0).replace("'", "''") + "'";
                hint = "text is written in single quotes: " + suggestion;
            } else {
                hint = scope.names().isEmpty() ? "there are no fields here" : null;
            }
            throw new ExpressionException(text, "unknown field `" + written + "`", hint, suggestion, ref.start, ref.end);
        }
        FieldRef f = r.field();
        fields.add(f);
        Node n;
        if (f.childPath().isEmpty()) {
            n = new Node.Slot(f.type(), f.slot());
        } else {
            int[] path = new int[f.childPath().size()];
            for (int i = 0; i < path.length; i++) {
                path[i] = f.childPath().get(i);
            }
            n = new Node.Nested(f.type(), f.slot(), path);
        }
        n.repeated = f.repeated();
        trees.label(n, new TreeBuilder.FieldLabel(f));
        return at(n, ref);
    }

    private Node unary(Ast.Unary u) throws ExpressionException {
        Node operand = node(u.operand);
        if (u.op.equals("NOT")) {
            return new Ops.Not(requireBoolean(operand, u.operand, "NOT"));
        }
        scalar(operand, u.operand);
        if (operand.type == DataType.ANY) {
            operand = convert(operand, DataType.DECIMAL);
        }
        if (!operand.type.isNumeric()) {
            throw error("unary `" + u.op + "` needs a number but " + quote(u.operand) + " is " + operand.type.id(), null,
                    u.start, u.end);
        }
        if (u.op.equals("+")) {
            return operand;
        }
        Node negated = operand.type == DataType.INTEGER
                ? new Node.Call1(DataType.INTEGER, x -> Math.negateExact((Long) x), operand)
                : new Node.Call1(DataType.DECIMAL, x -> ((BigDecimal) x).negate(), operand);
        trees.label(negated, new TreeBuilder.OperatorLabel("neg"));
        return negated;
    }

    private Node binary(Ast.Binary b) throws ExpressionException {
        Node l = node(b.left);
        Node r = node(b.right);
        switch (b.op) {
            case "AND":
                return new Ops.And(requireBoolean(l, b.left, "AND"), requireBoolean(r, b.right, "AND"));
            case "OR":
                return new Ops.Or(requireBoolean(l, b.left, "OR"), requireBoolean(r, b.right, "OR"));
            case "||":
                return new Ops.Concat(scalar(l, b.left), scalar(r, b.right));
            case "=": case "<>": case "<": case "<=": case ">": case ">=":
                Node[] both = comparable(l, b.left, r, b.right, "compare");
                return new Ops.Compare(Ops.compareOp(b.op), both[0], both[1]);
            default:
                Node result = arithmetic(b, scalar(l, b.left), scalar(r, b.right));
                trees.label(result, new TreeBuilder.OperatorLabel(b.op));
                return result;
        }
    }

    /** Checks that two operands can be compared and converts them to a common type. */
    private Node[] comparable(Node l, Ast la, Node r, Ast ra, String verb) throws ExpressionException {
        scalar(l, la);
        scalar(r, ra);
        DataType common = unify(l.type, r.type);
        if (common == null) {
            throw error("cannot " + verb + " " + l.type.id() + " " + quote(la) + " with " + r.type.id() + " " + quote(ra),
                    "convert one side, e.g. CAST(" + src(l.type == DataType.TEXT ? la : ra) + " AS "
                            + (l.type == DataType.TEXT ? r.type : l.type).id() + ")",
                    la.start, ra.end);
        }
        return new Node[] {convert(l, common), convert(r, common)};
    }

    private Node arithmetic(Ast.Binary b, Node l, Node r) throws ExpressionException {
        String op = b.op;
        // An untyped value may hold any number, so it is read as a decimal; the NULL literal
        // takes the other operand's type so `qty + NULL` stays an integer.
        if (l.type == DataType.ANY) {
            l = convert(l, r.type == DataType.DATE && !op.equals("-") ? DataType.INTEGER
                    : isNullLiteral(l) && r.type.isNumeric() ? r.type : DataType.DECIMAL);
        }
        if (r.type == DataType.ANY) {
            r = convert(r, l.type == DataType.DATE ? DataType.INTEGER
                    : isNullLiteral(r) && l.type.isNumeric() ? l.type : DataType.DECIMAL);
        }
        DataType lt = l.type;
        DataType rt = r.type;
        if (lt == DataType.DATE && rt == DataType.INTEGER && (op.equals("+") || op.equals("-"))) {
            boolean minus = op.equals("-");
            return new Node.Call2(DataType.DATE,
                    (x, y) -> ((LocalDate) x).plusDays(minus ? Math.negateExact((Long) y) : (Long) y), l, r, true);
        }
        if (lt == DataType.INTEGER && rt == DataType.DATE && op.equals("+")) {
            return new Node.Call2(DataType.DATE, (x, y) -> ((LocalDate) y).plusDays((Long) x), l, r, true);
        }
        if (lt == DataType.DATE && rt == DataType.DATE && op.equals("-")) {
            return new Node.Call2(DataType.INTEGER,
                    (x, y) -> ((LocalDate) y).until((LocalDate) x, java.time.temporal.ChronoUnit.DAYS), l, r, true);
        }
        if (!lt.isNumeric() || !rt.isNumeric()) {
            String hint = op.equals("+") && (lt == DataType.TEXT || rt == DataType.TEXT) ? "join text with `||`"
                    : isTemporal(lt) || isTemporal(rt) ? "use add_days, add_months or date_diff" : null;
            throw error("cannot apply `" + op + "` to " + lt.id() + " and " + rt.id(), hint, b.opStart, b.opEnd);
        }
        boolean integers = lt == DataType.INTEGER && rt == DataType.INTEGER;
        if (op.equals("/")) {
            return new Node.Call2(DataType.DECIMAL, NumberFunctions::divide, convert(l, DataType.DECIMAL),
                    convert(r, DataType.DECIMAL), true);
        }
        if (integers) {
            Fn.F2 f;
            switch (op) {
                case "+":
                    f = (x, y) -> Math.addExact((Long) x, (Long) y);
                    break;
                case "-":
                    f = (x, y) -> Math.subtractExact((Long) x, (Long) y);
                    break;
                case "*":
                    f = (x, y) -> Math.multiplyExact((Long) x, (Long) y);
                    break;
                default:
                    f = NumberFunctions::modLong;
                    break;
            }
            return new Node.Call2(DataType.INTEGER, f, l, r, true);
        }
        Fn.F2 f;
        switch (op) {
            case "+":
                f = (x, y) -> ((BigDecimal) x).add((BigDecimal) y);
                break;
            case "-":
                f = (x, y) -> ((BigDecimal) x).subtract((BigDecimal) y);
                break;
            case "*":
                f = (x, y) -> ((BigDecimal) x).multiply((BigDecimal) y);
                break;
            default:
                f = NumberFunctions::modDecimal;
                break;
        }
        return new Node.Call2(DataType.DECIMAL, f, convert(l, DataType.DECIMAL), convert(r, DataType.DECIMAL), true);
    }

    private static boolean isNullLiteral(Node n) {
        return n instanceof Node.Const c && c.value == null;
    }

    private Node caseExpr(Ast.Case c) throws ExpressionException {
        Node operand = c.operand == null ? null : scalar(node(c.operand), c.operand);
        Node[] whens = new Node[c.whens.size()];
        Node[] thens = new Node[c.thens.size()];
        DataType common = DataType.ANY;
        Ast firstTyped = null;
        for (int i = 0; i < whens.length; i++) {
            Ast wa = c.whens.get(i);
            Node w = node(wa);
            if (operand == null) {
                whens[i] = requireBoolean(w, wa, "WHEN");
            } else {
                Node[] pair = comparable(operand, c.operand, w, wa, "compare CASE value");
                operand = pair[0];
                whens[i] = pair[1];
            }
            Ast ta = c.thens.get(i);
            thens[i] = scalar(node(ta), ta);
            DataType u = unify(common, thens[i].type);
            if (u == null) {
                throw branchError(firstTyped, common, ta, thens[i].type);
            }
            if (firstTyped == null && thens[i].type != DataType.ANY) {
                firstTyped = ta;
            }
            common = u;
        }
        Node otherwise = null;
        if (c.otherwise != null) {
            otherwise = scalar(node(c.otherwise), c.otherwise);
            DataType u = unify(common, otherwise.type);
            if (u == null) {
                throw branchError(firstTyped, common, c.otherwise, otherwise.type);
            }
            common = u;
        }
        if (operand != null) {
            DataType keyType = operand.type;
            for (Node w : whens) {
                keyType = unify(keyType, w.type);
            }
            operand = convert(operand, keyType);
            for (int i = 0; i < whens.length; i++) {
                whens[i] = convert(whens[i], keyType);
            }
        }
        for (int i = 0; i < thens.length; i++) {
            thens[i] = convert(thens[i], common);
        }
        if (otherwise != null) {
            otherwise = convert(otherwise, common);
        }
        return new Ops.Case(common, operand, whens, thens, otherwise);
    }

    private ExpressionException branchError(Ast first, DataType firstType, Ast bad, DataType badType) {
        return error("CASE results must have one type, but " + (first == null ? "an earlier result" : quote(first)) + " is "
                + firstType.id() + " and " + quote(bad) + " is " + badType.id(),
                "convert one of them, e.g. to_text(" + src(bad) + ")", bad.start, bad.end);
    }

    private Node cast(Ast.Cast c) throws ExpressionException {
        Node operand = scalar(node(c.operand), c.operand);
        DataType to;
        try {
            to = DataType.parse(c.typeName);
        } catch (IllegalArgumentException e) {
            String s = Suggest.closest(c.typeName, List.of("text", "integer", "decimal", "boolean", "date", "timestamp"));
            throw new ExpressionException(text, "unknown type `" + c.typeName + "`",
                    s != null ? "did you mean `" + s + "`?" : "use text, integer, decimal, boolean, date or timestamp", s,
                    c.typeStart, c.typeEnd);
        }
        if (to == DataType.RECORD || to == DataType.ANY) {
            throw error("cannot CAST to " + to.id(), "use text, integer, decimal, boolean, date or timestamp", c.typeStart,
                    c.typeEnd);
        }
        if (!Conv.castable(operand.type, to)) {
            throw error("cannot CAST " + operand.type.id() + " to " + to.id(), null, c.start, c.end);
        }
        Integer scale = to == DataType.DECIMAL ? c.scale : null;
        if (scale != null && scale > Conv.MAX_SCALE) {
            throw error("scale " + scale + " is too large", "use at most " + Conv.MAX_SCALE + " decimal places", c.typeStart, c.end);
        }
        if (operand.type == to && scale == null) {
            return operand;
        }
        return new Ops.Convert(to, operand, true, scale);
    }

    private Node in(Ast.In in) throws ExpressionException {
        Node operand = scalar(node(in.operand), in.operand);
        Node[] items = new Node[in.items.size()];
        DataType common = operand.type;
        for (int i = 0; i < items.length; i++) {
            Ast ia = in.items.get(i);
            items[i] = scalar(node(ia), ia);
            DataType u = unify(common, items[i].type);
            if (u == null) {
                throw error("cannot compare " + operand.type.id() + " " + quote(in.operand) + " with " + items[i].type.id()
                        + " " + quote(ia), null, ia.start, ia.end);
            }
            common = u;
        }
        operand = convert(operand, common);
        for (int i = 0; i < items.length; i++) {
            items[i] = convert(items[i], common);
        }
        return new Ops.In(operand, items, in.not);
    }

    private Node like(Ast.Like like) throws ExpressionException {
        Node operand = requireText(node(like.operand), like.operand, "LIKE");
        Node pattern = requireText(node(like.pattern), like.pattern, "LIKE");
        Node escape = like.escape == null ? null : requireText(node(like.escape), like.escape, "ESCAPE");
        Ops.LikeMatcher fixed = null;
        if (pattern instanceof Node.Const pc && pc.value != null
                && (escape == null || escape instanceof Node.Const ec && ec.value != null)) {
            try {
                char esc = escape == null ? 0 : Ops.Like.escapeChar((String) ((Node.Const) escape).value);
                fixed = Ops.likeMatcher((String) pc.value, esc, like.ignoreCase);
            } catch (Fail e) {
                Ast where = escape != null && e.getMessage().contains("single") ? like.escape : like.pattern;
                throw error(e.getMessage(), null, where.start, where.end);
            }
        }
        return new Ops.Like(operand, pattern, escape, like.not, like.ignoreCase, fixed);
    }

    private Node requireText(Node n, Ast a, String context) throws ExpressionException {
        scalar(n, a);
        if (n.type == DataType.TEXT) {
            return n;
        }
        if (n.type == DataType.ANY) {
            return convert(n, DataType.TEXT);
        }
        throw error(context + " needs text but " + quote(a) + " is " + n.type.id(), "convert it: to_text(" + src(a) + ")",
                a.start, a.end);
    }

    private Node between(Ast.Between b) throws ExpressionException {
        Node operand = node(b.operand);
        Node low = node(b.low);
        Node high = node(b.high);
        Node[] lo = comparable(operand, b.operand, low, b.low, "compare");
        Node[] hi = comparable(lo[0], b.operand, high, b.high, "compare");
        DataType common = hi[0].type;
        return new Ops.Between(convert(hi[0], common), convert(lo[1], common), convert(hi[1], common), b.not);
    }

    // ---------------------------------------------------------------- functions

    private Node call(Ast.Call c) throws ExpressionException {
        String written = c.name;
        FunctionInfo info = functions.find(written).orElse(null);
        if (info == null) {
            String s = Suggest.closest(written, functions.names());
            throw new ExpressionException(text, "unknown function `" + written + "`",
                    s != null ? "did you mean `" + s + "`?" : "see the function reference for available functions", s,
                    c.start, c.nameEnd);
        }
        Library.FunctionDef def = Library.definition(info.name());
        if (def == null) {
            throw error("function `" + info.name() + "` has no implementation", null, c.start, c.nameEnd);
        }
        if (c.distinct) {
            if (!info.name().equals("count")) {
                throw error("DISTINCT is only supported in count(DISTINCT x)", null, c.start, c.end);
            }
            def = Library.definition("count_distinct");
            info = def.info;
        }
        if (info.name().equals("count") && c.args.isEmpty() && !c.star) {
            throw error("count() needs an argument", "write count(*) to count rows", c.start, c.end);
        }
        if (c.star && !info.name().equals("count")) {
            throw error("only count(*) accepts `*`", "pass a value: " + written + "(field)", c.start, c.end);
        }
        boolean aggregate = info.aggregate();
        if (aggregate && insideAggregate != null) {
            throw error("aggregate calls cannot be nested: " + quote(c) + " is inside " + quote(insideAggregate), null,
                    c.start, c.end);
        }
        Ast.Call outer = insideAggregate;
        if (aggregate) {
            insideAggregate = c;
        }
        Node[] args = new Node[c.args.size()];
        try {
            for (int i = 0; i < args.length; i++) {
                args[i] = node(c.args.get(i));
            }
        } finally {
            insideAggregate = outer;
        }
        Library.Overload chosen = choose(def, c, args, written);
        FunctionInfo.Signature sig = chosen.signature();
        for (int i = 0; i < args.length; i++) {
            Ast argAst = c.args.get(i);
            if (i == chosen.listParam()) {
                if (!args[i].repeated) {
                    throw error("argument " + (i + 1) + " of " + info.name() + "() must be a list (a repeated field) but "
                            + quote(argAst) + " is a single value", null, argAst.start, argAst.end);
                }
                continue;
            }
            scalar(args[i], argAst);
            args[i] = convert(args[i], paramAt(sig, i).type());
        }
        SiteImpl site = new SiteImpl(c, sig.returns(), args);
        if (!info.deterministic()) {
            deterministic = false;
        }
        if (chosen.aggBinder() != null) {
            Library.AggSpec spec = chosen.aggBinder().bind(site, args);
            int index = aggregates.size();
            Node arg = args.length == 0 ? null : args[0];
            aggregates.add(new AggregateCallImpl(text.substring(c.start, c.end), info.name(), spec.type(), c.start, c.end,
                    arg, spec.states()));
            Node result = new Node.AggResult(spec.type(), slotCount + index, args);
            trees.label(result, new TreeBuilder.AggregateLabel(info.name(), index, args));
            return result;
        }
        Node result = chosen.binder().bind(site, args);
        boolean passThrough = false;
        for (Node a : args) {
            passThrough |= a == result;
        }
        if (!passThrough) {
            trees.label(result, new TreeBuilder.FunctionLabel(info.name(), sig, args.clone(), TreeBuilder.strict(result)));
        }
        return result;
    }

    private static Param paramAt(FunctionInfo.Signature sig, int i) {
        List<Param> ps = sig.params();
        return i < ps.size() ? ps.get(i) : ps.get(ps.size() - 1);
    }

    private static boolean arityMatches(FunctionInfo.Signature sig, int n) {
        int size = sig.params().size();
        return sig.variadic() ? n >= size : n == size;
    }

    private Library.Overload choose(Library.FunctionDef def, Ast.Call c, Node[] args, String written)
            throws ExpressionException {
        List<Library.Overload> byArity = new ArrayList<>();
        for (Library.Overload o : def.overloads) {
            if (arityMatches(o.signature(), args.length)) {
                byArity.add(o);
            }
        }
        String name = def.info.name();
        if (byArity.isEmpty()) {
            throw error(written + "() does not take " + args.length + " argument" + (args.length == 1 ? "" : "s"),
                    "expected " + signatures(def), c.start, c.end);
        }
        Library.Overload best = null;
        int bestCost = Integer.MAX_VALUE;
        for (Library.Overload o : byArity) {
            int cost = 0;
            for (int i = 0; i < args.length && cost < Integer.MAX_VALUE; i++) {
                if (i == o.listParam()) {
                    continue;
                }
                DataType want = paramAt(o.signature(), i).type();
                DataType have = args[i].type;
                if (have == want || want == DataType.ANY) {
                    continue;
                }
                if (widens(have, want)) {
                    cost += have == DataType.ANY ? 2 : 1;
                } else {
                    cost = Integer.MAX_VALUE;
                }
            }
            if (cost < bestCost) {
                best = o;
                bestCost = cost;
            }
        }
        if (best != null) {
            return best;
        }
        if (byArity.size() == 1) {
            FunctionInfo.Signature sig = byArity.get(0).signature();
            for (int i = 0; i < args.length; i++) {
                Param p = paramAt(sig, i);
                if (!widens(args[i].type, p.type())) {
                    Ast a = c.args.get(i);
                    throw error("argument " + (i + 1) + " (" + p.name() + ") of " + name + "() must be " + p.type().id()
                            + " but " + quote(a) + " is " + args[i].type.id(),
                            "expected " + sig.render(name) + hintFor(args[i].type, p.type(), a), a.start, a.end);
                }
            }
        }
        StringBuilder types = new StringBuilder();
        for (Node a : args) {
            types.append(types.length() == 0 ? "" : ", ").append(a.type.id());
        }
        throw error(name + "() does not accept (" + types + ")", "expected " + signatures(def), c.start, c.end);
    }

    private String hintFor(DataType have, DataType want, Ast a) {
        if (have == DataType.TEXT && want != DataType.TEXT) {
            return "; convert with CAST(" + src(a) + " AS " + want.id() + ")";
        }
        if (want == DataType.TEXT) {
            return "; convert with to_text(" + src(a) + ")";
        }
        return "";
    }

    private static String signatures(Library.FunctionDef def) {
        StringBuilder sb = new StringBuilder();
        for (Library.Overload o : def.overloads) {
            if (sb.length() > 0) {
                sb.append(" or ");
            }
            sb.append(o.signature().render(def.info.name()));
        }
        return sb.toString();
    }

    private final class SiteImpl implements Library.Site {
        private final Ast.Call call;
        private final DataType returns;
        private final Node[] args;

        SiteImpl(Ast.Call call, DataType returns, Node[] args) {
            this.call = call;
            this.returns = returns;
            this.args = args;
        }

        @Override
        public DataType returns() {
            return returns;
        }

        @Override
        public CompilerOptions options() {
            return options;
        }

        @Override
        public boolean isConstant(int i) {
            return args[i] instanceof Node.Const;
        }

        @Override
        public Object constant(int i) {
            return ((Node.Const) args[i]).value;
        }

        @Override
        public ExpressionException error(int i, String reason, String hint) {
            Ast a = i < 0 ? call : call.args.get(i);
            return Compiler.this.error(reason, hint, a.start, a.end);
        }

        @Override
        public void markNondeterministic() {
            deterministic = false;
        }
    }
}
