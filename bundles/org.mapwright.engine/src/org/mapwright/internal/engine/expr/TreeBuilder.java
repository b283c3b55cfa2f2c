package org.mapwright.internal.engine.expr;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.mapwright.engine.expr.ExpressionTree;
import org.mapwright.engine.expr.FieldRef;
import org.mapwright.engine.expr.FunctionInfo;

/**
 * Describes a compiled evaluator tree as an {@link ExpressionTree}. Operator nodes are recognised
 * by their class; nodes whose class does not say what they compute (function calls, arithmetic,
 * field reads) are labelled by the compiler when it creates them.
 */
final class TreeBuilder {

    /** What the compiler knows about a node that its class does not tell. */
    sealed interface Label permits FieldLabel, OperatorLabel, FunctionLabel, AggregateLabel {
    }

    record FieldLabel(FieldRef ref) implements Label {
    }

    /** Arithmetic ({@code + - * / %}) or negation ({@code neg}) over the node's children. */
    record OperatorLabel(String operator) implements Label {
    }

    record FunctionLabel(String function, FunctionInfo.Signature signature, Node[] arguments, boolean strict) implements Label {
    }

    record AggregateLabel(String function, int index, Node[] arguments) implements Label {
    }

    private final Map<Node, Label> labels = new IdentityHashMap<>();

    void label(Node node, Label label) {
        labels.put(node, label);
    }

    ExpressionTree describe(Node n) {
        Label label = labels.get(n);
        if (label instanceof FieldLabel f) {
            return new ExpressionTree.Field(f.ref(), n.start, n.end);
        }
        if (label instanceof OperatorLabel o) {
            Node[] kids = n.children();
            if (o.operator().equals("neg")) {
                return new ExpressionTree.Negate(n.type, describe(kids[0]), n.start, n.end);
            }
            return new ExpressionTree.Arithmetic(n.type, o.operator(), describe(kids[0]), describe(kids[1]), n.start, n.end);
        }
        if (label instanceof FunctionLabel f) {
            return new ExpressionTree.FunctionCall(n.type, f.function(), f.signature(), all(f.arguments()), f.strict(), n.start, n.end);
        }
        if (label instanceof AggregateLabel a) {
            return new ExpressionTree.Aggregate(n.type, a.function(), a.index(), all(a.arguments()), n.start, n.end);
        }
        if (n instanceof Node.Const c) {
            return new ExpressionTree.Literal(n.type, c.value, n.start, n.end);
        }
        if (n instanceof Ops.Not x) {
            return new ExpressionTree.Not(describe(x.a), n.start, n.end);
        }
        if (n instanceof Ops.And x) {
            return new ExpressionTree.Logical("AND", describe(x.a), describe(x.b), n.start, n.end);
        }
        if (n instanceof Ops.Or x) {
            return new ExpressionTree.Logical("OR", describe(x.a), describe(x.b), n.start, n.end);
        }
        if (n instanceof Ops.Compare x) {
            return new ExpressionTree.Comparison(comparison(x.op), describe(x.a), describe(x.b), n.start, n.end);
        }
        if (n instanceof Ops.Concat x) {
            return new ExpressionTree.Concat(describe(x.a), describe(x.b), n.start, n.end);
        }
        if (n instanceof Ops.Case x) {
            return new ExpressionTree.Case(n.type, x.operand == null ? null : describe(x.operand), all(x.whens), all(x.thens),
                    x.otherwise == null ? null : describe(x.otherwise), n.start, n.end);
        }
        if (n instanceof Ops.Convert x) {
            return new ExpressionTree.Cast(n.type, describe(x.a), x.scale, x.implicit, !x.cast, n.start, n.end);
        }
        if (n instanceof Ops.In x) {
            return new ExpressionTree.In(describe(x.a), all(x.items), x.not, n.start, n.end);
        }
        if (n instanceof Ops.Like x) {
            return new ExpressionTree.Like(describe(x.a), describe(x.pattern), x.escape == null ? null : describe(x.escape), x.not,
                    x.ignoreCase, n.start, n.end);
        }
        if (n instanceof Ops.Between x) {
            return new ExpressionTree.Between(describe(x.a), describe(x.low), describe(x.high), x.not, n.start, n.end);
        }
        if (n instanceof Ops.IsNull x) {
            return new ExpressionTree.IsNull(describe(x.a), x.not, n.start, n.end);
        }
        throw new IllegalStateException("no description for " + n.getClass().getSimpleName() + " `" + n.text() + "`");
    }

    private List<ExpressionTree> all(Node[] nodes) {
        List<ExpressionTree> out = new ArrayList<>(nodes.length);
        for (Node n : nodes) {
            out.add(describe(n));
        }
        return out;
    }

    private static String comparison(int op) {
        switch (op) {
            case Ops.EQ:
                return "=";
            case Ops.NE:
                return "<>";
            case Ops.LT:
                return "<";
            case Ops.LE:
                return "<=";
            case Ops.GT:
                return ">";
            default:
                return ">=";
        }
    }

    /** @return whether a call node skips its function (and later operands) on a null operand */
    static boolean strict(Node n) {
        if (n instanceof Node.Call1 c) {
            return c.strict;
        }
        if (n instanceof Node.Call2 c) {
            return c.strict;
        }
        if (n instanceof Node.Call3 c) {
            return c.strict;
        }
        if (n instanceof Node.CallN c) {
            return c.strict;
        }
        return false;
    }
}
