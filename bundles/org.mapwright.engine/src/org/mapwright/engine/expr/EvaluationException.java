package org.mapwright.engine.expr;

/**
 * A run-time failure while evaluating a compiled expression against one row: text that is not a
 * date in the required pattern, division by zero, integer overflow, a value of the wrong type in
 * an untyped ({@code any}) field. It concerns that row only; the engine rejects the row with
 * {@link #getMessage()} as the reason and continues.
 *
 * <p>The message names the failing sub-expression and the reason, e.g.
 * {@code parse_date(d, 'dd/MM/yyyy'): '31/02/2024' is not a date in format dd/MM/yyyy}.
 */
public final class EvaluationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String expression;
    private final String reason;
    private final int start;
    private final int end;

    /**
     * @param expression the failing sub-expression's text
     * @param reason     why it failed, for the user
     * @param start      offset of the sub-expression in the full expression text
     * @param end        offset after it
     */
    public EvaluationException(String expression, String reason, int start, int end) {
        super(expression + ": " + reason, null, false, false);
        this.expression = expression;
        this.reason = reason;
        this.start = start;
        this.end = end;
    }

    /** @return the text of the sub-expression that failed */
    public String expression() {
        return expression;
    }

    /** @return why it failed, without the sub-expression */
    public String reason() {
        return reason;
    }

    /** @return offset of the failing sub-expression in the full expression text */
    public int start() {
        return start;
    }

    /** @return offset after the failing sub-expression */
    public int end() {
        return end;
    }
}
