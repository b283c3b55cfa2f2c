package org.mapwright.connector.csv;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.Ids;
import org.mapwright.core.Schema;
import org.mapwright.core.Settings;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.InspectOptions;
import org.mapwright.core.connector.Inspection;
import org.mapwright.core.connector.Limits;
import org.mapwright.core.connector.ProgressMonitor;
import org.mapwright.core.connector.RecordReader;

/** Shared helpers of the CSV connector tests. */
final class CsvFixtures {

    private CsvFixtures() {
    }

    static CsvConnector connector() {
        return new CsvConnector(new Ids(new Random(1)));
    }

    static Path write(Path dir, String name, String text, Charset charset) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, text.getBytes(charset));
        return f;
    }

    static Path writeBytes(Path dir, String name, byte[]... parts) throws IOException {
        Path f = dir.resolve(name);
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        Files.write(f, all);
        return f;
    }

    /** Settings for {@code file} with alternating key/value pairs. */
    static Settings settings(Path file, Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", file.getFileName().toString());
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return Settings.of(m);
    }

    static ConnectorContext context(Path dir) {
        return ConnectorContext.of(dir);
    }

    static ConnectorContext context(Path dir, Limits limits) {
        return new ConnectorContext(dir, null, limits);
    }

    static Inspection inspect(Path file, Object... keyValues) throws DataException {
        return connector().inspect(context(file.getParent()), settings(file, keyValues), InspectOptions.DEFAULTS, ProgressMonitor.NONE);
    }

    static Schema textSchema(String... names) {
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            fields.add(Field.of("f" + i, names[i], DataType.TEXT));
        }
        return Schema.of(fields);
    }

    /** What reading a whole file gave: records (copied) and bad records in order. */
    record Outcome(List<List<Object>> records, List<DataException> errors) {
        List<String> reasons() {
            return errors.stream().map(DataException::reason).toList();
        }
    }

    static Outcome readAll(RecordReader reader) throws Exception {
        List<List<Object>> records = new ArrayList<>();
        List<DataException> errors = new ArrayList<>();
        try (reader) {
            for (;;) {
                Object[] row;
                try {
                    row = reader.next();
                } catch (DataException e) {
                    errors.add(e);
                    if (!e.recoverable()) {
                        break;
                    }
                    continue;
                }
                if (row == null) {
                    break;
                }
                records.add(Arrays.asList(row.clone()));
            }
        }
        return new Outcome(records, errors);
    }

    static Outcome readAll(Path file, Schema schema, Object... keyValues) throws Exception {
        return readAll(connector().open(context(file.getParent()), settings(file, keyValues), schema));
    }

    static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }
}
