package org.mapwright.internal.engine.run;

import java.io.IOException;
import java.util.List;

import org.mapwright.core.Field;
import org.mapwright.core.Schema;
import org.mapwright.core.SourceDef;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.ConnectorRegistry;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.DataLocation;
import org.mapwright.core.connector.RecordReader;
import org.mapwright.engine.Reject;

/**
 * Opens a source's reader and turns its records into rows of the schema the mapping was compiled
 * against: the reader's columns are matched by field name once (so a reader returning columns in
 * another order, or more of them, still works), values are coerced per field.
 */
final class SourceAccess implements AutoCloseable {

    private final SourceDef source;
    private final RecordReader reader;
    private final int[] columns;
    private final Coercion[] coercions;
    private final List<Field> fields;
    private final int offset;
    private final int width;
    private long records;

    /**
     * @param offset first slot of the source's fields in the rows produced
     * @param width  length of the rows produced
     * @throws DataException when the source cannot be opened or lacks a field the mapping uses
     */
    SourceAccess(ConnectorRegistry registry, ConnectorContext context, SourceDef source, int offset, int width)
            throws DataException {
        this.source = source;
        this.offset = offset;
        this.width = width;
        this.fields = source.schema().fields();
        RecordReader r;
        try {
            r = registry.source(source.connector()).open(context, source.settings(), source.schema());
        } catch (IllegalArgumentException e) {
            throw new DataException(DataLocation.of(source.name()), e.getMessage());
        }
        this.reader = r;
        try {
            this.columns = columnMap(r.schema(), source);
        } catch (DataException e) {
            closeQuietly();
            throw e;
        }
        this.coercions = new Coercion[fields.size()];
        for (int i = 0; i < coercions.length; i++) {
            coercions[i] = Coercion.of(fields.get(i));
        }
    }

    private static int[] columnMap(Schema readerSchema, SourceDef source) throws DataException {
        List<Field> fields = source.schema().fields();
        int[] map = new int[fields.size()];
        for (int i = 0; i < map.length; i++) {
            String name = fields.get(i).name();
            int found = -1;
            List<Field> rf = readerSchema.fields();
            for (int j = 0; j < rf.size(); j++) {
                if (rf.get(j).name().equals(name)) {
                    found = j;
                    break;
                }
            }
            if (found < 0) {
                for (int j = 0; j < rf.size(); j++) {
                    if (rf.get(j).name().equalsIgnoreCase(name)) {
                        found = j;
                        break;
                    }
                }
            }
            if (found < 0) {
                throw new DataException(DataLocation.of(source.name()), "source '" + source.name() + "' has no field '" + name
                        + "' any more (it has: " + String.join(", ", rf.stream().map(Field::name).toList())
                        + "); re-inspect the source and update the mapping");
            }
            map[i] = found;
        }
        return map;
    }

    RecordReader reader() {
        return reader;
    }

    /**
     * @return the next row, a row carrying a reject (bad record or value), or null at the end
     * @throws DataException for an error that ends reading
     */
    SourceRow next() throws DataException {
        Object[] values;
        try {
            values = reader.next();
        } catch (DataException e) {
            if (!e.recoverable()) {
                throw e;
            }
            records++;
            DataLocation loc = e.location() != null ? e.location() : reader.location();
            String file = loc == null || loc.file() == null ? source.name() : loc.file();
            long record = loc == null || loc.record() < 0 ? records : loc.record();
            long line = loc == null ? -1 : loc.line();
            Reject r = new Reject(record, file, line, loc == null ? null : loc.column(), Reject.BAD_RECORD, e.reason(), e.rawText());
            return new SourceRow(null, null, fields, e.rawText(), file, line, record, r);
        }
        if (values == null) {
            return null;
        }
        records++;
        DataLocation loc = reader.location();
        String file = loc == null || loc.file() == null ? source.name() : loc.file();
        long record = loc == null || loc.record() < 0 ? records : loc.record();
        long line = loc == null ? -1 : loc.line();
        Object[] raw = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
            int c = columns[i];
            raw[i] = c < values.length ? values[c] : null;
        }
        Object[] row = new Object[width];
        for (int i = 0; i < raw.length; i++) {
            try {
                row[offset + i] = coercions[i].apply(raw[i]);
            } catch (IllegalArgumentException e) {
                SourceRow bad = new SourceRow(null, raw, fields, null, file, line, record, null);
                return new SourceRow(null, raw, fields, null, file, line, record, bad.reject(fields.get(i).name(), Reject.BAD_VALUE, e.getMessage()));
            }
        }
        return new SourceRow(row, raw, fields, null, file, line, record, null);
    }

    long bytesRead() {
        return reader.bytesRead();
    }

    long totalBytes() {
        return reader.totalBytes();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    void closeQuietly() {
        try {
            reader.close();
        } catch (IOException | RuntimeException e) {
            // closing a reader after a failure; the failure is what the user needs to see
        }
    }
}
