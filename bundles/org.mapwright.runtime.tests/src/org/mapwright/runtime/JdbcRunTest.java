package org.mapwright.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.FieldMapping;
import org.mapwright.core.MappingDef;
import org.mapwright.core.OutputDef;
import org.mapwright.core.Project;
import org.mapwright.core.Schema;
import org.mapwright.core.Settings;
import org.mapwright.core.SourceDef;
import org.mapwright.core.connector.CredentialStore;
import org.mapwright.core.io.ProjectIO;
import org.mapwright.engine.RunReport;
import org.mapwright.engine.RunStatus;

/** Runs through the runtime into an H2 table and back out of it, as {@code mapwright run} would. */
class JdbcRunTest {

    @TempDir
    Path dir;

    private static Schema schema() {
        return Schema.of(List.of(Field.of("f_id", "id", DataType.INTEGER).withKey(true).withNullable(false),
                Field.of("f_first", "first", DataType.TEXT), Field.of("f_signup", "signup", DataType.DATE),
                Field.of("f_amount", "amount", DataType.DECIMAL)));
    }

    private static MappingDef copy(String id, String sourceId, OutputDef output) {
        List<FieldMapping> fms = schema().fields().stream().map(f -> new FieldMapping(f.id(), f.name())).toList();
        return new MappingDef(id, id, sourceId, List.of(), null, schema(), fms, null, List.of(), -1, -1, List.of(output));
    }

    @Test
    void loadsAnH2TableAndReadsItBackWithoutDuplicatesOnReRun() throws Exception {
        Path golden = GoldenTest.goldenFolder().resolve("0001-csv-direct-fields/project/customers.csv");
        Files.copy(golden, dir.resolve("customers.csv"));
        Map<String, Object> db = Map.of("driver", "h2", "path", "db/warehouse", "table", "CUSTOMERS");
        SourceDef csv = new SourceDef("src_csv", "customers", "csv", Settings.of(Map.of("path", "customers.csv", "header", true)), schema());
        SourceDef table = new SourceDef("src_db", "warehouse", "jdbc", Settings.of(db), schema());
        Project project = new Project("jdbc", List.of(csv, table), List.of(
                copy("load", "src_csv", new OutputDef("o_db", "jdbc", Settings.of(db).with("mode", "replace"))),
                copy("export", "src_db", new OutputDef("o_csv", "csv", Settings.of(Map.of("path", "out/export.csv"))))));
        new ProjectIO().write(project, dir);
        MapwrightRuntime runtime = MapwrightRuntime.standard(CredentialStore.NONE);

        for (int round = 1; round <= 2; round++) {
            RunReport load = runtime.run(dir, RunOptions.defaults().withMappings(List.of("load")));
            assertEquals(RunStatus.SUCCEEDED, load.status(), load.error());
            assertEquals(5, load.mappings().get(0).rowsWritten());
            RunReport export = runtime.run(dir, RunOptions.defaults().withMappings(List.of("export")));
            assertEquals(RunStatus.SUCCEEDED, export.status(), export.error());
            assertEquals(5, export.mappings().get(0).rowsRead(), "round " + round + " must not duplicate rows");
        }
        // H2 stores decimals as DECFLOAT, which keeps the value but not trailing zeros
        assertEquals("""
                id,first,signup,amount
                1,Ann,2024-01-05,10.5
                2," Bob ",2024-02-10,3.25
                3,Cy,2024-03-15,100
                4,Dee,2024-04-20,7.1
                5,Eve,2024-05-25,12
                """, Files.readString(dir.resolve("out/export.csv"), StandardCharsets.UTF_8));
    }

    @Test
    void refusedConnectionSettingsAreAProjectErrorAndNothingIsWritten() throws Exception {
        Files.copy(GoldenTest.goldenFolder().resolve("0001-csv-direct-fields/project/customers.csv"), dir.resolve("customers.csv"));
        SourceDef csv = new SourceDef("src_csv", "customers", "csv", Settings.of(Map.of("path", "customers.csv", "header", true)), schema());
        Map<String, Object> hostile = Map.of("driver", "h2", "path", "tcp://attacker.example/db", "table", "CUSTOMERS");
        SourceDef table = new SourceDef("src_db", "warehouse", "jdbc", Settings.of(hostile), schema());
        Project project = new Project("jdbc", List.of(csv, table), List.of(
                copy("load", "src_csv", new OutputDef("o_db", "jdbc", Settings.of(hostile))),
                copy("export", "src_db", new OutputDef("o_csv", "csv", Settings.of(Map.of("path", "out/export.csv"))))));
        new ProjectIO().write(project, dir);
        MapwrightRuntime runtime = MapwrightRuntime.standard(CredentialStore.NONE);

        InvalidProjectException load = assertThrows(InvalidProjectException.class,
                () -> runtime.run(dir, RunOptions.defaults().withMappings(List.of("load"))));
        assertTrue(load.problems().toString().contains("output o_db: refused connection settings: setting 'path'"), load.problems().toString());
        InvalidProjectException export = assertThrows(InvalidProjectException.class,
                () -> runtime.run(dir, RunOptions.defaults().withMappings(List.of("export"))));
        assertTrue(export.problems().toString().contains("source 'warehouse': refused connection settings"), export.problems().toString());
        assertFalse(Files.exists(dir.resolve("out")), "nothing was written");
        assertFalse(Files.exists(dir.resolve("rejects")), "nothing was written");
    }
}
