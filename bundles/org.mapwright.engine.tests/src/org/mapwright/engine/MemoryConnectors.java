package org.mapwright.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.mapwright.core.Schema;
import org.mapwright.core.Settings;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.ConnectorRegistry;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.DataLocation;
import org.mapwright.core.connector.InspectOptions;
import org.mapwright.core.connector.Inspection;
import org.mapwright.core.connector.ProgressMonitor;
import org.mapwright.core.connector.RecordReader;
import org.mapwright.core.connector.RecordWriter;
import org.mapwright.core.connector.SourceConnector;
import org.mapwright.core.connector.TargetConnector;

/**
 * In-memory connectors of kind {@code mem} for engine tests. Sources are lists of rows named by
 * the setting {@code table}; an entry may be a {@link DataException} (thrown by the reader, a bad
 * record when recoverable) instead of a row. The reader reuses one array for every record, like
 * real readers, so the engine's copying is exercised. Targets collect rows per setting
 * {@code name}, visible in {@link #committed} only after commit; an output whose name starts with
 * {@code picky} refuses rows holding the text {@code refuse} (a recoverable error), one named
 * {@code broken...} cannot be opened.
 */
final class MemoryConnectors {

    final Map<String, List<Object>> tables = new HashMap<>();
    final Map<String, List<Object[]>> committed = new HashMap<>();
    final List<Sink> opened = new CopyOnWriteArrayList<>();
    final Source source = new Source();
    final Target target = new Target();

    ConnectorRegistry registry() {
        return new ConnectorRegistry(List.of(source), List.of(target));
    }

    MemoryConnectors table(String name, List<?> rows) {
        tables.put(name, new ArrayList<>(rows));
        return this;
    }

    /** @return the rows committed to an output, failing when it was not committed */
    List<Object[]> output(String name) {
        List<Object[]> rows = committed.get(name);
        if (rows == null) {
            throw new AssertionError("output '" + name + "' was not committed (committed: " + committed.keySet() + ")");
        }
        return rows;
    }

    final class Source implements SourceConnector {
        @Override
        public String kind() {
            return "mem";
        }

        @Override
        public Inspection inspect(ConnectorContext context, Settings settings, InspectOptions options, ProgressMonitor monitor) {
            throw new UnsupportedOperationException("not used by engine tests");
        }

        @Override
        public RecordReader open(ConnectorContext context, Settings settings, Schema schema) throws DataException {
            String table = settings.requireString("table");
            List<Object> rows = tables.get(table);
            if (rows == null) {
                throw new DataException(DataLocation.of(table), "no such table");
            }
            return new Reader(table, rows, schema);
        }
    }

    static final class Reader implements RecordReader {
        private final String table;
        private final List<Object> rows;
        private final Schema schema;
        private final Object[] buffer;
        private int next;

        Reader(String table, List<Object> rows, Schema schema) {
            this.table = table;
            this.rows = rows;
            this.schema = schema;
            this.buffer = new Object[schema.size()];
        }

        @Override
        public Schema schema() {
            return schema;
        }

        @Override
        public Object[] next() throws DataException {
            if (next >= rows.size()) {
                return null;
            }
            Object r = rows.get(next++);
            if (r instanceof DataException e) {
                throw e;
            }
            Object[] values = (Object[]) r;
            java.util.Arrays.fill(buffer, null);
            System.arraycopy(values, 0, buffer, 0, Math.min(values.length, buffer.length));
            return buffer;
        }

        @Override
        public DataLocation location() {
            return new DataLocation(table + ".csv", next + 1, next, null);
        }

        @Override
        public long bytesRead() {
            return 10L * next;
        }

        @Override
        public long totalBytes() {
            return 10L * rows.size();
        }

        @Override
        public void close() {
        }
    }

    /** What one opened writer received. */
    static final class Sink {
        final String name;
        final List<Object[]> rows = new ArrayList<>();
        volatile boolean committed;
        volatile boolean closed;

        Sink(String name) {
            this.name = name;
        }

        boolean discarded() {
            return closed && !committed;
        }
    }

    final class Target implements TargetConnector {
        @Override
        public String kind() {
            return "mem";
        }

        @Override
        public RecordWriter open(ConnectorContext context, Settings settings, Schema schema) throws DataException {
            String name = settings.requireString("name");
            if (name.startsWith("broken")) {
                throw new DataException(DataLocation.of(name), "cannot open output");
            }
            Sink sink = new Sink(name);
            opened.add(sink);
            return new RecordWriter() {
                @Override
                public void write(Object[] row) throws DataException {
                    if (sink.closed || sink.committed) {
                        throw new IllegalStateException("write after close");
                    }
                    if (name.startsWith("picky") && java.util.Arrays.asList(row).contains("refuse")) {
                        throw DataException.badRecord(new DataLocation(name, -1, -1, "name"), "cannot encode 'refuse'", null);
                    }
                    sink.rows.add(row);
                }

                @Override
                public void commit() {
                    sink.committed = true;
                    committed.put(name, sink.rows);
                }

                @Override
                public void close() {
                    sink.closed = true;
                }
            };
        }

        @Override
        public String describe(Settings settings) {
            return "memory " + settings.getString("name", "?");
        }
    }
}
