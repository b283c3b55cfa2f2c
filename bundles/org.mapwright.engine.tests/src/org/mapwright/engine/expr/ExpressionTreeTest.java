package org.mapwright.engine.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.Schema;

import com.fasterxml.jackson.databind.JsonNode;

class ExpressionTreeTest {

    private final ExpressionCompiler compiler = new ExpressionCompiler(Functions.standard(),
            CompilerOptions.defaults().withClock(Cases.CLOCK).withLookups(Cases.lookups()));

    private final Scope scope = RowScope.of(Schema.of(List.of(Field.of("a", "qty", DataType.INTEGER),
            Field.of("b", "amount", DataType.DECIMAL), Field.of("c", "name", DataType.TEXT), Field.of("d", "day", DataType.DATE),
            Field.of("e", "raw", DataType.ANY))));

    private ExpressionTree tree(String text) throws ExpressionException {
        return compiler.compile(text, scope).tree();
    }

    @Test
    void makesTheWideningOfAnIntegerOperandAnImplicitCast() throws Exception {
        ExpressionTree.Arithmetic times = assertInstanceOf(ExpressionTree.Arithmetic.class, tree("amount * qty"));
        assertEquals("*", times.operator());
        assertEquals(DataType.DECIMAL, times.type());
        ExpressionTree.Cast widened = assertInstanceOf(ExpressionTree.Cast.class, times.right());
        assertTrue(widened.implicit());
        assertTrue(widened.coercion());
        assertEquals(DataType.DECIMAL, widened.type());
        ExpressionTree.Field qty = assertInstanceOf(ExpressionTree.Field.class, widened.operand());
        assertEquals("qty", qty.ref().path());
        assertEquals(DataType.INTEGER, qty.type());
    }

    @Test
    void namesTheChosenFunctionByItsPrimaryNameWithItsOverload() throws Exception {
        ExpressionTree.FunctionCall call = assertInstanceOf(ExpressionTree.FunctionCall.class, tree("substring(name, 2)"));
        assertEquals("substr", call.function());
        assertEquals(2, call.signature().params().size());
        assertTrue(call.strict());
        assertEquals(DataType.TEXT, call.type());
        ExpressionTree.FunctionCall coalesce = assertInstanceOf(ExpressionTree.FunctionCall.class, tree("coalesce(amount, 0)"));
        assertFalse(coalesce.strict(), "coalesce handles nulls itself");
        assertEquals(DataType.DECIMAL, coalesce.type(), "the function unifies its `any` arguments");
        ExpressionTree.Literal zero = assertInstanceOf(ExpressionTree.Literal.class, coalesce.arguments().get(1));
        assertEquals(DataType.INTEGER, zero.type(), "an `any` parameter takes its argument unconverted");
        ExpressionTree.FunctionCall round = assertInstanceOf(ExpressionTree.FunctionCall.class, tree("round(qty, 1)"));
        ExpressionTree.Cast widened = assertInstanceOf(ExpressionTree.Cast.class, round.arguments().get(0));
        assertEquals(DataType.DECIMAL, widened.type(), "a typed parameter gets its argument converted");
        assertEquals(DataType.DECIMAL, round.signature().params().get(0).type());
        ExpressionTree.Literal one = assertInstanceOf(ExpressionTree.Literal.class, tree("CAST(1 AS decimal)"));
        assertEquals(0, BigDecimal.ONE.compareTo((BigDecimal) one.value()), "a constant conversion is folded");
    }

    @Test
    void foldsConstantSubExpressionsIntoLiterals() throws Exception {
        ExpressionTree.Concat concat = assertInstanceOf(ExpressionTree.Concat.class, tree("name || upper('x' || 'y')"));
        ExpressionTree.Literal folded = assertInstanceOf(ExpressionTree.Literal.class, concat.right());
        assertEquals("XY", folded.value());
        assertEquals(LocalDate.of(2024, 1, 31), ((ExpressionTree.Literal) tree("DATE '2024-01-31'")).value());
    }

    @Test
    void describesOperatorsWithTheirSourcePositions() throws Exception {
        String text = "CASE WHEN qty BETWEEN 1 AND 3 AND name LIKE 'A%' THEN 'x' WHEN day IS NULL THEN NULL END";
        ExpressionTree.Case c = assertInstanceOf(ExpressionTree.Case.class, tree(text));
        assertNull(c.operand());
        assertNull(c.otherwise());
        assertEquals(DataType.TEXT, c.type());
        ExpressionTree.Logical and = assertInstanceOf(ExpressionTree.Logical.class, c.whens().get(0));
        assertEquals("AND", and.operator());
        ExpressionTree.Between between = assertInstanceOf(ExpressionTree.Between.class, and.left());
        assertEquals("qty BETWEEN 1 AND 3", text.substring(between.start(), between.end()));
        ExpressionTree.Like like = assertInstanceOf(ExpressionTree.Like.class, and.right());
        assertFalse(like.ignoreCase());
        assertInstanceOf(ExpressionTree.IsNull.class, c.whens().get(1));
        assertEquals(DataType.TEXT, c.thens().get(1).type(), "the NULL result takes the CASE's type");
        ExpressionTree.In in = assertInstanceOf(ExpressionTree.In.class, tree("NOT qty IN (1, 2)") instanceof ExpressionTree.Not n
                ? n.operand() : null);
        assertEquals(2, in.items().size());
        ExpressionTree.Comparison cmp = assertInstanceOf(ExpressionTree.Comparison.class, tree("qty <> amount"));
        assertEquals("<>", cmp.operator());
        assertEquals(DataType.DECIMAL, cmp.left().type(), "compared in the common type");
    }

    @Test
    void describesAggregatesWithTheirIndexAndCountDistinct() throws Exception {
        CompiledExpression e = compiler.compile("round(sum(amount) / count(DISTINCT name), 2)", scope);
        ExpressionTree.FunctionCall round = assertInstanceOf(ExpressionTree.FunctionCall.class, e.tree());
        ExpressionTree.Arithmetic div = assertInstanceOf(ExpressionTree.Arithmetic.class, round.arguments().get(0));
        ExpressionTree.Aggregate sum = assertInstanceOf(ExpressionTree.Aggregate.class, div.left());
        assertEquals("sum", sum.function());
        assertEquals(0, sum.index());
        ExpressionTree.Cast widened = assertInstanceOf(ExpressionTree.Cast.class, div.right());
        ExpressionTree.Aggregate distinct = assertInstanceOf(ExpressionTree.Aggregate.class, widened.operand());
        assertEquals("count_distinct", distinct.function());
        assertEquals(1, distinct.index());
        ExpressionTree.Aggregate star = assertInstanceOf(ExpressionTree.Aggregate.class, tree("count(*)"));
        assertTrue(star.arguments().isEmpty());
    }

    @Test
    void marksTheConversionToATextTargetAsAnImplicitCast() throws Exception {
        ExpressionTree.Cast toText = assertInstanceOf(ExpressionTree.Cast.class, compiler.compile("day", scope, DataType.TEXT).tree());
        assertTrue(toText.implicit());
        assertFalse(toText.coercion(), "text conversion uses CAST semantics");
        ExpressionTree.Cast explicit = assertInstanceOf(ExpressionTree.Cast.class, tree("CAST(raw AS decimal(10, 2))"));
        assertFalse(explicit.implicit());
        assertEquals(2, explicit.scale());
        ExpressionTree.Negate neg = assertInstanceOf(ExpressionTree.Negate.class, tree("-qty"));
        assertEquals(DataType.INTEGER, neg.type());
    }

    @Test
    void visitsEveryNodeKind() throws Exception {
        ExpressionTree t = tree("CASE WHEN NOT qty IN (1) OR name ILIKE 'a' OR day IS NULL OR qty BETWEEN 1 AND 2 "
                + "THEN -amount * qty || upper(name) END || count(*)");
        List<String> seen = new ArrayList<>();
        t.accept(new Recorder(seen));
        for (String kind : List.of("literal", "field", "not", "negate", "logical", "arithmetic", "concat", "functionCall",
                "aggregate", "caseWhen", "cast", "in", "like", "between", "isNull")) {
            assertTrue(seen.contains(kind), kind + " not visited in " + seen);
        }
    }

    /** Every expression of the data-driven cases must be describable, with the compiled type at the root. */
    @TestFactory
    List<DynamicTest> describesEveryEvalCase() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        int i = 0;
        for (JsonNode c : Cases.read("expressions/eval.json")) {
            String text = c.get("expression").asText();
            tests.add(DynamicTest.dynamicTest("tree[" + i++ + "] " + text, () -> {
                CompiledExpression e = compiler.compile(text, RowScope.of(Cases.schema(c.get("fields"))));
                ExpressionTree t = e.tree();
                assertEquals(e.type(), t.type(), "type of the tree of " + text);
                assertEquals(e.isAggregate(), contains(t, ExpressionTree.Aggregate.class), "aggregates of " + text);
                assertPositionsInside(t, text.length());
            }));
        }
        return tests;
    }

    private static boolean contains(ExpressionTree t, Class<?> kind) {
        if (kind.isInstance(t)) {
            return true;
        }
        for (ExpressionTree c : t.children()) {
            if (contains(c, kind)) {
                return true;
            }
        }
        return false;
    }

    private static void assertPositionsInside(ExpressionTree t, int length) {
        assertTrue(t.start() >= 0 && t.start() <= t.end() && t.end() <= length, "positions of " + t);
        for (ExpressionTree c : t.children()) {
            assertPositionsInside(c, length);
        }
    }

    /** Records the kind of every visited node, depth first. */
    private static final class Recorder implements ExpressionTree.Visitor<Void> {
        private final List<String> seen;

        Recorder(List<String> seen) {
            this.seen = seen;
        }

        private Void visit(String kind, ExpressionTree node) {
            seen.add(kind);
            for (ExpressionTree c : node.children()) {
                c.accept(this);
            }
            return null;
        }

        @Override
        public Void literal(ExpressionTree.Literal node) {
            return visit("literal", node);
        }

        @Override
        public Void field(ExpressionTree.Field node) {
            return visit("field", node);
        }

        @Override
        public Void not(ExpressionTree.Not node) {
            return visit("not", node);
        }

        @Override
        public Void negate(ExpressionTree.Negate node) {
            return visit("negate", node);
        }

        @Override
        public Void logical(ExpressionTree.Logical node) {
            return visit("logical", node);
        }

        @Override
        public Void comparison(ExpressionTree.Comparison node) {
            return visit("comparison", node);
        }

        @Override
        public Void arithmetic(ExpressionTree.Arithmetic node) {
            return visit("arithmetic", node);
        }

        @Override
        public Void concat(ExpressionTree.Concat node) {
            return visit("concat", node);
        }

        @Override
        public Void functionCall(ExpressionTree.FunctionCall node) {
            return visit("functionCall", node);
        }

        @Override
        public Void aggregate(ExpressionTree.Aggregate node) {
            return visit("aggregate", node);
        }

        @Override
        public Void caseWhen(ExpressionTree.Case node) {
            return visit("caseWhen", node);
        }

        @Override
        public Void cast(ExpressionTree.Cast node) {
            return visit("cast", node);
        }

        @Override
        public Void in(ExpressionTree.In node) {
            return visit("in", node);
        }

        @Override
        public Void like(ExpressionTree.Like node) {
            return visit("like", node);
        }

        @Override
        public Void between(ExpressionTree.Between node) {
            return visit("between", node);
        }

        @Override
        public Void isNull(ExpressionTree.IsNull node) {
            return visit("isNull", node);
        }
    }
}
