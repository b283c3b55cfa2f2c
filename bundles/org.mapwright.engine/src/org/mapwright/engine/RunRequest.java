package org.mapwright.engine;

import java.nio.file.Path;
import java.util.Objects;

import org.mapwright.core.connector.CredentialStore;
import org.mapwright.core.connector.Limits;
import org.mapwright.core.connector.ProgressMonitor;

/**
 * Where and how a run reads and writes.
 *
 * @param projectDirectory folder relative source paths resolve against
 * @param outputDirectory  folder relative output paths and the {@code rejects/} folder resolve
 *                         against; null means the project folder
 * @param credentials      secrets for connectors; null means none
 * @param limits           reader limits for hostile input; null means {@link Limits#DEFAULTS}
 * @param monitor          progress and cancellation; null means {@link ProgressMonitor#NONE}
 */
public record RunRequest(Path projectDirectory, Path outputDirectory, CredentialStore credentials, Limits limits,
        ProgressMonitor monitor) {

    public RunRequest {
        Objects.requireNonNull(projectDirectory, "projectDirectory");
        credentials = credentials == null ? CredentialStore.NONE : credentials;
        limits = limits == null ? Limits.DEFAULTS : limits;
        monitor = monitor == null ? ProgressMonitor.NONE : monitor;
    }

    /** A run of a project folder writing beside it, without secrets or progress. */
    public static RunRequest of(Path projectDirectory) {
        return new RunRequest(projectDirectory, null, null, null, null);
    }

    /** @return the folder outputs and rejects go to */
    public Path effectiveOutputDirectory() {
        return outputDirectory == null ? projectDirectory : outputDirectory;
    }

    public RunRequest withOutputDirectory(Path dir) {
        return new RunRequest(projectDirectory, dir, credentials, limits, monitor);
    }

    public RunRequest withMonitor(ProgressMonitor newMonitor) {
        return new RunRequest(projectDirectory, outputDirectory, credentials, limits, newMonitor);
    }

    public RunRequest withCredentials(CredentialStore store) {
        return new RunRequest(projectDirectory, outputDirectory, store, limits, monitor);
    }
}
