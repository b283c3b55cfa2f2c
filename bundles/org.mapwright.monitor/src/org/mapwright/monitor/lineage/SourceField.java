package org.mapwright.monitor.lineage;

import java.util.Objects;

/**
 * A field of one of the project's sources.
 *
 * @param sourceId   the source's id
 * @param sourceName the source's name, as expressions qualify fields with it
 * @param fieldId    the field's stable id
 * @param path       the field's dotted path within the source, e.g. {@code customer.address.city}
 */
public record SourceField(String sourceId, String sourceName, String fieldId, String path) {
    public SourceField {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(fieldId, "fieldId");
        Objects.requireNonNull(path, "path");
    }

    /** @return {@code source.path}, as an expression would write it */
    public String qualifiedPath() {
        return sourceName + "." + path;
    }
}
