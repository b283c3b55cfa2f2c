package org.mapwright.internal.engine.expr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.mapwright.engine.expr.Token;
import org.mapwright.engine.expr.TokenKind;

/**
 * Splits expression text into {@link Lex} tokens. Never throws: problems become
 * {@link Lex.Kind#ERROR} tokens carrying the reason, which the parser reports and the colourer
 * paints.
 */
public final class Lexer {

    private static final Set<String> RESERVED = Set.of("AND", "OR", "NOT", "NULL", "TRUE", "FALSE", "CASE", "WHEN",
            "THEN", "ELSE", "END", "CAST", "AS", "IN", "LIKE", "ILIKE", "BETWEEN", "IS", "ESCAPE", "DISTINCT");

    private final String text;
    private int pos;

    private Lexer(String text) {
        this.text = text;
    }

    /** @return all tokens including comments, ending with one EOF token */
    static List<Lex> lex(String text) {
        Lexer lx = new Lexer(text);
        List<Lex> out = new ArrayList<>();
        Lex t;
        do {
            t = lx.next();
            out.add(t);
        } while (t.kind() != Lex.Kind.EOF);
        return out;
    }

    public static boolean isReserved(String word) {
        return word != null && RESERVED.contains(word.toUpperCase(Locale.ROOT));
    }

    public static Set<String> reservedWords() {
        return Collections.unmodifiableSet(new TreeSet<>(RESERVED));
    }

    public static boolean isPlainIdentifier(String name) {
        if (name == null || name.isEmpty() || !isIdentStart(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            if (!isIdentPart(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIdentStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isIdentPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** Tokens for syntax colouring: whitespace dropped, kinds mapped to the public classes. */
    public static List<Token> tokenize(String text) {
        List<Lex> lexes = lex(text);
        List<Token> out = new ArrayList<>(lexes.size());
        for (int i = 0; i < lexes.size(); i++) {
            Lex t = lexes.get(i);
            if (t.kind() == Lex.Kind.EOF) {
                break;
            }
            Lex next = nextSignificant(lexes, i);
            Lex prev = previousSignificant(lexes, i);
            TokenKind kind;
            switch (t.kind()) {
                case IDENT:
                    if (next != null && next.isOp("(")) {
                        kind = TokenKind.FUNCTION;
                    } else if (t.isTypedLiteralPrefix() && next != null && next.kind() == Lex.Kind.STRING
                            || prev != null && prev.isKeyword("AS")) {
                        kind = TokenKind.KEYWORD;
                    } else {
                        kind = TokenKind.IDENTIFIER;
                    }
                    break;
                case QUOTED_IDENT:
                    kind = TokenKind.IDENTIFIER;
                    break;
                case KEYWORD:
                    kind = TokenKind.KEYWORD;
                    break;
                case STRING:
                    kind = TokenKind.STRING;
                    break;
                case NUMBER:
                    kind = TokenKind.NUMBER;
                    break;
                case OP:
                    kind = TokenKind.OPERATOR;
                    break;
                case COMMENT:
                    kind = TokenKind.COMMENT;
                    break;
                default:
                    kind = TokenKind.ERROR;
                    break;
            }
            out.add(new Token(kind, t.start(), t.end(), text.substring(t.start(), t.end())));
        }
        return out;
    }

    private static Lex nextSignificant(List<Lex> lexes, int i) {
        for (int j = i + 1; j < lexes.size(); j++) {
            if (lexes.get(j).kind() != Lex.Kind.COMMENT) {
                return lexes.get(j);
            }
        }
        return null;
    }

    private static Lex previousSignificant(List<Lex> lexes, int i) {
        for (int j = i - 1; j >= 0; j--) {
            if (lexes.get(j).kind() != Lex.Kind.COMMENT) {
                return lexes.get(j);
            }
        }
        return null;
    }

    private Lex next() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        int start = pos;
        if (pos >= text.length()) {
            return new Lex(Lex.Kind.EOF, start, start, "", null);
        }
        char c = text.charAt(pos);
        if (c == '-' && peek(1) == '-') {
            int nl = text.indexOf('\n', pos);
            pos = nl < 0 ? text.length() : nl;
            return new Lex(Lex.Kind.COMMENT, start, pos, text.substring(start, pos), null);
        }
        if (c == '/' && peek(1) == '*') {
            int close = text.indexOf("*/", pos + 2);
            if (close < 0) {
                pos = text.length();
                return new Lex(Lex.Kind.ERROR, start, pos, text.substring(start), "unterminated comment: `/*` without `*/`");
            }
            pos = close + 2;
            return new Lex(Lex.Kind.COMMENT, start, pos, text.substring(start, pos), null);
        }
        if (c == '\'') {
            return quoted(start, '\'', Lex.Kind.STRING, "unterminated string: add the closing `'`");
        }
        if (c == '"') {
            return quoted(start, '"', Lex.Kind.QUOTED_IDENT, "unterminated quoted name: add the closing `\"`");
        }
        if (c == '`') {
            return quoted(start, '`', Lex.Kind.QUOTED_IDENT, "unterminated quoted name: add the closing '`'");
        }
        if (Character.isDigit(c) || c == '.' && Character.isDigit(peek(1))) {
            return number(start);
        }
        if (isIdentStart(c)) {
            while (pos < text.length() && isIdentPart(text.charAt(pos))) {
                pos++;
            }
            String word = text.substring(start, pos);
            String upper = word.toUpperCase(Locale.ROOT);
            if (RESERVED.contains(upper)) {
                return new Lex(Lex.Kind.KEYWORD, start, pos, upper, null);
            }
            return new Lex(Lex.Kind.IDENT, start, pos, word, null);
        }
        String two = pos + 1 < text.length() ? text.substring(pos, pos + 2) : "";
        switch (two) {
            case "<=": case ">=": case "<>": case "!=": case "||":
                pos += 2;
                return new Lex(Lex.Kind.OP, start, pos, two, null);
            case "==":
                pos += 2;
                return new Lex(Lex.Kind.ERROR, start, pos, two, "`==` is not an operator; compare with `=`");
            case "&&":
                pos += 2;
                return new Lex(Lex.Kind.ERROR, start, pos, two, "`&&` is not an operator; use AND");
            default:
                break;
        }
        switch (c) {
            case '+': case '-': case '*': case '/': case '%': case '=': case '<': case '>':
            case '(': case ')': case ',': case '.':
                pos++;
                return new Lex(Lex.Kind.OP, start, pos, String.valueOf(c), null);
            case '|':
                pos++;
                return new Lex(Lex.Kind.ERROR, start, pos, "|", "`|` is not an operator; concatenation is `||`");
            case '!':
                pos++;
                return new Lex(Lex.Kind.ERROR, start, pos, "!", "`!` is not an operator; use NOT or `!=`");
            case '&':
                pos++;
                return new Lex(Lex.Kind.ERROR, start, pos, "&", "`&` is not an operator; use AND, or `||` to join text");
            case '[': case ']': case '{': case '}':
                pos++;
                return new Lex(Lex.Kind.ERROR, start, pos, String.valueOf(c), "unexpected `" + c + "`");
            default:
                int cp = text.codePointAt(pos);
                pos += Character.charCount(cp);
                return new Lex(Lex.Kind.ERROR, start, pos, text.substring(start, pos),
                        "unexpected character `" + text.substring(start, pos) + "`");
        }
    }

    private char peek(int ahead) {
        int i = pos + ahead;
        return i < text.length() ? text.charAt(i) : '\0';
    }

    private Lex quoted(int start, char quote, Lex.Kind kind, String unterminated) {
        StringBuilder value = new StringBuilder();
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == quote) {
                if (peek(1) == quote) {
                    value.append(quote);
                    pos += 2;
                    continue;
                }
                pos++;
                return new Lex(kind, start, pos, value.toString(), null);
            }
            value.append(c);
            pos++;
        }
        return new Lex(Lex.Kind.ERROR, start, pos, text.substring(start), unterminated);
    }

    private Lex number(int start) {
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        if (pos < text.length() && text.charAt(pos) == '.' && Character.isDigit(peek(1))) {
            pos++;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
        } else if (pos < text.length() && text.charAt(pos) == '.' && !isIdentStart(peek(1))) {
            pos++;
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            int save = pos;
            pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            if (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                    pos++;
                }
            } else {
                pos = save;
            }
        }
        if (pos < text.length() && isIdentStart(text.charAt(pos))) {
            while (pos < text.length() && isIdentPart(text.charAt(pos))) {
                pos++;
            }
            return new Lex(Lex.Kind.ERROR, start, pos, text.substring(start, pos),
                    "`" + text.substring(start, pos) + "` is not a number; quote a name that starts with a digit: \""
                            + text.substring(start, pos) + "\"");
        }
        return new Lex(Lex.Kind.NUMBER, start, pos, text.substring(start, pos), null);
    }
}
