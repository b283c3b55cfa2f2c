package org.mapwright.core;

import java.util.Objects;

/**
 * One place a mapping's target rows are written to, e.g. a CSV file or an H2 table.
 *
 * @param id        stable id
 * @param connector connector kind, e.g. {@code "csv"}, {@code "h2"}
 * @param settings  connector settings (paths relative to the project folder)
 */
public record OutputDef(String id, String connector, Settings settings) {
    public OutputDef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(connector, "connector");
        settings = settings == null ? Settings.empty() : settings;
    }

    public OutputDef withSettings(Settings newSettings) {
        return new OutputDef(id, connector, newSettings);
    }
}
