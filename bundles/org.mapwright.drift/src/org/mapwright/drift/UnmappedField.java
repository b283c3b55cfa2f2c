package org.mapwright.drift;

import java.util.Objects;

/**
 * A new source field no expression of a mapping reads.
 *
 * @param sourceId        the source
 * @param fieldId         the new field's id (as inspected)
 * @param path            its dotted path
 * @param mappingId       a mapping that reads the source
 * @param mappingName     its name
 * @param targetFieldId   an unmapped target field of that mapping with the same name (ignoring
 *                        case), which {@code onDrift = map-new-by-name} would fill; or null
 * @param targetPath      that target field's path, or null
 */
public record UnmappedField(String sourceId, String fieldId, String path, String mappingId, String mappingName,
        String targetFieldId, String targetPath) {
    public UnmappedField {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(mappingId, "mappingId");
    }
}
