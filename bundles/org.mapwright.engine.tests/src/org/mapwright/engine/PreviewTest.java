package org.mapwright.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mapwright.engine.Fixtures.decimal;
import static org.mapwright.engine.Fixtures.integer;
import static org.mapwright.engine.Fixtures.mapping;
import static org.mapwright.engine.Fixtures.project;
import static org.mapwright.engine.Fixtures.row;
import static org.mapwright.engine.Fixtures.rows;
import static org.mapwright.engine.Fixtures.rule;
import static org.mapwright.engine.Fixtures.source;
import static org.mapwright.engine.Fixtures.text;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.core.DataType;
import org.mapwright.core.JoinDef;
import org.mapwright.core.MappingDef;
import org.mapwright.core.Project;
import org.mapwright.core.RuleDef;
import org.mapwright.core.SourceDef;
import org.mapwright.core.connector.ProgressMonitor;
import org.mapwright.engine.expr.Explanation;

class PreviewTest {

    @TempDir
    Path dir;

    private final MemoryConnectors mem = new MemoryConnectors();
    private final MappingEngine engine = new MappingEngine(mem.registry());

    private static SourceDef orders() {
        return source("orders", integer("id"), text("customer"), decimal("amount"));
    }

    private List<Object> numbered(int n) {
        List<Object> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(row(Integer.toString(i), "c" + (i % 3), Integer.toString(i * 10)));
        }
        return out;
    }

    @Test
    void previewStopsAtTheRowLimitAndWritesNothing() {
        mem.table("orders", numbered(5000));
        SourceDef o = orders();
        MappingDef m = mapping("p", o).field("id", DataType.INTEGER, "id").output("out").build();
        MappingPlan plan = engine.compile(project(List.of(o), m), m.id());
        PreviewResult r = engine.preview(plan, PreviewRequest.of(dir, 10));
        assertEquals(10, r.rows().size());
        assertEquals(10, r.rowsRead());
        assertFalse(r.complete());
        assertNull(r.error());
        assertTrue(mem.opened.isEmpty(), "a preview opens no writer");
        assertEquals(1L, r.rows().get(0).values()[0]);
        assertEquals(1L, r.rows().get(0).record());
        assertEquals(2L, r.rows().get(0).line());
    }

    @Test
    void previewCollectsRejectsWithTheirFieldRuleAndSourceRow() {
        mem.table("orders", rows(row("1", "a", "10"), row("x", "b", "20"), row("3", "c", "-5"), row("4", "d", "0")));
        SourceDef o = orders();
        MappingDef m = mapping("p", o).field("id", DataType.INTEGER, "id").field("amount", DataType.DECIMAL, "amount")
                .field("inverse", DataType.DECIMAL, "1 / amount")
                .rule(rule("r_pos", "amount", RuleDef.Kind.RANGE, RuleDef.Action.FAIL, Map.of("min", 0L))).output("out").build();
        PreviewResult r = engine.preview(engine.compile(project(List.of(o), m), m.id()), PreviewRequest.of(dir, 10));
        assertTrue(r.complete());
        assertEquals(1, r.rows().size());
        assertEquals(3, r.rowsRejected());
        assertEquals(4, r.rowsRead());

        PreviewResult.RejectedRow bad = r.rejects().get(0);
        assertEquals(Reject.BAD_VALUE, bad.reject().rule());
        assertEquals("id", bad.reject().field());
        assertNull(bad.source());
        assertEquals("x,b,20", bad.reject().raw());

        PreviewResult.RejectedRow rule = r.rejects().get(1);
        assertEquals("r_pos", rule.ruleId(), "a fail rule shows as a rejected row in the preview");
        assertEquals("t_amount", rule.targetFieldId());
        assertEquals(new BigDecimal("-5"), rule.values()[1]);

        PreviewResult.RejectedRow eval = r.rejects().get(2);
        assertEquals("t_inverse", eval.targetFieldId());
        Explanation why = r.explain(eval).orElseThrow();
        assertTrue(why.failed(), why.toString());
    }

    @Test
    void explainShowsHowACellGotItsValue() {
        mem.table("orders", rows(row("1", "ann", "10")));
        mem.table("customers", rows(row("ann", "Ann Smith")));
        SourceDef o = orders();
        SourceDef c = source("customers", text("key"), text("full"));
        MappingDef m = mapping("p", o).join(c, JoinDef.Kind.LEFT, "customer", "key")
                .field("label", DataType.TEXT, "upper(full) || ' #' || id").output("out").build();
        PreviewResult r = engine.preview(engine.compile(project(List.of(o, c), m), m.id()), PreviewRequest.of(dir, 10));
        PreviewResult.Row first = r.rows().get(0);
        assertEquals("ANN SMITH #1", first.values()[0]);
        assertEquals(List.of(1L, "ann", new BigDecimal("10"), "ann", "Ann Smith"), List.of(first.source()));
        Explanation e = r.explain(first, "t_label").orElseThrow();
        assertEquals("ANN SMITH #1", e.value());
        assertFalse(e.children().isEmpty());
        assertTrue(r.explain(first, "t_unknown").isEmpty());
    }

    @Test
    void aggregatingPreviewExplainsGroups() {
        mem.table("orders", numbered(9));
        SourceDef o = orders();
        MappingDef m = mapping("p", o).field("customer", DataType.TEXT, "customer").field("total", DataType.DECIMAL, "sum(amount)")
                .output("out").build();
        PreviewResult r = engine.preview(engine.compile(project(List.of(o), m), m.id()), PreviewRequest.of(dir, 2));
        assertEquals(2, r.rows().size());
        assertEquals(9, r.rowsRead());
        assertTrue(r.complete());
        assertEquals(List.of("c1", new BigDecimal("120")), List.of(r.rows().get(0).values()));
        Explanation e = r.explain(r.rows().get(0), "t_total").orElseThrow();
        assertEquals(new BigDecimal("120"), e.value());
    }

    @Test
    void previewReadsAtMostMaxSourceRows() {
        mem.table("orders", numbered(100));
        SourceDef o = orders();
        MappingDef m = mapping("p", o).filter("id > 1000").field("id", DataType.INTEGER, "id").output("out").build();
        PreviewResult r = engine.preview(engine.compile(project(List.of(o), m), m.id()), PreviewRequest.of(dir, 10).withMaxSourceRows(30));
        assertEquals(30, r.rowsRead());
        assertEquals(30, r.rowsFiltered());
        assertFalse(r.complete());
    }

    @Test
    void cancelledPreviewThrowsCancellation() {
        mem.table("orders", numbered(10));
        SourceDef o = orders();
        MappingDef m = mapping("p", o).field("id", DataType.INTEGER, "id").output("out").build();
        ProgressMonitor cancelled = new ProgressMonitor() {
            @Override
            public void begin(String task, long totalWork) {
            }

            @Override
            public void worked(long work) {
            }

            @Override
            public boolean isCanceled() {
                return true;
            }
        };
        MappingPlan plan = engine.compile(project(List.of(o), m), m.id());
        assertThrows(CancellationException.class, () -> engine.preview(plan, PreviewRequest.of(dir, 10).withMonitor(cancelled)));
    }

    @Test
    void previewOfInvalidPlanOrMissingSourceReportsTheError() {
        SourceDef o = orders();
        MappingDef bad = mapping("p", o).field("id", DataType.INTEGER, "nope").output("out").build();
        Project p = project(List.of(o), bad);
        PreviewResult r = engine.preview(engine.compile(p, bad.id()), PreviewRequest.of(dir, 10));
        assertTrue(r.error().contains("nope"), r.error());

        MappingDef ok = mapping("p", o).field("id", DataType.INTEGER, "id").output("out").build();
        PreviewResult missing = engine.preview(engine.compile(project(List.of(o), ok), ok.id()), PreviewRequest.of(dir, 10));
        assertTrue(missing.error().contains("no such table"), missing.error());
    }
}
