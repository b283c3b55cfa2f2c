package org.mapwright.drift;

import java.util.Locale;
import java.util.Objects;

/**
 * One semantic difference between two versions of a project, made by {@link ProjectDiffer}.
 *
 * @param scope   what it belongs to, for grouping: {@code project}, {@code source customers},
 *                {@code mapping customers}
 * @param path    a stable machine path, e.g. {@code sources[src_customers].schema[f_k2m4].name}
 * @param kind    what happened
 * @param subject the changed thing for people, e.g. {@code field email (f_k2m4)}, {@code filter}
 * @param before  the old value as text, null for ADDED
 * @param after   the new value as text, null for REMOVED
 */
public record ProjectChange(String scope, String path, Kind kind, String subject, String before, String after) {

    /** Kinds of difference. */
    public enum Kind {
        ADDED, REMOVED, CHANGED, RENAMED, MOVED, RETYPED, REORDERED;

        /** @return lower-case name used in output, e.g. {@code "renamed"} */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ProjectChange {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
    }

    /** @return e.g. {@code ~ field mapping email: lower(email) → lower(e_mail)} */
    public String describe() {
        switch (kind) {
            case ADDED:
                return "+ " + subject + (after == null || after.isEmpty() ? "" : ": " + after);
            case REMOVED:
                return "- " + subject + (before == null || before.isEmpty() ? "" : ": " + before);
            default:
                return "~ " + subject + " " + kind.id() + ": " + before + " → " + after;
        }
    }
}
