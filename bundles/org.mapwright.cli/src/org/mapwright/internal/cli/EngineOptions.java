package org.mapwright.internal.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.mapwright.runtime.RunBackend;

import picocli.CommandLine.Option;

/**
 * {@code --engine}, {@code --master} and {@code --engine-option}: which engine runs (or checks)
 * the mappings. The local engine is built in; others are {@link RunBackend}s found on the class
 * path, so this bundle does not depend on them.
 */
public final class EngineOptions {

    /** The name of the built-in engine. */
    static final String LOCAL = "local";

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = LOCAL,
            description = "Engine that runs the mappings: local (default: this JVM, streaming) or spark (Apache Spark; "
                    + "needs the Spark jars: bin/mapwright-spark-submit, or lib-spark/ on the class path).")
    String engine;

    @Option(names = "--master", paramLabel = "URL",
            description = "With --engine spark: the Spark master, e.g. local[4], spark://host:7077, yarn (default: spark-submit's, else local[*]).")
    String master;

    @Option(names = "--engine-option", paramLabel = "KEY=VALUE",
            description = "An option of the engine, e.g. spark.sql.shuffle.partitions=64; repeatable.")
    Map<String, String> options = new LinkedHashMap<>();

    /** Thrown when the chosen engine is not on the class path; the message says what to do. */
    static final class UnavailableEngine extends Exception {
        private static final long serialVersionUID = 1L;

        UnavailableEngine(String message) {
            super(message);
        }
    }

    /**
     * @return the backend of {@code --engine}, or null for the local engine
     * @throws UnavailableEngine when no backend of that name is on the class path
     */
    RunBackend backend() throws UnavailableEngine {
        String name = engine == null ? LOCAL : engine.trim().toLowerCase(Locale.ROOT);
        if (name.equals(LOCAL)) {
            if (master != null || !options.isEmpty()) {
                throw new UnavailableEngine("--master and --engine-option need another engine than local, e.g. --engine spark");
            }
            return null;
        }
        return RunBackend.find(name).orElseThrow(() -> new UnavailableEngine(name.equals("spark")
                ? "the Spark engine is not on the class path: use bin/mapwright-spark-submit or add lib-spark/"
                : "unknown engine '" + engine + "' (engines: " + String.join(", ", known()) + ")"));
    }

    /** @return the options for the backend: {@code master} when given, then every {@code --engine-option} */
    Map<String, String> backendOptions() {
        Map<String, String> out = new LinkedHashMap<>();
        if (master != null) {
            out.put("master", master);
        }
        out.putAll(options);
        return out;
    }

    private static java.util.List<String> known() {
        java.util.List<String> names = new java.util.ArrayList<>();
        names.add(LOCAL);
        names.addAll(RunBackend.available());
        return names;
    }
}
