package org.mapwright.engine.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.Schema;

/** The GROUP BY protocol of {@link CompiledExpression}, driven the way the engine drives it. */
class AggregationTest {

    private final Schema schema = Schema.of(List.of(
            Field.of("r", "region", DataType.TEXT),
            Field.of("a", "amount", DataType.DECIMAL),
            Field.of("q", "qty", DataType.INTEGER)));
    private final Scope scope = RowScope.of(schema);
    private final ExpressionCompiler compiler = new ExpressionCompiler(Functions.standard());

    private static Object[] row(String region, String amount, Long qty) {
        return new Object[] {region, amount == null ? null : new BigDecimal(amount), qty};
    }

    @Test
    void evaluatesAnAggregatingExpressionPerGroup() throws ExpressionException {
        CompiledExpression avg = compiler.compile("round(sum(amount) / count(*), 2)", scope);
        CompiledExpression key = compiler.compile("region", scope);
        assertTrue(avg.isAggregate());
        assertEquals(List.of("sum(amount)", "count(*)"), avg.aggregates().stream().map(AggregateCall::text).toList());
        assertEquals(List.of("sum", "count"), avg.aggregates().stream().map(AggregateCall::function).toList());
        assertEquals(DataType.DECIMAL, avg.aggregates().get(0).type());
        assertEquals(DataType.INTEGER, avg.aggregates().get(1).type());
        assertEquals(6, avg.aggregates().get(0).start());
        assertEquals(17, avg.aggregates().get(0).end());

        List<Object[]> rows = List.of(row("EU", "10", 1L), row("US", "5", 2L), row("EU", "3.333", 3L), row("EU", null, 4L));
        Map<Object, Object[]> first = new LinkedHashMap<>();
        Map<Object, AggregateCall.Accumulator[]> groups = new LinkedHashMap<>();
        for (Object[] r : rows) {
            Object k = key.evaluate(r);
            AggregateCall.Accumulator[] acc = groups.computeIfAbsent(k, x -> {
                first.put(x, r);
                return avg.aggregates().stream().map(AggregateCall::newAccumulator).toArray(AggregateCall.Accumulator[]::new);
            });
            for (AggregateCall.Accumulator a : acc) {
                a.accumulate(r);
            }
        }
        Map<Object, Object> results = new LinkedHashMap<>();
        groups.forEach((k, acc) -> {
            Object[] values = new Object[acc.length];
            for (int i = 0; i < acc.length; i++) {
                values[i] = acc[i].result();
            }
            results.put(k, avg.evaluateGroup(first.get(k), values));
        });
        assertEquals(0, new BigDecimal("4.44").compareTo((BigDecimal) results.get("EU")), "13.333 / 3 rounded");
        assertEquals(0, new BigDecimal("5.00").compareTo((BigDecimal) results.get("US")));
    }

    @Test
    void readsFieldsOutsideAggregatesFromTheFirstRow() throws ExpressionException {
        CompiledExpression e = compiler.compile("region || ': ' || sum(qty)", scope);
        AggregateCall.Accumulator acc = e.aggregates().get(0).newAccumulator();
        acc.accumulate(row("EU", "1", 2L));
        acc.accumulate(row("XX", "1", 3L));
        assertEquals("EU: 5", e.evaluateGroup(row("EU", "1", 2L), new Object[] {acc.result()}));
    }

    @Test
    void leavesTheAccumulatorUnchangedWhenARowFails() throws ExpressionException {
        CompiledExpression e = compiler.compile("sum(10 / qty)", scope);
        AggregateCall.Accumulator acc = e.aggregates().get(0).newAccumulator();
        acc.accumulate(row("EU", null, 5L));
        EvaluationException ex = assertThrows(EvaluationException.class, () -> acc.accumulate(row("EU", null, 0L)));
        assertTrue(ex.getMessage().contains("division by zero"), ex.getMessage());
        assertEquals("10 / qty", ex.expression());
        assertEquals(0, new BigDecimal(2).compareTo((BigDecimal) acc.result()));
    }

    @Test
    void countsRowsWithStarAndValuesOtherwise() throws ExpressionException {
        CompiledExpression e = compiler.compile("count(*) * 100 + count(amount)", scope);
        AggregateCall.Accumulator rows = e.aggregates().get(0).newAccumulator();
        AggregateCall.Accumulator values = e.aggregates().get(1).newAccumulator();
        for (Object[] r : List.of(row("a", null, 1L), row("b", "2", 1L))) {
            rows.accumulate(r);
            values.accumulate(r);
        }
        assertEquals(201L, e.evaluateGroup(row("a", null, 1L), new Object[] {rows.result(), values.result()}));
    }

    @Test
    void refusesRowEvaluationAndWrongResultCounts() throws ExpressionException {
        CompiledExpression e = compiler.compile("max(amount)", scope);
        assertThrows(IllegalStateException.class, () -> e.evaluate(row("a", "1", 1L)));
        assertThrows(IllegalArgumentException.class, () -> e.evaluateGroup(row("a", "1", 1L), new Object[0]));
    }

    @Test
    void reportsFieldsReadInsideAggregates() throws ExpressionException {
        CompiledExpression e = compiler.compile("sum(amount * qty)", scope);
        assertEquals(List.of("amount", "qty"), e.fields().stream().map(FieldRef::path).toList());
    }
}
