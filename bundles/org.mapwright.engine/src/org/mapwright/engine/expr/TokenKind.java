package org.mapwright.engine.expr;

/** Lexical classes of expression text, for syntax colouring. */
public enum TokenKind {
    /** A reserved word such as {@code CASE}, {@code AND}, {@code NULL}, {@code TRUE}. */
    KEYWORD,
    /** A field reference segment, plain ({@code amount}) or quoted ({@code "first name"}). */
    IDENTIFIER,
    /** A function name: an identifier directly followed by {@code (}. */
    FUNCTION,
    /** A string literal in single quotes. */
    STRING,
    /** An integer or decimal literal. */
    NUMBER,
    /** Operators and punctuation: {@code + - * / % || = <> != < <= > >= ( ) , .} */
    OPERATOR,
    /** A line comment from {@code --}, or a block comment between slash-star and star-slash. */
    COMMENT,
    /** Text that cannot start any token, or an unterminated string, quoted name or comment. */
    ERROR
}
