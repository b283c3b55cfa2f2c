package org.mapwright.internal.connector.json;

/**
 * A value that does not fit its field, found while the parser is still in step with the input,
 * so the record can be skipped and reading can go on. Carries no stack trace: it is an expected
 * outcome of bad data, not a bug.
 */
final class ValueProblem extends Exception {

    private static final long serialVersionUID = 1L;

    private final String path;

    ValueProblem(String reason, String path) {
        super(reason, null, false, false);
        this.path = path;
    }

    /** @return the JSON path of the offending value within its record, e.g. {@code $.items[2]} */
    String path() {
        return path;
    }
}
