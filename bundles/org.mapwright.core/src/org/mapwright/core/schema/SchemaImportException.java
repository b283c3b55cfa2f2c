package org.mapwright.core.schema;

/**
 * A schema document that cannot be imported: malformed, or using something the import does not
 * support. The message reads {@code file:line:column: reason}.
 */
public final class SchemaImportException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final int column;
    private final String reason;

    /**
     * @param file   the document's name as the user knows it (a path), or null
     * @param line   1-based line, or 0 when unknown
     * @param column 1-based column, or 0 when unknown
     * @param reason what is wrong, phrased so the user can fix it
     */
    public SchemaImportException(String file, int line, int column, String reason) {
        super(format(file, line, column, reason));
        this.file = file;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    private static String format(String file, int line, int column, String reason) {
        StringBuilder b = new StringBuilder();
        if (file != null) {
            b.append(file);
        }
        if (line > 0) {
            b.append(b.length() > 0 ? ":" : "line ").append(line);
            if (column > 0) {
                b.append(':').append(column);
            }
        }
        return b.length() == 0 ? reason : b.append(": ").append(reason).toString();
    }

    /** @return the document's name, or null */
    public String file() {
        return file;
    }

    /** @return the 1-based line, or 0 when unknown */
    public int line() {
        return line;
    }

    /** @return the 1-based column, or 0 when unknown */
    public int column() {
        return column;
    }

    /** @return the reason without the location */
    public String reason() {
        return reason;
    }
}
