package org.mapwright.monitor.lineage;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.mapwright.core.Project;

/**
 * The column-level lineage of every mapping of a project, computed from the compiled mapping
 * plans by {@link LineageAnalyzer}.
 *
 * @param project  the project
 * @param mappings one entry per mapping, in project order
 */
public record ProjectLineage(Project project, List<MappingLineage> mappings) {

    public ProjectLineage {
        Objects.requireNonNull(project, "project");
        mappings = List.copyOf(mappings);
    }

    /** @return the lineage of the mapping with this id */
    public Optional<MappingLineage> mapping(String mappingId) {
        return mappings.stream().filter(m -> m.mapping().id().equals(mappingId)).findFirst();
    }
}
