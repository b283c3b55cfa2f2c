package org.mapwright.drift;

import java.util.List;
import java.util.Objects;

/**
 * A proposal to re-bind a renamed or moved field: the project keeps the field's id, takes its new
 * name and place, and the listed expressions are rewritten. The caller accepts or rejects each
 * proposal; see {@link DriftAnalyzer#rebase}.
 *
 * @param id         stable id of the proposal: {@code <source id>/<stored field id>}
 * @param sourceId   the source
 * @param sourceName its name
 * @param change     the rename or move, with confidence and reasons
 * @param edits      the rewrites accepting it (alone) makes
 */
public record RebaseProposal(String id, String sourceId, String sourceName, FieldChange change, List<ExpressionEdit> edits) {

    public RebaseProposal {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(change, "change");
        edits = List.copyOf(edits == null ? List.of() : edits);
    }

    /** @return the proposal id for a field of a source */
    public static String idOf(String sourceId, String fieldId) {
        return sourceId + "/" + fieldId;
    }

    /** @return the match's confidence, 0..1 */
    public double confidence() {
        return change.confidence();
    }
}
