package org.mapwright.monitor.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.FieldMapping;
import org.mapwright.core.MappingDef;
import org.mapwright.core.OutputDef;
import org.mapwright.core.Project;
import org.mapwright.core.RuleDef;
import org.mapwright.core.Schema;
import org.mapwright.core.Settings;
import org.mapwright.core.SourceDef;
import org.mapwright.core.io.ProjectIO;
import org.mapwright.engine.MappingEngine;
import org.mapwright.engine.RunReport;
import org.mapwright.engine.RunReport.MappingReport;
import org.mapwright.engine.RunStatus;
import org.mapwright.monitor.Fixtures;
import org.mapwright.monitor.history.RunIds;
import org.mapwright.runtime.StandardConnectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class LineageTest {

    private static final String PRODUCER = "https://example.org/mapwright-tests";
    private static final UUID RUN_ID = UUID.fromString("00000000-0000-4000-8000-000000000001");
    private static final Instant TIME = Instant.parse("2024-06-01T12:00:00Z");

    private final MappingEngine engine = new MappingEngine(StandardConnectors.registry());
    private final LineageAnalyzer analyzer = new LineageAnalyzer(engine);
    private final ObjectMapper json = new ObjectMapper();

    private static OpenLineageWriter writer(Path projectFolder) {
        return new OpenLineageWriter(new DatasetNaming(projectFolder, null),
                OpenLineageWriter.Options.defaults(PRODUCER).withRunId(RUN_ID).withEventTime(TIME));
    }

    @Test
    void sampleProjectLineageMatchesTheGoldenFile() throws Exception {
        Path sample = Fixtures.sampleProject();
        Project p = new ProjectIO().read(sample);
        String events = writer(ProjectIO.projectFolder(sample)).toJson(analyzer.analyze(p), null);
        Path folder = ProjectIO.projectFolder(sample);
        String portable = events.replace(folder.toUri().toString(), "$PROJECT_URI/").replace(folder.toString(), "$PROJECT");
        Fixtures.assertGolden(Fixtures.testdata().resolve("lineage/sample-project.lineage.json"), portable);
    }

    @Test
    void everyEventHasTheOpenLineageShape() throws Exception {
        Path sample = Fixtures.sampleProject();
        Project p = new ProjectIO().read(sample);
        JsonNode events = json.readTree(writer(ProjectIO.projectFolder(sample)).toJson(analyzer.analyze(p), null));
        assertEquals(1, events.size());
        for (JsonNode e : events) {
            assertEquals(List.of(), OpenLineageShape.violations(e));
        }
        JsonNode e = events.get(0);
        assertEquals("COMPLETE", e.get("eventType").asText());
        assertEquals("2024-06-01T12:00:00Z", e.get("eventTime").asText());
        assertEquals("Customer onboarding (sample)/customers", e.get("job").get("name").asText());
        assertEquals(RUN_ID.toString(), e.get("run").get("facets").get("parent").get("run").get("runId").asText());
        assertEquals("file", e.get("inputs").get(0).get("namespace").asText());
        assertEquals(ProjectIO.projectFolder(sample).resolve("data/customers.csv").toString(), e.get("inputs").get(0).get("name").asText());
        assertEquals(2, e.get("outputs").size());
    }

    @Test
    void fieldsAreClassifiedAsIdentityOrTransformationAndJoinsAndFiltersAsIndirect() throws Exception {
        Project p = new ProjectIO().read(Fixtures.sampleProject());
        MappingLineage m = analyzer.analyze(p).mapping("map_customers").orElseThrow();
        assertEquals(List.of("customers", "countries", "loyalty", "managers"), m.sources().stream().map(SourceDef::name).toList());
        FieldLineage id = m.field("t_id8k3m2q").orElseThrow();
        assertEquals(List.of(input("customers", "id", "DIRECT", "IDENTITY")), describe(id.inputs()));
        FieldLineage name = m.field("t_nm4p7r2s").orElseThrow();
        assertEquals(List.of(input("customers", "first_name", "DIRECT", "TRANSFORMATION"),
                input("customers", "last_name", "DIRECT", "TRANSFORMATION")), describe(name.inputs()));
        assertEquals(List.of(input("countries", "name", "DIRECT", "TRANSFORMATION")), describe(m.field("t_co2x7b4y").orElseThrow().inputs()));
        assertEquals(List.of(input("customers", "country_code", "INDIRECT", "JOIN"), input("countries", "code", "INDIRECT", "JOIN"),
                input("customers", "id", "INDIRECT", "JOIN"), input("loyalty", "customer_id", "INDIRECT", "JOIN"),
                input("countries", "region", "INDIRECT", "JOIN"), input("managers", "region", "INDIRECT", "JOIN"),
                input("customers", "quantity", "INDIRECT", "FILTER")), describe(m.datasetInputs()));
        assertEquals("left join countries on customers.country_code = code", m.datasetInputs().get(0).transformation().description());
    }

    @Test
    void aggregationsReadTheirArgumentsAndGroupByTheOtherFields() throws Exception {
        Project p = new ProjectIO().read(Fixtures.goldenProject("0005-csv-aggregation"));
        MappingLineage m = analyzer.analyze(p).mappings().get(0);
        List<FieldLineage> fields = m.fields();
        FieldLineage country = fields.stream().filter(f -> "country".equals(f.expression())).findFirst().orElseThrow();
        assertEquals("IDENTITY", country.inputs().get(0).transformation().subtype());
        FieldLineage count = fields.stream().filter(f -> "count(*)".equals(f.expression())).findFirst().orElseThrow();
        assertEquals(List.of(), count.inputs(), "count(*) reads no field");
        FieldLineage total = fields.stream().filter(f -> "sum(amount * qty)".equals(f.expression())).findFirst().orElseThrow();
        assertEquals(List.of("amount:AGGREGATION", "qty:AGGREGATION"),
                total.inputs().stream().map(i -> i.field().path() + ":" + i.transformation().subtype()).toList());
        assertTrue(m.datasetInputs().stream().anyMatch(i -> i.field().path().equals("country")
                && i.transformation().subtype().equals("GROUP_BY")), m.datasetInputs().toString());
    }

    @Test
    void lookupCallsAndReferenceRulesAddTheirSources() {
        Schema orders = Schema.of(List.of(Field.of("o1", "id", DataType.INTEGER), Field.of("o2", "country", DataType.TEXT)));
        Schema countries = Schema.of(List.of(Field.of("c1", "code", DataType.TEXT), Field.of("c2", "name", DataType.TEXT)));
        Schema codes = Schema.of(List.of(Field.of("k1", "value", DataType.TEXT)));
        Schema target = Schema.of(List.of(Field.of("t1", "id", DataType.INTEGER), Field.of("t2", "country_name", DataType.TEXT)));
        MappingDef m = MappingDef.simple("m1", "orders", "s_orders", target)
                .withFieldMappings(List.of(new FieldMapping("t1", "id"), new FieldMapping("t2", "lookup('countries', 'code', country, 'name')")))
                .withRules(List.of(new RuleDef("r1", "t2", RuleDef.Kind.REFERENCE, Settings.of(Map.of("source", "codes", "field", "value")),
                        RuleDef.Action.REJECT)))
                .withOutputs(List.of(new OutputDef("o", "csv", Settings.of(Map.of("path", "out.csv")))));
        Project p = new Project("lookups", List.of(new SourceDef("s_orders", "orders", "csv", Settings.of(Map.of("path", "orders.csv")), orders),
                new SourceDef("s_countries", "countries", "csv", Settings.of(Map.of("path", "countries.csv")), countries),
                new SourceDef("s_codes", "codes", "csv", Settings.of(Map.of("path", "codes.csv")), codes)), List.of(m));
        MappingLineage l = analyzer.analyze(p).mappings().get(0);
        assertEquals(List.of("orders", "countries", "codes"), l.sources().stream().map(SourceDef::name).toList());
        assertEquals(List.of(input("orders", "country", "DIRECT", "TRANSFORMATION"), input("countries", "name", "DIRECT", "TRANSFORMATION"),
                input("countries", "code", "INDIRECT", "JOIN")), describe(l.field("t2").orElseThrow().inputs()));
        assertEquals(List.of(input("codes", "value", "INDIRECT", "FILTER")), describe(l.datasetInputs()));
    }

    @Test
    void aRunReportGivesEventTypesErrorsAndRowCounts() throws Exception {
        Path sample = Fixtures.sampleProject();
        Project p = new ProjectIO().read(sample);
        ProjectLineage lineage = analyzer.analyze(p);
        Instant start = Instant.parse("2024-06-01T10:00:00Z");
        MappingReport ok = new MappingReport("map_customers", "customers", RunStatus.SUCCEEDED, 40, 34, 2, 4, 0, 1000, Duration.ofSeconds(1),
                List.of(), List.of(), null, List.of(), List.of(), null);
        RunReport good = new RunReport(p.name(), RunStatus.SUCCEEDED, start, start.plusSeconds(2), null, List.of(ok));
        OpenLineageWriter w = new OpenLineageWriter(new DatasetNaming(ProjectIO.projectFolder(sample), null),
                OpenLineageWriter.Options.defaults(PRODUCER));
        JsonNode e = json.readTree(w.toJson(lineage, good)).get(0);
        assertEquals(List.of(), OpenLineageShape.violations(e));
        assertEquals("COMPLETE", e.get("eventType").asText());
        assertEquals("2024-06-01T10:00:02Z", e.get("eventTime").asText(), "the run's end");
        assertEquals(RunIds.of(good).toString(), e.get("run").get("facets").get("parent").get("run").get("runId").asText());
        assertEquals(34, e.get("outputs").get(0).get("outputFacets").get("outputStatistics").get("rowCount").asInt());
        assertEquals(json.readTree(w.toJson(lineage, good)), json.readTree(w.toJson(lineage, good)), "the same run gives the same ids");

        MappingReport failed = new MappingReport("map_customers", "customers", RunStatus.FAILED_DATA, 40, 0, 30, 4, 0, 1000,
                Duration.ofSeconds(1), List.of(), List.of(), null, List.of(), List.of(), "30 rows rejected, more than 25%");
        RunReport bad = new RunReport(p.name(), RunStatus.FAILED_DATA, start, start.plusSeconds(2), failed.error(), List.of(failed));
        JsonNode f = json.readTree(w.toJson(lineage, bad)).get(0);
        assertEquals(List.of(), OpenLineageShape.violations(f));
        assertEquals("FAIL", f.get("eventType").asText());
        assertEquals("30 rows rejected, more than 25%", f.get("run").get("facets").get("errorMessage").get("message").asText());
        assertFalse(f.get("outputs").get(0).has("outputFacets"), "nothing was written");
    }

    @Test
    void jsonLinesHoldOneCompactEventPerLine() throws Exception {
        Path sample = Fixtures.sampleProject();
        Project p = new ProjectIO().read(sample);
        String lines = writer(ProjectIO.projectFolder(sample)).toJsonLines(analyzer.analyze(p), null);
        assertEquals(1, lines.lines().count());
        assertTrue(lines.endsWith("}\n"));
        assertEquals(json.readTree(writer(ProjectIO.projectFolder(sample)).toJson(analyzer.analyze(p), null)).get(0),
                json.readTree(lines.strip()));
    }

    @Test
    void datasetsAreNamedByTheOpenLineageConventions() {
        Path project = Path.of("/data/project").toAbsolutePath();
        DatasetNaming naming = new DatasetNaming(project, project.resolve("run-out"));
        assertEquals(new DatasetId("file", project.resolve("in/a.csv").toString().replace('\\', '/'), project.resolve("in/a.csv").toUri().toString()),
                naming.source(new SourceDef("s", "a", "csv", Settings.of(Map.of("path", "in/a.csv")), Schema.empty())));
        assertEquals(project.resolve("run-out/out/b.json").toString().replace('\\', '/'),
                naming.output(new OutputDef("o", "json", Settings.of(Map.of("path", "out/b.json")))).name(), "outputs resolve against the run's output folder");
        DatasetId pg = naming.output(new OutputDef("o", "jdbc", Settings.of(Map.of("driver", "postgresql", "host", "db.example.org",
                "database", "sales", "table", "orders", "user", "etl", "credentialKey", "pg/etl"))));
        assertEquals(new DatasetId("postgres://db.example.org:5432", "sales.public.orders", "postgres://db.example.org:5432/sales"), pg);
        DatasetId schema = naming.source(new SourceDef("s", "q", "jdbc", Settings.of(Map.of("driver", "postgresql", "host", "db",
                "port", 6543L, "database", "ops", "schema", "staging", "table", "events")), Schema.empty()));
        assertEquals("postgres://db:6543", schema.namespace());
        assertEquals("ops.staging.events", schema.name());
        DatasetId h2 = naming.output(new OutputDef("o", "jdbc", Settings.of(Map.of("driver", "h2", "path", "out/warehouse", "table", "customers"))));
        assertEquals("file", h2.namespace());
        assertEquals(project.resolve("run-out/out/warehouse.mv.db").toString().replace('\\', '/') + "/PUBLIC.customers", h2.name());
        DatasetId broken = naming.source(new SourceDef("s", "broken", "jdbc", Settings.of(Map.of("driver", "oracle")), Schema.empty()));
        assertEquals(new DatasetId("mapwright", "broken", "urn:mapwright:jdbc"), broken);
    }

    private static String input(String source, String field, String type, String subtype) {
        return source + "." + field + " " + type + "/" + subtype;
    }

    private static List<String> describe(List<FieldInput> inputs) {
        return inputs.stream().map(i -> input(i.field().sourceName(), i.field().path(), i.transformation().type().name(),
                i.transformation().subtype())).toList();
    }
}
