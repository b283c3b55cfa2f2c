package org.mapwright.monitor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.mapwright.engine.Reject;
import org.mapwright.engine.RunReport;
import org.mapwright.engine.RunReport.MappingReport;
import org.mapwright.engine.RunReport.OutputReport;
import org.mapwright.engine.RunReport.RuleReport;
import org.mapwright.engine.RunReportJson;
import org.mapwright.engine.RunStatus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the JSON run report {@link RunReportJson} writes (format in the engine's
 * {@code RUN-REPORT.md}) back into a {@link RunReport}, e.g. for lineage of a past run. Durations
 * come back as whole milliseconds and first rejects without their raw input, as the file keeps
 * them. Thread-safe.
 */
public final class RunReportReader {

    private final ObjectMapper mapper = new ObjectMapper();

    /**
     * @throws IOException when the file cannot be read or is not a run report; the message names
     *         the file and the offending key
     */
    public RunReport read(Path file) throws IOException {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (ReportFormatException e) {
            throw new ReportFormatException(file + ": " + e.getMessage());
        }
    }

    /** @throws IOException naming the offending key when the text is not a run report */
    public RunReport parse(String json) throws IOException {
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ReportFormatException("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ReportFormatException("not a run report (expected a JSON object)");
        }
        int version = root.path("formatVersion").asInt(-1);
        if (version != RunReportJson.FORMAT_VERSION) {
            throw new ReportFormatException("run report format version " + (version < 0 ? "missing" : version)
                    + " is not supported (expected " + RunReportJson.FORMAT_VERSION + ")");
        }
        List<MappingReport> mappings = new ArrayList<>();
        JsonNode list = root.path("mappings");
        for (int i = 0; i < list.size(); i++) {
            mappings.add(mapping(list.get(i), "mappings[" + i + "]"));
        }
        return new RunReport(text(root, "project", "", true), status(root, ""), instant(root, "startTime"), instant(root, "endTime"),
                text(root, "error", "", false), mappings);
    }

    private static MappingReport mapping(JsonNode m, String at) throws ReportFormatException {
        List<RuleReport> rules = new ArrayList<>();
        for (JsonNode r : m.path("rules")) {
            rules.add(new RuleReport(text(r, "id", at, true), text(r, "kind", at, true), text(r, "field", at, false),
                    text(r, "action", at, true), r.path("violations").asLong()));
        }
        List<OutputReport> outputs = new ArrayList<>();
        for (JsonNode o : m.path("outputs")) {
            outputs.add(new OutputReport(text(o, "id", at, true), text(o, "connector", at, true), text(o, "description", at, false)));
        }
        List<String> warnings = new ArrayList<>();
        for (JsonNode w : m.path("warnings")) {
            warnings.add(w.asText());
        }
        List<Reject> rejects = new ArrayList<>();
        for (JsonNode r : m.path("firstRejects")) {
            rejects.add(new Reject(number(r, "record"), text(r, "file", at, false), number(r, "line"), text(r, "field", at, false),
                    text(r, "rule", at, false), text(r, "reason", at, false), null));
        }
        return new MappingReport(text(m, "id", at, true), text(m, "name", at, true), status(m, at), m.path("rowsRead").asLong(),
                m.path("rowsWritten").asLong(), m.path("rowsRejected").asLong(), m.path("rowsFiltered").asLong(),
                m.path("rowsMerged").asLong(), number(m, "bytesRead"), Duration.ofMillis(m.path("durationMillis").asLong()), rules,
                outputs, text(m, "rejectsFile", at, false), warnings, rejects, text(m, "error", at, false));
    }

    private static String text(JsonNode node, String key, String at, boolean required) throws ReportFormatException {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            if (required) {
                throw new ReportFormatException((at.isEmpty() ? "" : at + ".") + key + " is missing");
            }
            return null;
        }
        return v.asText();
    }

    private static long number(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? -1 : v.asLong();
    }

    private static RunStatus status(JsonNode node, String at) throws ReportFormatException {
        String id = text(node, "status", at, true);
        for (RunStatus s : RunStatus.values()) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        throw new ReportFormatException((at.isEmpty() ? "" : at + ".") + "status '" + id + "' is unknown");
    }

    private static Instant instant(JsonNode node, String key) throws ReportFormatException {
        String text = text(node, key, "", true);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new ReportFormatException(key + " '" + text + "' is not an ISO-8601 instant");
        }
    }

    /** The text is not a run report. */
    static final class ReportFormatException extends IOException {
        private static final long serialVersionUID = 1L;

        ReportFormatException(String message) {
            super(message);
        }
    }
}
