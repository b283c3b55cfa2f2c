package org.mapwright.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.core.Settings;
import org.mapwright.core.connector.CredentialStore;
import org.mapwright.engine.Problem;
import org.mapwright.engine.RunReport;
import org.mapwright.engine.RunStatus;

/** Pipelines through {@link MapwrightRuntime} with real files; see also golden cases 0011–0013. */
class PipelineRunTest {

    @TempDir
    Path dir;

    private final MapwrightRuntime runtime = MapwrightRuntime.standard(CredentialStore.NONE);
    private final StandardDatasets datasets = new StandardDatasets();

    private Path project(String goldenCase) throws Exception {
        Path from = GoldenTest.goldenFolder().resolve(goldenCase).resolve("project");
        Path to = dir.resolve("project");
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path p : s.toList()) {
                Files.copy(p, to.resolve(p.getFileName()));
            }
        }
        return to;
    }

    private static List<String> names(RunReport r) {
        return r.mappings().stream().map(RunReport.MappingReport::name).toList();
    }

    @Test
    void dimensionIsWrittenBeforeTheFactReadsItBesideTheProject() throws Exception {
        Path p = project("0011-pipeline-dimension-fact");
        RunReport r = runtime.run(p, RunOptions.defaults());
        assertEquals(RunStatus.SUCCEEDED, r.status(), String.valueOf(r.error()));
        assertEquals(List.of("dimension countries", "fact sales"), names(r), "dependency order, not project order");
        assertTrue(Files.readString(p.resolve("out/fact_sales.csv")).contains("1,France,Europe,10.50"));
    }

    @Test
    void withAnOutputFolderTheFactReadsTheDimensionFromThere() throws Exception {
        Path p = project("0011-pipeline-dimension-fact");
        Path out = dir.resolve("run");
        RunReport r = runtime.run(p, RunOptions.defaults().withOutputDirectory(out));
        assertEquals(RunStatus.SUCCEEDED, r.status(), String.valueOf(r.error()));
        assertTrue(Files.readString(out.resolve("out/fact_sales.csv")).contains("3,Japan,Asia,7"));
        assertFalse(Files.exists(p.resolve("out")), "nothing written or read beside the project");
    }

    @Test
    void selectedMappingAloneReadsTheDataSetAsItIs() throws Exception {
        Path p = project("0011-pipeline-dimension-fact");
        Files.createDirectories(p.resolve("out"));
        Files.writeString(p.resolve("out/dim_countries.csv"), "code,name,region\nFR,Frankreich,Europa\n");
        RunReport r = runtime.run(p, RunOptions.defaults().withMappings(List.of("fact sales")));
        assertEquals(List.of("fact sales"), names(r));
        assertTrue(Files.readString(p.resolve("out/fact_sales.csv")).contains("1,Frankreich,Europa,10.50"));
    }

    @Test
    void validateReportsTheCycleAndRunRefusesIt() throws Exception {
        Path p = project("0013-pipeline-cycle-refused");
        List<Problem> problems = runtime.validate(p);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).isError());
        assertEquals("mappings read each other's outputs in a cycle: 'make b' → 'make c' → 'make b'", problems.get(0).message());
        InvalidProjectException e = assertThrows(InvalidProjectException.class, () -> runtime.run(p, RunOptions.defaults()));
        assertEquals(problems, e.problems());
        assertFalse(Files.exists(p.resolve("out")), "nothing ran, not even the mapping outside the cycle");
    }

    @Test
    void filesAreTheSameDataSetWhateverTheirConnectorOrSpelling() {
        Path base = dir.resolve("project");
        Optional<String> csv = datasets.name("csv", Settings.of(Map.of("path", "out/x.csv")), base);
        assertTrue(csv.isPresent());
        assertEquals(csv, datasets.name("json", Settings.of(Map.of("path", "./out/../out/x.csv")), base));
        assertEquals(csv, datasets.name("csv", Settings.of(Map.of("path", base.resolve("out/x.csv").toString())), base));
        assertNotEquals(csv, datasets.name("csv", Settings.of(Map.of("path", "out/y.csv")), base));
        assertEquals(Optional.empty(), datasets.name("csv", Settings.empty(), base));
    }

    @Test
    void databaseTablesAreTheSameDataSetInTheSameDatabase() {
        Path base = dir.resolve("project");
        Optional<String> h2 = datasets.name("jdbc", Settings.of(Map.of("driver", "h2", "path", "out/db", "table", "Customers")), base);
        assertTrue(h2.isPresent());
        assertEquals(h2, datasets.name("jdbc", Settings.of(Map.of("driver", "h2", "path", "out/db.mv.db", "table", "CUSTOMERS",
                "mode", "append")), base));
        assertNotEquals(h2, datasets.name("jdbc", Settings.of(Map.of("driver", "h2", "path", "out/other", "table", "customers")), base));
        Optional<String> pg = datasets.name("jdbc", Settings.of(Map.of("driver", "postgresql", "host", "DB1", "database", "dwh",
                "table", "t")), base);
        assertEquals(pg, datasets.name("jdbc", Settings.of(Map.of("driver", "postgresql", "host", "db1", "port", 5432L,
                "database", "dwh", "table", "t")), base));
        assertNotEquals(pg, datasets.name("jdbc", Settings.of(Map.of("driver", "postgresql", "host", "db1", "port", 5433L,
                "database", "dwh", "table", "t")), base));
        assertEquals(Optional.empty(), datasets.name("jdbc", Settings.of(Map.of("driver", "h2", "path", "out/db", "query",
                "select * from t")), base), "a query names no table");
    }
}
