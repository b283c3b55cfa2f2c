package org.mapwright.core.infer;

import java.util.List;
import java.util.Map;

import org.mapwright.core.Schema;
import org.mapwright.core.connector.FieldEvidence;

/**
 * Result of {@link SchemaInferrer#finish}.
 *
 * @param schema   one field per column, in column order
 * @param evidence per field id
 * @param columns  the per-column conclusions, in column order
 */
public record InferredSchema(Schema schema, Map<String, FieldEvidence> evidence, List<ColumnInference> columns) {
    public InferredSchema {
        evidence = Map.copyOf(evidence);
        columns = List.copyOf(columns);
    }
}
