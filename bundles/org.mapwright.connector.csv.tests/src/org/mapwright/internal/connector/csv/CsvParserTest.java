package org.mapwright.internal.connector.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Behaviour of the parser beyond what Commons CSV defines: positions, limits, recovery. */
class CsvParserTest {

    /** Records as lists, bad records as "!line:reason". */
    private static List<Object> parse(String text, long skipLines, int maxField, int maxRecord, Character escape) throws IOException {
        List<Object> out = new ArrayList<>();
        try (CsvParser p = new CsvParser(CsvParserDifferentialTest.trickle(text), ',', '"', escape, null, maxField, maxRecord,
                skipLines, 8)) {
            for (;;) {
                int r = p.next();
                if (r == CsvParser.END) {
                    return out;
                }
                if (r == CsvParser.BAD) {
                    out.add("!" + p.problem().line() + ":" + p.problem().reason());
                    continue;
                }
                List<String> rec = new ArrayList<>();
                for (int i = 0; i < p.fieldCount(); i++) {
                    rec.add(p.value(i));
                }
                rec.add("@" + p.recordLine());
                out.add(rec);
            }
        }
    }

    private static List<Object> parse(String text) throws IOException {
        return parse(text, 0, 1 << 20, 1 << 24, null);
    }

    @Test
    void countsPhysicalLinesForLfCrLfAndCrAndInsideQuotedValues() throws IOException {
        assertEquals(List.of(List.of("a", "@1"), List.of("b\r\nc", "@2"), List.of("d", "@5"), List.of("e", "@6")),
                parse("a\n\"b\r\nc\"\r\n\rd\re"));
    }

    @Test
    void skipsLinesWithoutParsingThem() throws IOException {
        assertEquals(List.of(List.of("x", "y", "@3")), parse("title \"unbalanced\r\nsecond\nx,y\n", 2, 100, 1000, null));
    }

    @Test
    void resumesOnTheLineAfterAnUnclosedQuote() throws IOException {
        List<Object> out = parse("1,\"open\n2,b\n3,c", 0, 1 << 20, 1 << 24, null);
        assertEquals(3, out.size());
        assertTrue(((String) out.get(0)).startsWith("!1:unclosed quote: the quoted value opened at line 1, character 3"), out.get(0).toString());
        assertEquals(List.of("2", "b", "@2"), out.get(1));
        assertEquals(List.of("3", "c", "@3"), out.get(2));
    }

    @Test
    void detectsARunawayQuoteAtTheFieldLimitBeforeTheEndOfInput() throws IOException {
        StringBuilder b = new StringBuilder("\"runaway\n");
        for (int i = 0; i < 50; i++) {
            b.append("r").append(i).append('\n');
        }
        List<Object> out = parse(b.toString(), 0, 40, 1000, null);
        assertTrue(((String) out.get(0)).contains("grew longer than 40 characters"), out.get(0).toString());
        assertEquals(51, out.size());
        assertEquals(List.of("r49", "@51"), out.get(50));
    }

    @Test
    void escapeAtTheEndOfInputIsABadRecord() throws IOException {
        List<Object> out = parse("a,b\\", 0, 100, 1000, '\\');
        assertEquals(List.of("!1:the file ends with an escape character"), out);
    }

    @Test
    void escapedLineBreakContinuesAnUnquotedValueOnTheNextLine() throws IOException {
        assertEquals(List.of(List.of("a\nb", "c", "@1"), List.of("d", "@3")), parse("a\\\nb,c\nd", 0, 100, 1000, '\\'));
    }

    @Test
    void reportsTheLineOfBadBytesInsideAMultiLineRecord() throws IOException {
        CharInput input = new CharInput() {
            private boolean done;

            @Override
            public int read(char[] dst, int off, int len) {
                if (done) {
                    return -1;
                }
                done = true;
                "ok\n\"x\ny\uFFFD\"\nz\n".getChars(0, 12, dst, off);
                return 12;
            }

            private boolean dropped;

            @Override
            public long nextBadChar() {
                return dropped ? Long.MAX_VALUE : 7;
            }

            @Override
            public String badCharBytes() {
                return "0xFF";
            }

            @Override
            public void dropBadChar() {
                dropped = true;
            }
        };
        List<String> seen = new ArrayList<>();
        try (CsvParser p = new CsvParser(input, ',', '"', null, null, 100, 1000, 0, 64)) {
            int r;
            while ((r = p.next()) != CsvParser.END) {
                seen.add(r == CsvParser.BAD ? "!" + p.problem().line() + ":" + p.problem().reason() : p.value(0));
            }
        }
        assertEquals(List.of("ok", "!3:bytes 0xFF at character 2 are not valid in the file's encoding", "z"), seen);
    }
}
