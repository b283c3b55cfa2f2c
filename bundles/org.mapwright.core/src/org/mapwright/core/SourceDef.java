package org.mapwright.core;

import java.util.Objects;

/**
 * A data source of a project: which connector reads it, its settings, and the structure the
 * mappings were drawn against (kept so schema drift can be detected later).
 *
 * @param id        stable id, e.g. {@code "src_k3x9qp2m"}
 * @param name      name used in expressions to qualify fields ({@code customers.email})
 * @param connector connector kind, e.g. {@code "csv"}, {@code "jdbc"}
 * @param settings  connector settings (paths are relative to the project folder)
 * @param schema    the structure of the source's records
 */
public record SourceDef(String id, String name, String connector, Settings settings, Schema schema) {
    public SourceDef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(connector, "connector");
        settings = settings == null ? Settings.empty() : settings;
        schema = schema == null ? Schema.empty() : schema;
    }

    public SourceDef withSchema(Schema newSchema) {
        return new SourceDef(id, name, connector, settings, newSchema);
    }

    public SourceDef withSettings(Settings newSettings) {
        return new SourceDef(id, name, connector, newSettings, schema);
    }

    public SourceDef withName(String newName) {
        return new SourceDef(id, newName, connector, settings, schema);
    }
}
