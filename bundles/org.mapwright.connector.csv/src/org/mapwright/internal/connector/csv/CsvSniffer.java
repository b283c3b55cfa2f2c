package org.mapwright.internal.connector.csv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.mapwright.core.DataType;
import org.mapwright.core.infer.ColumnInference;
import org.mapwright.core.infer.ColumnInferrer;
import org.mapwright.core.infer.InferenceOptions;

/**
 * Guesses the dialect of a CSV file from its first megabyte; every guess is only made for a part
 * the user did not set, and the user's parts are used while guessing the others.
 *
 * <ul>
 * <li>encoding: see {@link Encodings#detect};</li>
 * <li>line separator: the most frequent of CRLF, LF, CR (informational: the reader accepts all);</li>
 * <li>quote: {@code "} unless {@code '} encloses more fields;</li>
 * <li>delimiter: among {@code , ; TAB |}, the one that splits the most sample records into the
 * same number (at least two) of fields, quotes respected; on a tie the one giving more fields,
 * except that a comma loses a tie when most commas sit between digits (decimal commas);</li>
 * <li>header: the first record is a header when its cells do not fit the types of the data below
 * them (text above numbers or dates), or, for text columns, when they do not reappear as data; a
 * repeated cell speaks against a header. With no evidence either way, a first record of distinct,
 * non-blank, non-numeric cells is taken as header.</li>
 * </ul>
 */
public final class CsvSniffer {

    static final int SAMPLE_BYTES = 1 << 20;
    private static final int DELIMITER_RECORDS = 200;
    private static final int HEADER_RECORDS = 50;
    private static final char[] DELIMITERS = {',', ';', '\t', '|'};

    private CsvSniffer() {
    }

    /**
     * The outcome of sniffing.
     *
     * @param settings      the user's settings completed
     * @param lineSeparator detected line separator of the sample ({@code "\n"} when none)
     */
    public record Result(CsvSettings settings, String lineSeparator) {
    }

    /**
     * @throws IOException if the file cannot be read
     */
    public static Result sniff(Path file, CsvSettings user) throws IOException {
        byte[] sample = new byte[SAMPLE_BYTES];
        int n = 0;
        try (InputStream in = Files.newInputStream(file)) {
            int r;
            while (n < sample.length && (r = in.read(sample, n, sample.length - n)) > 0) {
                n += r;
            }
        }
        boolean truncated = Files.size(file) > n;
        Charset charset = user.encoding() != null ? user.encoding() : Encodings.detect(sample, n, truncated);
        String text = decode(sample, n, charset);
        if (truncated) {
            int cut = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
            if (cut > 0) {
                text = text.substring(0, cut + 1);
            }
        }
        text = skipLines(text, user.skipLines());
        String lineSeparator = lineSeparator(text);
        Character quote = user.quoteSet() ? user.quote() : quote(text);
        if (!user.quoteSet() && user.delimiter() != null && quote.charValue() == user.delimiter().charValue()) {
            quote = quote == '"' ? '\'' : '"';
        }
        char delimiter = user.delimiter() != null ? user.delimiter()
                : delimiter(text, quote, user.escape(), user.nullValue());
        boolean header = user.header() != null ? user.header()
                : header(text, delimiter, quote, user.escape(), user.nullValue());
        return new Result(user.completedWith(charset, delimiter, quote, header), lineSeparator);
    }

    private static String decode(byte[] sample, int n, Charset charset) throws IOException {
        String text = charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(sample, 0, n)).toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    static String skipLines(String text, long lines) {
        int i = 0;
        for (long k = 0; k < lines && i < text.length(); k++) {
            while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                i++;
            }
            if (i < text.length()) {
                i += text.charAt(i) == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n' ? 2 : 1;
            }
        }
        return text.substring(i);
    }

    static String lineSeparator(String text) {
        int crlf = 0;
        int lf = 0;
        int cr = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    crlf++;
                    i++;
                } else {
                    cr++;
                }
            } else if (c == '\n') {
                lf++;
            }
        }
        if (crlf >= lf && crlf >= cr && crlf > 0) {
            return "\r\n";
        }
        return cr > lf ? "\r" : "\n";
    }

    /** Counts fields that a quote character both opens and closes; {@code "} wins unless {@code '} encloses more. */
    static Character quote(String text) {
        return enclosed(text, '\'') > enclosed(text, '"') ? '\'' : '"';
    }

    private static int enclosed(String text, char q) {
        int count = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            if (text.charAt(i) != q || i > 0 && !isBoundary(text.charAt(i - 1))) {
                continue;
            }
            int j = text.indexOf(q, i + 1);
            while (j > 0 && j + 1 < n && text.charAt(j + 1) == q) {
                j = text.indexOf(q, j + 2);
            }
            if (j < 0) {
                break;
            }
            if (j + 1 == n || isBoundary(text.charAt(j + 1))) {
                count++;
            }
            i = j;
        }
        return count;
    }

    private static boolean isBoundary(char c) {
        return c == '\n' || c == '\r' || c == ',' || c == ';' || c == '\t' || c == '|';
    }

    static char delimiter(String text, Character quote, Character escape, String nullValue) {
        char best = ',';
        double bestShare = -1;
        int bestFields = 0;
        for (char d : DELIMITERS) {
            if (quote != null && d == quote || escape != null && d == escape) {
                continue;
            }
            List<Integer> counts = fieldCounts(text, d, quote, escape, nullValue, DELIMITER_RECORDS);
            if (counts.isEmpty()) {
                continue;
            }
            Map<Integer, Integer> freq = new HashMap<>();
            for (int c : counts) {
                freq.merge(c, 1, Integer::sum);
            }
            int mode = 0;
            int modeCount = 0;
            for (Map.Entry<Integer, Integer> e : freq.entrySet()) {
                if (e.getKey() > 1 && (e.getValue() > modeCount || e.getValue() == modeCount && e.getKey() > mode)) {
                    mode = e.getKey();
                    modeCount = e.getValue();
                }
            }
            if (mode < 2) {
                continue;
            }
            double share = (double) modeCount / counts.size();
            boolean better;
            if (Math.abs(share - bestShare) > 1e-9) {
                better = share > bestShare;
            } else if (best == ',' && decimalCommas(text)) {
                better = true;
            } else if (d == ',' && decimalCommas(text)) {
                better = false;
            } else {
                better = mode > bestFields;
            }
            if (better) {
                best = d;
                bestShare = share;
                bestFields = mode;
            }
        }
        return best;
    }

    /** @return whether most commas of the text stand between two digits */
    private static boolean decimalCommas(String text) {
        int commas = 0;
        int between = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == ',') {
                commas++;
                if (i > 0 && i + 1 < text.length() && Character.isDigit(text.charAt(i - 1)) && Character.isDigit(text.charAt(i + 1))) {
                    between++;
                }
            }
        }
        return commas > 0 && between * 2 > commas;
    }

    /** @return field counts of the first records; -1 for a record that does not parse */
    private static List<Integer> fieldCounts(String text, char d, Character quote, Character escape, String nullValue, int max) {
        List<Integer> counts = new ArrayList<>();
        try (CsvParser p = parser(text, d, quote, escape, nullValue)) {
            while (counts.size() < max) {
                int r = p.next();
                if (r == CsvParser.END) {
                    break;
                }
                counts.add(r == CsvParser.BAD ? -1 : p.fieldCount());
            }
        } catch (IOException e) {
            throw new IllegalStateException("reading text in memory cannot fail", e);
        }
        return counts;
    }

    private static CsvParser parser(String text, char d, Character quote, Character escape, String nullValue) {
        return new CsvParser(CharInput.of(text), d, quote, escape, nullValue, Integer.MAX_VALUE - 16, Integer.MAX_VALUE - 16, 0,
                Math.min(text.length() + 16, 1 << 16));
    }

    static boolean header(String text, char d, Character quote, Character escape, String nullValue) {
        List<String[]> records = new ArrayList<>();
        try (CsvParser p = parser(text, d, quote, escape, nullValue)) {
            while (records.size() < HEADER_RECORDS) {
                int r = p.next();
                if (r == CsvParser.END) {
                    break;
                }
                if (r == CsvParser.RECORD) {
                    String[] values = new String[p.fieldCount()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = p.value(i);
                    }
                    records.add(values);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("reading text in memory cannot fail", e);
        }
        if (records.isEmpty()) {
            return true;
        }
        String[] first = records.get(0);
        boolean plainNames = true;
        Set<String> seen = new HashSet<>();
        int votes = 0;
        for (String h : first) {
            if (h == null || h.isBlank() || typeOf(h) != DataType.TEXT) {
                plainNames = false;
            } else if (!seen.add(h.strip())) {
                plainNames = false;
                votes--;
            }
        }
        for (int col = 0; col < first.length; col++) {
            String h = first[col];
            if (h == null || h.isBlank()) {
                continue;
            }
            ColumnInferrer data = new ColumnInferrer(InferenceOptions.DEFAULTS);
            Set<String> values = new HashSet<>();
            for (int r = 1; r < records.size(); r++) {
                String[] rec = records.get(r);
                String v = col < rec.length ? rec[col] : null;
                data.accept(v);
                if (v != null) {
                    values.add(v.strip());
                }
            }
            ColumnInference inferred = data.result(true);
            if (inferred.values() == 0) {
                continue;
            }
            if (inferred.type() != DataType.TEXT) {
                DataType headerType = typeOf(h);
                boolean fits = headerType == inferred.type() || headerType.isNumeric() && inferred.type().isNumeric();
                votes += fits ? -1 : 1;
            } else if (values.contains(h.strip())) {
                votes--;
            }
        }
        if (votes != 0) {
            return votes > 0;
        }
        return plainNames;
    }

    private static DataType typeOf(String value) {
        ColumnInferrer one = new ColumnInferrer(InferenceOptions.DEFAULTS);
        one.accept(value);
        return one.result(true).type();
    }
}
