package org.mapwright.internal.connector.csv;

/**
 * Why {@link CsvParser} rejected a record.
 *
 * @param reason     text for the user, without the location
 * @param line       1-based physical line of the problem
 * @param fieldIndex 0-based index of the field concerned, or -1
 */
public record CsvProblem(String reason, long line, int fieldIndex) {
}
