package org.mapwright.core.connector;

/**
 * Limits that keep hostile or broken input from exhausting memory; readers report a clear error
 * naming the limit when one is hit.
 *
 * @param maxFieldChars    longest text value of one field
 * @param maxRecordChars   longest record (all fields)
 * @param maxNestingDepth  deepest JSON nesting
 * @param maxNumberChars   longest JSON number literal
 */
public record Limits(int maxFieldChars, int maxRecordChars, int maxNestingDepth, int maxNumberChars) {

    /** 1 M characters per field, 16 M per record, depth 64, numbers of 1,000 digits. */
    public static final Limits DEFAULTS = new Limits(1 << 20, 1 << 24, 64, 1000);
}
