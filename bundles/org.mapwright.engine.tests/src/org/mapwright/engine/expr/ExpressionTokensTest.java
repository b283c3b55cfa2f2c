package org.mapwright.engine.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ExpressionTokensTest {

    private static List<TokenKind> kinds(String text) {
        return ExpressionTokens.tokenize(text).stream().map(Token::kind).toList();
    }

    @Test
    void classifiesTokensForColouring() {
        List<Token> tokens = ExpressionTokens.tokenize("CASE WHEN upper(\"first name\") LIKE 'A%' THEN 1.5 END -- note");
        assertEquals(List.of(TokenKind.KEYWORD, TokenKind.KEYWORD, TokenKind.FUNCTION, TokenKind.OPERATOR,
                TokenKind.IDENTIFIER, TokenKind.OPERATOR, TokenKind.KEYWORD, TokenKind.STRING, TokenKind.KEYWORD,
                TokenKind.NUMBER, TokenKind.KEYWORD, TokenKind.COMMENT), tokens.stream().map(Token::kind).toList());
        Token name = tokens.get(4);
        assertEquals("\"first name\"", name.text());
        assertEquals(16, name.start());
        assertEquals(28, name.end());
    }

    @Test
    void colorsTypedLiteralsAndCastTypesAsKeywordsButDateFieldsAsNames() {
        assertEquals(List.of(TokenKind.KEYWORD, TokenKind.STRING), kinds("DATE '2024-01-31'"));
        assertEquals(List.of(TokenKind.IDENTIFIER, TokenKind.OPERATOR, TokenKind.NUMBER), kinds("date + 1"));
        assertEquals(TokenKind.KEYWORD, ExpressionTokens.tokenize("CAST(x AS decimal)").get(4).kind());
    }

    @Test
    void reportsBadTextAsErrorTokensAndContinues() {
        assertEquals(List.of(TokenKind.IDENTIFIER, TokenKind.ERROR, TokenKind.NUMBER), kinds("a # 1"));
        List<Token> t = ExpressionTokens.tokenize("x || 'open");
        assertEquals(TokenKind.ERROR, t.get(2).kind());
        assertEquals("'open", t.get(2).text());
        assertEquals(List.of(TokenKind.ERROR), kinds("/* never closed"));
    }

    @Test
    void coversEveryNonBlankCharacter() {
        String text = "coalesce(a.b, `x y`, 3e2) /* c */ <> 'q''s'";
        StringBuilder rebuilt = new StringBuilder(" ".repeat(text.length()));
        for (Token token : ExpressionTokens.tokenize(text)) {
            rebuilt.replace(token.start(), token.end(), token.text());
        }
        assertEquals(text, rebuilt.toString());
    }

    @Test
    void neverFailsOnNullOrEmptyText() {
        assertTrue(ExpressionTokens.tokenize(null).isEmpty());
        assertTrue(ExpressionTokens.tokenize("").isEmpty());
    }

    @Test
    void quotesNamesThatAreNotPlainIdentifiers() {
        assertEquals("amount", ExpressionTokens.quoteIdentifier("amount"));
        assertEquals("\"first name\"", ExpressionTokens.quoteIdentifier("first name"));
        assertEquals("\"end\"", ExpressionTokens.quoteIdentifier("end"));
        assertEquals("\"say \"\"hi\"\"\"", ExpressionTokens.quoteIdentifier("say \"hi\""));
        assertEquals("a.\"b c\"", ExpressionTokens.quotePath(List.of("a", "b c")));
        assertTrue(ExpressionTokens.isKeyword("between"));
        assertFalse(ExpressionTokens.isKeyword("date"), "date is only a keyword before a string literal");
    }
}
