package org.mapwright.engine.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.Schema;

class ExplainTest {

    private final Scope scope = RowScope.of(Schema.of(List.of(
            Field.of("n", "name", DataType.TEXT),
            Field.of("q", "qty", DataType.INTEGER),
            Field.of("d", "day", DataType.TEXT))));
    private final ExpressionCompiler compiler = new ExpressionCompiler(Functions.standard());

    @Test
    void recordsEverySubExpressionWithItsValue() throws ExpressionException {
        Explanation root = compiler.compile("upper(name) || '-' || (qty * 2)", scope).explain(new Object[] {"ab", 3L, null});
        assertEquals("upper(name) || '-' || (qty * 2)", root.text());
        assertEquals("AB-6", root.value());
        Explanation left = root.children().get(0);
        assertEquals("upper(name) || '-'", left.text());
        Explanation upper = left.children().get(0);
        assertEquals("upper(name)", upper.text());
        assertEquals("AB", upper.value());
        assertEquals("name", upper.children().get(0).text());
        assertEquals("ab", upper.children().get(0).value());
        Explanation times = root.children().get(1);
        assertEquals("(qty * 2)", times.text());
        assertEquals(6L, times.value());
        assertEquals(DataType.INTEGER, times.type());
    }

    @Test
    void marksUntakenBranchesAsNotEvaluated() throws ExpressionException {
        Explanation root = compiler.compile("CASE WHEN qty > 5 THEN 'many' WHEN qty > 1 THEN 'some' ELSE 'one' END", scope)
                .explain(new Object[] {null, 3L, null});
        assertEquals("some", root.value());
        List<Explanation> c = root.children();
        assertTrue(c.get(0).evaluated());
        assertEquals(Boolean.FALSE, c.get(0).value());
        assertFalse(c.get(1).evaluated(), "THEN 'many' was not taken");
        assertTrue(c.get(2).evaluated());
        assertTrue(c.get(3).evaluated());
        assertFalse(c.get(4).evaluated(), "ELSE was not needed");
    }

    @Test
    void marksShortCircuitedOperands() throws ExpressionException {
        Explanation root = compiler.compile("coalesce(name, upper(day))", scope).explain(new Object[] {"x", 1L, "mon"});
        assertTrue(root.children().get(0).evaluated());
        assertFalse(root.children().get(1).evaluated());
        Explanation and = compiler.compile("qty > 5 AND name = 'x'", scope).explain(new Object[] {"x", 1L, null});
        assertEquals(Boolean.FALSE, and.value());
        assertFalse(and.children().get(1).evaluated());
    }

    @Test
    void recordsFailuresInsteadOfThrowing() throws ExpressionException {
        Explanation root = compiler.compile("coalesce(parse_date(day, 'dd/MM/yyyy'), DATE '2000-01-01')", scope)
                .explain(new Object[] {null, 1L, "31/02/2024"});
        assertTrue(root.failed());
        Explanation parse = root.children().get(0);
        assertEquals("parse_date(day, 'dd/MM/yyyy')", parse.text());
        assertEquals("'31/02/2024' is not a date in format dd/MM/yyyy", parse.error());
        assertNull(parse.value());
        assertEquals(9, parse.start());
    }

    @Test
    void explainsGroupsWithAggregateResults() throws ExpressionException {
        CompiledExpression e = compiler.compile("sum(qty) / count(*)", scope);
        Explanation root = e.explainGroup(new Object[] {"a", 1L, null}, new Object[] {7L, 2L});
        assertEquals(0, new BigDecimal("3.5").compareTo((BigDecimal) root.value()));
        assertEquals("sum(qty)", root.children().get(0).text());
        assertEquals(0, BigDecimal.valueOf(7).compareTo((BigDecimal) root.children().get(0).value()),
                "shown as the decimal the division uses");
    }

    @Test
    void implicitConversionsAreNotShownAsExtraSteps() throws ExpressionException {
        Explanation root = compiler.compile("qty * 2", scope, DataType.TEXT).explain(new Object[] {null, 4L, null});
        assertEquals("8", root.value());
        assertEquals(List.of("qty", "2"), root.children().stream().map(Explanation::text).toList());
    }

    @Test
    void foldedConstantsKeepTheirText() throws ExpressionException {
        Explanation root = compiler.compile("qty + (2 * 3)", scope).explain(new Object[] {null, 1L, null});
        assertEquals(7L, root.value());
        assertEquals("(2 * 3)", root.children().get(1).text());
        assertEquals(6L, root.children().get(1).value());
    }
}
