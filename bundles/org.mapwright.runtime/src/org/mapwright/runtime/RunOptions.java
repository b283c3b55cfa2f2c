package org.mapwright.runtime;

import java.nio.file.Path;
import java.util.List;

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
 */
public record RunOptions(Path outputDirectory, Path reportFile, List<String> mappings, ProgressMonitor monitor,
        Parameters parameters) {

    public RunOptions {
        mappings = List.copyOf(mappings == null ? List.of() : mappings);
        monitor = monitor == null ? ProgressMonitor.NONE : monitor;
        parameters = parameters == null ? Parameters.none() : parameters;
    }

    /** Options without parameters. */
    public RunOptions(Path outputDirectory, Path reportFile, List<String> mappings, ProgressMonitor monitor) {
        this(outputDirectory, reportFile, mappings, monitor, null);
    }

    /** Run every mapping, write beside the project, no report file. */
    public static RunOptions defaults() {
        return new RunOptions(null, null, List.of(), null, null);
    }

    public RunOptions withOutputDirectory(Path dir) {
        return new RunOptions(dir, reportFile, mappings, monitor, parameters);
    }

    public RunOptions withReportFile(Path file) {
        return new RunOptions(outputDirectory, file, mappings, monitor, parameters);
    }

    public RunOptions withMappings(List<String> newMappings) {
        return new RunOptions(outputDirectory, reportFile, newMappings, monitor, parameters);
    }

    public RunOptions withMonitor(ProgressMonitor newMonitor) {
        return new RunOptions(outputDirectory, reportFile, mappings, newMonitor, parameters);
    }

    public RunOptions withParameters(Parameters newParameters) {
        return new RunOptions(outputDirectory, reportFile, mappings, monitor, newParameters);
    }
}
