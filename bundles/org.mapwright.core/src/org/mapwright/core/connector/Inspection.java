package org.mapwright.core.connector;

import java.util.List;
import java.util.Map;

import org.mapwright.core.Schema;
import org.mapwright.core.Settings;

/**
 * Result of inspecting a source.
 *
 * @param settings    the user's settings completed with detected ones (dialect, encoding, sheet)
 * @param schema      inferred structure
 * @param evidence    per field id
 * @param rowsSampled records read
 * @param complete    whether the whole input was read
 * @param warnings    bad records met while sampling
 */
public record Inspection(Settings settings, Schema schema, Map<String, FieldEvidence> evidence, long rowsSampled,
        boolean complete, List<DataException> warnings) {
    public Inspection {
        evidence = Map.copyOf(evidence);
        warnings = List.copyOf(warnings);
    }
}
