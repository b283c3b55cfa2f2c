package org.mapwright.internal.connector.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parses the same text with {@link CsvParser} and with Apache Commons CSV and asserts identical
 * records: up to the first error when Commons CSV fails, and then an error at the same record.
 */
class CsvParserDifferentialTest {

    /** A dialect: delimiter, quote (or null), escape (or null), null text (or null). */
    record Dialect(char delimiter, Character quote, Character escape, String nullText) {
        @Override
        public String toString() {
            return "delimiter=" + printable(String.valueOf(delimiter)) + " quote=" + quote + " escape=" + escape + " null=" + nullText;
        }
    }

    static final List<Dialect> DIALECTS = List.of(
            new Dialect(',', '"', null, null),
            new Dialect(';', '"', null, null),
            new Dialect('\t', '"', null, null),
            new Dialect('|', '\'', null, null),
            new Dialect(',', '"', '\\', null),
            new Dialect(',', '"', null, "NULL"),
            new Dialect(';', null, null, null),
            new Dialect(',', null, '\\', "N"));

    static Stream<Dialect> dialects() {
        return DIALECTS.stream();
    }

    /** One outcome: the records before the first error, and whether an error followed. */
    record Outcome(List<List<String>> records, boolean failed) {
    }

    /**
     * Parses with a tiny buffer fed one to three characters at a time, so records cross buffer
     * ends at every possible position and the refill paths run as often as the plain ones.
     */
    static Outcome ours(String text, Dialect d) throws IOException {
        List<List<String>> records = new ArrayList<>();
        try (CsvParser p = new CsvParser(trickle(text), d.delimiter(), d.quote(), d.escape(), d.nullText(),
                1 << 20, 1 << 24, 0, 8)) {
            for (;;) {
                int r = p.next();
                if (r == CsvParser.END) {
                    return new Outcome(records, false);
                }
                if (r == CsvParser.BAD) {
                    return new Outcome(records, true);
                }
                List<String> rec = new ArrayList<>();
                for (int i = 0; i < p.fieldCount(); i++) {
                    rec.add(p.value(i));
                }
                records.add(rec);
            }
        }
    }

    static CharInput trickle(String text) {
        return new CharInput() {
            private int next;
            private int turn;

            @Override
            public int read(char[] dst, int off, int len) {
                if (next >= text.length()) {
                    return -1;
                }
                int n = Math.min(Math.min(len, 1 + turn++ % 3), text.length() - next);
                text.getChars(next, next + n, dst, off);
                next += n;
                return n;
            }
        };
    }

    static Outcome commons(String text, Dialect d) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(d.delimiter()).setQuote(d.quote())
                .setEscape(d.escape()).setNullString(d.nullText())
                .setQuoteMode(QuoteMode.ALL_NON_NULL).get();
        List<List<String>> records = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            for (CSVRecord r : parser) {
                records.add(Arrays.asList(r.values()));
            }
        } catch (UncheckedIOException | IOException | IllegalStateException e) {
            return new Outcome(records, true);
        }
        return new Outcome(records, false);
    }

    static Outcome assertSame(String text, Dialect d) throws IOException {
        Outcome expected = commons(text, d);
        Outcome actual = ours(text, d);
        assertEquals(expected, actual, () -> "input " + printable(text) + " with " + d);
        return actual;
    }

    static String printable(String s) {
        return s.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void agreesWithCommonsCsvOnGeneratedWellFormedCsv(Dialect d) throws IOException {
        Random random = new Random(42 + d.hashCode());
        for (int i = 0; i < 1500; i++) {
            assertSame(wellFormed(random, d), d);
        }
    }

    @ParameterizedTest
    @MethodSource("dialects")
    void agreesWithCommonsCsvOnRandomCharacterSoup(Dialect d) throws IOException {
        Random random = new Random(7 + d.hashCode());
        String alphabet = "ab " + d.delimiter() + (d.quote() == null ? "\"" : d.quote().toString())
                + (d.escape() == null ? "" : d.escape().toString()) + "\n\r\nNULLrt";
        int failed = 0;
        int parsed = 0;
        for (int i = 0; i < 3000; i++) {
            StringBuilder b = new StringBuilder();
            int n = random.nextInt(24);
            for (int j = 0; j < n; j++) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            Outcome o = assertSame(b.toString(), d);
            failed += o.failed() ? 1 : 0;
            parsed += o.records().isEmpty() ? 0 : 1;
        }
        // the soup must exercise both sides, or the comparison proves little
        assertTrue(parsed > 300, "inputs with records: " + parsed);
        assertTrue(d.quote() == null && d.escape() == null || failed > 100, "inputs that fail: " + failed);
    }

    /** Long run (-Dmapwright.longTests=true): one large input per dialect through the default-size buffer. */
    @ParameterizedTest
    @MethodSource("dialects")
    void agreesWithCommonsCsvOnALargeGeneratedFile(Dialect d) throws IOException {
        Assumptions.assumeTrue(Boolean.getBoolean("mapwright.longTests"), "long test; enable with -Dmapwright.longTests=true");
        Random random = new Random(11 + d.hashCode());
        StringBuilder b = new StringBuilder();
        while (b.length() < 20_000_000) {
            String part = wellFormed(random, d);
            if (!part.isEmpty() && !part.endsWith("\n") && !part.endsWith("\r")) {
                part += "\n";
            }
            b.append(part);
        }
        String text = b.toString();
        Outcome expected = commons(text, d);
        List<List<String>> records = new ArrayList<>();
        try (CsvParser p = new CsvParser(CharInput.of(text), d.delimiter(), d.quote(), d.escape(), d.nullText(), 1 << 20, 1 << 24, 0,
                1 << 20)) {
            int r;
            while ((r = p.next()) == CsvParser.RECORD) {
                List<String> rec = new ArrayList<>();
                for (int i = 0; i < p.fieldCount(); i++) {
                    rec.add(p.value(i));
                }
                records.add(rec);
            }
            assertEquals(CsvParser.END, r);
        }
        assertEquals(expected, new Outcome(records, false));
    }

    @Test
    void agreesWithCommonsCsvOnTheCsvSpectrumCorpus() throws IOException {
        Path dir = Path.of(System.getProperty("mapwright.corpora", "/work/shared/corpora"), "csv-spectrum", "csvs");
        Assumptions.assumeTrue(Files.isDirectory(dir), "csv-spectrum corpus not found at " + dir + "; set -Dmapwright.corpora");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                for (Dialect d : DIALECTS) {
                    assertSame(text, d);
                }
            }
        }
    }

    /** Random records written the way a correct writer for the dialect would. */
    static String wellFormed(Random random, Dialect d) {
        String[] eols = {"\n", "\r\n", "\r"};
        String eol = eols[random.nextInt(eols.length)];
        String pieces = "abcxyz 0123" + d.delimiter() + "\n\r\"'\\é€ NULL\t";
        StringBuilder out = new StringBuilder();
        int records = random.nextInt(6);
        int fields = 1 + random.nextInt(4);
        for (int r = 0; r < records; r++) {
            if (random.nextInt(8) == 0) {
                out.append(eol);
            }
            for (int f = 0; f < fields; f++) {
                if (f > 0) {
                    out.append(d.delimiter());
                }
                StringBuilder v = new StringBuilder();
                int len = random.nextInt(6);
                for (int i = 0; i < len; i++) {
                    v.append(pieces.charAt(random.nextInt(pieces.length())));
                }
                out.append(encode(v.toString(), d, random));
            }
            if (r < records - 1 || random.nextBoolean()) {
                out.append(eol);
            }
        }
        return out.toString();
    }

    private static String encode(String v, Dialect d, Random random) {
        boolean special = v.indexOf(d.delimiter()) >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0
                || d.quote() != null && v.indexOf(d.quote()) >= 0 || d.escape() != null && v.indexOf(d.escape()) >= 0;
        if (d.quote() != null && (special || random.nextInt(4) == 0)) {
            String q = d.quote().toString();
            String body = v;
            if (d.escape() != null) {
                String e = d.escape().toString();
                body = body.replace(e, e + e);
            }
            return q + body.replace(q, q + q) + q;
        }
        if (d.escape() != null) {
            String e = d.escape().toString();
            StringBuilder b = new StringBuilder();
            for (char c : v.toCharArray()) {
                if (c == d.escape() || c == d.delimiter()) {
                    b.append(e).append(c);
                } else if (c == '\n') {
                    b.append(e).append('n');
                } else if (c == '\r') {
                    b.append(e).append('r');
                } else {
                    b.append(c);
                }
            }
            return b.toString();
        }
        // no way to encode specials without quote and escape: drop them
        StringBuilder b = new StringBuilder();
        for (char c : v.toCharArray()) {
            if (c != d.delimiter() && c != '\n' && c != '\r') {
                b.append(c);
            }
        }
        return b.toString();
    }
}
