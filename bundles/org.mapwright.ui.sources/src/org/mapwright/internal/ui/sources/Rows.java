package org.mapwright.internal.ui.sources;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.mapwright.core.Field;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.ProgressMonitor;
import org.mapwright.core.connector.RecordReader;
import org.mapwright.core.value.Values;

/**
 * The first records of a source as display text, for the wizards' live previews: nested records
 * as {@code {a: 1, b: x}}, lists as {@code [1, 2]}, null as {@code null}. Reads at most what it
 * shows (plus bad records skipped on the way), so a preview never scans a large input.
 */
public final class Rows {

    /** Text shown for a null value. */
    public static final String NULL = "∅";

    /**
     * @param columns column names (top-level field names)
     * @param rows    values as text
     * @param errors  bad records met, as the reader's messages
     * @param failure why reading stopped early, or null
     */
    public record Preview(List<String> columns, List<String[]> rows, List<String> errors, String failure) {
        public Preview {
            columns = List.copyOf(columns);
            rows = List.copyOf(rows);
            errors = List.copyOf(errors);
        }
    }

    private Rows() {
    }

    /**
     * Reads up to {@code limit} records after skipping {@code offset}; closes the reader.
     *
     * @throws CancellationException when the monitor is cancelled
     */
    public static Preview read(RecordReader reader, long offset, int limit, ProgressMonitor monitor) {
        List<String[]> rows = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        List<Field> fields = reader.schema().fields();
        List<String> columns = fields.stream().map(Field::name).toList();
        String failure = null;
        try (reader) {
            long seen = 0;
            int bad = 0;
            while (rows.size() < limit && bad <= limit * 2) {
                if (monitor.isCanceled()) {
                    throw new CancellationException("preview cancelled");
                }
                Object[] r;
                try {
                    r = reader.next();
                } catch (DataException e) {
                    if (!e.recoverable()) {
                        failure = e.getMessage();
                        break;
                    }
                    bad++;
                    errors.add(e.getMessage());
                    continue;
                }
                if (r == null) {
                    break;
                }
                if (seen++ < offset) {
                    continue;
                }
                String[] text = new String[fields.size()];
                for (int i = 0; i < text.length && i < r.length; i++) {
                    text[i] = text(r[i]);
                }
                rows.add(text);
            }
        } catch (IOException e) {
            failure = failure != null ? failure : "cannot close the reader: " + e.getMessage();
        }
        return new Preview(columns, rows, errors, failure);
    }

    /** @return a value as display text */
    public static String text(Object v) {
        if (v == null) {
            return NULL;
        }
        if (v instanceof Object[] record) {
            StringBuilder b = new StringBuilder("{");
            for (int i = 0; i < record.length; i++) {
                b.append(i == 0 ? "" : ", ").append(text(record[i]));
            }
            return b.append('}').toString();
        }
        if (v instanceof List<?> list) {
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                b.append(i == 0 ? "" : ", ").append(text(list.get(i)));
            }
            return b.append(']').toString();
        }
        String s = Values.format(v);
        return s.length() > 200 ? s.substring(0, 197) + "..." : s;
    }
}
