package org.mapwright.engine;

import java.nio.file.Path;
import java.util.Objects;

import org.mapwright.core.connector.CredentialStore;
import org.mapwright.core.connector.Limits;
import org.mapwright.core.connector.ProgressMonitor;

/**
 * What a preview reads and collects.
 *
 * @param projectDirectory folder relative source paths resolve against
 * @param credentials      secrets for connectors; null means none
 * @param limits           reader limits; null means {@link Limits#DEFAULTS}
 * @param rows             target rows to collect (the preview stops reading once it has them,
 *                         unless the mapping aggregates)
 * @param maxSourceRows    source rows read at most, so a preview over a huge source (or an
 *                         aggregating one) stays quick; the result says whether the source was
 *                         read completely
 * @param maxRejects       rejected rows collected at most (more are only counted)
 * @param monitor          polled for cancellation so an editor can restart the preview on every
 *                         change; null means {@link ProgressMonitor#NONE}
 */
public record PreviewRequest(Path projectDirectory, CredentialStore credentials, Limits limits, int rows,
        long maxSourceRows, int maxRejects, ProgressMonitor monitor) {

    public PreviewRequest {
        Objects.requireNonNull(projectDirectory, "projectDirectory");
        credentials = credentials == null ? CredentialStore.NONE : credentials;
        limits = limits == null ? Limits.DEFAULTS : limits;
        monitor = monitor == null ? ProgressMonitor.NONE : monitor;
        if (rows < 0 || maxSourceRows < 0 || maxRejects < 0) {
            throw new IllegalArgumentException("preview sizes must not be negative");
        }
    }

    /** A preview of {@code rows} target rows reading at most 100,000 source rows, keeping 100 rejects. */
    public static PreviewRequest of(Path projectDirectory, int rows) {
        return new PreviewRequest(projectDirectory, null, null, rows, 100_000, 100, null);
    }

    public PreviewRequest withMonitor(ProgressMonitor newMonitor) {
        return new PreviewRequest(projectDirectory, credentials, limits, rows, maxSourceRows, maxRejects, newMonitor);
    }

    public PreviewRequest withMaxSourceRows(long max) {
        return new PreviewRequest(projectDirectory, credentials, limits, rows, max, maxRejects, monitor);
    }

    public PreviewRequest withCredentials(CredentialStore store) {
        return new PreviewRequest(projectDirectory, store, limits, rows, maxSourceRows, maxRejects, monitor);
    }
}
