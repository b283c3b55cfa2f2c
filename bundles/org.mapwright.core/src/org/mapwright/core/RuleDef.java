package org.mapwright.core;

import java.util.Locale;
import java.util.Objects;

/**
 * A data-quality rule on a target field, checked on every output row.
 *
 * @param id            stable id
 * @param targetFieldId the checked target field
 * @param kind          what is checked
 * @param settings      rule parameters: {@code min}/{@code max} for RANGE, {@code pattern} for
 *                      REGEX, {@code values} (comma separated) for ALLOWED, {@code source}/{@code field} for REFERENCE
 * @param action        what happens to a violating row
 */
public record RuleDef(String id, String targetFieldId, Kind kind, Settings settings, Action action) {

    /** Rule kinds. */
    public enum Kind {
        NOT_NULL, UNIQUE, RANGE, REGEX, ALLOWED, REFERENCE;

        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Kind parse(String s) {
            return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    /** Consequences of a violation. */
    public enum Action {
        /** The row goes to the rejects output. */
        REJECT,
        /** The row is written; the violation is counted and reported. */
        WARN,
        /** The run stops with a data error. */
        FAIL;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Action parse(String s) {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        }
    }

    public RuleDef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(targetFieldId, "targetFieldId");
        Objects.requireNonNull(kind, "kind");
        settings = settings == null ? Settings.empty() : settings;
        action = action == null ? Action.REJECT : action;
    }
}
