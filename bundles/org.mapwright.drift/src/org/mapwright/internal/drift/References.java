package org.mapwright.internal.drift;

import java.util.ArrayList;
import java.util.List;

import org.mapwright.engine.expr.ExpressionTokens;
import org.mapwright.engine.expr.Token;
import org.mapwright.engine.expr.TokenKind;

/**
 * Finds the dotted field references of an expression text with the engine's own tokenizer, so
 * string literals, comments, function names and keywords are never mistaken for field names.
 */
public final class References {

    /**
     * One reference as written: identifier tokens joined by dots.
     *
     * @param start    offset of the first segment
     * @param end      offset after the last segment
     * @param segments the names, unquoted
     * @param tokens   the identifier tokens, one per segment
     */
    public record Ref(int start, int end, List<String> segments, List<Token> tokens) {
        public Ref {
            segments = List.copyOf(segments);
            tokens = List.copyOf(tokens);
        }
    }

    private References() {
    }

    /** @return the references in text order; empty for null or blank text */
    public static List<Ref> scan(String text) {
        List<Token> tokens = ExpressionTokens.tokenize(text);
        List<Ref> out = new ArrayList<>();
        int i = 0;
        while (i < tokens.size()) {
            Token t = tokens.get(i);
            if (t.kind() != TokenKind.IDENTIFIER || i > 0 && isDot(tokens.get(i - 1))) {
                i++;
                continue;
            }
            List<Token> segs = new ArrayList<>();
            segs.add(t);
            int j = i + 1;
            while (j + 1 < tokens.size() && isDot(tokens.get(j)) && tokens.get(j + 1).kind() == TokenKind.IDENTIFIER) {
                segs.add(tokens.get(j + 1));
                j += 2;
            }
            List<String> names = new ArrayList<>(segs.size());
            for (Token s : segs) {
                names.add(unquote(s.text()));
            }
            out.add(new Ref(segs.get(0).start(), segs.get(segs.size() - 1).end(), names, segs));
            i = j;
        }
        return out;
    }

    private static boolean isDot(Token t) {
        return t.kind() == TokenKind.OPERATOR && t.text().equals(".");
    }

    /** @return the name a (possibly quoted) identifier token stands for */
    public static String unquote(String token) {
        if (token.length() >= 2) {
            char q = token.charAt(0);
            if ((q == '"' || q == '`') && token.charAt(token.length() - 1) == q) {
                String inner = token.substring(1, token.length() - 1);
                return inner.replace(String.valueOf(q) + q, String.valueOf(q));
            }
        }
        return token;
    }
}
