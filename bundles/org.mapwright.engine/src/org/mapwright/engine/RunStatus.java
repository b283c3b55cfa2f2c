package org.mapwright.engine;

/** How a run (or one mapping of it) ended. */
public enum RunStatus {
    /** Every row was processed and every output committed. */
    SUCCEEDED("succeeded"),
    /**
     * The data was not good enough: a reject threshold was exceeded or a rule with action
     * {@code fail} was violated. No output was committed; the rejects file was written.
     */
    FAILED_DATA("failed-data"),
    /** A source or output could not be used (missing file, lost connection, invalid plan). Nothing was committed. */
    FAILED("failed"),
    /** The user cancelled. Nothing was committed. */
    CANCELLED("cancelled"),
    /** The mapping did not run because an earlier mapping of the same run did not succeed. */
    SKIPPED("skipped");

    private final String id;

    RunStatus(String id) {
        this.id = id;
    }

    /** @return the name used in run reports, e.g. {@code "failed-data"} */
    public String id() {
        return id;
    }
}
