package org.mapwright.runtime;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mapwright.core.connector.Limits;
import org.mapwright.core.connector.ProgressMonitor;

/**
 * Options of {@link MapwrightRuntime#run}.
 *
 * @param outputDirectory where relative output paths and {@code rejects/} go instead of the
 *                        project folder, or null
 * @param reportFile      where to write the JSON run report, or null for none
 * @param mappings        ids or names of the mappings to run, in order; empty runs all
 * @param monitor         progress and cancellation, or null
 * @param parameters      run-time values of source and output settings; null means none
 * @param limits          reader limits by name ({@link Limits#NAMES}) over those of the project,
 *                        e.g. from {@code --limit}; null means none
 */
public record RunOptions(Path outputDirectory, Path reportFile, List<String> mappings, ProgressMonitor monitor,
        Parameters parameters, Map<String, Long> limits) {

    public RunOptions {
        mappings = List.copyOf(mappings == null ? List.of() : mappings);
        monitor = monitor == null ? ProgressMonitor.NONE : monitor;
        parameters = parameters == null ? Parameters.none() : parameters;
        limits = limits == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(limits));
    }

    /** Options without limits of their own. */
    public RunOptions(Path outputDirectory, Path reportFile, List<String> mappings, ProgressMonitor monitor, Parameters parameters) {
        this(outputDirectory, reportFile, mappings, monitor, parameters, null);
    }

    /** Options without parameters. */
    public RunOptions(Path outputDirectory, Path reportFile, List<String> mappings, ProgressMonitor monitor) {
        this(outputDirectory, reportFile, mappings, monitor, null);
    }

    /** Run every mapping, write beside the project, no report file. */
    public static RunOptions defaults() {
        return new RunOptions(null, null, List.of(), null, null, null);
    }

    public RunOptions withOutputDirectory(Path dir) {
        return new RunOptions(dir, reportFile, mappings, monitor, parameters, limits);
    }

    public RunOptions withReportFile(Path file) {
        return new RunOptions(outputDirectory, file, mappings, monitor, parameters, limits);
    }

    public RunOptions withMappings(List<String> newMappings) {
        return new RunOptions(outputDirectory, reportFile, newMappings, monitor, parameters, limits);
    }

    public RunOptions withMonitor(ProgressMonitor newMonitor) {
        return new RunOptions(outputDirectory, reportFile, mappings, newMonitor, parameters, limits);
    }

    public RunOptions withParameters(Parameters newParameters) {
        return new RunOptions(outputDirectory, reportFile, mappings, monitor, newParameters, limits);
    }

    /** @param newLimits reader limits by name over those of the project */
    public RunOptions withLimits(Map<String, Long> newLimits) {
        return new RunOptions(outputDirectory, reportFile, mappings, monitor, parameters, newLimits);
    }
}
