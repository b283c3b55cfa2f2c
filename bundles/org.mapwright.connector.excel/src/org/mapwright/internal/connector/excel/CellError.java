package org.mapwright.internal.connector.excel;

/**
 * A cell that holds no usable value: an Excel error such as {@code #DIV/0!} or {@code #N/A}, or a
 * cell whose stored content cannot be read (e.g. a malformed number).
 *
 * @param description what the cell holds, e.g. {@code "the error #DIV/0!"}
 */
public record CellError(String description) {

    /** @return the error of an error cell, e.g. {@code #N/A} */
    public static CellError excelError(String code) {
        return new CellError("the error " + code);
    }

    @Override
    public String toString() {
        return description;
    }
}
