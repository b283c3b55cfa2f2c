package org.mapwright.internal.cli;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.mapwright.core.Field;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.DataLocation;
import org.mapwright.core.connector.FieldEvidence;
import org.mapwright.core.connector.Inspection;
import org.mapwright.core.profile.FieldProfile;
import org.mapwright.core.profile.Histogram;
import org.mapwright.core.profile.Profile;
import org.mapwright.core.profile.ValueCount;
import org.mapwright.core.value.Values;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;

/**
 * The stable JSON form of {@code mapwright inspect --format json}; see INSPECT-FORMAT.md. Keys are
 * written in a fixed order; absent values are JSON null (or an empty list), never missing keys.
 */
final class InspectJson {

    static final int FORMAT_VERSION = 1;

    String toJson(String connector, String label, Inspection inspection, Profile profile) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
            DefaultPrettyPrinter pp = new DefaultPrettyPrinter()
                    .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"));
            pp.indentArraysWith(new DefaultIndenter("  ", "\n"));
            g.setPrettyPrinter(pp);
            g.writeStartObject();
            g.writeNumberField("formatVersion", FORMAT_VERSION);
            g.writeStringField("source", label);
            g.writeStringField("connector", connector);
            g.writeObjectFieldStart("settings");
            for (var e : inspection.settings().asMap().entrySet()) {
                g.writeFieldName(e.getKey());
                scalar(g, e.getValue());
            }
            g.writeEndObject();
            g.writeNumberField("rowsSampled", inspection.rowsSampled());
            g.writeBooleanField("complete", inspection.complete());
            g.writeArrayFieldStart("fields");
            fields(g, inspection.schema().fields(), "", inspection.evidence());
            g.writeEndArray();
            g.writeArrayFieldStart("warnings");
            for (DataException d : inspection.warnings()) {
                location(g, d.location(), d.reason());
            }
            g.writeEndArray();
            g.writeFieldName("profile");
            if (profile == null) {
                g.writeNull();
            } else {
                profile(g, profile);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w + "\n";
    }

    private static void fields(JsonGenerator g, List<Field> fields, String prefix, Map<String, FieldEvidence> evidence) throws IOException {
        for (Field f : fields) {
            g.writeStartObject();
            g.writeStringField("id", f.id());
            g.writeStringField("name", f.name());
            g.writeStringField("path", prefix + f.name());
            g.writeStringField("type", f.type().id());
            g.writeStringField("format", f.format());
            g.writeBooleanField("nullable", f.nullable());
            g.writeBooleanField("key", f.key());
            g.writeBooleanField("repeated", f.repeated());
            FieldEvidence ev = evidence.get(f.id());
            g.writeFieldName("evidence");
            if (ev == null) {
                g.writeNull();
            } else {
                g.writeStartObject();
                g.writeNumberField("rowsSampled", ev.rowsSampled());
                g.writeNumberField("nullCount", ev.nullCount());
                g.writeNumberField("confidence", BigDecimal.valueOf(ev.confidence()).setScale(4, java.math.RoundingMode.HALF_UP));
                g.writeArrayFieldStart("samples");
                for (String s : ev.samples()) {
                    g.writeString(s);
                }
                g.writeEndArray();
                if (ev.warning() == null) {
                    g.writeNullField("warning");
                } else {
                    g.writeStringField("warning", ev.warning());
                }
                g.writeArrayFieldStart("outlierSamples");
                for (String s : ev.outlierSamples()) {
                    g.writeString(s);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeArrayFieldStart("children");
            fields(g, f.children(), prefix + f.name() + ".", evidence);
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void location(JsonGenerator g, DataLocation l, String reason) throws IOException {
        g.writeStartObject();
        g.writeStringField("file", l == null ? null : l.file());
        g.writeNumberField("line", l == null ? -1 : l.line());
        g.writeNumberField("record", l == null ? -1 : l.record());
        g.writeStringField("column", l == null ? null : l.column());
        g.writeStringField("reason", reason);
        g.writeEndObject();
    }

    private static void profile(JsonGenerator g, Profile p) throws IOException {
        g.writeStartObject();
        g.writeNumberField("records", p.records());
        g.writeNumberField("rejected", p.rejected());
        g.writeArrayFieldStart("fields");
        for (FieldProfile f : p.fields()) {
            g.writeStartObject();
            g.writeStringField("id", f.fieldId());
            g.writeStringField("name", f.name());
            g.writeStringField("type", f.type().id());
            g.writeNumberField("count", f.count());
            g.writeNumberField("nullCount", f.nullCount());
            g.writeNumberField("emptyCount", f.emptyCount());
            g.writeNumberField("invalidCount", f.invalidCount());
            g.writeNumberField("distinctEstimate", f.distinctEstimate());
            g.writeFieldName("min");
            typed(g, f.min());
            g.writeFieldName("max");
            typed(g, f.max());
            g.writeNumberField("minLength", f.minLength());
            g.writeNumberField("maxLength", f.maxLength());
            g.writeFieldName("mean");
            decimal(g, f.mean());
            g.writeFieldName("stdDev");
            decimal(g, f.stdDev());
            g.writeArrayFieldStart("topValues");
            for (ValueCount v : f.topValues()) {
                g.writeStartObject();
                g.writeStringField("value", v.value());
                g.writeNumberField("count", v.count());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("patterns");
            Map<String, Long> sorted = new TreeMap<>();
            f.patterns().forEach((k, v) -> sorted.put(k.name().toLowerCase(Locale.ROOT).replace('_', '-'), v));
            for (var e : sorted.entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeArrayFieldStart("histogram");
            if (f.histogram() != null) {
                for (Histogram.Bin b : f.histogram().bins()) {
                    g.writeStartObject();
                    g.writeFieldName("lower");
                    decimal(g, b.lower());
                    g.writeFieldName("upper");
                    decimal(g, b.upper());
                    g.writeNumberField("count", b.count());
                    g.writeEndObject();
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void decimal(JsonGenerator g, Double d) throws IOException {
        if (d == null || d.isNaN() || d.isInfinite()) {
            g.writeNull();
        } else {
            g.writeNumber(BigDecimal.valueOf(d).round(new java.math.MathContext(12)).stripTrailingZeros());
        }
    }

    private static void typed(JsonGenerator g, Object v) throws IOException {
        if (v instanceof Long || v instanceof BigDecimal || v instanceof Boolean) {
            scalar(g, v);
        } else if (v == null) {
            g.writeNull();
        } else {
            g.writeString(Values.format(v));
        }
    }

    private static void scalar(JsonGenerator g, Object v) throws IOException {
        if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v == null) {
            g.writeNull();
        } else {
            g.writeString(v.toString());
        }
    }
}
