package org.mapwright.monitor.history;

import java.util.Objects;

import org.mapwright.engine.RunReport;

/**
 * A recorded run with everything the store keeps about it.
 *
 * @param summary the totals
 * @param report  the run report as recorded: per mapping the row accounting, rule violations,
 *                outputs, warnings and first rejects (without their raw input, which the store
 *                never keeps); durations are whole milliseconds, times whole microseconds
 */
public record RunDetails(RunSummary summary, RunReport report) {
    public RunDetails {
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(report, "report");
    }
}
