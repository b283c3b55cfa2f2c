package org.mapwright.spark;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.spark.sql.SparkSession;
import org.mapwright.core.Project;
import org.mapwright.core.connector.ConnectorRegistry;
import org.mapwright.engine.MappingEngine;
import org.mapwright.engine.MappingPlan;
import org.mapwright.engine.Pipeline;
import org.mapwright.engine.Problem;
import org.mapwright.engine.RunReport;
import org.mapwright.engine.RunReport.MappingReport;
import org.mapwright.engine.RunRequest;
import org.mapwright.engine.RunStatus;
import org.mapwright.internal.spark.MappingJob;
import org.mapwright.internal.spark.Sources;
import org.mapwright.internal.spark.SparkValidation;

/**
 * Runs the mappings of a project on Apache Spark: each mapping compiled by the
 * {@link MappingEngine} is translated into DataFrame operations (see README.md of this module),
 * producing the outputs, rejects files and {@link RunReport} the engine's own runner produces for
 * the same data. Works on a session the caller owns (a cluster's, or a local one in tests) and
 * sets the SQL options the translation relies on (non-ANSI arithmetic, strict date parsing,
 * java.time values) on it.
 */
public final class SparkEngine {

    /** Option: CSV values may contain line breaks (a file is then read by one task); default false. */
    public static final String CSV_MULTI_LINE = "csv.multiLine";

    private final SparkSession spark;
    private final Map<String, String> options;

    /**
     * @param spark   the session to run on
     * @param options Mapwright options of the Spark engine (see {@link #CSV_MULTI_LINE}); null for none
     */
    public SparkEngine(SparkSession spark, Map<String, String> options) {
        this.spark = Objects.requireNonNull(spark, "spark");
        this.options = options == null ? Map.of() : Map.copyOf(options);
        configure(spark);
    }

    /** Sets the session options the translation depends on. */
    static void configure(SparkSession spark) {
        Map<String, String> sql = new HashMap<>();
        sql.put("spark.sql.ansi.enabled", "false");
        sql.put("spark.sql.legacy.timeParserPolicy", "CORRECTED");
        sql.put("spark.sql.datetime.java8API.enabled", "true");
        sql.put("spark.sql.caseSensitive", "true");
        sql.forEach((k, v) -> spark.conf().set(k, v));
    }

    /**
     * @return what this engine cannot run in the project (errors), and the functions it runs as
     *         Java UDFs rather than native Spark functions (warnings naming each function)
     */
    public List<Problem> validate(MappingEngine engine, Project project) {
        return new SparkValidation(engine).problems(project);
    }

    /**
     * Runs a pipeline's steps in order like {@link MappingEngine#run(Project, Pipeline, RunRequest)}:
     * each mapping all or nothing, committed when it succeeds; a mapping reading the output of one
     * that did not succeed is skipped.
     */
    public RunReport run(MappingEngine engine, Project project, Pipeline pipeline, RunRequest request) {
        Instant start = engine.clock().instant();
        boolean multiLine = Boolean.parseBoolean(options.getOrDefault(CSV_MULTI_LINE, "false"));
        Sources sources = new Sources(spark, request.projectDirectory(), request.credentials(), multiLine);
        ConnectorRegistry registry = engine.connectors();
        List<MappingReport> reports = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        RunStatus status = RunStatus.SUCCEEDED;
        String error = null;
        boolean cancelled = false;
        for (Pipeline.Step step : pipeline.steps()) {
            MappingPlan plan = engine.compile(project, step.mappingId());
            String blocked = cancelled ? "not run: the run was cancelled" : blockedBy(step, index, reports);
            index.put(step.mappingId(), reports.size());
            if (blocked != null) {
                reports.add(new MappingReport(plan.mapping().id(), plan.mapping().name(), RunStatus.SKIPPED, 0, 0, 0, 0, 0, -1,
                        java.time.Duration.ZERO, List.of(), List.of(), null, List.of(), List.of(), blocked));
                continue;
            }
            String group = "mapwright-" + plan.mapping().id();
            spark.sparkContext().setJobGroup(group, "Mapwright mapping " + plan.mapping().name(), true);
            Thread watcher = cancelOnRequest(group, request);
            MappingReport report;
            try {
                report = new MappingJob(spark, plan, request, engine.clock(), sources, registry).run();
            } finally {
                watcher.interrupt();
                spark.sparkContext().clearJobGroup();
            }
            reports.add(report);
            if (report.status() != RunStatus.SUCCEEDED) {
                if (status == RunStatus.SUCCEEDED) {
                    status = report.status();
                    error = report.error();
                }
                cancelled |= report.status() == RunStatus.CANCELLED;
            }
        }
        return new RunReport(project.name(), status, start, engine.clock().instant(), error, reports);
    }

    /** Cancels the mapping's Spark jobs when the user cancels the run (the monitor is polled). */
    private Thread cancelOnRequest(String group, RunRequest request) {
        Thread t = new Thread(() -> {
            try {
                while (!request.monitor().isCanceled()) {
                    Thread.sleep(200);
                }
                spark.sparkContext().cancelJobGroup(group);
            } catch (InterruptedException e) {
                // the mapping ended
            }
        }, "mapwright-spark-cancel");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static String blockedBy(Pipeline.Step step, Map<String, Integer> index, List<MappingReport> reports) {
        java.util.TreeSet<Integer> from = new java.util.TreeSet<>();
        for (String id : step.dependsOn()) {
            if (index.containsKey(id)) {
                from.add(index.get(id));
            }
        }
        for (int k : from) {
            MappingReport r = reports.get(k);
            if (r.status() != RunStatus.SUCCEEDED) {
                return "not run: it reads the output of mapping '" + r.name() + "', which "
                        + (r.status() == RunStatus.SKIPPED ? "was not run" : "ended " + r.status().id());
            }
        }
        return null;
    }
}
