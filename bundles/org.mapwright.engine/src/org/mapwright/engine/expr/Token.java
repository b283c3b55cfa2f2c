package org.mapwright.engine.expr;

/**
 * One token of expression text.
 *
 * @param kind  lexical class
 * @param start offset of the first character (0-based, inclusive)
 * @param end   offset after the last character (exclusive)
 * @param text  the exact source text {@code [start, end)}
 */
public record Token(TokenKind kind, int start, int end, String text) {
}
