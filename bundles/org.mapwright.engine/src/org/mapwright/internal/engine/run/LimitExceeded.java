package org.mapwright.internal.engine.run;

/** An in-memory limit of {@link org.mapwright.engine.EngineLimits} was hit; the run fails with this message. */
public final class LimitExceeded extends Exception {
    private static final long serialVersionUID = 1L;

    public LimitExceeded(String message) {
        super(message);
    }
}
