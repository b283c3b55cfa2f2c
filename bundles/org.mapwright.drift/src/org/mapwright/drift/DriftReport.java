package org.mapwright.drift;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The drift of a project's sources: per source the structural changes, their impact on the
 * mappings, unmapped new fields and rename proposals. Made by {@link DriftAnalyzer}.
 *
 * @param project the project name
 * @param sources one entry per checked source, in project order
 */
public record DriftReport(String project, List<SourceDrift> sources) {

    /** Exit code: nothing breaks. */
    public static final int EXIT_OK = 0;
    /** Exit code: drift breaks a mapping (or a source cannot be inspected). */
    public static final int EXIT_BREAKING = 1;

    public DriftReport {
        Objects.requireNonNull(project, "project");
        sources = List.copyOf(sources);
    }

    /** @return whether any source changed */
    public boolean drifted() {
        return sources.stream().anyMatch(SourceDrift::drifted);
    }

    /** @return whether drift breaks a mapping */
    public boolean breaking() {
        return sources.stream().anyMatch(SourceDrift::breaking);
    }

    /** @return {@link #EXIT_OK} or {@link #EXIT_BREAKING}, for CI jobs and schedulers */
    public int exitCode() {
        return breaking() ? EXIT_BREAKING : EXIT_OK;
    }

    /** @return every proposal of every source */
    public List<RebaseProposal> proposals() {
        return sources.stream().flatMap(s -> s.proposals().stream()).toList();
    }

    public Optional<SourceDrift> source(String sourceId) {
        return sources.stream().filter(s -> s.source().id().equals(sourceId)).findFirst();
    }
}
