package org.mapwright.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.core.MappingDef;
import org.mapwright.core.OutputDef;
import org.mapwright.core.Project;
import org.mapwright.core.Settings;
import org.mapwright.core.SourceDef;
import org.mapwright.core.connector.CredentialStore;
import org.mapwright.core.io.ProjectIO;

class ProjectExporterTest {

    @TempDir
    Path dir;

    private final MapwrightRuntime runtime = MapwrightRuntime.standard(CredentialStore.NONE);

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

    /** @return a jar holding empty entries of the given names */
    private Path jar(String name, String... entries) throws IOException {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Path jar = lib.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
            for (String e : entries) {
                j.putNextEntry(new ZipEntry(e));
                j.closeEntry();
            }
        }
        return jar;
    }

    private RuntimeJars completeJars() throws IOException {
        List<Path> jars = List.of(jar("org.mapwright.core-0.1.0.jar", "org/mapwright/core/Project.class"),
                jar("org.mapwright.engine-0.1.0.jar", "org/mapwright/engine/MappingEngine.class"),
                jar("org.mapwright.runtime-0.1.0.jar", "org/mapwright/runtime/MapwrightRuntime.class"),
                jar("org.mapwright.cli-0.1.0.jar", "org/mapwright/cli/Main.class"),
                jar("picocli-4.7.7.jar", "picocli/CommandLine.class"),
                jar("org.eclipse.swt.gtk.linux.x86_64_3.135.0.jar", "org/eclipse/swt/SWT.class"),
                jar("org.eclipse.e4.ui.workbench_1.17.0.jar", "x.class"),
                jar("org.eclipse.equinox.common_3.19.0.jar", "y.class"));
        return () -> jars;
    }

    private static void edit(Path project, java.util.function.UnaryOperator<Project> change) throws IOException {
        ProjectIO io = new ProjectIO();
        io.write(change.apply(io.read(project)), project);
    }

    private static List<String> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void exportsLaunchersProjectDataHeadlessJarsReadmeAndChecksums() throws Exception {
        Path p = project("0011-pipeline-dimension-fact");
        Path target = dir.resolve("exports/pipeline");
        ProjectExporter.Export e = new ProjectExporter(runtime, completeJars()).export(p, target, false);

        assertEquals(List.of("README.md", "SHA256SUMS", "bin/mapwright-run", "bin/mapwright-run.bat", "lib/org.mapwright.cli-0.1.0.jar",
                "lib/org.mapwright.core-0.1.0.jar", "lib/org.mapwright.engine-0.1.0.jar", "lib/org.mapwright.runtime-0.1.0.jar",
                "lib/picocli-4.7.7.jar", "project/countries.csv", "project/mapwright.json", "project/sales.csv"), files(target),
                "UI jars left out; the dimension the run produces is not copied");
        assertEquals(files(target), e.files());
        assertEquals(List.of("countries.csv", "sales.csv"), e.dataFiles());
        assertTrue(Files.isExecutable(target.resolve("bin/mapwright-run")));
        assertEquals(Files.readString(p.resolve("mapwright.json")), Files.readString(target.resolve("project/mapwright.json")));
        String sh = Files.readString(target.resolve("bin/mapwright-run"));
        assertTrue(sh.startsWith("#!/bin/sh\n") && sh.contains("org.mapwright.cli.Main run \"$here/project\" \"$@\""), sh);
        String bat = Files.readString(target.resolve("bin/mapwright-run.bat"));
        assertTrue(bat.contains("org.mapwright.cli.Main run \"%HERE%\\project\" %*\r\n"), bat);
        // No "Log4j API could not find a logging provider" line (POI logs through the Log4j API).
        String quietLog4j = "-Dlog4j2.loggerContextFactory=org.apache.logging.log4j.simple.SimpleLoggerContextFactory";
        assertTrue(sh.contains("exec \"$java\" " + quietLog4j + " "), sh);
        assertTrue(bat.contains("\"%JAVA%\" " + quietLog4j + " %MAPWRIGHT_OPTS%"), bat);

        List<String> sums = Files.readAllLines(target.resolve("SHA256SUMS"));
        assertEquals(files(target).size() - 1, sums.size());
        for (String line : sums) {
            String[] parts = line.split("  ", 2);
            assertEquals(sha256(Files.readAllBytes(target.resolve(parts[1]))), parts[0], line);
        }

        String readme = Files.readString(target.resolve("README.md"));
        assertTrue(readme.contains("| `sales.path` | `MAPWRIGHT_PARAM_SALES_PATH` | `sales.csv` | source sales |"), readme);
        assertTrue(readme.contains("| `out_fact.path` | `MAPWRIGHT_PARAM_OUT_FACT_PATH` | `out/fact_sales.csv` | output out_fact of mapping fact sales |"), readme);
        assertTrue(readme.contains("| 1 | dimension countries | – |") && readme.contains("| 2 | fact sales | dimension countries |"), readme);
        assertTrue(readme.contains("Java 17 or newer") && readme.contains("| 130 | cancelled |") && readme.contains("rejects/"), readme);
        assertTrue(readme.contains("The project needs no secrets."), readme);
        try (Stream<Path> s = Files.list(target.getParent())) {
            assertEquals(List.of("pipeline"), s.map(f -> f.getFileName().toString()).toList(), "no temporary folder left");
        }
    }

    @Test
    void zipArchiveHoldsTheSameFilesWithAnExecutableLauncher() throws Exception {
        Path p = project("0001-csv-direct-fields");
        Path zip = dir.resolve("out/direct.zip");
        ProjectExporter.Export e = new ProjectExporter(runtime, completeJars()).export(p, zip, false);
        List<String> entries = new ArrayList<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : Collections.list(z.entries())) {
                if (!entry.isDirectory()) {
                    entries.add(entry.getName());
                }
            }
        }
        assertEquals(e.files(), entries.stream().sorted().toList());
        try (FileSystem fs = FileSystems.newFileSystem(URI.create("jar:" + zip.toUri()), Map.of("enablePosixFileAttributes", "true"))) {
            assertTrue(Files.getPosixFilePermissions(fs.getPath("bin/mapwright-run")).contains(PosixFilePermission.OWNER_EXECUTE));
            assertFalse(Files.getPosixFilePermissions(fs.getPath("README.md")).contains(PosixFilePermission.OWNER_EXECUTE));
        }
        try (Stream<Path> s = Files.list(zip.getParent())) {
            assertEquals(List.of("direct.zip"), s.map(f -> f.getFileName().toString()).toList(), "no temporary file left");
        }
    }

    @Test
    void refusesSettingsThatLookLikeSecretsAndWritesNothing() throws Exception {
        Path p = project("0001-csv-direct-fields");
        edit(p, pr -> {
            SourceDef s = pr.sources().get(0);
            MappingDef m = pr.mappings().get(0);
            OutputDef db = new OutputDef("out_db", "jdbc", Settings.of(Map.of("driver", "generic", "driverClass", "x.Driver",
                    "driverJar", "d.jar", "url", "jdbc:x://scott:tiger@db1/dwh", "table", "t")));
            return pr.withSource(s.withSettings(s.settings().with("password", "hunter2")))
                    .withMapping(m.withOutputs(List.of(m.outputs().get(0), db)));
        });
        Path target = dir.resolve("export");
        InvalidProjectException e = assertThrows(InvalidProjectException.class,
                () -> new ProjectExporter(runtime, completeJars()).export(p, target, false));
        assertTrue(e.getMessage().startsWith("refusing to export: source 'customers' has a setting 'password', which looks like a password or token; "
                + "output out_db of mapping 'customers copy' setting 'url' looks like it holds a secret: it is a URL with a password before the host."),
                e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), "the message does not repeat the secret");
        assertFalse(Files.exists(target));
    }

    @Test
    void credentialKeysAreExportedAndListedButNeverSecrets() throws Exception {
        Path p = project("0001-csv-direct-fields");
        edit(p, pr -> {
            MappingDef m = pr.mappings().get(0);
            OutputDef db = new OutputDef("out_db", "jdbc", Settings.of(Map.of("driver", "h2", "path", "out/db", "table", "customers",
                    "credentialKey", "jdbc/warehouse")));
            return pr.withMapping(m.withOutputs(List.of(m.outputs().get(0), db)));
        });
        MapwrightRuntime withSecret = MapwrightRuntime.standard(key -> java.util.Optional.of("canary-5ecr3t"));
        ProjectExporter.Export e = new ProjectExporter(withSecret, completeJars()).export(p, dir.resolve("export"), false);
        assertEquals(List.of("jdbc/warehouse"), e.credentials());
        String readme = Files.readString(e.target().resolve("README.md"));
        assertTrue(readme.contains("| `jdbc/warehouse` | `MAPWRIGHT_SECRET_JDBC_WAREHOUSE` | output out_db |"), readme);
        for (String f : e.files()) {
            assertFalse(new String(Files.readAllBytes(e.target().resolve(f)), StandardCharsets.ISO_8859_1).contains("canary-5ecr3t"), f);
        }
    }

    @Test
    void absolutePathsStayAsTheyAreAndMustBeSetByTheOperator() throws Exception {
        Path p = project("0001-csv-direct-fields");
        Path outside = dir.resolve("shared/customers.csv");
        Files.createDirectories(outside.getParent());
        Files.copy(p.resolve("customers.csv"), outside);
        edit(p, pr -> {
            SourceDef s = pr.sources().get(0);
            return pr.withSource(s.withSettings(s.settings().with("path", outside.toString())));
        });
        ProjectExporter.Export e = new ProjectExporter(runtime, completeJars()).export(p, dir.resolve("export"), false);
        assertEquals(List.of(), e.dataFiles());
        assertEquals(List.of("customers.path"), e.mustSet());
        String readme = Files.readString(e.target().resolve("README.md"));
        assertTrue(readme.contains("`" + outside + "` **set this**: an absolute path"), readme);
        assertTrue(Files.readString(e.target().resolve("project/mapwright.json")).contains(outside.toString()));
    }

    @Test
    void missingDataFileIsRefusedNamingIt() throws Exception {
        Path p = project("0001-csv-direct-fields");
        Files.delete(p.resolve("customers.csv"));
        InvalidProjectException e = assertThrows(InvalidProjectException.class,
                () -> new ProjectExporter(runtime, completeJars()).export(p, dir.resolve("export"), false));
        assertTrue(e.getMessage().contains("source 'customers' reads customers.csv, which does not exist"), e.getMessage());
    }

    @Test
    void jarsWithoutTheEngineAreRefusedLoudly() throws Exception {
        Path p = project("0001-csv-direct-fields");
        List<Path> partial = List.of(jar("org.mapwright.core-0.1.0.jar", "org/mapwright/core/Project.class"),
                jar("org.mapwright.runtime-0.1.0.jar", "org/mapwright/runtime/MapwrightRuntime.class"),
                jar("org.mapwright.cli-0.1.0.jar", "org/mapwright/cli/Main.class"), jar("picocli-4.7.7.jar", "picocli/CommandLine.class"));
        IOException e = assertThrows(IOException.class, () -> new ProjectExporter(runtime, () -> partial).export(p, dir.resolve("export"), false));
        assertTrue(e.getMessage().startsWith("cannot export: the runtime jars lack the engine (org.mapwright.engine)"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("export")));
    }

    @Test
    void existingTargetIsKeptUnlessReplacing() throws Exception {
        Path p = project("0001-csv-direct-fields");
        Path target = Files.createDirectories(dir.resolve("export"));
        Files.writeString(target.resolve("old.txt"), "old");
        ProjectExporter exporter = new ProjectExporter(runtime, completeJars());
        IOException e = assertThrows(IOException.class, () -> exporter.export(p, target, false));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertTrue(Files.exists(target.resolve("old.txt")));
        exporter.export(p, target, true);
        assertFalse(Files.exists(target.resolve("old.txt")));
        assertTrue(Files.exists(target.resolve("SHA256SUMS")));
        try (Stream<Path> s = Files.list(dir)) {
            assertTrue(s.noneMatch(f -> f.getFileName().toString().startsWith(".")), "no temporary folder left");
        }
    }

    @Test
    void invalidProjectIsNotExported() throws Exception {
        Path p = project("0013-pipeline-cycle-refused");
        InvalidProjectException e = assertThrows(InvalidProjectException.class,
                () -> new ProjectExporter(runtime, completeJars()).export(p, dir.resolve("export"), false));
        assertEquals(1, e.problems().size());
        assertTrue(e.problems().get(0).message().contains("cycle"));
    }

    @Test
    void uiToolkitJarsAreRecognisedByNameTokens() {
        assertTrue(ProjectExporter.excluded("org.eclipse.swt.gtk.linux.x86_64_3.135.0.v20250101.jar"));
        assertTrue(ProjectExporter.excluded("org.eclipse.jface_3.40.0.jar"));
        assertTrue(ProjectExporter.excluded("org.eclipse.e4.core.di_1.9.0.jar"));
        assertTrue(ProjectExporter.excluded("org.eclipse.equinox.registry_3.12.0.jar"));
        assertFalse(ProjectExporter.excluded("org.mapwright.engine_0.1.0.qualifier.jar"));
        assertFalse(ProjectExporter.excluded("commons-compress-1.28.0.jar"));
        assertFalse(ProjectExporter.excluded("poi-ooxml-5.5.1.jar"));
    }
}
