package org.mapwright.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.core.MappingDef;
import org.mapwright.core.OutputDef;
import org.mapwright.core.Project;
import org.mapwright.core.Settings;
import org.mapwright.core.connector.CredentialStore;
import org.mapwright.core.io.ProjectIO;
import org.mapwright.engine.RunReport;
import org.mapwright.engine.RunStatus;

class ParametersTest {

    @TempDir
    Path dir;

    private final MapwrightRuntime runtime = MapwrightRuntime.standard(CredentialStore.NONE);

    /** @return a copy of a golden case's project (1 source customers, 1 output out_csv) in the temp folder */
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

    private static Map<String, String> map(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static String message(InvalidProjectException e) {
        return e.getMessage();
    }

    @Test
    void everySettingOfASourceOrOutputIsAParameterNamedByElementAndSetting() throws Exception {
        Project p = runtime.load(project("0001-csv-direct-fields"));
        List<String> names = Parameters.list(p).stream().map(Parameters.Parameter::name).toList();
        assertEquals(List.of("customers.delimiter", "customers.header", "customers.path", "out_csv.path"), names);
        Parameters.Parameter path = Parameters.list(p).get(2);
        assertEquals("customers.csv", path.value());
        assertEquals("MAPWRIGHT_PARAM_CUSTOMERS_PATH", path.variable());
        assertEquals("MAPWRIGHT_PARAM_MAP_JOIN_OUT_CSV_PATH", Parameters.variableName("map_join.out-csv.path"));
    }

    @Test
    void sourceAndOutputPathsAreOverriddenForTheRunWithoutRewritingTheProjectFile() throws Exception {
        Path p = project("0001-csv-direct-fields");
        String before = Files.readString(p.resolve(ProjectIO.FILE_NAME));
        Path other = dir.resolve("other.csv");
        Files.writeString(other, "id,first,last,email,country,signup,birth,amount,qty,status\n9,Zed,Z,z@example.com,FR,2024-01-05,03/02/1990,1,1,A\n",
                StandardCharsets.UTF_8);
        Path elsewhere = dir.resolve("elsewhere/copy.csv");
        Parameters params = Parameters.of(map("customers.path", other.toString(), "out_csv.path", elsewhere.toString()), Map.of());
        RunReport r = runtime.run(p, RunOptions.defaults().withParameters(params));
        assertEquals(RunStatus.SUCCEEDED, r.status(), String.valueOf(r.error()));
        assertEquals(1, r.mappings().get(0).rowsRead());
        assertTrue(Files.readString(elsewhere).contains("Zed"));
        assertFalse(Files.exists(p.resolve("out/customers.csv")), "the output went where the parameter said");
        assertEquals(before, Files.readString(p.resolve(ProjectIO.FILE_NAME)), "project file untouched");
    }

    @Test
    void commandLineWinsOverEnvironmentWhichWinsOverTheProject() throws Exception {
        Project p = runtime.load(project("0001-csv-direct-fields"));
        Map<String, String> env = Map.of("MAPWRIGHT_PARAM_CUSTOMERS_PATH", "from-env.csv", "MAPWRIGHT_PARAM_CUSTOMERS_DELIMITER", ";",
                "PATH", "/usr/bin", "MAPWRIGHT_SECRET_X", "not a parameter");
        Project both = Parameters.of(map("customers.path", "from-cli.csv"), env).apply(p);
        assertEquals("from-cli.csv", both.sources().get(0).settings().getString("path", null));
        assertEquals(";", both.sources().get(0).settings().getString("delimiter", null));
        Project envOnly = Parameters.of(Map.of(), env).apply(p);
        assertEquals("from-env.csv", envOnly.sources().get(0).settings().getString("path", null));
        assertSame(p, Parameters.none().apply(p));
    }

    @Test
    void valuesTakeTheTypeOfTheSettingTheyReplace() throws Exception {
        Project p = runtime.load(project("0001-csv-direct-fields"));
        Project q = Parameters.of(map("customers.header", "FALSE"), Map.of()).apply(p);
        assertEquals(Boolean.FALSE, q.sources().get(0).settings().asMap().get("header"));
        InvalidProjectException e = assertThrows(InvalidProjectException.class,
                () -> Parameters.of(map("customers.header", "yes"), Map.of()).apply(p));
        assertEquals("parameter customers.header must be true or false, not 'yes'", message(e));
    }

    @Test
    void unknownNamesAreErrorsNamingTheKnownParameters() throws Exception {
        Path folder = project("0001-csv-direct-fields");
        Project p = runtime.load(folder);
        InvalidProjectException element = assertThrows(InvalidProjectException.class,
                () -> Parameters.of(map("custmers.path", "x.csv"), Map.of()).apply(p));
        assertEquals("unknown parameter 'custmers.path': the project has no source or output 'custmers' (parameters of this project: "
                + "customers.delimiter, customers.header, customers.path, out_csv.path)", message(element));
        InvalidProjectException setting = assertThrows(InvalidProjectException.class,
                () -> Parameters.of(map("customers.pth", "x.csv"), Map.of()).apply(p));
        assertTrue(message(setting).startsWith("unknown parameter 'customers.pth': source 'customers' has no setting 'pth' (its parameters: "
                + "customers.delimiter, customers.header, customers.path)"), message(setting));
        InvalidProjectException env = assertThrows(InvalidProjectException.class,
                () -> Parameters.of(Map.of(), Map.of("MAPWRIGHT_PARAM_CUSTOMER_PATH", "x.csv")).apply(p));
        assertTrue(message(env).startsWith("environment variable MAPWRIGHT_PARAM_CUSTOMER_PATH names no parameter of this project"), message(env));
        assertThrows(InvalidProjectException.class, () -> runtime.run(folder,
                RunOptions.defaults().withParameters(Parameters.of(map("nope", "1"), Map.of()))), "no run with a wrong parameter");
        assertFalse(Files.exists(folder.resolve("out")), "nothing ran");
    }

    @Test
    void sourcesAnswerToTheirIdToo() throws Exception {
        Project p = runtime.load(project("0001-csv-direct-fields"));
        Project q = Parameters.of(map("src_customers.path", "b.csv"), Map.of()).apply(p);
        assertEquals("b.csv", q.sources().get(0).settings().getString("path", null));
    }

    @Test
    void outputIdsSharedByMappingsAreQualifiedByTheMappingId() throws Exception {
        Project p = runtime.load(project("0003-csv-join-lookup"));
        List<String> outputs = Parameters.list(p).stream().filter(x -> x.kind().equals("output")).map(Parameters.Parameter::name).toList();
        assertEquals(List.of("map_join.out_csv.path", "map_inner.out_csv.path"), outputs);
        Project q = Parameters.of(map("map_inner.out_csv.path", "out/other.csv"), Map.of()).apply(p);
        assertEquals(List.of("out/left.csv", "out/other.csv"), q.mappings().stream()
                .map(m -> m.outputs().get(0).settings().getString("path", null)).toList());
        InvalidProjectException e = assertThrows(InvalidProjectException.class,
                () -> Parameters.of(map("out_csv.path", "x.csv"), Map.of()).apply(p));
        assertTrue(message(e).contains("is ambiguous") && message(e).contains("map_join.out_csv or map_inner.out_csv"), message(e));
    }

    @Test
    void secretsAreNeverParameters() throws Exception {
        Project p = runtime.load(project("0001-csv-direct-fields"));
        MappingDef m = p.mappings().get(0);
        OutputDef db = new OutputDef("out_db", "jdbc", Settings.of(Map.of("driver", "h2", "path", "out/db", "table", "t",
                "credentialKey", "warehouse", "password", "hunter2")));
        Project withDb = p.withMapping(m.withOutputs(List.of(m.outputs().get(0), db)));
        assertTrue(Parameters.list(withDb).stream().noneMatch(x -> x.setting().equals("password")), "not listed");
        assertTrue(Parameters.list(withDb).stream().anyMatch(x -> x.name().equals("out_db.credentialKey")), "the key is a parameter");
        InvalidProjectException e = assertThrows(InvalidProjectException.class,
                () -> Parameters.of(map("out_db.password", "x"), Map.of()).apply(withDb));
        assertTrue(message(e).contains("secrets never are") && message(e).contains("MAPWRIGHT_SECRET_"), message(e));
    }

    @Test
    void previewAndValidateTakeParametersToo() throws Exception {
        Path folder = project("0001-csv-direct-fields");
        Path other = dir.resolve("two.csv");
        Files.writeString(other, "id,first,last,email,country,signup,birth,amount,qty,status\n"
                + "7,A,B,a@example.com,FR,2024-01-05,03/02/1990,1,1,A\n8,C,D,c@example.com,FR,2024-01-05,03/02/1990,1,1,A\n");
        assertEquals(2, runtime.preview(folder, null, 10, Parameters.of(map("customers.path", other.toString()), Map.of())).rows().size());
        assertThrows(InvalidProjectException.class, () -> runtime.validate(folder, Parameters.of(map("customers.nope", "1"), Map.of())));
    }
}
