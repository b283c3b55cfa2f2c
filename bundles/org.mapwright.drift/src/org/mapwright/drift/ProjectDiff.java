package org.mapwright.drift;

import java.util.List;

/**
 * The semantic difference between two versions of a project: sources, their settings and fields
 * (matched by stable id, so a rename is a rename and not a removal plus an addition), mappings,
 * their expressions, joins, filters, rules and outputs.
 *
 * @param changes the differences in project order
 */
public record ProjectDiff(List<ProjectChange> changes) {

    public ProjectDiff {
        changes = List.copyOf(changes);
    }

    /** @return whether the two versions mean the same */
    public boolean equal() {
        return changes.isEmpty();
    }
}
