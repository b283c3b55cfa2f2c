package org.mapwright.engine.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.Schema;

class RowScopeTest {

    private final Schema orders = Schema.of(List.of(
            Field.of("o1", "id", DataType.INTEGER),
            Field.of("o2", "customer_id", DataType.INTEGER),
            Field.of("o3", "amount", DataType.DECIMAL),
            Field.of("o4", "tags", DataType.TEXT).withRepeated(true)));
    private final Schema customers = Schema.of(List.of(
            Field.of("c1", "id", DataType.INTEGER),
            Field.of("c2", "first name", DataType.TEXT),
            Field.of("c3", "address", DataType.RECORD).withChildren(List.of(
                    Field.of("c4", "street", DataType.TEXT),
                    Field.of("c5", "city", DataType.TEXT)))));
    private final RowScope scope = RowScope.builder().add("orders", orders).add("customers", customers).build();

    @Test
    void laysSourcesSideBySideInAddOrder() {
        assertEquals(7, scope.slotCount());
        assertEquals(0, scope.offset("orders"));
        assertEquals(4, scope.offset("customers"));
        assertEquals(List.of("orders", "customers"), scope.qualifiers());
    }

    @Test
    void resolvesQualifiedNames() {
        FieldRef ref = scope.resolve(List.of("customers", "id")).field();
        assertEquals(4, ref.slot());
        assertEquals("c1", ref.fieldId());
        assertEquals("customers", ref.qualifier());
        assertEquals("customers.id", ref.qualifiedPath());
    }

    @Test
    void resolvesUnambiguousUnqualifiedNames() {
        FieldRef ref = scope.resolve(List.of("amount")).field();
        assertEquals(2, ref.slot());
        assertEquals(DataType.DECIMAL, ref.type());
        assertEquals("orders", ref.qualifier());
    }

    @Test
    void reportsAmbiguousNamesWithBothCandidates() {
        Scope.Resolution r = scope.resolve(List.of("id"));
        assertFalse(r.isFound());
        assertTrue(r.problem().contains("`orders.id`"), r.problem());
        assertTrue(r.problem().contains("`customers.id`"), r.problem());
    }

    @Test
    void resolvesNestedPathsToChildIndices() {
        FieldRef ref = scope.resolve(List.of("address", "city")).field();
        assertEquals(6, ref.slot());
        assertEquals(List.of(1), ref.childPath());
        assertEquals("address.city", ref.path());
        assertEquals(ref, scope.resolve(List.of("customers", "address", "city")).field());
    }

    @Test
    void resolvesNamesWithSpacesAndIgnoresCaseWhenUnique() {
        assertEquals("c2", scope.resolve(List.of("first name")).field().fieldId());
        assertEquals("c3", scope.resolve(List.of("CUSTOMERS", "Address")).field().fieldId());
    }

    @Test
    void marksRepeatedFieldsAndRefusesPathsThroughThem() {
        assertTrue(scope.resolve(List.of("tags")).field().repeated());
        Scope.Resolution r = scope.resolve(List.of("tags", "x"));
        assertNull(r.field());
        assertTrue(r.problem().contains("repeated"), r.problem());
    }

    @Test
    void reportsUnknownNamesAsNotFound() {
        Scope.Resolution r = scope.resolve(List.of("nope"));
        assertFalse(r.isFound());
        assertNull(r.problem());
    }

    @Test
    void listsWritableNamesQuotedWhereNeeded() {
        List<String> names = scope.names();
        assertTrue(names.contains("amount"));
        assertTrue(names.contains("\"first name\""));
        assertTrue(names.contains("address.city"));
        assertTrue(names.contains("orders.id"));
        assertTrue(names.contains("customers.id"));
        assertFalse(names.contains("id"), "ambiguous names are only offered qualified");
    }

    @Test
    void refusesDuplicateQualifiers() {
        assertThrows(IllegalArgumentException.class, () -> RowScope.builder().add("a", orders).add("a", customers));
    }

    @Test
    void compiledReferencesReadTheirSlots() throws ExpressionException {
        ExpressionCompiler compiler = new ExpressionCompiler(Functions.standard());
        Object[] row = {1L, 7L, null, null, 9L, "Ada", new Object[] {"Main St", "Paris"}};
        assertEquals("Ada lives in Paris", compiler.compile("\"first name\" || ' lives in ' || customers.address.city", scope)
                .evaluate(row));
        assertEquals(9L, compiler.compile("customers.id", scope).evaluate(row));
        ExpressionException ex = assertThrows(ExpressionException.class, () -> compiler.compile("id + 1", scope));
        assertTrue(ex.getMessage().contains("ambiguous"), ex.getMessage());
        assertEquals(0, ex.start());
        assertEquals(2, ex.end());
    }
}
