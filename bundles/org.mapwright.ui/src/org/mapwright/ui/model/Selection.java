package org.mapwright.ui.model;

import java.util.Objects;

/**
 * What the user selected in one of the workbench views; shared so that every view (explorer,
 * mapping editor, properties, problems) can follow it. Values, compared by content.
 */
public sealed interface Selection {

    /** Nothing selected. */
    Selection NONE = new Nothing();

    /** @return the mapping the selection belongs to, or null */
    default String mappingId() {
        return null;
    }

    /** Nothing selected. */
    record Nothing() implements Selection {
    }

    /** The project as a whole. */
    record ProjectNode() implements Selection {
    }

    /** A data source. */
    record Source(String sourceId) implements Selection {
        public Source {
            Objects.requireNonNull(sourceId, "sourceId");
        }
    }

    /** A field of a data source (possibly nested). */
    record SourceField(String sourceId, String fieldId) implements Selection {
        public SourceField {
            Objects.requireNonNull(sourceId, "sourceId");
            Objects.requireNonNull(fieldId, "fieldId");
        }
    }

    /** A mapping. */
    record Mapping(String mappingId) implements Selection {
        public Mapping {
            Objects.requireNonNull(mappingId, "mappingId");
        }
    }

    /** A field of a mapping's target schema. */
    record TargetField(String mappingId, String fieldId) implements Selection {
        public TargetField {
            Objects.requireNonNull(mappingId, "mappingId");
            Objects.requireNonNull(fieldId, "fieldId");
        }
    }

    /**
     * One mapping line: a source field read by a target field's expression.
     *
     * @param sourceId      the source the field belongs to
     * @param sourceFieldId the read field
     */
    record Line(String mappingId, String targetFieldId, String sourceId, String sourceFieldId) implements Selection {
        public Line {
            Objects.requireNonNull(mappingId, "mappingId");
            Objects.requireNonNull(targetFieldId, "targetFieldId");
            Objects.requireNonNull(sourceId, "sourceId");
            Objects.requireNonNull(sourceFieldId, "sourceFieldId");
        }
    }
}
