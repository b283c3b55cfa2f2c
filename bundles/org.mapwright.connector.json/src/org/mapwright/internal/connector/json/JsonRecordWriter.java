package org.mapwright.internal.connector.json;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.mapwright.core.io.OutputFiles;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.Schema;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.DataLocation;
import org.mapwright.core.connector.RecordWriter;
import org.mapwright.core.value.Values;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * Writes rows as JSON objects (UTF-8) into a temporary file beside the target, renamed over the
 * target on {@link #commit()}. A {@link JsonFormat#ARRAY} output holds one record per line
 * inside the brackets, so diffs of two runs show changed records.
 *
 * <p>A value that does not fit its field (say a {@code String} for a RECORD field) is a bug
 * upstream and part of the row may already be written, so it is a fatal error: the output is
 * discarded on close.
 */
public final class JsonRecordWriter implements RecordWriter {

    /** A schema level compiled for writing: names pre-encoded, types resolved. */
    private static final class Plan {
        final SerializedString[] names;
        final String[] labels;
        final DataType[] types;
        final boolean[] repeated;
        final Plan[] children;

        Plan(List<Field> fields) {
            int n = fields.size();
            names = new SerializedString[n];
            labels = new String[n];
            types = new DataType[n];
            repeated = new boolean[n];
            children = new Plan[n];
            for (int i = 0; i < n; i++) {
                Field f = fields.get(i);
                names[i] = new SerializedString(f.name());
                labels[i] = f.name();
                types[i] = f.type();
                repeated[i] = f.repeated();
                children[i] = f.type() == DataType.RECORD ? new Plan(f.children()) : null;
            }
        }
    }

    private final Path target;
    private final Path temp;
    private final String label;
    private final boolean ndjson;
    private final boolean omitNulls;
    private final Plan plan;
    private final FileChannel channel;
    private final JsonGenerator out;
    private long rows;
    private boolean committed;
    private boolean closed;

    /**
     * Creates the temporary file (and missing parent folders).
     *
     * @throws DataException when the folder cannot be written
     */
    public JsonRecordWriter(Path target, String label, JsonFormat format, boolean omitNulls, Schema schema, JsonFactory factory)
            throws DataException {
        this.target = target.toAbsolutePath();
        this.label = label;
        this.ndjson = format == JsonFormat.NDJSON;
        this.omitNulls = omitNulls;
        this.plan = new Plan(schema.fields());
        Path dir = this.target.getParent();
        FileChannel ch = null;
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = OutputFiles.createTemp(this.target);
            ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            Writer w = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(ch), StandardCharsets.UTF_8), 1 << 16);
            JsonGenerator g = factory.createGenerator(w);
            g.setRootValueSeparator(null);
            if (!ndjson) {
                g.writeRaw("[\n");
            }
            this.temp = tmp;
            this.channel = ch;
            this.out = g;
        } catch (IOException e) {
            closeQuietly(ch);
            deleteQuietly(tmp);
            throw new DataException(DataLocation.of(label), "cannot create the output in " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void write(Object[] row) throws DataException {
        if (committed || closed) {
            throw new IllegalStateException("writer for " + label + " is already " + (committed ? "committed" : "closed"));
        }
        rows++;
        try {
            if (!ndjson && rows > 1) {
                out.writeRaw(",\n");
            }
            writeObject(plan, row, "$");
            if (ndjson) {
                out.writeRaw('\n');
            }
        } catch (IOException e) {
            throw new DataException(location(null), "cannot write: " + e.getMessage(), e);
        }
    }

    private void writeObject(Plan p, Object[] values, String path) throws IOException, DataException {
        if (values.length != p.names.length) {
            throw new DataException(location(path), "has " + values.length + " values but the schema has " + p.names.length + " fields");
        }
        out.writeStartObject();
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == null) {
                if (!omitNulls) {
                    out.writeFieldName(p.names[i]);
                    out.writeNull();
                }
                continue;
            }
            out.writeFieldName(p.names[i]);
            if (p.repeated[i]) {
                if (!(v instanceof List<?> list)) {
                    throw new DataException(location(child(path, p.labels[i])), "expected a list for a repeated field, got "
                            + v.getClass().getSimpleName());
                }
                out.writeStartArray();
                int index = 0;
                for (Object e : list) {
                    writeValue(p, i, e, path, index++);
                }
                out.writeEndArray();
            } else {
                writeValue(p, i, v, path, -1);
            }
        }
        out.writeEndObject();
    }

    private void writeValue(Plan p, int i, Object v, String path, int index) throws IOException, DataException {
        if (v == null) {
            out.writeNull();
            return;
        }
        DataType type = p.types[i];
        if (type == DataType.RECORD) {
            if (!(v instanceof Object[] nested)) {
                throw new DataException(location(valuePath(path, p.labels[i], index)), "expected a record (Object[]), got "
                        + v.getClass().getSimpleName());
            }
            writeObject(p.children[i], nested, valuePath(path, p.labels[i], index));
            return;
        }
        if (v instanceof Object[] || v instanceof List) {
            throw new DataException(location(valuePath(path, p.labels[i], index)), "expected a single " + type.id()
                    + " value, got a " + (v instanceof List ? "list" : "record"));
        }
        if (type == DataType.TEXT || type == DataType.DATE || type == DataType.TIMESTAMP) {
            out.writeString(Values.format(v));
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            out.writeNumber(((Number) v).longValue());
        } else if (v instanceof BigDecimal d) {
            out.writeNumber(d);
        } else if (v instanceof BigInteger b) {
            out.writeNumber(b);
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new DataException(location(valuePath(path, p.labels[i], index)), d + " cannot be written as a JSON number");
            }
            out.writeNumber(BigDecimal.valueOf(d));
        } else if (v instanceof Boolean b) {
            out.writeBoolean(b);
        } else {
            out.writeString(Values.format(v));
        }
    }

    private static String child(String path, String name) {
        StringBuilder b = new StringBuilder(path);
        JsonPaths.appendName(b, name);
        return b.toString();
    }

    private static String valuePath(String path, String name, int index) {
        String p = child(path, name);
        return index < 0 ? p : p + "[" + index + "]";
    }

    private DataLocation location(String column) {
        return new DataLocation(label, -1, rows, column);
    }

    @Override
    public void commit() throws DataException {
        if (closed || committed) {
            throw new IllegalStateException("writer for " + label + " is already " + (committed ? "committed" : "closed"));
        }
        try {
            if (!ndjson) {
                out.writeRaw(rows > 0 ? "\n]\n" : "]\n");
            }
            out.flush();
            channel.force(true);
            out.close();
            OutputFiles.keepPermissions(target, temp);
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            committed = true;
        } catch (IOException e) {
            close();
            throw new DataException(DataLocation.of(label), "cannot publish the output " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!committed) {
            try {
                out.close();
            } catch (IOException e) {
                // the file is deleted next; what could not be flushed no longer matters
            }
            closeQuietly(channel);
            deleteQuietly(temp);
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                // nothing is left to save in a discarded temporary file
            }
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a leftover hidden temporary file is harmless and never mistaken for the output
            }
        }
    }
}
