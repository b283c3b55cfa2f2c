package org.mapwright.internal.connector.csv;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.Schema;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.DataLocation;
import org.mapwright.core.connector.Limits;
import org.mapwright.core.connector.RecordReader;
import org.mapwright.core.infer.ColumnNames;

/**
 * Reads the records of a CSV file as text values of the requested columns.
 *
 * <p>Columns are found by the requested field names among the header names (normalized with
 * {@link ColumnNames#normalize}; exact match first, else a case-insensitive one if unique), or
 * {@code column_1..n} without header. Every record must have as many fields as the header (or,
 * without header, the first record); otherwise it is rejected, except that records with too few
 * fields are padded with nulls when {@code padShortRecords} is set. A file without any record
 * (not even a header) yields no records.
 */
public final class CsvRecordReader implements RecordReader {

    private static final int BUFFER_CHARS = 1 << 20;

    private final String label;
    private final CsvParser parser;
    private final boolean failOnError;
    private final boolean pad;
    private final List<String> names;
    private final boolean fromHeader;
    private final Schema schema;
    private final int[] columns;
    private final Object[] out;
    private final int expected;
    private static final int MAX_LEADING_BAD = 1000;

    /** A parser answer already read but not yet handed out, or -1. */
    private int pending = -1;
    private final ArrayDeque<DataException> pendingBad = new ArrayDeque<>();
    private long recordNo;
    private long lastLine = -1;
    private DataException failure;
    private boolean closed;

    /**
     * @param schema the fields to read, selected by name; null for all columns as TEXT fields
     * @throws DataException if the file cannot be opened, its header is unreadable or a requested
     *         column is missing
     */
    public CsvRecordReader(Path file, String label, CsvSettings settings, Limits limits, Schema schema) throws DataException {
        this.label = label;
        this.failOnError = settings.failOnError();
        this.pad = settings.padShortRecords();
        try {
            this.parser = new CsvParser(new DecodingInput(file, settings.encoding()), settings.delimiter(), settings.quote(),
                    settings.escape(), settings.nullValue(), limits.maxFieldChars(), limits.maxRecordChars(), settings.skipLines(),
                    BUFFER_CHARS);
        } catch (IOException e) {
            throw new DataException(DataLocation.of(label), "cannot read the file: " + e.getMessage(), e);
        }
        try {
            this.fromHeader = settings.header();
            int first = parser.next();
            if (first == CsvParser.BAD && fromHeader) {
                CsvProblem p = parser.problem();
                throw new DataException(new DataLocation(label, p.line(), -1, null), "the header row cannot be read: " + p.reason());
            }
            // without header the first good record tells the number of columns; bad ones before it are replayed
            while (first == CsvParser.BAD && failure == null && pendingBad.size() < MAX_LEADING_BAD) {
                CsvProblem p = parser.problem();
                pendingBad.add(bad(new DataLocation(label, p.line(), pendingBad.size() + 1, null), p.reason()));
                first = parser.next();
            }
            if (failure != null) {
                throw failure;
            }
            if (first == CsvParser.BAD) {
                throw new DataException(DataLocation.of(label), "none of the first " + MAX_LEADING_BAD + " records can be read");
            }
            List<String> raw = new ArrayList<>();
            if (first == CsvParser.RECORD) {
                for (int i = 0; i < parser.fieldCount(); i++) {
                    raw.add(fromHeader ? parser.value(i) : null);
                }
            }
            if (fromHeader || first == CsvParser.END) {
                lastLine = parser.recordLine();
                pending = first == CsvParser.END ? CsvParser.END : -1;
            } else {
                pending = first;
            }
            this.names = ColumnNames.normalize(raw);
            this.expected = names.size();
            this.schema = schema == null || schema.isEmpty() ? textSchema(names) : schema;
            this.columns = select(this.schema, first == CsvParser.END);
            this.out = new Object[columns.length];
        } catch (IOException e) {
            closeQuietly();
            throw new DataException(DataLocation.of(label), "cannot read the file: " + e.getMessage(), e);
        } catch (DataException | RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    private static Schema textSchema(List<String> names) {
        List<Field> fields = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            fields.add(Field.of("c" + (i + 1), names.get(i), DataType.TEXT));
        }
        return Schema.of(fields);
    }

    private int[] select(Schema wanted, boolean emptyFile) throws DataException {
        List<Field> fields = wanted.fields();
        int[] cols = new int[fields.size()];
        List<String> missing = new ArrayList<>();
        for (int j = 0; j < cols.length; j++) {
            String name = fields.get(j).name();
            int index = names.indexOf(name);
            if (index < 0) {
                String folded = name.toLowerCase(Locale.ROOT);
                for (int i = 0; i < names.size(); i++) {
                    if (names.get(i).toLowerCase(Locale.ROOT).equals(folded)) {
                        index = index == -1 ? i : -2;
                    }
                }
            }
            if (index < 0 && !emptyFile) {
                missing.add(name);
            }
            cols[j] = index;
        }
        if (!missing.isEmpty()) {
            throw new DataException(new DataLocation(label, -1, -1, missing.get(0)),
                    (missing.size() == 1 ? "column '" + missing.get(0) + "' is" : "columns '" + String.join("', '", missing) + "' are")
                            + " not in the file; available columns: " + String.join(", ", names)
                            + (fromHeader ? "" : " (the file is read without header)"));
        }
        return cols;
    }

    /** @return the names of all columns of the file, in order */
    public List<String> columnNames() {
        return names;
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public Object[] next() throws DataException {
        if (failure != null) {
            throw failure;
        }
        if (closed) {
            throw new IllegalStateException("reader is closed");
        }
        if (!pendingBad.isEmpty()) {
            recordNo++;
            DataException e = pendingBad.poll();
            lastLine = e.location().line();
            throw e;
        }
        int r;
        try {
            if (pending >= 0) {
                r = pending;
                pending = -1;
            } else {
                r = parser.next();
            }
        } catch (IOException e) {
            failure = new DataException(new DataLocation(label, parser.line(), recordNo, null), "cannot read the file: " + e.getMessage(), e);
            throw failure;
        }
        if (r == CsvParser.END) {
            return null;
        }
        recordNo++;
        if (r == CsvParser.BAD) {
            CsvProblem p = parser.problem();
            lastLine = p.line();
            throw bad(new DataLocation(label, p.line(), recordNo, columnName(p.fieldIndex())), p.reason());
        }
        lastLine = parser.recordLine();
        int n = parser.fieldCount();
        if (n != expected && (n > expected || !pad)) {
            throw bad(new DataLocation(label, lastLine, recordNo, null), "the record has " + n + (n == 1 ? " field" : " fields")
                    + ", expected " + expected + (fromHeader ? " as in the header" : " as in the first record"));
        }
        final int[] cols = columns;
        final Object[] values = out;
        for (int j = 0; j < cols.length; j++) {
            int c = cols[j];
            values[j] = c >= 0 && c < n ? parser.value(c) : null;
        }
        return values;
    }

    private DataException bad(DataLocation location, String reason) {
        String raw = parser.rawRecord();
        if (failOnError) {
            failure = new DataException(location, reason + " (onError=fail stops at the first bad record)", false, raw, null);
            return failure;
        }
        return DataException.badRecord(location, reason, raw);
    }

    private String columnName(int fieldIndex) {
        if (fieldIndex < 0) {
            return null;
        }
        return fieldIndex < names.size() ? names.get(fieldIndex) : ColumnNames.positional(fieldIndex);
    }

    @Override
    public DataLocation location() {
        return new DataLocation(label, lastLine, recordNo < 1 ? -1 : recordNo, null);
    }

    @Override
    public long bytesRead() {
        return parser.bytesRead();
    }

    @Override
    public long totalBytes() {
        return parser.totalBytes();
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            parser.close();
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (IOException e) {
            // the original failure is what the caller needs to see
        }
    }
}
