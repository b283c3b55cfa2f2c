package org.mapwright.engine;

/** How a run (or one mapping of it) ended. */
public enum RunStatus {
    /** Every row was processed and every output committed (for a run: every mapping succeeded). */
    SUCCEEDED("succeeded"),
    /**
     * The data was not good enough: a reject threshold was exceeded or a rule with action
     * {@code fail} was violated. The mapping committed no output; the rejects file was written.
     */
    FAILED_DATA("failed-data"),
    /** A source or output could not be used (missing file, lost connection, invalid plan). The mapping committed nothing. */
    FAILED("failed"),
    /** The user cancelled. The mapping committed nothing; mappings that already succeeded stay committed. */
    CANCELLED("cancelled"),
    /**
     * The mapping did not run: it reads the output of a mapping of the same run that did not
     * succeed, or the run was cancelled before it.
     */
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
