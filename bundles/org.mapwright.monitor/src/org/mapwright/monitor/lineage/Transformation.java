package org.mapwright.monitor.lineage;

import java.util.Objects;

/**
 * How an input field contributes to a target field or to the whole target dataset, in the terms
 * of the OpenLineage column lineage facet.
 *
 * @param type        {@link Type#DIRECT}: the value is derived from the input;
 *                    {@link Type#INDIRECT}: the input decides which rows there are (join, filter,
 *                    grouping) but is not part of the value
 * @param subtype     {@link #IDENTITY}, {@link #TRANSFORMATION}, {@link #AGGREGATION} for direct;
 *                    {@link #JOIN}, {@link #FILTER}, {@link #GROUP_BY} for indirect
 * @param description what happens, e.g. the expression text or {@code "filter: quantity > 0"}
 */
public record Transformation(Type type, String subtype, String description) {

    /** The value is copied unchanged. */
    public static final String IDENTITY = "IDENTITY";
    /** The value is computed from the input. */
    public static final String TRANSFORMATION = "TRANSFORMATION";
    /** The value aggregates the input over a group of rows. */
    public static final String AGGREGATION = "AGGREGATION";
    /** The input is a join key. */
    public static final String JOIN = "JOIN";
    /** The input decides whether a row is kept. */
    public static final String FILTER = "FILTER";
    /** The input is a grouping key. */
    public static final String GROUP_BY = "GROUP_BY";

    /** Direct or indirect contribution. */
    public enum Type {
        DIRECT, INDIRECT
    }

    public Transformation {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subtype, "subtype");
    }
}
