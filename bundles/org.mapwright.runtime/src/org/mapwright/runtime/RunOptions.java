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
 */
public record RunOptions(Path outputDirectory, Path reportFile, List<String> mappings, ProgressMonitor monitor) {

    public RunOptions {
        mappings = List.copyOf(mappings == null ? List.of() : mappings);
        monitor = monitor == null ? ProgressMonitor.NONE : monitor;
    }

    /** Run every mapping, write beside the project, no report file. */
    public static RunOptions defaults() {
        return new RunOptions(null, null, List.of(), null);
    }

    public RunOptions withOutputDirectory(Path dir) {
        return new RunOptions(dir, reportFile, mappings, monitor);
    }

    public RunOptions withReportFile(Path file) {
        return new RunOptions(outputDirectory, file, mappings, monitor);
    }

    public RunOptions withMappings(List<String> newMappings) {
        return new RunOptions(outputDirectory, reportFile, newMappings, monitor);
    }

    public RunOptions withMonitor(ProgressMonitor newMonitor) {
        return new RunOptions(outputDirectory, reportFile, mappings, newMonitor);
    }
}
