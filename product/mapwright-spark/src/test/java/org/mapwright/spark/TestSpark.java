package org.mapwright.spark;

import java.nio.file.Path;

import org.apache.spark.sql.SparkSession;

/**
 * The one Spark session of the test run: local[2], two shuffle partitions, no UI. Started on first
 * use and stopped when the test JVM exits, so the whole suite pays Spark's start-up once.
 */
final class TestSpark {

    private static SparkSession session;

    private TestSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            System.setProperty("log4j2.configurationFile", "mapwright-spark-log4j2.properties");
            session = SparkSession.builder().master("local[2]").appName("mapwright-spark-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.default.parallelism", "2")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.sql.warehouse.dir", Path.of(System.getProperty("java.io.tmpdir"), "mapwright-spark-warehouse").toString())
                    .getOrCreate();
            SparkSession.setDefaultSession(session);
            SparkEngine.configure(session);
            Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
        }
        return session;
    }

    /** @return the repository root (system property {@code mapwright.repo}) */
    static Path repo() {
        String repo = System.getProperty("mapwright.repo");
        return repo == null ? Path.of("../..").toAbsolutePath().normalize() : Path.of(repo);
    }
}
