package org.mapwright.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a run did: the outcome, timings and per mapping the row accounting, rule violations,
 * outputs and first rejects. Written as JSON by {@link RunReportJson} (format documented in
 * {@code RUN-REPORT.md}).
 *
 * @param project  project name
 * @param status   overall outcome: the status of the first mapping (in run order) that neither
 *                 succeeded nor was skipped, else succeeded
 * @param start    when the run started
 * @param end      when it ended
 * @param error    why the run did not succeed, or null
 * @param mappings one report per mapping, in run (execution) order
 */
public record RunReport(String project, RunStatus status, Instant start, Instant end, String error,
        List<MappingReport> mappings) {

    public RunReport {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(status, "status");
        mappings = List.copyOf(mappings);
    }

    public Duration duration() {
        return Duration.between(start, end);
    }

    public boolean succeeded() {
        return status == RunStatus.SUCCEEDED;
    }

    /**
     * The outcome of one mapping.
     *
     * <p>The accounting always holds: {@code rowsRead = rowsWritten + rowsRejected + rowsFiltered + rowsMerged},
     * where {@code rowsMerged} (aggregating mappings only, else 0) counts input rows folded into a group that
     * an earlier row started; each group then counts once as written, rejected or filtered. Rows dropped by an
     * inner join without a match count as filtered.
     *
     * @param mappingId      mapping id
     * @param name           mapping name
     * @param status         outcome of this mapping
     * @param rowsRead       records of the primary source, including bad records the reader skipped
     * @param rowsWritten    rows written to every output
     * @param rowsRejected   rows sent to the rejects file
     * @param rowsFiltered   rows removed by the input filter, an inner join miss or the output filter
     * @param rowsMerged     input rows merged into an existing group (aggregation)
     * @param bytesRead      bytes of the primary source read, or -1 if the reader does not tell
     * @param duration       time spent on this mapping, including loading lookups
     * @param rules          violation counts per quality rule, in rule order
     * @param outputs        the outputs written (committed only if this mapping succeeded)
     * @param rejectsFile    the rejects CSV file, or null when no row was rejected
     * @param warnings       things the user should know (capped), e.g. duplicate lookup keys
     * @param firstRejects   the first rejected rows (capped)
     * @param error          why this mapping did not succeed, or null
     */
    public record MappingReport(String mappingId, String name, RunStatus status, long rowsRead, long rowsWritten,
            long rowsRejected, long rowsFiltered, long rowsMerged, long bytesRead, Duration duration,
            List<RuleReport> rules, List<OutputReport> outputs, String rejectsFile, List<String> warnings,
            List<Reject> firstRejects, String error) {

        public MappingReport {
            rules = List.copyOf(rules);
            outputs = List.copyOf(outputs);
            warnings = List.copyOf(warnings);
            firstRejects = List.copyOf(firstRejects);
        }

        /** @return rows read per second of {@link #duration()}, 0 for an empty duration */
        public double rowsPerSecond() {
            double seconds = duration.toNanos() / 1e9;
            return seconds <= 0 ? 0 : rowsRead / seconds;
        }

        /** @return megabytes (10^6 bytes) read per second, or -1 when bytes are unknown */
        public double megabytesPerSecond() {
            double seconds = duration.toNanos() / 1e9;
            if (bytesRead < 0) {
                return -1;
            }
            return seconds <= 0 ? 0 : bytesRead / 1e6 / seconds;
        }

        /** @return whether read = written + rejected + filtered + merged */
        public boolean accountingHolds() {
            return rowsRead == rowsWritten + rowsRejected + rowsFiltered + rowsMerged;
        }
    }

    /**
     * Violations of one quality rule. Rows violating a reject rule are counted here and as
     * rejected; warn rules count rows that were still written.
     */
    public record RuleReport(String ruleId, String kind, String field, String action, long violations) {
    }

    /** One output of a mapping, with the connector's own description of where it goes. */
    public record OutputReport(String outputId, String connector, String description) {
    }
}
