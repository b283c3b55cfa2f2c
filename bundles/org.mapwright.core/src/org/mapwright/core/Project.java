package org.mapwright.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.mapwright.core.connector.Limits;

/**
 * A mapping project: sources and the mappings that turn them into targets. Immutable; editors
 * hold the current value and replace it on every edit, which makes undo a stack of values.
 *
 * @param name     display name
 * @param sources  data sources, in display order
 * @param mappings mappings, in display order
 * @param limits   reader limits for this project's sources ({@code "limits"} in the project
 *                 file, only those differing from {@link Limits#DEFAULTS}); a command's
 *                 {@code --limit} wins over them
 */
public record Project(String name, List<SourceDef> sources, List<MappingDef> mappings, Limits limits) {

    /** Version of the project file format written by this code. */
    public static final int FORMAT_VERSION = 1;

    public Project {
        Objects.requireNonNull(name, "name");
        sources = List.copyOf(sources == null ? List.of() : sources);
        mappings = List.copyOf(mappings == null ? List.of() : mappings);
        limits = limits == null ? Limits.DEFAULTS : limits;
    }

    /** A project with the default limits. */
    public Project(String name, List<SourceDef> sources, List<MappingDef> mappings) {
        this(name, sources, mappings, Limits.DEFAULTS);
    }

    /** @return a copy with these reader limits */
    public Project withLimits(Limits newLimits) {
        return new Project(name, sources, mappings, newLimits);
    }

    public Optional<SourceDef> source(String id) {
        return sources.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public Optional<SourceDef> sourceByName(String sourceName) {
        return sources.stream().filter(s -> s.name().equals(sourceName)).findFirst();
    }

    public Optional<MappingDef> mapping(String id) {
        return mappings.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /** @return a copy with the source of the same id replaced, or appended if new */
    public Project withSource(SourceDef source) {
        List<SourceDef> out = new ArrayList<>(sources);
        int i = indexOf(out, source.id(), SourceDef::id);
        if (i < 0) {
            out.add(source);
        } else {
            out.set(i, source);
        }
        return new Project(name, out, mappings, limits);
    }

    /** @return a copy without this source; mappings that use it are kept (validation reports them) */
    public Project withoutSource(String sourceId) {
        return new Project(name, sources.stream().filter(s -> !s.id().equals(sourceId)).toList(), mappings, limits);
    }

    /** @return a copy with the mapping of the same id replaced, or appended if new */
    public Project withMapping(MappingDef mapping) {
        List<MappingDef> out = new ArrayList<>(mappings);
        int i = indexOf(out, mapping.id(), MappingDef::id);
        if (i < 0) {
            out.add(mapping);
        } else {
            out.set(i, mapping);
        }
        return new Project(name, sources, out, limits);
    }

    public Project withName(String newName) {
        return new Project(newName, sources, mappings, limits);
    }

    private static <T> int indexOf(List<T> list, String id, java.util.function.Function<T, String> idOf) {
        for (int i = 0; i < list.size(); i++) {
            if (idOf.apply(list.get(i)).equals(id)) {
                return i;
            }
        }
        return -1;
    }
}
