package org.mapwright.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.mapwright.core.Project;
import org.mapwright.core.connector.ConnectorRegistry;
import org.mapwright.core.connector.SourceConnector;
import org.mapwright.core.connector.TargetConnector;
import org.mapwright.engine.MappingEngine;
import org.mapwright.engine.Pipeline;
import org.mapwright.engine.Problem;
import org.mapwright.engine.RunReport;
import org.mapwright.engine.RunRequest;
import org.mapwright.runtime.RunBackend;

/**
 * {@code mapwright run PROJECT --engine spark}: the Spark engine as a {@link RunBackend}, found by
 * the command line through {@code META-INF/services}. It runs on the session of
 * {@code spark-submit} when there is one, else starts a session of its own ({@code --master},
 * default {@code local[*]}) for the run.
 *
 * <p>Options: {@code master}; every option starting with {@code spark.} is a Spark setting for a
 * session it starts; {@value SparkEngine#CSV_MULTI_LINE} as in {@link SparkEngine}.
 */
public final class SparkBackend implements RunBackend {

    /** The backend's name for {@code --engine}. */
    public static final String NAME = "spark";

    /**
     * Quiets Spark's logging unless spark-submit or the user configured it: before Spark's first
     * class initializes its logging, which validation already does.
     */
    public SparkBackend() {
        if (System.getProperty("spark.submit.deployMode") == null && System.getProperty("log4j2.configurationFile") == null) {
            quietLogging();
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Warnings and errors only, on stderr, when Mapwright starts Spark from its own command line
     * (Spark would log its start-up at INFO on stdout); spark-submit's or the user's configuration
     * is left alone.
     */
    private static void quietLogging() {
        java.net.URL config = SparkBackend.class.getResource("/mapwright-spark-log4j2.properties");
        if (config == null) {
            return;
        }
        try {
            org.apache.logging.log4j.core.config.Configurator.reconfigure(config.toURI());
        } catch (java.net.URISyntaxException | RuntimeException | LinkageError e) {
            // logging stays as it is: noisy, but the run is not affected
        }
    }

    @Override
    public ConnectorRegistry connectors(ConnectorRegistry standard) {
        List<SourceConnector> sources = new ArrayList<>();
        for (String k : standard.sourceKinds()) {
            sources.add(standard.source(k));
        }
        List<TargetConnector> targets = new ArrayList<>();
        for (String k : standard.targetKinds()) {
            targets.add(standard.target(k));
        }
        if (!standard.targetKinds().contains(ParquetTargetConnector.KIND)) {
            targets.add(new ParquetTargetConnector());
        }
        return new ConnectorRegistry(sources, targets);
    }

    @Override
    public List<Problem> validate(MappingEngine engine, Project project, Map<String, String> options) {
        return new org.mapwright.internal.spark.SparkValidation(engine).problems(project);
    }

    @Override
    public RunReport run(MappingEngine engine, Project project, Pipeline pipeline, RunRequest request, Map<String, String> options) {
        boolean own = SparkSession.getActiveSession().isEmpty() && SparkSession.getDefaultSession().isEmpty();
        SparkSession.Builder builder = SparkSession.builder().appName("Mapwright: " + project.name());
        String master = options.get("master");
        if (master != null) {
            builder.master(master);
        } else if (own && System.getProperty("spark.master") == null) {
            builder.master("local[*]");
        }
        if (own) {
            builder.config("spark.ui.enabled", "false");
        }
        Map<String, String> mapwright = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : options.entrySet()) {
            if (e.getKey().startsWith("spark.")) {
                builder.config(e.getKey(), e.getValue());
            } else if (!e.getKey().equals("master")) {
                mapwright.put(e.getKey(), e.getValue());
            }
        }
        SparkSession spark = builder.getOrCreate();
        try {
            return new SparkEngine(spark, mapwright).run(engine, project, pipeline, request);
        } finally {
            if (own) {
                spark.stop();
            }
        }
    }
}
