package org.mapwright.engine;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

import org.mapwright.engine.RunReport.MappingReport;
import org.mapwright.engine.RunReport.OutputReport;
import org.mapwright.engine.RunReport.RuleReport;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;

/**
 * Writes a {@link RunReport} as JSON in the format documented in {@code RUN-REPORT.md}: keys in a
 * fixed order, every key always present (null when it does not apply), two-space indent, LF line
 * ends and a final newline, so reports diff well and scripts can rely on the shape.
 */
public final class RunReportJson {

    /** Version of the report format; incremented when a key changes meaning or disappears. */
    public static final int FORMAT_VERSION = 1;

    private final JsonFactory factory = new JsonFactory();

    /** @return the report as JSON text */
    public String toJson(RunReport report) {
        StringWriter out = new StringWriter();
        try {
            write(report, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Writes the report to {@code out} (not closed). */
    public void write(RunReport report, Writer out) throws IOException {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(new DefaultIndenter("  ", "\n"));
        printer.indentArraysWith(new DefaultIndenter("  ", "\n"));
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.setPrettyPrinter(printer);
            g.writeStartObject();
            g.writeNumberField("formatVersion", FORMAT_VERSION);
            g.writeStringField("project", report.project());
            g.writeStringField("status", report.status().id());
            g.writeStringField("startTime", instant(report.start()));
            g.writeStringField("endTime", instant(report.end()));
            g.writeNumberField("durationMillis", report.duration().toMillis());
            g.writeStringField("error", report.error());
            g.writeArrayFieldStart("mappings");
            for (MappingReport m : report.mappings()) {
                mapping(g, m);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }

    /** Writes the report to a file atomically (temporary file beside it, then rename). */
    public void write(RunReport report, Path file) throws IOException {
        Path abs = file.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                write(report, w);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void mapping(JsonGenerator g, MappingReport m) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", m.mappingId());
        g.writeStringField("name", m.name());
        g.writeStringField("status", m.status().id());
        g.writeNumberField("rowsRead", m.rowsRead());
        g.writeNumberField("rowsWritten", m.rowsWritten());
        g.writeNumberField("rowsRejected", m.rowsRejected());
        g.writeNumberField("rowsFiltered", m.rowsFiltered());
        g.writeNumberField("rowsMerged", m.rowsMerged());
        if (m.bytesRead() < 0) {
            g.writeNullField("bytesRead");
        } else {
            g.writeNumberField("bytesRead", m.bytesRead());
        }
        g.writeNumberField("durationMillis", m.duration().toMillis());
        g.writeNumberField("rowsPerSecond", Math.round(m.rowsPerSecond()));
        double mbs = m.megabytesPerSecond();
        if (mbs < 0) {
            g.writeNullField("megabytesPerSecond");
        } else {
            g.writeNumberField("megabytesPerSecond", Math.round(mbs * 100) / 100.0);
        }
        g.writeArrayFieldStart("rules");
        for (RuleReport r : m.rules()) {
            g.writeStartObject();
            g.writeStringField("id", r.ruleId());
            g.writeStringField("kind", r.kind());
            g.writeStringField("field", r.field());
            g.writeStringField("action", r.action());
            g.writeNumberField("violations", r.violations());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("outputs");
        for (OutputReport o : m.outputs()) {
            g.writeStartObject();
            g.writeStringField("id", o.outputId());
            g.writeStringField("connector", o.connector());
            g.writeStringField("description", o.description());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("rejectsFile", m.rejectsFile());
        g.writeArrayFieldStart("warnings");
        for (String w : m.warnings()) {
            g.writeString(w);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("firstRejects");
        for (Reject r : m.firstRejects()) {
            g.writeStartObject();
            number(g, "record", r.record());
            g.writeStringField("file", r.file());
            number(g, "line", r.line());
            g.writeStringField("field", r.field());
            g.writeStringField("rule", r.rule());
            g.writeStringField("reason", r.reason());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("error", m.error());
        g.writeEndObject();
    }

    private static void number(JsonGenerator g, String key, long value) throws IOException {
        if (value < 0) {
            g.writeNullField(key);
        } else {
            g.writeNumberField(key, value);
        }
    }

    private static String instant(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t);
    }
}
