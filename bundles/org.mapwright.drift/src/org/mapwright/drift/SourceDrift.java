package org.mapwright.drift;

import java.util.List;
import java.util.Objects;

import org.mapwright.core.SourceDef;
import org.mapwright.core.connector.Inspection;

/**
 * The drift of one source.
 *
 * @param source     the source as stored in the project
 * @param error      why the source could not be inspected (missing file, no connection...), or
 *                   null; then there is no diff
 * @param inspection the fresh inspection, or null after an error
 * @param diff       the structural difference, or null after an error
 * @param impacts    what the drift does to the mappings
 * @param unmapped   new fields no mapping reads
 * @param proposals  renames and moves that can be re-bound
 */
public record SourceDrift(SourceDef source, String error, Inspection inspection, SchemaDiff diff, List<Impact> impacts,
        List<UnmappedField> unmapped, List<RebaseProposal> proposals) {

    public SourceDrift {
        Objects.requireNonNull(source, "source");
        impacts = List.copyOf(impacts == null ? List.of() : impacts);
        unmapped = List.copyOf(unmapped == null ? List.of() : unmapped);
        proposals = List.copyOf(proposals == null ? List.of() : proposals);
    }

    /** @return whether the structure changed (or the source could not be inspected) */
    public boolean drifted() {
        return error != null || diff != null && !diff.isEmpty();
    }

    /** @return whether a mapping fails or rejects rows because of it, or the source cannot be inspected */
    public boolean breaking() {
        return error != null || impacts.stream().anyMatch(Impact::breaking);
    }

    /** @return the structural changes; empty after an error */
    public List<FieldChange> changes() {
        return diff == null ? List.of() : diff.changes();
    }
}
