package org.mapwright.internal.engine.run;

/**
 * The data is not good enough for the run to go on: a reject threshold was exceeded or a rule with
 * action {@code fail} was violated. Ends the run with status failed-data.
 */
public final class DataFailure extends Exception {
    private static final long serialVersionUID = 1L;

    public DataFailure(String message) {
        super(message);
    }
}
