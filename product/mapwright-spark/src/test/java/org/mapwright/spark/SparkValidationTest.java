package org.mapwright.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mapwright.spark.Projects.csv;
import static org.mapwright.spark.Projects.field;
import static org.mapwright.spark.Projects.mapping;
import static org.mapwright.spark.Projects.output;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mapwright.core.DataType;
import org.mapwright.core.MappingDef;
import org.mapwright.core.OutputDef;
import org.mapwright.core.Project;
import org.mapwright.core.Schema;
import org.mapwright.core.Settings;
import org.mapwright.core.SourceDef;
import org.mapwright.core.connector.CredentialStore;
import org.mapwright.engine.MappingEngine;
import org.mapwright.engine.Problem;
import org.mapwright.runtime.MapwrightRuntime;
import org.mapwright.runtime.Parameters;
import org.mapwright.runtime.StandardConnectors;

/** What {@code validate --engine spark} reports: no data is read and no Spark session is started. */
class SparkValidationTest {

    private final SparkBackend backend = new SparkBackend();
    private final MappingEngine engine = new MappingEngine(backend.connectors(StandardConnectors.registry()));
    private Path dir;

    @BeforeEach
    void folder() throws Exception {
        dir = Files.createTempDirectory("mapwright-spark-validate-");
    }

    @AfterEach
    void clean() throws Exception {
        GoldenConformanceTest.delete(dir);
    }

    private static SourceDef people() {
        return csv("people", "people.csv", field("name", DataType.TEXT), field("born", DataType.DATE));
    }

    private List<Problem> problems(SourceDef source, MappingDef m) {
        Project p = new Project("p", List.of(source), List.of(m));
        List<Problem> engineProblems = engine.validate(p);
        assertFalse(engineProblems.stream().anyMatch(Problem::isError), engineProblems.toString());
        return backend.validate(engine, p, Map.of());
    }

    private static String text(List<Problem> problems) {
        return problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
    }

    @Test
    void warnsOfEachFunctionRunAsAJavaUdfNamingItButNotOfNativeOnes() {
        MappingDef m = mapping("m", people()).target("a", DataType.TEXT, "initcap(name)").target("b", DataType.TEXT, "upper(name)")
                .target("c", DataType.TEXT, "unaccent(name) || format_date(born, 'dd MMMM yyyy')")
                .output(output("o", "csv", "out.csv")).build();
        List<Problem> problems = problems(people(), m);
        String all = text(problems);
        assertTrue(problems.stream().noneMatch(Problem::isError), all);
        assertTrue(all.contains("function initcap() has no exact Spark equivalent"), all);
        assertTrue(all.contains("function unaccent()"), all);
        assertTrue(all.contains("function format_date()"), "a pattern with month names runs as a UDF: " + all);
        assertFalse(all.contains("function upper()"), all);
        Problem initcap = problems.stream().filter(p -> p.message().contains("initcap")).findFirst().orElseThrow();
        assertEquals("t_a", initcap.location().element());
        assertEquals(0, initcap.location().start());
        assertEquals("initcap(name)".length(), initcap.location().end());
    }

    @Test
    void refusesSourcesAndSettingsSparksReadersDoNotHave() {
        SourceDef excel = new SourceDef("s_x", "sheet", "excel", Settings.of(Map.of("path", "a.xlsx")),
                Schema.of(List.of(field("name", DataType.TEXT))));
        MappingDef m = mapping("m", excel).target("a", DataType.TEXT, "name").output(output("o", "csv", "out.csv")).build();
        assertTrue(text(problems(excel, m)).contains("the Spark engine has no reader for excel sources"));

        SourceDef skipping = new SourceDef("s_c", "skipping", "csv", Settings.of(Map.of("path", "a.csv", "skipLines", 2)),
                Schema.of(List.of(field("name", DataType.TEXT))));
        m = mapping("m", skipping).target("a", DataType.TEXT, "name").output(output("o", "csv", "out.csv")).build();
        List<Problem> problems = problems(skipping, m);
        assertTrue(problems.get(0).isError());
        assertTrue(text(problems).contains("cannot skip lines (skipLines 2)"), text(problems));

        SourceDef document = new SourceDef("s_j", "doc", "json", Settings.of(Map.of("path", "a.json", "format", "document",
                "recordPath", "$.items")), Schema.of(List.of(field("name", DataType.TEXT))));
        m = mapping("m", document).target("a", DataType.TEXT, "name").output(output("o", "csv", "out.csv")).build();
        assertTrue(text(problems(document, m)).contains("not documents with a record path"));
    }

    @Test
    void warnsOfOutputsTheDriverWritesAlone() {
        MappingDef m = mapping("m", people()).target("a", DataType.TEXT, "name")
                .output(output("o1", "csv", "out.csv")).output(output("o2", "json", "out.json"))
                .output(new OutputDef("o3", "parquet", Settings.of(Map.of("path", "out.parquet"))))
                .output(output("o4", "excel", "out.xlsx")).build();
        List<Problem> problems = problems(people(), m);
        assertEquals(1, problems.size(), text(problems));
        assertFalse(problems.get(0).isError());
        assertTrue(problems.get(0).message().contains("output 'o4' (excel) is written by the Spark driver"), text(problems));
    }

    @Test
    void acceptsParquetOutputsOnlyWhenSparkRunsTheProject() throws Exception {
        MappingDef m = mapping("m", people()).target("a", DataType.TEXT, "name")
                .output(new OutputDef("p", "parquet", Settings.of(Map.of("path", "out.parquet")))).build();
        Path project = Projects.write(dir, List.of(people()), List.of(m), Map.of("people.csv", "name,born\n"));
        MapwrightRuntime runtime = MapwrightRuntime.standard(CredentialStore.NONE);
        List<Problem> local = runtime.validate(project);
        assertTrue(local.stream().anyMatch(p -> p.isError() && p.message().contains("connector 'parquet'")), local.toString());
        List<Problem> spark = runtime.validate(project, Parameters.none(), backend, Map.of());
        assertTrue(spark.stream().noneMatch(Problem::isError), spark.toString());
    }
}
