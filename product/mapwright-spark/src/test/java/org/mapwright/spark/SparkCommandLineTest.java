package org.mapwright.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mapwright.cli.Main;
import org.mapwright.internal.cli.Services;

/**
 * {@code mapwright run|validate --engine spark} through the command line's own entry point, in
 * this JVM (the Spark jars are on the test class path, as with lib-spark/).
 */
class SparkCommandLineTest {

    private Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void setUp() throws Exception {
        boolean knowsEngines;
        try {
            Class.forName("org.mapwright.internal.cli.EngineOptions");
            knowsEngines = true;
        } catch (ClassNotFoundException e) {
            knowsEngines = false;
        }
        assumeTrue(knowsEngines, "the org.mapwright.cli on the class path predates --engine: install the current bundle first");
        dir = Files.createTempDirectory("mapwright-spark-cli-");
    }

    @AfterEach
    void clean() throws Exception {
        if (dir != null) {
            GoldenConformanceTest.delete(dir);
        }
    }

    private int mapwright(String... args) {
        return Main.execute(Services.standard(), new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private static Path golden(String name) {
        return GoldenConformanceTest.goldenFolder().resolve(name).resolve("project");
    }

    @Test
    void runsAProjectWithEngineSparkAndWritesWhatTheLocalEngineWrites() throws Exception {
        TestSpark.session();
        // The run history goes to the temporary folder, not into the checked-in golden project.
        int code = mapwright("run", golden("0002-csv-expressions").toString(), "-o", dir.resolve("spark").toString(), "-q",
                "--engine", "spark", "--master", "local[2]", "--history", dir.resolve("history").toString());
        assertEquals(0, code, out + "\n" + err);
        assertFalse(Files.exists(golden("0002-csv-expressions").resolve(".mapwright")), "nothing written into the golden project");
        assertTrue(out.toString().contains("customers clean: succeeded"), out.toString());
        assertEquals(Files.readString(golden("0002-csv-expressions").resolveSibling("expected").resolve("out/clean.csv"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("spark/out/clean.csv"), StandardCharsets.UTF_8));
    }

    @Test
    void validatesForSparkNamingTheFunctionsRunAsUdfs() throws Exception {
        Path project = dir.resolve("p");
        copy(golden("0002-csv-expressions"), project);
        Path json = project.resolve("mapwright.json");
        Files.writeString(json, Files.readString(json).replace("\"trim(first) || ' ' || upper(trim(last))\"", "\"initcap(first)\""));
        int code = mapwright("validate", project.toString(), "--engine", "spark");
        assertEquals(0, code, out + "\n" + err);
        assertTrue(out.toString().contains("function initcap() has no exact Spark equivalent"), out.toString());
    }

    @Test
    void anUnknownEngineIsAUsageError() {
        assertEquals(2, mapwright("run", golden("0001-csv-direct-fields").toString(), "--engine", "flink"));
        assertTrue(err.toString().contains("unknown engine 'flink' (engines: local, spark)"), err.toString());
    }

    @Test
    void withoutTheSparkJarsTheCommandSaysWhatToDo() {
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(new ClassLoader(before) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                return name.equals("META-INF/services/org.mapwright.runtime.RunBackend") ? Collections.emptyEnumeration()
                        : super.getResources(name);
            }
        });
        try {
            assertEquals(2, mapwright("run", golden("0001-csv-direct-fields").toString(), "-o", dir.toString(), "--engine", "spark"));
        } finally {
            t.setContextClassLoader(before);
        }
        assertTrue(err.toString().contains("the Spark engine is not on the class path: use bin/mapwright-spark-submit or add lib-spark/"),
                err.toString());
        assertTrue(!Files.exists(dir.resolve("out")), "nothing was run");
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var s = Files.list(from)) {
            for (Path p : s.toList()) {
                Files.copy(p, to.resolve(p.getFileName()));
            }
        }
    }
}
