package org.mapwright.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mapwright.engine.Fixtures.decimal;
import static org.mapwright.engine.Fixtures.integer;
import static org.mapwright.engine.Fixtures.mapping;
import static org.mapwright.engine.Fixtures.project;
import static org.mapwright.engine.Fixtures.source;
import static org.mapwright.engine.Fixtures.text;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mapwright.core.DataType;
import org.mapwright.core.JoinDef;
import org.mapwright.core.MappingDef;
import org.mapwright.core.Project;
import org.mapwright.core.SourceDef;
import org.mapwright.engine.expr.ExpressionTree;

/** The compiled parts a plan exposes for engines that translate it (such as Spark). */
class MappingPlanPartsTest {

    private final MemoryConnectors mem = new MemoryConnectors();
    private final MappingEngine engine = new MappingEngine(mem.registry());

    @Test
    void exposesTheSourceJoinsAndBothFiltersAsCompiled() {
        SourceDef orders = source("orders", integer("id"), text("country"), decimal("amount"));
        SourceDef countries = source("countries", text("code"), text("name"));
        MappingDef m = mapping("m", orders).field("id", DataType.INTEGER, "id").field("country", DataType.TEXT, "countries.name")
                .join(countries, JoinDef.Kind.LEFT, "country", "code").filter("amount > 10").outputFilter("id < 100")
                .output("out").build();
        Project p = project(List.of(orders, countries), m);
        MappingPlan plan = engine.compile(p, m.id());
        assertFalse(plan.hasErrors(), plan.problems().toString());
        assertEquals(orders, plan.source().orElseThrow());
        JoinPlan join = plan.joins().get(0);
        assertEquals("join[0]", join.element());
        assertEquals(countries, join.source());
        assertEquals(JoinDef.Kind.LEFT, join.kind());
        ExpressionTree.Field left = (ExpressionTree.Field) join.leftKeys().get(0).tree();
        assertEquals(1, left.ref().slot(), "left keys read the primary source's layout");
        ExpressionTree.Field right = (ExpressionTree.Field) join.rightKeys().get(0).tree();
        assertEquals(0, right.ref().slot(), "right keys read the lookup row alone");
        assertEquals("amount > 10", plan.filter().orElseThrow().text());
        assertEquals(DataType.BOOLEAN, plan.outputFilter().orElseThrow().type());
        ExpressionTree.Field id = (ExpressionTree.Field) ((ExpressionTree.Comparison) plan.outputFilter().orElseThrow().tree()).left();
        assertEquals("id", id.ref().path(), "the output filter reads target fields");
    }

    @Test
    void leavesOutWhatDoesNotCompile() {
        SourceDef orders = source("orders", integer("id"));
        MappingDef m = mapping("m", orders).field("id", DataType.INTEGER, "id").filter("nope > 1").output("out").build();
        MappingPlan plan = engine.compile(project(List.of(orders), m), m.id());
        assertTrue(plan.hasErrors());
        assertTrue(plan.filter().isEmpty());
        assertTrue(plan.outputFilter().isEmpty());
        assertTrue(plan.joins().isEmpty());
        MappingDef missing = new MappingDef("m2", "m2", "nowhere", List.of(), null, m.targetSchema(), m.fieldMappings(), null,
                List.of(), -1, -1, List.of());
        assertTrue(engine.compile(new Project("p", List.of(orders), List.of(missing)), "m2").source().isEmpty());
    }
}
