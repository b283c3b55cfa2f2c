package org.mapwright.drift;

import java.util.Locale;

import org.mapwright.core.SourceDef;

/**
 * A source's contract: what a run does when the source's structure drifted from the one its
 * mappings were drawn against. Stored per source in its settings under {@value #SETTING} (a
 * settings key every connector ignores, so no model change): {@code "onDrift": "fail"}.
 * Absent means {@link #OFF}: no check, runs behave as before.
 */
public enum DriftPolicy {
    /** No check before runs. */
    OFF("off"),
    /** Any drift stops the run before it starts (exit code 1); the drift is listed. */
    FAIL("fail"),
    /** The run goes ahead on the stored structure; the drift is listed as report warnings. */
    WARN("warn"),
    /**
     * Like {@link #WARN}, and for this run each new source field fills the unmapped target field of
     * the same name (ignoring case) in the mappings that read the source. The project file is not
     * changed.
     */
    MAP_NEW_BY_NAME("map-new-by-name");

    /** The settings key of a source holding its policy. */
    public static final String SETTING = "onDrift";

    private final String id;

    DriftPolicy(String id) {
        this.id = id;
    }

    /** @return the value written in settings, e.g. {@code "map-new-by-name"} */
    public String id() {
        return id;
    }

    /**
     * @return the source's policy; {@link #OFF} when the setting is absent
     * @throws IllegalArgumentException naming the allowed values when the setting is not one of them
     */
    public static DriftPolicy of(SourceDef source) {
        String v = source.settings().getString(SETTING, null);
        return v == null ? OFF : parse(v);
    }

    /** @throws IllegalArgumentException naming the allowed values */
    public static DriftPolicy parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (DriftPolicy p : values()) {
            if (p.id.equals(v)) {
                return p;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not a drift policy (off, fail, warn, map-new-by-name)");
    }
}
