package org.mapwright.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.core.DataType;
import org.mapwright.core.JoinDef;
import org.mapwright.core.MappingDef;
import org.mapwright.core.Project;
import org.mapwright.core.RuleDef;
import org.mapwright.core.SourceDef;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.DataLocation;
import org.mapwright.core.connector.ProgressMonitor;
import org.mapwright.engine.RunReport.MappingReport;
import org.mapwright.engine.expr.Functions;

class MappingEngineRunTest {

    @TempDir
    Path dir;

    private final MemoryConnectors mem = new MemoryConnectors();

    private MappingEngine engine() {
        return new MappingEngine(mem.registry(), Functions.standard(), Clock.fixed(Instant.parse("2024-05-01T10:00:00Z"), ZoneOffset.UTC),
                EngineLimits.DEFAULTS);
    }

    private RunReport run(Project p) {
        RunReport report = engine().run(p, List.of(), RunRequest.of(dir));
        for (MappingReport m : report.mappings()) {
            assertTrue(m.accountingHolds(), "read = written + rejected + filtered + merged for " + m);
        }
        return report;
    }

    private static SourceDef customers() {
        return source("customers", integer("id"), text("name"), text("country"), decimal("amount"));
    }

    private String rejects(String mappingName) throws Exception {
        return Files.readString(dir.resolve("rejects").resolve(mappingName + ".rejects.csv"), StandardCharsets.UTF_8);
    }

    private static List<List<Object>> lists(List<Object[]> rows) {
        List<List<Object>> out = new ArrayList<>();
        for (Object[] r : rows) {
            out.add(Arrays.asList(r));
        }
        return out;
    }

    @Test
    void writesMappedRowsToEveryOutputAndCommitsThem() {
        mem.table("customers", rows(row("1", "ann", "FR", "10.50"), row("2", "bob", "DE", "3")));
        SourceDef c = customers();
        MappingDef m = mapping("copy", c).field("id", DataType.INTEGER, "id").field("label", DataType.TEXT, "upper(name) || '/' || country")
                .field("doubled", DataType.DECIMAL, "amount * 2").output("a").output("b").build();
        RunReport report = run(project(List.of(c), m));
        assertEquals(RunStatus.SUCCEEDED, report.status(), report.error());
        List<List<Object>> expected = List.of(List.of(1L, "ANN/FR", new BigDecimal("21.00")), List.of(2L, "BOB/DE", new BigDecimal("6")));
        assertEquals(expected, lists(mem.output("a")));
        assertEquals(expected, lists(mem.output("b")));
        MappingReport r = report.mappings().get(0);
        assertEquals(2, r.rowsRead());
        assertEquals(2, r.rowsWritten());
        assertEquals(20, r.bytesRead());
        assertEquals(List.of("memory a", "memory b"), r.outputs().stream().map(RunReport.OutputReport::description).toList());
        assertNull(r.rejectsFile());
        assertFalse(Files.exists(dir.resolve("rejects")));
    }

    @Test
    void rejectsUnparsableSourceValueNamingFileLineAndColumnAndKeepsGoing() throws Exception {
        mem.table("customers", rows(row("1", "ann", "FR", "1"), row("2x", "bob", "DE", "2"), row("3", "cy", "IT", "3")));
        SourceDef c = customers();
        MappingDef m = mapping("coerce", c).field("id", DataType.INTEGER, "id").output("out").build();
        RunReport report = run(project(List.of(c), m));
        assertEquals(RunStatus.SUCCEEDED, report.status());
        assertEquals(List.of(List.of(1L), List.of(3L)), lists(mem.output("out")));
        MappingReport r = report.mappings().get(0);
        assertEquals(1, r.rowsRejected());
        Reject first = r.firstRejects().get(0);
        assertEquals(new Reject(2, "customers.csv", 3, "id", Reject.BAD_VALUE, "'2x' is not an integer", null), first);
        assertEquals("record,file,line,field,rule,reason,raw\n"
                + "2,customers.csv,3,id,bad-value,'2x' is not an integer,\"2x,bob,DE,2\"\n", rejects("coerce"));
        assertTrue(r.rejectsFile().endsWith("coerce.rejects.csv"));
    }

    @Test
    void rejectsRecoverableReaderErrorWithItsRawText() throws Exception {
        mem.table("customers", List.of(row("1", "ann", "FR", "1"),
                DataException.badRecord(new DataLocation("customers.csv", 3, 2, null), "unclosed quote", "2,\"bob"),
                row("3", "cy", "IT", "3")));
        SourceDef c = customers();
        MappingDef m = mapping("bad", c).field("id", DataType.INTEGER, "id").output("out").build();
        RunReport report = run(project(List.of(c), m));
        assertEquals(RunStatus.SUCCEEDED, report.status());
        assertEquals(2, mem.output("out").size());
        assertEquals("record,file,line,field,rule,reason,raw\n2,customers.csv,3,,bad-record,unclosed quote,\"2,\"\"bob\"\n", rejects("bad"));
    }

    @Test
    void fatalReaderErrorFailsTheRunAndDiscardsEveryWriter() {
        mem.table("customers", List.of(row("1", "ann", "FR", "1"), new DataException(DataLocation.of("customers.csv"), "disk gone")));
        SourceDef c = customers();
        MappingDef m = mapping("fatal", c).field("id", DataType.INTEGER, "id").output("a").output("b").build();
        RunReport report = run(project(List.of(c), m));
        assertEquals(RunStatus.FAILED, report.status());
        assertTrue(report.error().contains("disk gone"), report.error());
        assertTrue(mem.committed.isEmpty());
        assertEquals(2, mem.opened.size());
        assertTrue(mem.opened.stream().allMatch(MemoryConnectors.Sink::discarded));
    }

    @Test
    void innerJoinDropsMissesAndLeftJoinKeepsNulls() {
        mem.table("customers", rows(row("1", "ann", "FR", "1"), row("2", "bob", "XX", "2"), row("3", "cy", null, "3")));
        mem.table("countries", rows(row("fr", "France"), row("DE", "Germany")));
        SourceDef c = customers();
        SourceDef countries = source("countries", text("code"), text("label"));
        MappingDef inner = mapping("inner", c).join(countries, JoinDef.Kind.INNER, "lower(country)", "lower(code)")
                .field("id", DataType.INTEGER, "id").field("country", DataType.TEXT, "countries.label").output("inner").build();
        MappingDef left = mapping("left", c).join(countries, JoinDef.Kind.LEFT, "lower(country)", "lower(code)")
                .field("id", DataType.INTEGER, "id").field("country", DataType.TEXT, "coalesce(label, 'Unknown')").output("left").build();
        RunReport report = run(project(List.of(c, countries), inner, left));
        assertEquals(RunStatus.SUCCEEDED, report.status(), report.error());
        assertEquals(List.of(List.of(1L, "France")), lists(mem.output("inner")));
        assertEquals(2, report.mappings().get(0).rowsFiltered());
        assertEquals(List.of(List.of(1L, "France"), List.of(2L, "Unknown"), List.of(3L, "Unknown")), lists(mem.output("left")));
    }

    @Test
    void joinMatchesIntegerKeysWithDecimalKeys() {
        mem.table("customers", rows(row("1", "ann", "FR", "1"), row("2", "bob", "DE", "2")));
        mem.table("tiers", rows(row("1.0", "gold"), row("2.00", "silver")));
        SourceDef c = customers();
        SourceDef tiers = source("tiers", decimal("amount_key"), text("tier"));
        MappingDef m = mapping("tiers", c).join(tiers, JoinDef.Kind.INNER, "id", "amount_key")
                .field("tier", DataType.TEXT, "tier").output("out").build();
        RunReport report = run(project(List.of(c, tiers), m));
        assertEquals(List.of(List.of("gold"), List.of("silver")), lists(mem.output("out")), report.error());
    }

    @Test
    void duplicateLookupKeysUseTheFirstRowAndWarn() {
        mem.table("customers", rows(row("1", "ann", "FR", "1")));
        mem.table("countries", rows(row("FR", "France"), row("FR", "Frankreich")));
        SourceDef c = customers();
        SourceDef countries = source("countries", text("code"), text("label"));
        MappingDef m = mapping("dups", c).join(countries, JoinDef.Kind.LEFT, "country", "code")
                .field("country", DataType.TEXT, "label").output("out").build();
        RunReport report = run(project(List.of(c, countries), m));
        assertEquals(List.of(List.of("France")), lists(mem.output("out")));
        assertTrue(report.mappings().get(0).warnings().get(0).contains("first row of each key"), report.mappings().get(0).warnings().toString());
    }

    @Test
    void inputAndOutputFiltersCountFilteredRows() {
        mem.table("customers", rows(row("1", "ann", "FR", "5"), row("2", "bob", "DE", "50"), row("3", "cy", "FR", null),
                row("4", "dee", "FR", "500")));
        SourceDef c = customers();
        MappingDef m = mapping("filters", c).filter("country = 'FR'").field("id", DataType.INTEGER, "id")
                .field("big", DataType.DECIMAL, "amount * 10").outputFilter("big < 1000").output("out").build();
        RunReport report = run(project(List.of(c), m));
        assertEquals(List.of(List.of(1L, new BigDecimal("50"))), lists(mem.output("out")));
        MappingReport r = report.mappings().get(0);
        assertEquals(4, r.rowsRead());
        assertEquals(3, r.rowsFiltered());
    }

    @Test
    void aggregatesGroupsByNonAggregateFieldsInOrderOfFirstAppearance() {
        mem.table("customers", rows(row("1", "ann", "FR", "10"), row("2", "bob", "DE", "1"), row("3", "cy", "FR", "5"),
                row("4", "dee", "DE", null), row("5", "eve", "IT", "2")));
        SourceDef c = customers();
        MappingDef m = mapping("agg", c).field("country", DataType.TEXT, "country").field("total", DataType.DECIMAL, "sum(amount)")
                .field("n", DataType.INTEGER, "count(*)").outputFilter("n > 0").output("out").build();
        RunReport report = run(project(List.of(c), m));
        assertEquals(RunStatus.SUCCEEDED, report.status(), report.error());
        assertEquals(List.of(List.of("FR", new BigDecimal("15"), 2L), List.of("DE", new BigDecimal("1"), 2L),
                List.of("IT", new BigDecimal("2"), 1L)), lists(mem.output("out")));
        MappingReport r = report.mappings().get(0);
        assertEquals(5, r.rowsRead());
        assertEquals(3, r.rowsWritten());
        assertEquals(2, r.rowsMerged());
    }

    @Test
    void evaluationErrorRejectsTheRowNamingTheTargetField() throws Exception {
        mem.table("customers", rows(row("1", "ann", "FR", "10"), row("2", "bob", "DE", "0")));
        SourceDef c = customers();
        MappingDef m = mapping("eval", c).field("ratio", DataType.DECIMAL, "100 / amount").output("out").build();
        RunReport report = run(project(List.of(c), m));
        assertEquals(1, mem.output("out").size());
        Reject r = report.mappings().get(0).firstRejects().get(0);
        assertEquals("ratio", r.field());
        assertEquals(Reject.EVALUATION_ERROR, r.rule());
        assertTrue(r.reason().contains("zero"), r.reason());
        assertTrue(rejects("eval").contains("2,customers.csv,3,ratio,evaluation-error,"));
    }

    @Test
    void requiredTargetFieldWithoutValueIsRejected() {
        mem.table("customers", rows(row("1", "ann", "FR", "10"), row("2", null, "DE", "0")));
        SourceDef c = customers();
        MappingDef m = mapping("req", c).field(org.mapwright.core.Field.of("t_name", "name", DataType.TEXT).withNullable(false), "name")
                .output("out").build();
        RunReport report = run(project(List.of(c), m));
        assertEquals(1, mem.output("out").size());
        assertEquals(Reject.REQUIRED, report.mappings().get(0).firstRejects().get(0).rule());
    }

    @Test
    void rulesRejectOrWarnAndCountEveryViolation() throws Exception {
        mem.table("customers", rows(
                row("1", "ann", "FR", "10"),
                row("2", null, "DE", "20"),
                row("1", "cy", "FR", "30"),
                row("4", "dee", "XX", "40"),
                row("5", "eve", "FR", "-5"),
                row("6", "f1", "FR", "60"),
                row("7", "gil", "ES", "70")));
        mem.table("known", rows(row("FR"), row("DE"), row("XX"), row("IT")));
        SourceDef c = customers();
        SourceDef known = source("known", text("code"));
        MappingDef m = mapping("rules", c).field("id", DataType.INTEGER, "id").field("name", DataType.TEXT, "name")
                .field("country", DataType.TEXT, "country").field("amount", DataType.DECIMAL, "amount")
                .rule(rule("r_notnull", "name", RuleDef.Kind.NOT_NULL, RuleDef.Action.REJECT, Map.of()))
                .rule(rule("r_unique", "id", RuleDef.Kind.UNIQUE, RuleDef.Action.REJECT, Map.of()))
                .rule(rule("r_allowed", "country", RuleDef.Kind.ALLOWED, RuleDef.Action.REJECT, Map.of("values", "FR, DE, ES")))
                .rule(rule("r_range", "amount", RuleDef.Kind.RANGE, RuleDef.Action.WARN, Map.of("min", 0L, "max", "1000")))
                .rule(rule("r_regex", "name", RuleDef.Kind.REGEX, RuleDef.Action.REJECT, Map.of("pattern", "[a-z]+")))
                .rule(rule("r_ref", "country", RuleDef.Kind.REFERENCE, RuleDef.Action.REJECT, Map.of("source", "known", "field", "code")))
                .output("out").build();
        RunReport report = run(project(List.of(c, known), m));
        assertEquals(RunStatus.SUCCEEDED, report.status(), report.error());
        assertEquals(List.of(1L, 5L), mem.output("out").stream().map(r -> r[0]).toList());
        MappingReport r = report.mappings().get(0);
        assertEquals(5, r.rowsRejected());
        assertEquals(List.of(1L, 1L, 1L, 1L, 1L, 1L), r.rules().stream().map(RunReport.RuleReport::violations).toList());
        assertEquals("warn", r.rules().get(3).action());
        String file = rejects("rules");
        assertTrue(file.contains(",name,r_notnull,is null,"), file);
        assertTrue(file.contains(",id,r_unique,duplicate value '1',"), file);
        assertTrue(file.contains(",country,r_allowed,\"'XX' is not one of FR, DE, ES\","), file);
        assertTrue(file.contains(",name,r_regex,'f1' does not match [a-z]+,"), file);
        assertTrue(file.contains(",country,r_ref,'ES' not found in known.code,"), file);
    }

    @Test
    void uniqueRuleOnlyRemembersWrittenRows() {
        mem.table("customers", rows(row("1", null, "FR", "1"), row("1", "bob", "FR", "2")));
        SourceDef c = customers();
        MappingDef m = mapping("uniq", c).field("id", DataType.INTEGER, "id").field("name", DataType.TEXT, "name")
                .rule(rule("r_nn", "name", RuleDef.Kind.NOT_NULL, RuleDef.Action.REJECT, Map.of()))
                .rule(rule("r_u", "id", RuleDef.Kind.UNIQUE, RuleDef.Action.REJECT, Map.of())).output("out").build();
        run(project(List.of(c), m));
        assertEquals(List.of(List.of(1L, "bob")), lists(mem.output("out")));
    }

    @Test
    void failRuleStopsTheRunWithoutCommittingButKeepsRejects() throws Exception {
        mem.table("customers", rows(row("1", "ann", "FR", "10"), row("2", "bob", "DE", "-1"), row("3", "cy", "FR", "30")));
        SourceDef c = customers();
        MappingDef m = mapping("failing", c).field("amount", DataType.DECIMAL, "amount")
                .rule(rule("r_pos", "amount", RuleDef.Kind.RANGE, RuleDef.Action.FAIL, Map.of("min", 0L))).output("out").build();
        RunReport report = run(project(List.of(c), m));
        assertEquals(RunStatus.FAILED_DATA, report.status());
        assertTrue(report.error().contains("r_pos") && report.error().contains("line 3"), report.error());
        assertTrue(mem.committed.isEmpty());
        assertTrue(mem.opened.get(0).discarded());
        assertEquals(2, report.mappings().get(0).rowsRead(), "stops at the failing row");
        assertTrue(rejects("failing").contains("r_pos"));
    }

    @Test
    void exceedingMaxRejectedRowsFailsWithoutCommitting() {
        mem.table("customers", rows(row("x", "a", "FR", "1"), row("y", "b", "FR", "1"), row("3", "c", "FR", "1"), row("z", "d", "FR", "1")));
        SourceDef c = customers();
        MappingDef m = mapping("threshold", c).field("id", DataType.INTEGER, "id").thresholds(1, -1).output("out").build();
        RunReport report = run(project(List.of(c), m));
        assertEquals(RunStatus.FAILED_DATA, report.status());
        assertTrue(report.error().contains("maxRejectedRows"), report.error());
        assertTrue(mem.committed.isEmpty());
        assertTrue(Files.exists(dir.resolve("rejects/threshold.rejects.csv")));
    }

    @Test
    void exceedingMaxRejectedPercentFailsAtTheEnd() {
        mem.table("customers", rows(row("x", "a", "FR", "1"), row("2", "b", "FR", "1"), row("3", "c", "FR", "1"), row("4", "d", "FR", "1")));
        SourceDef c = customers();
        MappingDef tooMany = mapping("pct", c).field("id", DataType.INTEGER, "id").thresholds(-1, 20).output("out").build();
        RunReport report = run(project(List.of(c), tooMany));
        assertEquals(RunStatus.FAILED_DATA, report.status());
        assertTrue(report.error().contains("25.00%"), report.error());
        assertTrue(mem.committed.isEmpty());

        MappingDef enough = mapping("pct", c).field("id", DataType.INTEGER, "id").thresholds(-1, 25).output("ok").build();
        assertEquals(RunStatus.SUCCEEDED, run(project(List.of(c), enough)).status());
        assertEquals(3, mem.output("ok").size());
    }

    @Test
    void failedMappingCommitsNothingWhileIndependentMappingsRunAndCommitOnTheirOwn() {
        mem.table("customers", rows(row("1", "ann", "FR", "1")));
        SourceDef c = customers();
        SourceDef missing = source("missing", text("x"));
        MappingDef first = mapping("first", c).field("id", DataType.INTEGER, "id").output("first").build();
        MappingDef second = mapping("second", missing).field("x", DataType.TEXT, "x").output("second").build();
        MappingDef third = mapping("third", c).field("id", DataType.INTEGER, "id").output("third").build();
        RunReport report = run(project(List.of(c, missing), first, second, third));
        assertEquals(RunStatus.FAILED, report.status());
        assertTrue(report.error().contains("no such table"), report.error());
        assertEquals(List.of(RunStatus.SUCCEEDED, RunStatus.FAILED, RunStatus.SUCCEEDED), report.mappings().stream().map(MappingReport::status).toList());
        assertEquals(java.util.Set.of("first", "third"), mem.committed.keySet());
    }

    @Test
    void outputThatCannotOpenFailsTheRunAndDiscardsTheOthers() {
        mem.table("customers", rows(row("1", "ann", "FR", "1")));
        SourceDef c = customers();
        MappingDef m = mapping("out", c).field("id", DataType.INTEGER, "id").output("good").output("broken").build();
        RunReport report = run(project(List.of(c), m));
        assertEquals(RunStatus.FAILED, report.status());
        assertTrue(report.error().contains("cannot open output"), report.error());
        assertTrue(mem.opened.get(0).discarded());
    }

    @Test
    void cancellationStopsTheRunAndDiscardsOutputsAndRejects() {
        List<Object> many = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            many.add(row(i % 10 == 0 ? "bad" : Integer.toString(i), "n", "FR", "1"));
        }
        mem.table("customers", many);
        SourceDef c = customers();
        MappingDef m = mapping("cancel", c).field("id", DataType.INTEGER, "id").output("out").build();
        AtomicInteger batches = new AtomicInteger();
        ProgressMonitor cancelAfterTwo = new ProgressMonitor() {
            @Override
            public void begin(String task, long totalWork) {
            }

            @Override
            public void worked(long work) {
                batches.incrementAndGet();
            }

            @Override
            public boolean isCanceled() {
                return batches.get() >= 2;
            }
        };
        RunReport report = engine().run(project(List.of(c), m), List.of(), RunRequest.of(dir).withMonitor(cancelAfterTwo));
        assertEquals(RunStatus.CANCELLED, report.status());
        MappingReport r = report.mappings().get(0);
        assertTrue(r.rowsRead() < 20_000 && r.rowsRead() > 0, "read " + r.rowsRead());
        assertTrue(r.accountingHolds());
        assertTrue(mem.committed.isEmpty());
        assertTrue(mem.opened.get(0).discarded());
        assertFalse(Files.exists(dir.resolve("rejects/cancel.rejects.csv")));
    }

    @Test
    void manyRowsStreamInOrderThroughTheReaderThread() {
        List<Object> many = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            many.add(row(Integer.toString(i), "n" + i, "FR", "1"));
        }
        mem.table("customers", many);
        SourceDef c = customers();
        MappingDef m = mapping("many", c).field("id", DataType.INTEGER, "id").field("name", DataType.TEXT, "name").output("out").build();
        List<Long> progress = new ArrayList<>();
        ProgressMonitor monitor = new ProgressMonitor() {
            @Override
            public void begin(String task, long totalWork) {
                progress.add(totalWork);
            }

            @Override
            public void worked(long work) {
                progress.add(work);
            }

            @Override
            public boolean isCanceled() {
                return false;
            }
        };
        RunReport report = engine().run(project(List.of(c), m), List.of(), RunRequest.of(dir).withMonitor(monitor));
        assertEquals(RunStatus.SUCCEEDED, report.status());
        List<Object[]> out = mem.output("out");
        assertEquals(10_000, out.size());
        for (int i = 0; i < out.size(); i++) {
            assertEquals((long) i, out.get(i)[0]);
            assertEquals("n" + i, out.get(i)[1]);
        }
        assertEquals(100_000L, progress.get(0), "total bytes announced");
        assertEquals(100_000L, progress.subList(1, progress.size()).stream().mapToLong(Long::longValue).sum(), "every byte reported once");
    }

    @Test
    void lookupFunctionReadsTheNamedSource() {
        mem.table("customers", rows(row("1", "ann", "FR", "1"), row("2", "bob", "ZZ", "1")));
        mem.table("countries", rows(row("FR", "France")));
        SourceDef c = customers();
        SourceDef countries = source("countries", text("code"), text("label"));
        MappingDef m = mapping("lookup", c).field("country", DataType.TEXT, "lookup('countries', 'code', country, 'label', 'Unknown')")
                .output("out").build();
        RunReport report = run(project(List.of(c, countries), m));
        assertEquals(RunStatus.SUCCEEDED, report.status(), report.error());
        assertEquals(List.of(List.of("France"), List.of("Unknown")), lists(mem.output("out")));
    }

    @Test
    void planWithErrorsDoesNotRunOrOpenOutputs() {
        mem.table("customers", rows(row("1", "ann", "FR", "1")));
        SourceDef c = customers();
        MappingDef m = mapping("broken", c).field("id", DataType.INTEGER, "idd").output("out").build();
        RunReport report = run(project(List.of(c), m));
        assertEquals(RunStatus.FAILED, report.status());
        assertTrue(report.error().contains("idd"), report.error());
        assertTrue(mem.opened.isEmpty());
    }

    @Test
    void outputDirectoryOverrideReceivesRejects() throws Exception {
        mem.table("customers", rows(row("x", "ann", "FR", "1")));
        SourceDef c = customers();
        MappingDef m = mapping("Odd/Name", c).field("id", DataType.INTEGER, "id").output("out").build();
        Path out = dir.resolve("elsewhere");
        RunReport report = engine().run(project(List.of(c), m), List.of(), RunRequest.of(dir).withOutputDirectory(out));
        assertEquals(RunStatus.SUCCEEDED, report.status());
        assertTrue(Files.exists(out.resolve("rejects/Odd_Name.rejects.csv")));
        assertNotNull(report.mappings().get(0).rejectsFile());
    }

    @Test
    void staleRejectsFileIsRemovedWhenNothingIsRejected() throws Exception {
        Path stale = dir.resolve("rejects/clean.rejects.csv");
        Files.createDirectories(stale.getParent());
        Files.writeString(stale, "old");
        mem.table("customers", rows(row("1", "ann", "FR", "1")));
        SourceDef c = customers();
        run(project(List.of(c), mapping("clean", c).field("id", DataType.INTEGER, "id").output("out").build()));
        assertFalse(Files.exists(stale));
    }

    @Test
    void rowRefusedByTheFirstOutputIsRejectedAndOthersContinue() {
        mem.table("customers", rows(row("1", "ann", "FR", "1"), row("2", "refuse", "DE", "2"), row("3", "cy", "IT", "3")));
        SourceDef c = customers();
        MappingDef m = mapping("picky", c).field("id", DataType.INTEGER, "id").field("name", DataType.TEXT, "name")
                .output("picky").output("plain").build();
        RunReport report = run(project(List.of(c), m));
        assertEquals(RunStatus.SUCCEEDED, report.status(), report.error());
        assertEquals(List.of(1L, 3L), mem.output("picky").stream().map(r -> r[0]).toList());
        assertEquals(List.of(1L, 3L), mem.output("plain").stream().map(r -> r[0]).toList());
        Reject r = report.mappings().get(0).firstRejects().get(0);
        assertEquals(Reject.OUTPUT_ERROR, r.rule());
        assertEquals("name", r.field());
    }

    @Test
    void rowRefusedByALaterOutputFailsTheRunSoOutputsNeverDisagree() {
        mem.table("customers", rows(row("1", "ann", "FR", "1"), row("2", "refuse", "DE", "2")));
        SourceDef c = customers();
        MappingDef m = mapping("picky2", c).field("name", DataType.TEXT, "name").output("plain").output("picky").build();
        RunReport report = run(project(List.of(c), m));
        assertEquals(RunStatus.FAILED, report.status());
        assertTrue(report.error().contains("refused a row the others accepted"), report.error());
        assertTrue(mem.committed.isEmpty());
    }

    @Test
    void aggregationThatHitsTheGroupLimitFailsAndStillAccountsForEveryRow() {
        mem.table("customers", rows(row("1", "a", "FR", "1"), row("2", "b", "DE", "1"), row("3", "c", "IT", "1"), row("4", "d", "FR", "1")));
        SourceDef c = customers();
        MappingDef m = mapping("groups", c).field("country", DataType.TEXT, "country").field("n", DataType.INTEGER, "count(*)").output("out").build();
        MappingEngine small = new MappingEngine(mem.registry(), Functions.standard(), Clock.systemUTC(), new EngineLimits(10, 2, 10, 10, 10));
        RunReport report = small.run(project(List.of(c), m), List.of(), RunRequest.of(dir));
        assertEquals(RunStatus.FAILED, report.status());
        assertTrue(report.error().contains("maxGroups"), report.error());
        assertTrue(report.mappings().get(0).accountingHolds(), report.mappings().get(0).toString());
        assertTrue(mem.committed.isEmpty());
    }

    @Test
    void lookupLargerThanTheLimitFailsWithTheLimitsName() {
        mem.table("customers", rows(row("1", "a", "FR", "1")));
        mem.table("countries", rows(row("FR", "France"), row("DE", "Germany"), row("IT", "Italy")));
        SourceDef c = customers();
        SourceDef countries = source("countries", text("code"), text("label"));
        MappingDef m = mapping("big", c).join(countries, JoinDef.Kind.LEFT, "country", "code").field("l", DataType.TEXT, "label").output("out").build();
        MappingEngine small = new MappingEngine(mem.registry(), Functions.standard(), Clock.systemUTC(), new EngineLimits(2, 10, 10, 10, 10));
        RunReport report = small.run(project(List.of(c, countries), m), List.of(), RunRequest.of(dir));
        assertEquals(RunStatus.FAILED, report.status());
        assertTrue(report.error().contains("maxLookupRows") && report.error().contains("countries"), report.error());
    }

    @Test
    void joinedSourceLargerThanTheMemoryBudgetSpillsInsteadOfFailing() {
        mem.table("customers", rows(row("1", "a", "IT", "1"), row("2", "b", "XX", "1")));
        mem.table("countries", rows(row("FR", "France"), row("DE", "Germany"), row("IT", "Italy")));
        SourceDef c = customers();
        SourceDef countries = source("countries", text("code"), text("label"));
        MappingDef m = mapping("big", c).join(countries, JoinDef.Kind.LEFT, "country", "code").field("l", DataType.TEXT, "label").output("out").build();
        MappingEngine small = new MappingEngine(mem.registry(), Functions.standard(), Clock.systemUTC(),
                new EngineLimits(10, 10, 10, 10, 10).withMemoryRows(2).withSpillDirectory(dir.resolve("spill")));
        RunReport report = small.run(project(List.of(c, countries), m), List.of(), RunRequest.of(dir));
        assertEquals(RunStatus.SUCCEEDED, report.status(), report.error());
        assertEquals(List.of(List.of("Italy"), Arrays.asList((Object) null)), lists(mem.output("out")));
    }
}
