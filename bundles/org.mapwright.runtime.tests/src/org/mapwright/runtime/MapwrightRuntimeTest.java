package org.mapwright.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.core.connector.CredentialStore;
import org.mapwright.core.io.ProjectIO;
import org.mapwright.engine.PreviewResult;
import org.mapwright.engine.Problem;
import org.mapwright.engine.RunReport;
import org.mapwright.engine.RunStatus;

class MapwrightRuntimeTest {

    @TempDir
    Path dir;

    private final MapwrightRuntime runtime = MapwrightRuntime.standard(CredentialStore.NONE);

    /** @return a copy of a golden case's project in the temp folder */
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

    @Test
    void standardRegistryOffersEveryFileConnectorBothWays() {
        var registry = StandardConnectors.registry();
        assertEquals(List.of("csv", "json", "excel", "jdbc"), registry.sourceKinds());
        assertEquals(List.of("csv", "json", "excel", "jdbc"), registry.targetKinds());
    }

    @Test
    void runWritesOutputsBesideTheProjectAndTheReportFile() throws Exception {
        Path p = project("0001-csv-direct-fields");
        Path report = dir.resolve("reports/run.json");
        RunReport r = runtime.run(p, RunOptions.defaults().withReportFile(report));
        assertEquals(RunStatus.SUCCEEDED, r.status());
        assertEquals(0, MapwrightRuntime.exitCode(r));
        assertTrue(Files.exists(p.resolve("out/customers.csv")));
        String json = Files.readString(report, StandardCharsets.UTF_8);
        assertTrue(json.startsWith("{\n  \"formatVersion\": 1,\n  \"project\": \"direct fields\",\n  \"status\": \"succeeded\""), json);
    }

    @Test
    void failedDataRunExitsWithOneAndCommitsNoOutput() throws Exception {
        Path p = project("0007-csv-reject-threshold");
        RunReport r = runtime.run(p, RunOptions.defaults());
        assertEquals(RunStatus.FAILED_DATA, r.status());
        assertEquals(MapwrightRuntime.EXIT_DATA, MapwrightRuntime.exitCode(r));
        assertFalse(Files.exists(p.resolve("out/strict.csv")));
        try (Stream<Path> s = Files.list(p)) {
            assertTrue(s.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary file left behind");
        }
    }

    @Test
    void invalidProjectIsNotRunAndListsEveryError() throws Exception {
        Path p = project("0001-csv-direct-fields");
        Path file = p.resolve(ProjectIO.FILE_NAME);
        Files.writeString(file, Files.readString(file).replace("\"expression\": \"first\"", "\"expression\": \"frist\"")
                .replace("\"expression\": \"last\"", "\"expression\": \"upper(\""));
        List<Problem> problems = runtime.validate(p);
        assertEquals(2, problems.size(), problems.toString());
        InvalidProjectException e = assertThrows(InvalidProjectException.class, () -> runtime.run(p, RunOptions.defaults()));
        assertEquals(2, e.problems().size());
        assertTrue(e.getMessage().contains("2 errors, nothing was run"), e.getMessage());
        assertFalse(Files.exists(p.resolve("out/customers.csv")));
    }

    @Test
    void unreadableProjectFileIsAnInvalidProject() throws Exception {
        Files.writeString(dir.resolve(ProjectIO.FILE_NAME), "{ not json");
        InvalidProjectException e = assertThrows(InvalidProjectException.class, () -> runtime.validate(dir));
        assertTrue(e.getMessage().contains("invalid JSON"), e.getMessage());
        assertThrows(InvalidProjectException.class, () -> runtime.validate(dir.resolve("missing")));
    }

    @Test
    void previewByMappingNameReturnsRowsAndWritesNothing() throws Exception {
        Path p = project("0006-csv-rejects");
        PreviewResult r = runtime.preview(p, "checked-customers", 10);
        assertNull(r.error());
        assertEquals(1, r.rows().size());
        assertEquals(5, r.rejects().size());
        assertFalse(Files.exists(p.resolve("out/checked.csv")));
        assertFalse(Files.exists(p.resolve("rejects")));
        InvalidProjectException e = assertThrows(InvalidProjectException.class, () -> runtime.preview(p, "nope", 10));
        assertTrue(e.getMessage().contains("checked-customers"), e.getMessage());
    }

    @Test
    void selectedMappingsRunInTheGivenOrder() throws Exception {
        Path p = project("0003-csv-join-lookup");
        RunReport r = runtime.run(p, RunOptions.defaults().withMappings(List.of("map_inner")).withOutputDirectory(dir.resolve("out")));
        assertEquals(List.of("map_inner"), r.mappings().stream().map(RunReport.MappingReport::mappingId).toList());
        assertTrue(Files.exists(dir.resolve("out/out/inner.csv")));
        assertFalse(Files.exists(dir.resolve("out/out/left.csv")));
    }
}
