package org.mapwright.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mapwright.ui.model.ExpressionShapes.Aggregate;

class ExpressionShapesTest {

    @Test
    void readsAggregateCallsAndTreatsEverythingElseAsGroupByKey() {
        assertEquals(new ExpressionShapes.AggregateShape(Aggregate.SUM, "amount * qty", null), ExpressionShapes.aggregate("sum(amount * qty)"));
        assertEquals(new ExpressionShapes.AggregateShape(Aggregate.COUNT, "*", null), ExpressionShapes.aggregate("count(*)"));
        assertEquals(new ExpressionShapes.AggregateShape(Aggregate.CONCAT, "sku", " | "), ExpressionShapes.aggregate("string_agg(sku, ' | ')"));
        assertEquals(Aggregate.AVG, ExpressionShapes.aggregate("mean(x)").aggregate());
        // sum(a) + sum(b) is one expression, not a call spanning the text: it is left alone.
        assertEquals(Aggregate.GROUP_BY, ExpressionShapes.aggregate("sum(a) + sum(b)").aggregate());
        assertEquals(Aggregate.GROUP_BY, ExpressionShapes.aggregate("upper(name)").aggregate());
        assertEquals("upper(name)", ExpressionShapes.aggregate("upper(name)").input());
    }

    @Test
    void writesAggregateExpressionsThatReadBackTheSame() {
        for (Aggregate a : Aggregate.values()) {
            String e = ExpressionShapes.aggregateExpression(a, "amount", "; ");
            assertEquals(a, ExpressionShapes.aggregate(e).aggregate(), e);
            assertEquals("amount", ExpressionShapes.aggregate(e).input(), e);
        }
        assertEquals("count(*)", ExpressionShapes.aggregateExpression(Aggregate.COUNT, " ", null));
        assertNull(ExpressionShapes.aggregateExpression(Aggregate.SUM, "", null), "nothing to sum: unmapped");
        assertEquals("string_agg(sku, ', ')", ExpressionShapes.aggregateExpression(Aggregate.CONCAT, "sku", null));
        assertTrue(ExpressionShapes.aggregates(List.of("id", "max(amount)")));
        assertFalse(ExpressionShapes.aggregates(List.of("id", "upper(name)")));
    }

    @Test
    void defaultsForMissesAreCoalesceWithALiteral() {
        assertEquals(new ExpressionShapes.Defaulted("countries.name", "'Unknown'"), ExpressionShapes.defaulted("coalesce(countries.name, 'Unknown')"));
        assertNull(ExpressionShapes.defaulted("coalesce(a, b)").defaultValue(), "a field is no default");
        assertEquals("coalesce(upper(c.name), 'n/a')", ExpressionShapes.withDefault("upper(c.name)", "'n/a'"));
        assertEquals("coalesce(c.rate, 0)", ExpressionShapes.withDefault("coalesce(c.rate, 1)", "0"), "a default replaces the old one");
        assertEquals("c.rate", ExpressionShapes.withDefault("coalesce(c.rate, 1)", ""), "blank removes it");
        assertEquals("'it''s'", ExpressionShapes.literal("it's"));
        assertEquals("it's", ExpressionShapes.unquote("'it''s'"));
    }

    @Test
    void knowsWhichExpressionsReadASource() {
        assertTrue(ExpressionShapes.reads("upper(customers.name)", "customers"));
        assertTrue(ExpressionShapes.reads("\"my src\".x || 'a'", "my src"));
        assertFalse(ExpressionShapes.reads("customers_name", "customers"));
        assertFalse(ExpressionShapes.reads("'customers.name'", "customers"), "text in a string is no field");
        assertFalse(ExpressionShapes.reads(null, "customers"));
    }
}
