package org.mapwright.core.connector;

/**
 * Where in the input a value or record came from, for error messages a user can act on.
 * Unknown parts are null (or -1 for numbers).
 *
 * @param file   file name or table/query label, e.g. {@code "customers.csv"}
 * @param line   1-based physical line (text files) or -1
 * @param record 1-based record/row number (data rows, header excluded) or -1
 * @param column column or field name (or 1-based column number as text) or null
 */
public record DataLocation(String file, long line, long record, String column) {

    public static DataLocation of(String file) {
        return new DataLocation(file, -1, -1, null);
    }

    public DataLocation withColumn(String newColumn) {
        return new DataLocation(file, line, record, newColumn);
    }

    /** @return e.g. {@code "customers.csv, line 12, record 11, column 'email'"} */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(file == null ? "<input>" : file);
        if (line >= 0) {
            b.append(", line ").append(line);
        }
        if (record >= 0) {
            b.append(", record ").append(record);
        }
        if (column != null) {
            b.append(", column '").append(column).append('\'');
        }
        return b.toString();
    }
}
