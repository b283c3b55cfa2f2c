package org.mapwright.internal.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mapwright.core.Field;
import org.mapwright.core.Project;
import org.mapwright.core.SourceDef;
import org.mapwright.drift.DriftBaseline;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the earlier values of {@code drift --baseline FILE}: the output of
 * {@code mapwright inspect PROJECT --source NAME --format json [--profile]} taken before the source
 * changed (INSPECT-FORMAT.md). Its fields are matched to the source's stored fields by path (or
 * id), so each field's sampled values and top values become that stored field's baseline, letting
 * drift recognise a column renamed beyond recognition by its values.
 */
final class InspectBaseline {

    private InspectBaseline() {
    }

    /**
     * @return per source id, per stored field id, the earlier values
     * @throws IllegalArgumentException naming the file when it is not such an output or names no
     *         source of the project
     */
    static Map<String, Map<String, List<String>>> read(Project project, List<Path> files) throws IOException {
        Map<String, Map<String, List<String>>> out = new LinkedHashMap<>();
        ObjectMapper json = new ObjectMapper();
        for (Path file : files) {
            JsonNode root;
            try {
                root = json.readTree(Files.readString(file));
            } catch (JacksonException e) {
                throw new IllegalArgumentException(file + ": not the JSON output of mapwright inspect (" + e.getOriginalMessage() + ")");
            }
            if (root == null || !root.path("fields").isArray() || !root.path("source").isTextual()) {
                throw new IllegalArgumentException(file + ": not the JSON output of mapwright inspect --format json (no source and fields)");
            }
            String name = root.get("source").asText();
            SourceDef source = project.sourceByName(name).orElseThrow(() -> new IllegalArgumentException(file + ": the project has no source '"
                    + name + "' (make the file with mapwright inspect PROJECT --source NAME --format json --profile)"));
            Map<String, String> storedIds = new LinkedHashMap<>();
            Map<String, List<String>> values = new LinkedHashMap<>();
            samples(source, root.get("fields"), storedIds, values);
            for (JsonNode f : root.path("profile").path("fields")) {
                String id = storedIds.get(f.path("id").asText());
                if (id == null) {
                    continue;
                }
                List<String> top = new ArrayList<>();
                // Frequent values, not min/max: extremes rarely show up in a later sample and would only dilute the overlap.
                f.path("topValues").forEach(v -> top.add(v.path("value").asText()));
                values = DriftBaseline.merge(values, Map.of(id, top));
            }
            out.put(source.id(), DriftBaseline.merge(out.getOrDefault(source.id(), Map.of()), values));
        }
        return out;
    }

    /** Collects the sampled values per stored field id, and which inspected id is which stored one. */
    private static void samples(SourceDef source, JsonNode fields, Map<String, String> storedIds, Map<String, List<String>> into) {
        for (JsonNode f : fields) {
            String inspectedId = f.path("id").asText();
            Field stored = source.schema().byId(inspectedId).or(() -> source.schema().byPath(f.path("path").asText())).orElse(null);
            if (stored != null) {
                storedIds.put(inspectedId, stored.id());
                List<String> samples = new ArrayList<>();
                f.path("evidence").path("samples").forEach(v -> samples.add(v.asText()));
                if (!samples.isEmpty()) {
                    into.putAll(DriftBaseline.merge(into, Map.of(stored.id(), samples)));
                }
            }
            samples(source, f.path("children"), storedIds, into);
        }
    }
}
