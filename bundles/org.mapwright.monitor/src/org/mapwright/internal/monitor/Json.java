package org.mapwright.internal.monitor;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;

/**
 * JSON in the house style of run reports and project files: two-space indent, LF line ends,
 * {@code "key": value}, a final newline. Keys are written in a fixed order by the callers, so
 * equal content gives equal bytes.
 */
public final class Json {

    private static final JsonFactory FACTORY = new JsonFactory();

    private Json() {
    }

    /** Writes one document. */
    @FunctionalInterface
    public interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    /** @return the document {@code body} writes, pretty-printed, with a final newline */
    public static String pretty(Body body) {
        StringWriter out = new StringWriter();
        try {
            write(out, body, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** @return the document on one line, with a final newline (for one-event-per-line files) */
    public static String compact(Body body) {
        StringWriter out = new StringWriter();
        try {
            write(out, body, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void write(Writer out, Body body, boolean pretty) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            if (pretty) {
                DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                        .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                        .withObjectIndenter(new DefaultIndenter("  ", "\n"));
                printer.indentArraysWith(new DefaultIndenter("  ", "\n"));
                g.setPrettyPrinter(printer);
            }
            body.write(g);
        }
        out.write('\n');
    }

    /** Writes a count, or null for a negative (unknown) one. */
    public static void count(JsonGenerator g, String key, long value) throws IOException {
        if (value < 0) {
            g.writeNullField(key);
        } else {
            g.writeNumberField(key, value);
        }
    }

    /** Writes a number rounded to {@code decimals} places, as a plain JSON number. */
    public static void rounded(JsonGenerator g, String key, double value, int decimals) throws IOException {
        g.writeFieldName(key);
        rounded(g, value, decimals);
    }

    /** Writes an array element rounded to {@code decimals} places. */
    public static void rounded(JsonGenerator g, double value, int decimals) throws IOException {
        g.writeNumber(new BigDecimal(value).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString());
    }
}
