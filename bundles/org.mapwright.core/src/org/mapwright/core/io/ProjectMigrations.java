package org.mapwright.core.io;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.mapwright.core.Project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Upgrades project files written in older format versions to the current one, one version at a
 * time, on the JSON tree before {@link ProjectIO} reads it. Policy (also stated in
 * {@code schema/mapwright-project.schema.json}): {@code formatVersion} is incremented when a key
 * is renamed or removed or changes its meaning or type, and every increment comes with a
 * {@link Step} from the previous version; adding an optional key whose absence keeps the old
 * meaning does not increment it. Files of a newer version are left to the reader, which refuses
 * them with advice to update Mapwright.
 *
 * <p>Version 1 is the first released format, so {@link #standard()} has no steps yet.
 * Immutable and thread-safe.
 */
public final class ProjectMigrations {

    /** An upgrade from version {@link #from()} to {@code from() + 1}. */
    public interface Step {

        /** @return the version this step upgrades from */
        int from();

        /** @return what changes, for people (e.g. {@code "rename 'rules[].level' to 'action'"}) */
        String description();

        /**
         * Rewrites the tree in place; {@code formatVersion} is set by the caller afterwards.
         *
         * @throws ProjectFormatException naming the JSON path of content the step cannot upgrade
         */
        void apply(ObjectNode root) throws ProjectFormatException;
    }

    private final int current;
    private final List<Step> steps;

    /**
     * @param current the version readers understand
     * @param steps   at most one step per version, each from a version below {@code current}
     * @throws IllegalArgumentException if two steps start at the same version or one is not below current
     */
    public ProjectMigrations(int current, List<Step> steps) {
        this.current = current;
        List<Step> sorted = new ArrayList<>(steps);
        sorted.sort(Comparator.comparingInt(Step::from));
        for (int i = 0; i < sorted.size(); i++) {
            Step s = Objects.requireNonNull(sorted.get(i), "step");
            if (s.from() >= current) {
                throw new IllegalArgumentException("a step from version " + s.from() + " cannot upgrade to current version " + current);
            }
            if (i > 0 && sorted.get(i - 1).from() == s.from()) {
                throw new IllegalArgumentException("two steps upgrade version " + s.from());
            }
        }
        this.steps = List.copyOf(sorted);
    }

    /** @return the migrations of this Mapwright, up to {@link Project#FORMAT_VERSION} */
    public static ProjectMigrations standard() {
        return new ProjectMigrations(Project.FORMAT_VERSION, List.of());
    }

    /** @return the version files are upgraded to */
    public int current() {
        return current;
    }

    /** @return the oldest version that can be upgraded to {@link #current()} (current itself without steps) */
    public int oldestSupported() {
        int v = current;
        while (step(v - 1) != null) {
            v--;
        }
        return v;
    }

    /**
     * Upgrades a project tree to the current version. Trees without a readable
     * {@code formatVersion}, and those of the current or a newer version, are returned unchanged
     * for the reader to judge.
     *
     * @return the upgraded tree (the same, modified node)
     * @throws ProjectFormatException when the version is older than any this Mapwright can upgrade,
     *         or a step fails
     */
    public JsonNode upgrade(JsonNode root) throws ProjectFormatException {
        if (!(root instanceof ObjectNode tree)) {
            return root;
        }
        JsonNode v = tree.get("formatVersion");
        if (v == null || !v.canConvertToInt()) {
            return root;
        }
        int version = v.intValue();
        if (version >= current) {
            return root;
        }
        if (version < oldestSupported()) {
            throw new ProjectFormatException("$.formatVersion: " + version + " is older than any format this Mapwright can upgrade ("
                    + oldestSupported() + " to " + current + ")");
        }
        while (version < current) {
            Step s = step(version);
            try {
                s.apply(tree);
            } catch (ProjectFormatException e) {
                throw new ProjectFormatException("upgrading from format " + version + " (" + s.description() + "): " + e.getMessage(), e);
            }
            version++;
            tree.put("formatVersion", version);
        }
        return tree;
    }

    private Step step(int from) {
        for (Step s : steps) {
            if (s.from() == from) {
                return s;
            }
        }
        return null;
    }
}
