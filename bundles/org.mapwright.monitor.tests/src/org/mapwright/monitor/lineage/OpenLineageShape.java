package org.mapwright.monitor.lineage;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Checks a run event against the parts of the OpenLineage 2-0-2 specification Mapwright uses
 * (no network, no schema library): required keys and their types, enumerations, UUIDs, date-times,
 * URIs, and the facet base fields.
 */
final class OpenLineageShape {

    private static final Set<String> EVENT_TYPES = Set.of("START", "RUNNING", "COMPLETE", "ABORT", "FAIL", "OTHER");
    private static final Set<String> TRANSFORMATION_TYPES = Set.of("DIRECT", "INDIRECT");
    private static final Set<String> SUBTYPES = Set.of("IDENTITY", "TRANSFORMATION", "AGGREGATION", "JOIN", "GROUP_BY", "FILTER", "SORT",
            "WINDOW", "CONDITIONAL");

    private OpenLineageShape() {
    }

    /** @return every way the event departs from the specification; empty when it conforms */
    static List<String> violations(JsonNode e) {
        List<String> out = new ArrayList<>();
        text(e, "eventType", "event", out);
        if (e.hasNonNull("eventType") && !EVENT_TYPES.contains(e.get("eventType").asText())) {
            out.add("event.eventType " + e.get("eventType") + " is not one of " + EVENT_TYPES);
        }
        if (text(e, "eventTime", "event", out)) {
            try {
                Instant.parse(e.get("eventTime").asText());
            } catch (DateTimeParseException x) {
                out.add("event.eventTime is not an ISO-8601 date-time");
            }
        }
        uri(e, "producer", "event", out);
        uri(e, "schemaURL", "event", out);
        JsonNode run = e.path("run");
        if (text(run, "runId", "run", out)) {
            uuid(run.get("runId").asText(), "run.runId", out);
        }
        facets(run.path("facets"), "run.facets", out);
        JsonNode parent = run.path("facets").path("parent");
        if (!parent.isMissingNode()) {
            if (text(parent.path("run"), "runId", "run.facets.parent.run", out)) {
                uuid(parent.get("run").get("runId").asText(), "run.facets.parent.run.runId", out);
            }
            text(parent.path("job"), "namespace", "run.facets.parent.job", out);
            text(parent.path("job"), "name", "run.facets.parent.job", out);
        }
        JsonNode job = e.path("job");
        text(job, "namespace", "job", out);
        text(job, "name", "job", out);
        facets(job.path("facets"), "job.facets", out);
        for (String side : List.of("inputs", "outputs")) {
            if (!e.path(side).isArray()) {
                out.add("event." + side + " is not an array");
                continue;
            }
            for (int i = 0; i < e.get(side).size(); i++) {
                dataset(e.get(side).get(i), side + "[" + i + "]", out);
            }
        }
        return out;
    }

    private static void dataset(JsonNode d, String at, List<String> out) {
        text(d, "namespace", at, out);
        text(d, "name", at, out);
        facets(d.path("facets"), at + ".facets", out);
        facets(d.path("outputFacets"), at + ".outputFacets", out);
        JsonNode schema = d.path("facets").path("schema");
        if (!schema.isMissingNode()) {
            fields(schema.path("fields"), at + ".facets.schema.fields", out);
        }
        JsonNode lineage = d.path("facets").path("columnLineage");
        if (!lineage.isMissingNode()) {
            if (!lineage.path("fields").isObject()) {
                out.add(at + ".facets.columnLineage.fields is not an object");
            }
            for (Map.Entry<String, JsonNode> f : lineage.path("fields").properties()) {
                JsonNode inputs = f.getValue().path("inputFields");
                if (!inputs.isArray()) {
                    out.add(at + ".facets.columnLineage.fields." + f.getKey() + ".inputFields is not an array");
                    continue;
                }
                for (int i = 0; i < inputs.size(); i++) {
                    inputField(inputs.get(i), at + ".columnLineage.fields." + f.getKey() + "[" + i + "]", out);
                }
            }
            JsonNode dataset = lineage.path("dataset");
            for (int i = 0; i < dataset.size(); i++) {
                inputField(dataset.get(i), at + ".columnLineage.dataset[" + i + "]", out);
            }
        }
    }

    private static void inputField(JsonNode f, String at, List<String> out) {
        text(f, "namespace", at, out);
        text(f, "name", at, out);
        text(f, "field", at, out);
        for (JsonNode t : f.path("transformations")) {
            if (!TRANSFORMATION_TYPES.contains(t.path("type").asText())) {
                out.add(at + ".transformations.type " + t.get("type") + " is not DIRECT or INDIRECT");
            }
            if (t.has("subtype") && !SUBTYPES.contains(t.get("subtype").asText())) {
                out.add(at + ".transformations.subtype " + t.get("subtype") + " is not a known subtype");
            }
        }
    }

    private static void fields(JsonNode fields, String at, List<String> out) {
        for (int i = 0; i < fields.size(); i++) {
            text(fields.get(i), "name", at + "[" + i + "]", out);
            if (fields.get(i).has("fields")) {
                fields(fields.get(i).get("fields"), at + "[" + i + "].fields", out);
            }
        }
    }

    private static void facets(JsonNode facets, String at, List<String> out) {
        for (Map.Entry<String, JsonNode> f : facets.properties()) {
            uri(f.getValue(), "_producer", at + "." + f.getKey(), out);
            uri(f.getValue(), "_schemaURL", at + "." + f.getKey(), out);
        }
    }

    private static boolean text(JsonNode node, String key, String at, List<String> out) {
        if (!node.path(key).isTextual() || node.get(key).asText().isEmpty()) {
            out.add(at + "." + key + " is missing or not text");
            return false;
        }
        return true;
    }

    private static void uri(JsonNode node, String key, String at, List<String> out) {
        if (text(node, key, at, out)) {
            try {
                if (!new URI(node.get(key).asText()).isAbsolute()) {
                    out.add(at + "." + key + " is not an absolute URI");
                }
            } catch (java.net.URISyntaxException x) {
                out.add(at + "." + key + " is not a URI: " + x.getMessage());
            }
        }
    }

    private static void uuid(String text, String at, List<String> out) {
        try {
            if (!UUID.fromString(text).toString().equals(text)) {
                out.add(at + " is not a canonical UUID");
            }
        } catch (IllegalArgumentException x) {
            out.add(at + " is not a UUID");
        }
    }
}
