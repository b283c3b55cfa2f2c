package org.mapwright.connector.json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.mapwright.core.Ids;
import org.mapwright.core.Schema;
import org.mapwright.core.Settings;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.CredentialStore;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.InspectOptions;
import org.mapwright.core.connector.Inspection;
import org.mapwright.core.connector.Limits;
import org.mapwright.core.connector.ProgressMonitor;
import org.mapwright.core.connector.RecordReader;

/** Shared helpers for the JSON connector tests. */
final class JsonFixtures {

    static final InspectOptions FULL = new InspectOptions(10_000, true, 5);

    /** What reading a whole source produced. */
    record Outcome(List<Object[]> records, List<DataException> rejected) {
    }

    private JsonFixtures() {
    }

    static JsonConnector connector() {
        return new JsonConnector(new Ids(new Random(42)));
    }

    static Path write(Path dir, String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    static ConnectorContext context(Path dir) {
        return ConnectorContext.of(dir);
    }

    static ConnectorContext context(Path dir, Limits limits) {
        return new ConnectorContext(dir, CredentialStore.NONE, limits);
    }

    static Settings settings(Object... keyValues) {
        Settings s = Settings.empty();
        for (int i = 0; i < keyValues.length; i += 2) {
            s = s.with((String) keyValues[i], keyValues[i + 1]);
        }
        return s;
    }

    static Inspection inspect(ConnectorContext ctx, Settings settings) throws DataException {
        return connector().inspect(ctx, settings, FULL, ProgressMonitor.NONE);
    }

    /** Reads every record, collecting recoverable errors; a fatal error propagates. */
    static Outcome readAll(ConnectorContext ctx, Settings settings, Schema schema) throws DataException, IOException {
        List<Object[]> records = new ArrayList<>();
        List<DataException> rejected = new ArrayList<>();
        try (RecordReader reader = connector().open(ctx, settings, schema)) {
            while (true) {
                try {
                    Object[] r = reader.next();
                    if (r == null) {
                        break;
                    }
                    records.add(r);
                } catch (DataException e) {
                    if (!e.recoverable()) {
                        throw e;
                    }
                    rejected.add(e);
                }
            }
        }
        return new Outcome(records, rejected);
    }

    /** Inspects the whole source and reads it with the inferred schema. */
    static Outcome inspectAndRead(ConnectorContext ctx, Settings settings) throws DataException, IOException {
        Inspection inspection = inspect(ctx, settings);
        return readAll(ctx, inspection.settings(), inspection.schema());
    }
}
