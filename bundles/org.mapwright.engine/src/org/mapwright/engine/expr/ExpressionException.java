package org.mapwright.engine.expr;

/**
 * A compile-time error in an expression: syntax, unknown field or function, wrong arity, type
 * mismatch. Carries the range of the offending text so editors can underline it, and an optional
 * hint and replacement for a quick fix.
 *
 * <p>{@link #getMessage()} is the reason followed by the hint, e.g.
 * {@code unknown field `cusotmer_id` — did you mean `customer_id`?}; it never contains positions,
 * which {@link #describe()} adds.
 */
public final class ExpressionException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String expression;
    private final String reason;
    private final String hint;
    private final String replacement;
    private final int start;
    private final int end;

    /**
     * @param expression  the full expression text
     * @param reason      what is wrong, e.g. {@code unknown field `cusotmer_id`}
     * @param hint        how to fix it, e.g. {@code did you mean `customer_id`?}, or null
     * @param replacement text that would fix {@code [start, end)} when substituted, or null
     * @param start       offset of the first offending character (0-based)
     * @param end         offset after the last offending character; equal to start for a
     *                    missing token at that place
     */
    public ExpressionException(String expression, String reason, String hint, String replacement, int start, int end) {
        super(hint == null ? reason : reason + " — " + hint);
        this.expression = expression == null ? "" : expression;
        this.reason = reason;
        this.hint = hint;
        this.replacement = replacement;
        int len = this.expression.length();
        this.start = Math.max(0, Math.min(start, len));
        this.end = Math.max(this.start, Math.min(end, len));
    }

    /** @return the full expression text */
    public String expression() {
        return expression;
    }

    /** @return what is wrong, without hint */
    public String reason() {
        return reason;
    }

    /** @return how to fix it, or null */
    public String hint() {
        return hint;
    }

    /** @return the text that fixes the range {@code [start, end)} (a quick fix), or null */
    public String replacement() {
        return replacement;
    }

    /** @return offset of the first offending character, 0-based */
    public int start() {
        return start;
    }

    /** @return offset after the last offending character (exclusive) */
    public int end() {
        return end;
    }

    /** @return the 1-based line of {@link #start()} */
    public int line() {
        int line = 1;
        for (int i = 0; i < start; i++) {
            if (expression.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** @return the 1-based column of {@link #start()} within its line */
    public int column() {
        int col = 1;
        for (int i = start - 1; i >= 0 && expression.charAt(i) != '\n'; i--) {
            col++;
        }
        return col;
    }

    /** @return {@code line:column: message}, e.g. {@code 1:8: unknown function `uper` — did you mean `upper`?} */
    public String describe() {
        return line() + ":" + column() + ": " + getMessage();
    }
}
