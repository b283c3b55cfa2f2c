package org.mapwright.monitor.history;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.mapwright.engine.Reject;
import org.mapwright.engine.RunReport.MappingReport;
import org.mapwright.engine.RunReport.OutputReport;
import org.mapwright.engine.RunReport.RuleReport;
import org.mapwright.internal.monitor.Json;

import com.fasterxml.jackson.core.JsonGenerator;

/**
 * The JSON form of {@code mapwright history}, documented field by field in
 * {@code HISTORY-FORMAT.md}: keys in a fixed order, every key always present ({@code null} when it
 * does not apply), two-space indent, LF line ends, a final newline.
 */
public final class HistoryJson {

    /** Version of the format; incremented when a key changes meaning or disappears. */
    public static final int FORMAT_VERSION = 1;

    /** @return the overview document */
    public String overview(HistoryOverview o) {
        return Json.pretty(g -> {
            g.writeStartObject();
            g.writeNumberField("formatVersion", FORMAT_VERSION);
            g.writeStringField("project", o.project());
            g.writeStringField("store", o.store());
            g.writeNumberField("totalRuns", o.totalRuns());
            g.writeArrayFieldStart("runs");
            for (RunSummary r : o.runs()) {
                g.writeStartObject();
                summary(g, r);
                g.writeEndObject();
            }
            g.writeEndArray();
            List<RunSummary> trend = o.trend();
            g.writeObjectFieldStart("trend");
            g.writeArrayFieldStart("runs");
            for (RunSummary r : trend) {
                g.writeNumber(r.id());
            }
            g.writeEndArray();
            series(g, "rowsRead", trend, r -> r.rowsRead());
            series(g, "rowsWritten", trend, r -> r.rowsWritten());
            series(g, "rowsRejected", trend, r -> r.rowsRejected());
            g.writeArrayFieldStart("rejectPercent");
            for (RunSummary r : trend) {
                Json.rounded(g, r.rejectPercent(), 2);
            }
            g.writeEndArray();
            series(g, "durationMillis", trend, RunSummary::durationMillis);
            series(g, "rowsPerSecond", trend, r -> Math.round(r.rowsPerSecond()));
            g.writeEndObject();
            g.writeArrayFieldStart("rules");
            for (RuleSeries s : o.rules()) {
                g.writeStartObject();
                g.writeStringField("mappingId", s.mappingId());
                g.writeStringField("mapping", s.mappingName());
                g.writeStringField("ruleId", s.ruleId());
                g.writeStringField("kind", s.kind());
                g.writeStringField("field", s.field());
                g.writeStringField("action", s.action());
                Json.rounded(g, "lastPassRate", s.lastPassRate(), 4);
                Json.rounded(g, "meanPassRate", s.meanPassRate(), 4);
                g.writeArrayFieldStart("points");
                for (RuleSeries.Point p : s.points()) {
                    g.writeStartObject();
                    g.writeNumberField("run", p.runId());
                    g.writeNumberField("rowsChecked", p.rowsChecked());
                    g.writeNumberField("violations", p.violations());
                    Json.rounded(g, "passRate", p.passRate(), 4);
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** @return one run in detail */
    public String run(String store, RunDetails d) {
        return Json.pretty(g -> {
            g.writeStartObject();
            g.writeNumberField("formatVersion", FORMAT_VERSION);
            g.writeStringField("project", d.summary().project());
            g.writeStringField("store", store);
            g.writeObjectFieldStart("run");
            summary(g, d.summary());
            g.writeArrayFieldStart("mappings");
            for (MappingReport m : d.report().mappings()) {
                mapping(g, m);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    private static void summary(JsonGenerator g, RunSummary r) throws IOException {
        g.writeNumberField("id", r.id());
        g.writeStringField("runId", r.runId().toString());
        g.writeStringField("projectVersion", r.projectVersion());
        g.writeStringField("origin", r.origin());
        g.writeStringField("status", r.status().id());
        g.writeStringField("startTime", instant(r.start()));
        g.writeStringField("endTime", instant(r.end()));
        g.writeNumberField("durationMillis", r.durationMillis());
        g.writeNumberField("rowsRead", r.rowsRead());
        g.writeNumberField("rowsWritten", r.rowsWritten());
        g.writeNumberField("rowsRejected", r.rowsRejected());
        g.writeNumberField("rowsFiltered", r.rowsFiltered());
        g.writeNumberField("rowsMerged", r.rowsMerged());
        Json.rounded(g, "rejectPercent", r.rejectPercent(), 2);
        g.writeNumberField("rowsPerSecond", Math.round(r.rowsPerSecond()));
        g.writeNumberField("mappingCount", r.mappings());
        g.writeNumberField("warningCount", r.warnings());
        g.writeStringField("error", r.error());
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
        Json.count(g, "bytesRead", m.bytesRead());
        g.writeNumberField("durationMillis", m.duration().toMillis());
        g.writeNumberField("rowsPerSecond", Math.round(m.rowsPerSecond()));
        long checked = m.rowsWritten() + m.rowsRejected();
        g.writeArrayFieldStart("rules");
        for (RuleReport r : m.rules()) {
            g.writeStartObject();
            g.writeStringField("id", r.ruleId());
            g.writeStringField("kind", r.kind());
            g.writeStringField("field", r.field());
            g.writeStringField("action", r.action());
            g.writeNumberField("violations", r.violations());
            g.writeNumberField("rowsChecked", checked);
            Json.rounded(g, "passRate", new RuleSeries.Point(0, null, checked, r.violations()).passRate(), 4);
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
            Json.count(g, "record", r.record());
            g.writeStringField("file", r.file());
            Json.count(g, "line", r.line());
            g.writeStringField("field", r.field());
            g.writeStringField("rule", r.rule());
            g.writeStringField("reason", r.reason());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("error", m.error());
        g.writeEndObject();
    }

    private interface LongOf {
        long of(RunSummary r);
    }

    private static void series(JsonGenerator g, String key, List<RunSummary> runs, LongOf value) throws IOException {
        g.writeArrayFieldStart(key);
        for (RunSummary r : runs) {
            g.writeNumber(value.of(r));
        }
        g.writeEndArray();
    }

    private static String instant(Instant t) {
        return t == null ? null : DateTimeFormatter.ISO_INSTANT.format(t);
    }
}
