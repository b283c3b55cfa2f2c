package org.mapwright.monitor.history;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import org.mapwright.engine.RunStatus;

/**
 * One recorded run, totalled over its mappings.
 *
 * @param id             the run's number in its store, increasing with every recorded run
 * @param runId          the run's globally unique id ({@link RunIds#of}), also its OpenLineage run id
 * @param project        the project's name
 * @param projectVersion SHA-256 of the canonical project file the run used ({@link ProjectVersion})
 * @param origin         what ran it, e.g. {@code "cli"} or {@code "workbench"}
 * @param status         the run's outcome
 * @param start          when it started
 * @param end            when it ended
 * @param durationMillis {@code end - start} in milliseconds
 * @param rowsRead       rows read over all mappings
 * @param rowsWritten    rows written over all mappings
 * @param rowsRejected   rows rejected over all mappings
 * @param rowsFiltered   rows filtered over all mappings
 * @param rowsMerged     rows merged into groups over all mappings
 * @param mappings       number of mappings in the run
 * @param warnings       number of warnings over all mappings
 * @param error          why the run did not succeed, or null
 */
public record RunSummary(long id, UUID runId, String project, String projectVersion, String origin, RunStatus status,
        Instant start, Instant end, long durationMillis, long rowsRead, long rowsWritten, long rowsRejected, long rowsFiltered,
        long rowsMerged, int mappings, int warnings, String error) {

    public RunSummary {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(status, "status");
    }

    /** @return rejected rows as a percentage of rows read; 0 when nothing was read */
    public double rejectPercent() {
        return rowsRead == 0 ? 0 : 100.0 * rowsRejected / rowsRead;
    }

    /** @return rows read per second of the whole run; 0 for a run without measurable duration */
    public double rowsPerSecond() {
        return durationMillis <= 0 ? 0 : rowsRead * 1000.0 / durationMillis;
    }
}
