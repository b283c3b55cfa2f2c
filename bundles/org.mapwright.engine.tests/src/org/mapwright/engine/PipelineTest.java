package org.mapwright.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mapwright.engine.Fixtures.integer;
import static org.mapwright.engine.Fixtures.mapping;
import static org.mapwright.engine.Fixtures.project;
import static org.mapwright.engine.Fixtures.row;
import static org.mapwright.engine.Fixtures.rows;
import static org.mapwright.engine.Fixtures.source;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.core.DataType;
import org.mapwright.core.MappingDef;
import org.mapwright.core.Project;
import org.mapwright.core.SourceDef;
import org.mapwright.engine.RunReport.MappingReport;
import org.mapwright.engine.expr.Functions;

/**
 * Pipelines over {@link MemoryConnectors}: a mem source reads the data set named by its
 * {@code table} setting, a mem output writes the one named by its {@code name} setting.
 */
class PipelineTest {

    @TempDir
    Path dir;

    private final MemoryConnectors mem = new MemoryConnectors();

    private static final Datasets BY_NAME = (connector, settings, base) -> Optional.of(
            settings.has("table") ? settings.getString("table", "") : settings.getString("name", ""));

    private MappingEngine engine() {
        return new MappingEngine(mem.registry(), Functions.standard(), Clock.fixed(Instant.parse("2024-05-01T10:00:00Z"), ZoneOffset.UTC),
                EngineLimits.DEFAULTS);
    }

    private static MappingDef copy(String name, SourceDef from, String output) {
        return mapping(name, from).field("id", DataType.INTEGER, "id").output(output).build();
    }

    private static List<String> names(Pipeline p) {
        return p.steps().stream().map(Pipeline.Step::name).toList();
    }

    private static List<String> names(RunReport r) {
        return r.mappings().stream().map(MappingReport::name).toList();
    }

    @Test
    void mappingRunsAfterTheMappingWhoseOutputItReadsAndOthersKeepProjectOrder() {
        SourceDef raw = source("raw", integer("id"));
        SourceDef dim = source("dim", integer("id"));
        SourceDef other = source("other", integer("id"));
        Project p = project(List.of(raw, dim, other), copy("fact", dim, "fact"), copy("load dim", raw, "dim"),
                copy("unrelated", other, "unrelated"));
        Pipeline pipeline = engine().pipeline(p, List.of(), dir, BY_NAME);
        assertTrue(pipeline.isRunnable(), pipeline.problems().toString());
        assertEquals(List.of("load dim", "fact", "unrelated"), names(pipeline));
        Pipeline.Step fact = pipeline.step("m_fact").orElseThrow();
        assertEquals(List.of(new Pipeline.Link("s_dim", "dim", "m_load dim", "load dim", "o_dim")), fact.inputs());

        mem.table("raw", rows(row("1"))).table("dim", rows(row("1"))).table("other", rows(row("2")));
        RunReport report = engine().run(p, pipeline, RunRequest.of(dir));
        assertEquals(RunStatus.SUCCEEDED, report.status());
        assertEquals(List.of("load dim", "fact", "unrelated"), names(report), "one report per step, in execution order");
        assertEquals(Set.of("dim", "fact", "unrelated"), mem.committed.keySet());
    }

    @Test
    void failedStepSkipsItsTransitiveDependantsWhileIndependentStepsRunAndCommit() {
        SourceDef raw = source("raw", integer("id"));
        SourceDef dim = source("dim", integer("id"));
        SourceDef fact = source("fact", integer("id"));
        SourceDef other = source("other", integer("id"));
        Project p = project(List.of(raw, dim, fact, other), copy("load dim", raw, "dim"), copy("load fact", dim, "fact"),
                copy("report", fact, "report"), copy("unrelated", other, "unrelated"));
        mem.table("other", rows(row("2")));
        RunReport report = engine().run(p, engine().pipeline(p, List.of(), dir, BY_NAME), RunRequest.of(dir));

        assertEquals(RunStatus.FAILED, report.status());
        assertTrue(report.error().contains("no such table"), report.error());
        assertEquals(List.of(RunStatus.FAILED, RunStatus.SKIPPED, RunStatus.SKIPPED, RunStatus.SUCCEEDED),
                report.mappings().stream().map(MappingReport::status).toList());
        assertEquals("not run: it reads the output of mapping 'load dim', which ended failed", report.mappings().get(1).error());
        assertEquals("not run: it reads the output of mapping 'load fact', which was not run", report.mappings().get(2).error());
        assertEquals(Set.of("unrelated"), mem.committed.keySet());
    }

    @Test
    void mappingsReadingEachOthersOutputsFormACycleThatCannotRun() {
        SourceDef a = source("a", integer("id"));
        SourceDef b = source("b", integer("id"));
        SourceDef c = source("c", integer("id"));
        Project p = project(List.of(a, b, c), copy("one", a, "b"), copy("two", b, "c"), copy("three", c, "a"));
        Pipeline pipeline = engine().pipeline(p, List.of(), dir, BY_NAME);

        assertFalse(pipeline.isRunnable());
        assertEquals(1, pipeline.problems().size());
        Problem cycle = pipeline.problems().get(0);
        assertTrue(cycle.isError());
        assertEquals("m_one", cycle.location().mappingId());
        assertEquals("mappings read each other's outputs in a cycle: 'one' → 'two' → 'three' → 'one'", cycle.message());
        assertTrue(cycle.hint().contains("'two' reads source 'b', which 'one' writes (output o_b)"), cycle.hint());
        assertThrows(IllegalArgumentException.class, () -> engine().run(p, pipeline, RunRequest.of(dir)));
        assertTrue(mem.opened.isEmpty(), "nothing ran");
    }

    @Test
    void mappingReadingItsOwnOutputIsNoCycle() {
        SourceDef a = source("a", integer("id"));
        Project p = project(List.of(a), copy("rewrite", a, "a"));
        Pipeline pipeline = engine().pipeline(p, List.of(), dir, BY_NAME);
        assertTrue(pipeline.isRunnable(), pipeline.problems().toString());
        assertTrue(pipeline.steps().get(0).inputs().isEmpty());
    }

    @Test
    void onlyTheSelectedMappingsDependOnEachOther() {
        SourceDef raw = source("raw", integer("id"));
        SourceDef dim = source("dim", integer("id"));
        Project p = project(List.of(raw, dim), copy("load dim", raw, "dim"), copy("fact", dim, "fact"));
        Pipeline alone = engine().pipeline(p, List.of("m_fact"), dir, BY_NAME);
        assertEquals(List.of("fact"), names(alone));
        assertTrue(alone.steps().get(0).inputs().isEmpty(), "reads the data set as it is");
        assertEquals(List.of("load dim", "fact"), names(engine().pipeline(p, List.of("m_fact", "m_load dim"), dir, BY_NAME)));
    }

    @Test
    void withoutDatasetsEveryMappingStandsAloneInTheGivenOrder() {
        SourceDef raw = source("raw", integer("id"));
        SourceDef dim = source("dim", integer("id"));
        Project p = project(List.of(raw, dim), copy("fact", dim, "fact"), copy("load dim", raw, "dim"));
        assertEquals(List.of("fact", "load dim"), names(engine().pipeline(p, List.of(), dir, Datasets.NONE)));
    }
}
