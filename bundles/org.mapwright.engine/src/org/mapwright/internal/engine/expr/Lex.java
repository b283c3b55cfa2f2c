package org.mapwright.internal.engine.expr;

/**
 * One lexer token.
 *
 * @param kind  class
 * @param start offset of the first character
 * @param end   offset after the last character
 * @param value identifier text, unquoted name or string content, upper-case keyword, operator
 *              text, or number text
 * @param error the reason for an {@link Kind#ERROR} token, else null
 */
record Lex(Kind kind, int start, int end, String value, String error) {

    public enum Kind {
        IDENT, QUOTED_IDENT, KEYWORD, STRING, NUMBER, OP, COMMENT, ERROR, EOF
    }

    boolean isOp(String op) {
        return kind == Kind.OP && value.equals(op);
    }

    boolean isKeyword(String kw) {
        return kind == Kind.KEYWORD && value.equals(kw);
    }

    /** Whether this identifier starts a typed literal like {@code DATE '2024-01-31'}. */
    boolean isTypedLiteralPrefix() {
        return kind == Kind.IDENT && (value.equalsIgnoreCase("date") || value.equalsIgnoreCase("timestamp"));
    }
}
