package org.mapwright.drift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.MappingDef;
import org.mapwright.core.Project;
import org.mapwright.core.Schema;
import org.mapwright.core.Settings;
import org.mapwright.core.SourceDef;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.ConnectorRegistry;
import org.mapwright.core.connector.CredentialStore;
import org.mapwright.core.connector.InspectOptions;
import org.mapwright.core.connector.Inspection;
import org.mapwright.core.connector.ProgressMonitor;
import org.mapwright.core.connector.RecordReader;
import org.mapwright.core.connector.SourceConnector;
import org.mapwright.core.io.ProjectIO;
import org.mapwright.engine.MappingEngine;
import org.mapwright.engine.RunReport;
import org.mapwright.engine.RunStatus;
import org.mapwright.runtime.InvalidProjectException;
import org.mapwright.runtime.MapwrightRuntime;
import org.mapwright.runtime.RunOptions;

/** The onDrift contract of a source, enforced by a real run of the sample project. */
class DriftGateTest {

    private final MapwrightRuntime runtime = MapwrightRuntime.standard(CredentialStore.NONE);
    private final ProjectIO io = new ProjectIO();

    @TempDir
    Path dir;

    private Path project(String policy) throws Exception {
        Path p = DriftFixtures.copySample(dir.resolve("project"));
        if (policy != null) {
            Project project = io.read(p);
            SourceDef s = project.source("src_customers").orElseThrow();
            io.write(project.withSource(s.withSettings(s.settings().with(DriftPolicy.SETTING, policy))), p);
        }
        return p;
    }

    /** Adds a phone column to the customers file. */
    private static void addPhoneColumn(Path project) throws Exception {
        Path csv = project.resolve("data/customers.csv");
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            out.add(lines.get(i) + (i == 0 ? ",phone" : ",+33 1 00 00 " + i));
        }
        Files.write(csv, out, StandardCharsets.UTF_8);
    }

    private RunReport run(Path project) throws Exception {
        return runtime.run(project, RunOptions.defaults().withOutputDirectory(dir.resolve("out")));
    }

    @Test
    void failStopsTheRunBeforeItStartsAndListsTheDrift() throws Exception {
        Path p = project("fail");
        addPhoneColumn(p);
        RunReport r = run(p);
        assertEquals(RunStatus.FAILED, r.status());
        assertEquals(MapwrightRuntime.EXIT_DATA, MapwrightRuntime.exitCode(r));
        assertNotNull(r.error());
        assertTrue(r.error().contains("schema drift in source 'customers'") && r.error().contains("onDrift = fail"), r.error());
        RunReport.MappingReport m = r.mappings().get(0);
        assertEquals(0, m.rowsRead(), "nothing was read");
        assertTrue(m.warnings().stream().anyMatch(w -> w.endsWith("added phone (text)")), m.warnings().toString());
        assertFalse(Files.exists(dir.resolve("out/out/customers.csv")), "nothing was written");
    }

    @Test
    void warnRunsAndListsTheDriftAsReportWarnings() throws Exception {
        Path p = project("warn");
        addPhoneColumn(p);
        RunReport r = run(p);
        assertEquals(RunStatus.SUCCEEDED, r.status(), String.valueOf(r.error()));
        assertTrue(r.mappings().get(0).warnings().contains("schema drift in source 'customers' (onDrift = warn): added phone (text)"),
                r.mappings().get(0).warnings().toString());
        assertFalse(Files.readString(dir.resolve("out/out/customers.csv")).contains("phone"), "the stored mapping is run as it is");
    }

    @Test
    void mapNewByNameFillsTheUnmappedTargetFieldOfTheSameNameForThisRunOnly() throws Exception {
        Path p = project("map-new-by-name");
        Project project = io.read(p);
        MappingDef m = project.mapping("map_customers").orElseThrow();
        io.write(project.withMapping(m.withTargetSchema(m.targetSchema().insert(m.targetSchema().size(),
                Field.of("t_phone", "Phone", DataType.TEXT)))), p);
        byte[] before = Files.readAllBytes(p.resolve("mapwright.json"));
        addPhoneColumn(p);

        RunReport r = run(p);
        assertEquals(RunStatus.SUCCEEDED, r.status(), String.valueOf(r.error()));
        List<String> warnings = r.mappings().get(0).warnings();
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("new source field customers.phone mapped onto target field 'Phone'")),
                warnings.toString());
        List<String> rows = Files.readAllLines(dir.resolve("out/out/customers.csv"), StandardCharsets.UTF_8);
        assertTrue(rows.get(0).endsWith(",Phone"), rows.get(0));
        assertTrue(rows.get(1).contains("+33 1 00 00 "), rows.get(1));
        assertArrayEquals(before, Files.readAllBytes(p.resolve("mapwright.json")), "the project file is not changed");
    }

    @Test
    void anUnknownPolicyIsAProjectErrorAndNothingRuns() throws Exception {
        Path p = project("sometimes");
        InvalidProjectException e = assertThrows(InvalidProjectException.class, () -> run(p));
        assertTrue(e.problems().stream().anyMatch(x -> x.message().contains("'sometimes' is not a drift policy")), e.problems().toString());
    }

    @Test
    void withoutAPolicyNothingIsChecked() throws Exception {
        Path p = project(null);
        addPhoneColumn(p);
        RunReport r = run(p);
        assertEquals(RunStatus.SUCCEEDED, r.status());
        assertTrue(r.mappings().get(0).warnings().stream().noneMatch(w -> w.contains("schema drift")));
    }

    @Test
    void withAPolicyAndNoDriftTheRunIsUnchanged() throws Exception {
        RunReport r = run(project("fail"));
        assertEquals(RunStatus.SUCCEEDED, r.status(), String.valueOf(r.error()));
        assertTrue(r.mappings().get(0).warnings().stream().noneMatch(w -> w.contains("schema drift")));
    }

    @Test
    void aCancelledCheckReportsACancelledRunThatDidNotStart() {
        SourceConnector stub = new SourceConnector() {
            @Override
            public String kind() {
                return "stub";
            }

            @Override
            public Inspection inspect(ConnectorContext context, Settings settings, InspectOptions options, ProgressMonitor monitor) {
                throw new CancellationException("stop");
            }

            @Override
            public RecordReader open(ConnectorContext context, Settings settings, Schema schema) {
                throw new UnsupportedOperationException();
            }
        };
        MappingEngine engine = new MappingEngine(new ConnectorRegistry(List.of(stub), List.of()));
        Schema fields = Schema.of(List.of(Field.of("f_a", "a", DataType.TEXT)));
        Project p = new Project("p", List.of(new SourceDef("s", "s", "stub", Settings.of(java.util.Map.of(DriftPolicy.SETTING, "warn")), fields)),
                List.of(MappingDef.simple("m", "m", "s", fields)));
        DriftGate.Outcome o = new DriftGate(engine).check(p, List.of(), ConnectorContext.of(dir), ProgressMonitor.NONE);
        assertTrue(o.blocked() && o.cancelled(), String.valueOf(o));
        RunReport r = o.blockedReport(p, List.of(), java.time.Instant.EPOCH);
        assertEquals(RunStatus.CANCELLED, r.status());
        assertEquals(RunStatus.SKIPPED, r.mappings().get(0).status());
    }
}
