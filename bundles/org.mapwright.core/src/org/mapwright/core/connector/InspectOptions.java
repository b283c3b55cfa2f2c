package org.mapwright.core.connector;

/**
 * @param sampleRows  records read for inference when not scanning fully
 * @param fullScan    read the whole input
 * @param sampleValues distinct sample values kept per field
 */
public record InspectOptions(int sampleRows, boolean fullScan, int sampleValues) {
    public static final InspectOptions DEFAULTS = new InspectOptions(10_000, false, 5);
}
