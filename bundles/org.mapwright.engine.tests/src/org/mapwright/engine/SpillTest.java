package org.mapwright.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mapwright.engine.Fixtures.date;
import static org.mapwright.engine.Fixtures.decimal;
import static org.mapwright.engine.Fixtures.integer;
import static org.mapwright.engine.Fixtures.mapping;
import static org.mapwright.engine.Fixtures.project;
import static org.mapwright.engine.Fixtures.row;
import static org.mapwright.engine.Fixtures.source;
import static org.mapwright.engine.Fixtures.text;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.core.DataType;
import org.mapwright.core.JoinDef;
import org.mapwright.core.MappingDef;
import org.mapwright.core.Project;
import org.mapwright.core.RuleDef;
import org.mapwright.core.SourceDef;
import org.mapwright.engine.RunReport.MappingReport;
import org.mapwright.engine.expr.Functions;

/**
 * Joins and aggregations give the same rows whether they fit the memory budget or spill to disk:
 * each case runs once with the default budget and once with a budget of a few rows.
 */
class SpillTest {

    @TempDir
    Path dir;

    private static final int TINY = 3;

    private static SourceDef customers() {
        return source("customers", integer("id"), text("name"), text("country"), decimal("amount"), date("born"));
    }

    private static SourceDef countries() {
        return source("countries", text("code"), text("label"), text("region"));
    }

    /** 400 customers: names, countries and amounts sometimes null, some countries unknown to the lookup. */
    private static List<Object> customerRows() {
        List<Object> rows = new ArrayList<>();
        for (int i = 1; i <= 400; i++) {
            String name = i % 13 == 0 ? null : "n" + (i * 7919 % 1000);
            String country = i % 17 == 0 ? null : i % 11 == 0 ? "ZZ" + (i % 3) : "C" + (i * 31 % 45);
            String amount = i % 9 == 0 ? null : (i % 2 == 0 ? (i * 37 % 1000) + ".5" : (i * 13 % 500) + ".125");
            String born = i % 7 == 0 ? null : LocalDate.of(1950, 1, 1).plusDays(i * 97L % 20000).toString();
            rows.add(row(String.valueOf(i), name, country, amount, born));
        }
        return rows;
    }

    /** 45 countries, a few codes twice (the first row wins) and one row without a code. */
    private static List<Object> countryRows() {
        List<Object> rows = new ArrayList<>();
        for (int c = 0; c < 45; c++) {
            rows.add(row("C" + c, "Land " + c, "R" + (c % 4)));
            if (c % 10 == 3) {
                rows.add(row("C" + c, "Duplicate " + c, "RX"));
            }
        }
        rows.add(row(null, "No code", "R0"));
        return rows;
    }

    private record Outcome(MappingReport report, List<List<Object>> rows, List<Long> rejectedRecords) {
    }

    private Outcome run(Project p, long memoryRows, String tag) throws IOException {
        MemoryConnectors mem = new MemoryConnectors();
        mem.table("customers", customerRows());
        mem.table("countries", countryRows());
        Path spill = dir.resolve("spill-" + tag);
        EngineLimits limits = EngineLimits.DEFAULTS.withMemoryRows(memoryRows).withSpillDirectory(spill);
        MappingEngine engine = new MappingEngine(mem.registry(), Functions.standard(),
                Clock.fixed(Instant.parse("2024-05-01T10:00:00Z"), ZoneOffset.UTC), limits);
        Path out = dir.resolve("out-" + tag);
        RunReport report = engine.run(p, List.of(), RunRequest.of(out));
        MappingReport m = report.mappings().get(0);
        assertEquals(RunStatus.SUCCEEDED, report.status(), report.error());
        assertTrue(m.accountingHolds(), m.toString());
        if (Files.isDirectory(spill)) {
            try (Stream<Path> left = Files.list(spill)) {
                assertEquals(List.of(), left.toList(), "spill files are deleted after the run");
            }
        }
        List<List<Object>> rows = new ArrayList<>();
        for (Object[] r : mem.output("out")) {
            rows.add(Arrays.asList(r));
        }
        List<Long> rejected = new ArrayList<>();
        Path rejects = out.resolve("rejects").resolve(m.name() + ".rejects.csv");
        if (Files.exists(rejects)) {
            for (String line : Files.readAllLines(rejects).subList(1, Files.readAllLines(rejects).size())) {
                rejected.add(Long.parseLong(line.substring(0, line.indexOf(','))));
            }
        }
        return new Outcome(m, rows, new ArrayList<>(new TreeSet<>(rejected)));
    }

    private void assertSameInMemoryAndSpilled(Project p, String expectWarning) throws IOException {
        Outcome memory = run(p, EngineLimits.DEFAULT_MEMORY_ROWS, "memory");
        Outcome spilled = run(p, TINY, "spilled");
        assertFalse(memory.rows().isEmpty());
        assertEquals(memory.rows(), spilled.rows());
        assertEquals(memory.rejectedRecords(), spilled.rejectedRecords());
        MappingReport a = memory.report();
        MappingReport b = spilled.report();
        assertEquals(List.of(a.rowsRead(), a.rowsWritten(), a.rowsRejected(), a.rowsFiltered(), a.rowsMerged()),
                List.of(b.rowsRead(), b.rowsWritten(), b.rowsRejected(), b.rowsFiltered(), b.rowsMerged()));
        assertTrue(a.warnings().stream().noneMatch(w -> w.contains("memoryRows")), a.warnings().toString());
        assertTrue(b.warnings().stream().anyMatch(w -> w.contains("memoryRows") && w.contains(expectWarning)), b.warnings().toString());
    }

    @Test
    void leftJoinWithMissesDefaultsDuplicateAndNullKeysGivesTheSameRowsWhenSpilled() throws IOException {
        SourceDef c = customers();
        SourceDef l = countries();
        MappingDef m = mapping("leftjoin", c).join(l, JoinDef.Kind.LEFT, "country", "code")
                .field("id", DataType.INTEGER, "id").field("country", DataType.TEXT, "country")
                .field("label", DataType.TEXT, "coalesce(label, 'Unknown')").field("region", DataType.TEXT, "region")
                .output("out").build();
        assertSameInMemoryAndSpilled(project(List.of(c, l), m), "lookup 'countries'");
        Outcome spilled = run(project(List.of(c, l), m), 1, "one");
        assertEquals(400, spilled.rows().size());
        assertTrue(spilled.rows().contains(List.of(3L, "C3", "Land 3", "R3")), "the first of duplicate keys wins");
        assertTrue(spilled.rows().contains(Arrays.asList(17L, null, "Unknown", null)), "a null key never matches");
        assertTrue(spilled.rows().contains(Arrays.asList(11L, "ZZ2", "Unknown", null)), "a miss takes the default");
    }

    @Test
    void innerJoinOnTwoKeysGivesTheSameRowsWhenSpilled() throws IOException {
        SourceDef c = customers();
        SourceDef l = countries();
        MappingDef m = mapping("inner2", c).field("id", DataType.INTEGER, "id").field("label", DataType.TEXT, "label")
                .field("amount", DataType.DECIMAL, "amount").output("out").build()
                .withJoins(List.of(new JoinDef(l.id(), JoinDef.Kind.INNER, List.of(new JoinDef.Key("country", "code"),
                        new JoinDef.Key("'R' || (id % 4)", "region")))));
        assertSameInMemoryAndSpilled(project(List.of(c, l), m), "lookup 'countries'");
    }

    @Test
    void lookupFunctionTablesAndReferenceRulesGiveTheSameRowsAndRejectsWhenSpilled() throws IOException {
        SourceDef c = customers();
        SourceDef l = countries();
        MappingDef m = mapping("lookups", c).field("id", DataType.INTEGER, "id")
                .field("label", DataType.TEXT, "lookup('countries', 'code', country, 'label', 'none')")
                .field("country", DataType.TEXT, "country")
                .rule(Fixtures.rule("r_ref", "country", RuleDef.Kind.REFERENCE, RuleDef.Action.REJECT,
                        Map.of("source", "countries", "field", "code")))
                .output("out").build();
        assertSameInMemoryAndSpilled(project(List.of(c, l), m), "lookup table 'countries'");
        Outcome spilled = run(project(List.of(c, l), m), 1, "one");
        assertTrue(spilled.rows().contains(List.of(3L, "Land 3", "C3")), "the first of duplicate keys wins");
        assertTrue(spilled.report().rowsRejected() > 0, "countries unknown to the reference source are rejected");
        assertTrue(spilled.report().warnings().stream().anyMatch(w -> w.startsWith("reference source 'countries'")),
                spilled.report().warnings().toString());
    }

    @Test
    void everyAggregateFunctionGivesTheSameGroupsInTheSameOrderWhenSpilled() throws IOException {
        SourceDef c = customers();
        MappingDef m = mapping("agg", c).field("country", DataType.TEXT, "country")
                .field("n", DataType.INTEGER, "count(*)")
                .field("named", DataType.INTEGER, "count(name)")
                .field("distinct_names", DataType.INTEGER, "count(DISTINCT name)")
                .field("ids", DataType.INTEGER, "sum(id)")
                .field("total", DataType.DECIMAL, "sum(amount)")
                .field("avg_id", DataType.DECIMAL, "avg(id)")
                .field("avg_amount", DataType.DECIMAL, "avg(amount)")
                .field("min_amount", DataType.DECIMAL, "min(amount)")
                .field("max_amount", DataType.DECIMAL, "max(amount)")
                .field("first_born", DataType.DATE, "min(born)")
                .field("last_born", DataType.DATE, "max(born)")
                .field("first_name", DataType.TEXT, "first(name)")
                .field("last_name", DataType.TEXT, "last(name)")
                .field("names", DataType.TEXT, "string_agg(name, ',')")
                .field("mixed", DataType.DECIMAL, "sum(amount) / count(*) + max(id)")
                .output("out").build();
        assertSameInMemoryAndSpilled(project(List.of(c), m), "aggregation");
        Outcome spilled = run(project(List.of(c), m), 1, "one");
        assertEquals(run(project(List.of(c), m), EngineLimits.DEFAULT_MEMORY_ROWS, "again").rows(), spilled.rows());
    }

    @Test
    void manyGroupsSplitIntoDeeperPartitionsAndKeepFirstSeenOrder() throws IOException {
        SourceDef c = customers();
        MappingDef m = mapping("deep", c).field("bucket", DataType.INTEGER, "id * 7 % 150")
                .field("n", DataType.INTEGER, "count(*)").field("names", DataType.TEXT, "string_agg(coalesce(name, '-'), '|')")
                .field("born", DataType.DATE, "max(born)").output("out").build();
        assertSameInMemoryAndSpilled(project(List.of(c), m), "aggregation");
    }

    @Test
    void rejectsOfGroupKeysAndOfAccumulatorsAreTheSameWhenSpilled() throws IOException {
        SourceDef c = customers();
        MappingDef m = mapping("rejecting", c).field("bucket", DataType.DECIMAL, "100 / (id % 23)")
                .field("big", DataType.INTEGER, "sum(CASE WHEN id % 29 = 0 THEN 9223372036854775807 ELSE id END)")
                .field("n", DataType.INTEGER, "count(*)").output("out").build();
        Outcome memory = run(project(List.of(c), m), EngineLimits.DEFAULT_MEMORY_ROWS, "m");
        assertTrue(memory.report().rowsRejected() > 17, memory.report().toString());
        assertSameInMemoryAndSpilled(project(List.of(c), m), "aggregation");
    }

    @Test
    void joinAndAggregationTogetherSpillAndAgree() throws IOException {
        SourceDef c = customers();
        SourceDef l = countries();
        MappingDef m = mapping("both", c).join(l, JoinDef.Kind.LEFT, "country", "code")
                .field("region", DataType.TEXT, "coalesce(region, 'none')").field("country", DataType.TEXT, "country")
                .field("total", DataType.DECIMAL, "sum(amount)").field("labels", DataType.TEXT, "string_agg(label, ';')")
                .filter("id % 5 <> 0").output("out").build();
        assertSameInMemoryAndSpilled(project(List.of(c, l), m), "");
    }

    @Test
    void aggregatesKeepExactDecimalsIntegerAveragesAndDateExtremesInBothModes() throws IOException {
        SourceDef c = customers();
        MappingDef m = mapping("exact", c).field("k", DataType.TEXT, "CASE WHEN id <= 3 THEN 'a' ELSE country END")
                .field("sum", DataType.DECIMAL, "sum(CAST('0.1' AS decimal) * id)")
                .field("avg", DataType.DECIMAL, "avg(id)")
                .field("min", DataType.DATE, "min(born)").field("max", DataType.DATE, "max(born)")
                .field("d", DataType.INTEGER, "count(DISTINCT CASE WHEN id % 2 = 0 THEN CAST('1.0' AS decimal) ELSE 1 END)")
                .outputFilter("k = 'a'").output("out").build();
        for (long budget : new long[] { EngineLimits.DEFAULT_MEMORY_ROWS, 1 }) {
            Outcome o = run(project(List.of(c), m), budget, "exact" + budget);
            assertEquals(List.of(Arrays.asList("a", new BigDecimal("0.6"), new BigDecimal("2"), LocalDate.of(1950, 1, 1).plusDays(97),
                    LocalDate.of(1950, 1, 1).plusDays(291), 1L)), o.rows());
        }
    }

    @Test
    void runStoppedWhileAggregatingSpilledRowsStillAccountsForEveryRowAndDeletesItsFiles() throws IOException {
        MemoryConnectors mem = new MemoryConnectors();
        mem.table("customers", customerRows());
        SourceDef c = customers();
        MappingDef m = mapping("limit", c).field("bucket", DataType.INTEGER, "id % 40").field("n", DataType.INTEGER, "count(*)")
                .output("out").build();
        Path spill = dir.resolve("spill-limit");
        MappingEngine engine = new MappingEngine(mem.registry(), Functions.standard(), Clock.systemUTC(),
                new EngineLimits(10, 20, 10, 10, 10).withMemoryRows(4).withSpillDirectory(spill));
        RunReport report = engine.run(project(List.of(c), m), List.of(), RunRequest.of(dir.resolve("out-limit")));
        assertEquals(RunStatus.FAILED, report.status());
        assertTrue(report.error().contains("maxGroups"), report.error());
        MappingReport r = report.mappings().get(0);
        assertTrue(r.accountingHolds(), r.toString());
        assertEquals(400, r.rowsRead());
        assertTrue(mem.committed.isEmpty());
        try (Stream<Path> left = Files.list(spill)) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void previewShowsTheSameRowsWhenSpillingAndLeavesNoFiles() {
        SourceDef c = customers();
        SourceDef l = countries();
        MappingDef m = mapping("preview", c).join(l, JoinDef.Kind.LEFT, "country", "code")
                .field("region", DataType.TEXT, "coalesce(region, 'none')").field("n", DataType.INTEGER, "count(*)")
                .field("names", DataType.TEXT, "string_agg(name, ',')").output("out").build();
        List<List<List<Object>>> results = new ArrayList<>();
        for (long budget : new long[] { EngineLimits.DEFAULT_MEMORY_ROWS, 2 }) {
            MemoryConnectors mem = new MemoryConnectors();
            mem.table("customers", customerRows());
            mem.table("countries", countryRows());
            Path spill = dir.resolve("preview-spill-" + budget);
            MappingEngine engine = new MappingEngine(mem.registry(), Functions.standard(), Clock.systemUTC(),
                    EngineLimits.DEFAULTS.withMemoryRows(budget).withSpillDirectory(spill));
            PreviewResult r = engine.preview(engine.compile(project(List.of(c, l), m), m.id()), PreviewRequest.of(dir, 100));
            assertEquals(null, r.error());
            List<List<Object>> rows = new ArrayList<>();
            for (PreviewResult.Row row : r.rows()) {
                rows.add(Arrays.asList(row.values()));
            }
            results.add(rows);
            assertTrue(mem.opened.isEmpty(), "a preview opens no writer");
            assertFalse(Files.exists(spill) && spill.toFile().list().length > 0, "spill files are deleted after the preview");
        }
        assertEquals(5, results.get(0).size(), "regions R0-R3 and none");
        assertEquals(results.get(0), results.get(1));
    }

    @Test
    void memoryBudgetComesFromSystemPropertiesAndRejectsNonsense() {
        Properties p = new Properties();
        assertEquals(EngineLimits.DEFAULTS, EngineLimits.fromProperties(p));
        p.setProperty(EngineLimits.MEMORY_ROWS_PROPERTY, "50_000");
        p.setProperty(EngineLimits.SPILL_DIRECTORY_PROPERTY, "/var/tmp/mw");
        EngineLimits l = EngineLimits.fromProperties(p);
        assertEquals(50_000, l.memoryRows());
        assertEquals(Path.of("/var/tmp/mw"), l.spillDirectory());
        p.setProperty(EngineLimits.MEMORY_ROWS_PROPERTY, "0");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EngineLimits.fromProperties(p));
        assertTrue(e.getMessage().contains("mapwright.memoryRows"), e.getMessage());
    }
}
