package org.mapwright.engine.expr;

import java.util.List;
import java.util.Set;

import org.mapwright.internal.engine.expr.Lexer;

/**
 * Lexical services for editors: tokens for syntax colouring and quoting of names for content
 * assist. Uses the same lexer as the compiler, so colouring never disagrees with parsing.
 */
public final class ExpressionTokens {

    private ExpressionTokens() {
    }

    /**
     * Splits text into tokens, skipping whitespace. Never fails: characters that cannot start a
     * token and unterminated strings, quoted names or comments come back as
     * {@link TokenKind#ERROR} tokens, and tokenizing continues after them.
     *
     * @param text expression text; null is treated as empty
     * @return tokens in text order, covering every non-whitespace character
     */
    public static List<Token> tokenize(String text) {
        return Lexer.tokenize(text == null ? "" : text);
    }

    /** @return whether this word (any case) is reserved and must be quoted to be used as a name */
    public static boolean isKeyword(String word) {
        return Lexer.isReserved(word);
    }

    /** @return the reserved words in upper case */
    public static Set<String> keywords() {
        return Lexer.reservedWords();
    }

    /**
     * @return the name as it must be written in an expression: unchanged when it is a plain
     *         identifier (letter or underscore, then letters, digits, underscores) that is not a
     *         keyword, else in double quotes with inner double quotes doubled
     *         ({@code first name} → {@code "first name"})
     */
    public static String quoteIdentifier(String name) {
        return Lexer.isPlainIdentifier(name) && !Lexer.isReserved(name) ? name : '"' + name.replace("\"", "\"\"") + '"';
    }

    /** @return the segments quoted as needed and joined with dots */
    public static String quotePath(List<String> segments) {
        StringBuilder sb = new StringBuilder();
        for (String s : segments) {
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(quoteIdentifier(s));
        }
        return sb.toString();
    }
}
