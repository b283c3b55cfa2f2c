package org.mapwright.engine;

/**
 * One rejected row: a line of the rejects file, an entry of the preview's rejects and (without
 * {@link #raw()}) of the run report's first rejects.
 *
 * @param record 1-based record number in the primary source, or -1 when unknown
 * @param file   source file or table label, or null
 * @param line   1-based line in the source file, or -1
 * @param field  the source column (bad value) or target field (evaluation error, rule) concerned, or null
 * @param rule   the violated rule's id, or the error kind: {@value #BAD_RECORD}, {@value #BAD_VALUE},
 *               {@value #EVALUATION_ERROR}, {@value #REQUIRED},
 *               {@value #OUTPUT_ERROR}, {@value #RUN_ERROR}
 * @param reason what is wrong, e.g. {@code "'12x' is not an integer"}
 * @param raw    the raw input text when the reader gave it, else the source values joined as CSV
 */
public record Reject(long record, String file, long line, String field, String rule, String reason, String raw) {

    /** The reader could not parse the record (e.g. an unclosed quote, too many columns). */
    public static final String BAD_RECORD = "bad-record";
    /** A source value does not fit its field's type or format. */
    public static final String BAD_VALUE = "bad-value";
    /** An expression failed on this row (e.g. division by zero, a value not fitting the target type). */
    public static final String EVALUATION_ERROR = "evaluation-error";
    /** The first output refused the row (e.g. a character its encoding cannot represent). */
    public static final String OUTPUT_ERROR = "output-error";
    /** The row was being processed when the run failed (e.g. an output stopped working). */
    public static final String RUN_ERROR = "run-error";
    /** A target field that is not nullable got no value. */
    public static final String REQUIRED = "required";
}
