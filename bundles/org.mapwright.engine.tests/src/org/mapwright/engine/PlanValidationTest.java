package org.mapwright.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mapwright.engine.Fixtures.decimal;
import static org.mapwright.engine.Fixtures.integer;
import static org.mapwright.engine.Fixtures.mapping;
import static org.mapwright.engine.Fixtures.project;
import static org.mapwright.engine.Fixtures.rule;
import static org.mapwright.engine.Fixtures.source;
import static org.mapwright.engine.Fixtures.text;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mapwright.core.DataType;
import org.mapwright.core.FieldMapping;
import org.mapwright.core.JoinDef;
import org.mapwright.core.MappingDef;
import org.mapwright.core.OutputDef;
import org.mapwright.core.Project;
import org.mapwright.core.RuleDef;
import org.mapwright.core.Settings;
import org.mapwright.core.SourceDef;

class PlanValidationTest {

    private final MemoryConnectors mem = new MemoryConnectors();
    private final MappingEngine engine = new MappingEngine(mem.registry());

    private static SourceDef orders() {
        return source("orders", integer("id"), text("customer"), decimal("amount"));
    }

    private static Problem find(List<Problem> problems, String element) {
        return problems.stream().filter(p -> element.equals(p.location().element())).findFirst()
                .orElseThrow(() -> new AssertionError("no problem at " + element + " in " + problems));
    }

    @Test
    void validMappingHasNoProblems() {
        SourceDef o = orders();
        MappingDef m = mapping("ok", o).field("id", DataType.INTEGER, "id").field("total", DataType.DECIMAL, "amount * 1.2")
                .filter("amount > 0").output("out").build();
        assertEquals(List.of(), engine.validate(project(List.of(o), m)));
        MappingPlan plan = engine.compile(project(List.of(o), m), m.id());
        assertFalse(plan.hasErrors());
        assertEquals("id", plan.expression("t_id").orElseThrow().asFieldReference().orElseThrow().path());
        assertFalse(plan.isAggregating());
    }

    @Test
    void reportsEveryProblemAtOnceWithExpressionPositions() {
        SourceDef o = orders();
        SourceDef customers = source("customers", text("name"), integer("number"));
        MappingDef m = mapping("broken", o)
                .join(customers, JoinDef.Kind.LEFT, "customer", "number")
                .filter("amount + 1")
                .field("id", DataType.INTEGER, "idd")
                .field("name", DataType.TEXT, "upper(custmer)")
                .field("when", DataType.DATE, "amount")
                .outputFilter("sum(id) > 1")
                .rule(rule("r_regex", "name", RuleDef.Kind.REGEX, RuleDef.Action.REJECT, Map.of("pattern", "([a-z")))
                .rule(rule("r_range", "name", RuleDef.Kind.RANGE, RuleDef.Action.WARN, Map.of()))
                .rule(rule("r_gone", "nothing", RuleDef.Kind.NOT_NULL, RuleDef.Action.REJECT, Map.of()))
                .output("out").build();
        List<Problem> problems = engine.validate(project(List.of(o, customers), m));

        Problem id = find(problems, "t_id");
        assertTrue(id.isError());
        assertEquals(new Problem.Location("m_broken", "t_id", 0, 3), id.location());
        assertTrue(id.message().contains("idd"), id.message());
        assertTrue(id.hint() != null && id.hint().contains("id"), String.valueOf(id.hint()));

        Problem name = find(problems, "t_name");
        assertEquals(6, name.location().start());
        assertEquals(13, name.location().end());

        assertTrue(find(problems, "t_when").isError());
        assertTrue(find(problems, Problem.FILTER).isError());
        Problem agg = find(problems, Problem.OUTPUT_FILTER);
        assertEquals(0, agg.location().start());
        assertTrue(agg.message().contains("sum"), agg.message());
        assertTrue(find(problems, "join[0]").message().contains("compares text"), find(problems, "join[0]").message());
        assertTrue(find(problems, "r_regex").message().contains("invalid pattern"));
        assertTrue(find(problems, "r_range").message().contains("min"));
        assertTrue(find(problems, "r_gone").message().contains("nothing"));
        assertEquals(9, problems.size(), problems.toString());
        assertTrue(problems.stream().allMatch(Problem::isError));
    }

    @Test
    void unknownSourcesConnectorsAndTargetsAreErrors() {
        SourceDef o = orders();
        SourceDef odd = new SourceDef("s_odd", "odd", "ftp", Settings.empty(), orders().schema());
        MappingDef m = new MappingDef("m1", "m1", "s_nope", List.of(new JoinDef("s_gone", JoinDef.Kind.INNER, List.of(new JoinDef.Key("a", "b")))),
                null, orders().schema(), List.of(new FieldMapping("f_missing", "1")), null, List.of(), -1, -1,
                List.of(new OutputDef("o1", "ftp", Settings.empty())));
        MappingDef m2 = mapping("m2", odd).field("id", DataType.INTEGER, "id").build();
        List<Problem> problems = engine.validate(new Project("p", List.of(o, odd), List.of(m, m2)));
        assertTrue(find(problems, Problem.SOURCE).message().contains("s_nope"));
        assertTrue(find(problems, "join[0]").message().contains("s_gone"));
        assertTrue(find(problems, "f_missing").message().contains("f_missing"));
        assertTrue(find(problems, "output[0]").message().contains("ftp"));
        Problem connector = problems.stream().filter(p -> "m_m2".equals(p.location().mappingId()) && p.isError()).findFirst().orElseThrow();
        assertTrue(connector.message().contains("'ftp'") && connector.hint().contains("mem"), connector.toString());
        Problem noOutputs = problems.stream().filter(p -> !p.isError()).findFirst().orElseThrow();
        assertEquals("m_m2", noOutputs.location().mappingId());
        assertTrue(noOutputs.message().contains("no outputs"));
    }

    @Test
    void requiredUnmappedTargetFieldIsAnError() {
        SourceDef o = orders();
        MappingDef m = mapping("req", o).field(org.mapwright.core.Field.of("t_x", "x", DataType.TEXT).withNullable(false), null)
                .output("out").build();
        Problem p = engine.validate(project(List.of(o), m)).get(0);
        assertEquals("t_x", p.location().element());
        assertTrue(p.message().contains("required"));
    }

    @Test
    void duplicateSourceNamesAreProjectProblems() {
        SourceDef a = orders();
        SourceDef b = new SourceDef("s_other", "orders", "mem", Settings.empty(), a.schema());
        List<Problem> problems = engine.validate(new Project("p", List.of(a, b), List.of()));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).message().contains("two sources are named 'orders'"));
    }

    @Test
    void aggregatingPlanKnowsItAggregates() {
        SourceDef o = orders();
        MappingDef m = mapping("agg", o).field("customer", DataType.TEXT, "customer").field("total", DataType.DECIMAL, "sum(amount)")
                .output("out").build();
        MappingPlan plan = engine.compile(project(List.of(o), m), m.id());
        assertTrue(plan.isAggregating());
        assertEquals(List.of("orders", "customers").subList(0, 1), plan.sourceScope().qualifiers());
    }

    @Test
    void problemToStringNamesMappingElementRangeAndHint() {
        Problem p = Problem.error(new Problem.Location("m1", "t_a", 2, 5), "unknown field `x`", "did you mean `y`?");
        assertEquals("error: mapping m1, t_a [2..5]: unknown field `x` (did you mean `y`?)", p.toString());
    }
}
