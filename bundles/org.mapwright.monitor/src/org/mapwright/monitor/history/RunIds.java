package org.mapwright.monitor.history;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import org.mapwright.engine.RunReport;

/**
 * Globally unique run ids derived from the run itself: a name-based UUID of the project name and
 * the exact start time. The run history, {@code mapwright lineage --run-report} and
 * {@code mapwright lineage --run} therefore give one run the same id, and exporting the same run
 * twice to a lineage server updates it instead of creating a second run.
 */
public final class RunIds {

    private RunIds() {
    }

    /** @return the id of the run the report describes */
    public static UUID of(RunReport report) {
        String key = "mapwright-run:" + report.project() + "@" + DateTimeFormatter.ISO_INSTANT.format(report.start());
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
    }
}
