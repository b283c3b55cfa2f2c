package org.mapwright.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The assembled {@code target/mapwright-spark}: {@code bin/mapwright-spark} runs a project on a
 * local Spark in a JVM of its own (lib-spark/ and lib/ as shipped, Spark's JVM options), and
 * {@code bin/mapwright-spark-submit} hands spark-submit the right class, jars and arguments (here
 * a stand-in spark-submit that records them).
 */
class DistributionIT {

    private Path home;
    private Path dir;

    @BeforeEach
    void setUp() throws IOException {
        home = Path.of(System.getProperty("mapwright.spark.home"));
        dir = Files.createTempDirectory("mapwright-spark-dist-");
    }

    @AfterEach
    void clean() throws IOException {
        GoldenConformanceTest.delete(dir);
    }

    private static Path golden(String name) {
        return GoldenConformanceTest.goldenFolder().resolve(name);
    }

    private Process start(Path log, String spark, String... command) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(command));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        if (spark != null) {
            pb.environment().put("SPARK_HOME", spark);
        }
        return pb.start();
    }

    @Test
    void runsAProjectOnALocalSparkWithTheShippedClassPath() throws Exception {
        Path log = dir.resolve("run.log");
        Process p = start(log, null, home.resolve("bin/mapwright-spark").toString(), "run",
                golden("0005-csv-aggregation").resolve("project").toString(), "-o", dir.resolve("out").toString(), "-q",
                "--master", "local[2]", "--engine-option", "spark.sql.shuffle.partitions=2", "--history", dir.resolve("history").toString());
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "bin/mapwright-spark did not end");
        assertFalse(Files.exists(golden("0005-csv-aggregation").resolve("project/.mapwright")), "nothing written into the golden project");
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), output);
        assertEquals(Files.readString(golden("0005-csv-aggregation").resolve("expected/out/by-country.csv")),
                Files.readString(dir.resolve("out/out/by-country.csv")), output);
        assertTrue(output.contains("revenue by country: succeeded"), output);
    }

    @Test
    void submitsTheCommandLineWithItsJarsAndTheSparkEngine() throws Exception {
        Path spark = dir.resolve("spark");
        Path args = dir.resolve("args.txt");
        Files.createDirectories(spark.resolve("bin"));
        Path submit = spark.resolve("bin/spark-submit");
        Files.writeString(submit, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > '" + args + "'\n");
        submit.toFile().setExecutable(true);
        Path log = dir.resolve("submit.log");
        Process p = start(log, spark.toString(), home.resolve("bin/mapwright-spark-submit").toString(), "--master", "yarn",
                "--deploy-mode", "cluster", "--ship-project", "run", golden("0001-csv-direct-fields").resolve("project").toString(),
                "-o", "hdfs:///out");
        assertTrue(p.waitFor(1, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), Files.readString(log));
        List<String> a = Files.readAllLines(args);
        assertEquals(List.of("--master", "yarn", "--deploy-mode", "cluster", "--files"), a.subList(0, 5));
        assertTrue(a.get(5).endsWith("0001-csv-direct-fields/project/mapwright.json"), a.toString());
        assertEquals("--class", a.get(6));
        assertEquals("org.mapwright.cli.Main", a.get(7));
        assertEquals("--jars", a.get(8));
        assertTrue(a.get(9).contains("org.mapwright.engine-") && a.get(9).contains(","), a.get(9));
        assertTrue(a.get(10).endsWith(".jar") && a.get(10).contains("mapwright-spark-"), a.get(10));
        assertEquals(List.of("run", "mapwright.json", "--engine", "spark", "-o", "hdfs:///out"), a.subList(11, a.size()));
    }
}
