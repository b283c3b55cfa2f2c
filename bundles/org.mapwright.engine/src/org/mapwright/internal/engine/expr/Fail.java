package org.mapwright.internal.engine.expr;

/**
 * Thrown by function implementations for bad data; the calling node turns it into an
 * {@link org.mapwright.engine.expr.EvaluationException} naming the sub-expression. No stack
 * trace: rejected rows can be frequent.
 */
final class Fail extends RuntimeException {

    private static final long serialVersionUID = 1L;

    Fail(String reason) {
        super(reason, null, false, false);
    }
}
