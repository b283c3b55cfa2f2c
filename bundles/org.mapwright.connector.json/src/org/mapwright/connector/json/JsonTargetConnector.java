package org.mapwright.connector.json;

import java.nio.file.Path;
import java.util.Locale;

import org.mapwright.core.Schema;
import org.mapwright.core.Settings;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.DataLocation;
import org.mapwright.core.connector.RecordWriter;
import org.mapwright.core.connector.TargetConnector;
import org.mapwright.internal.connector.json.JsonFactories;
import org.mapwright.internal.connector.json.JsonFormat;
import org.mapwright.internal.connector.json.JsonRecordWriter;

/**
 * Writes JSON files (UTF-8).
 *
 * <h2>Settings</h2>
 * <dl>
 * <dt>{@code path}</dt><dd>the output file, relative to the project folder (required); missing
 *     folders are created</dd>
 * <dt>{@code format}</dt><dd>{@code array}: one top-level array, one record per line inside the
 *     brackets (compact yet diff-friendly); {@code ndjson}: one record per line. Default:
 *     {@code ndjson} for paths ending in {@code .ndjson} or {@code .jsonl}, else {@code array}.</dd>
 * <dt>{@code omitNulls}</dt><dd>{@code true} to leave out members whose value is null instead of
 *     writing {@code null} (default {@code false})</dd>
 * </dl>
 *
 * <h2>Values</h2>
 * Each row becomes an object with the schema's field names in schema order. RECORD fields
 * ({@code Object[]} in child order) become nested objects, repeated fields ({@link java.util.List})
 * arrays; integers and decimals are JSON numbers (decimals in plain notation), booleans JSON
 * booleans; text, dates and timestamps strings in the canonical form of
 * {@link org.mapwright.core.value.Values#format(Object)}.
 *
 * <p>Nothing is visible before {@link RecordWriter#commit()}: rows go to a hidden temporary file
 * in the target folder, renamed over the target on commit; closing without commit deletes it and
 * leaves an existing target untouched. Stateless and thread-safe.
 */
public final class JsonTargetConnector implements TargetConnector {

    public static final String KIND = JsonConnector.KIND;
    public static final String PATH = "path";
    public static final String FORMAT = "format";
    public static final String OMIT_NULLS = "omitNulls";

    @Override
    public String kind() {
        return KIND;
    }

    /** @throws DataException for bad settings or an output folder that cannot be written */
    @Override
    public RecordWriter open(ConnectorContext context, Settings settings, Schema schema) throws DataException {
        String label = settings.getString(PATH, "");
        if (label.isBlank()) {
            throw new DataException(DataLocation.of("<json output>"), "setting 'path' is required");
        }
        Path target = context.resolve(label);
        JsonFormat format = format(settings, label);
        boolean omitNulls;
        try {
            omitNulls = settings.getBoolean(OMIT_NULLS, false);
        } catch (IllegalArgumentException e) {
            throw new DataException(DataLocation.of(label), e.getMessage());
        }
        return new JsonRecordWriter(target, label, format, omitNulls, schema, JsonFactories.forWriting());
    }

    private static JsonFormat format(Settings settings, String label) throws DataException {
        if (!settings.has(FORMAT)) {
            String lower = label.toLowerCase(Locale.ROOT);
            return lower.endsWith(".ndjson") || lower.endsWith(".jsonl") ? JsonFormat.NDJSON : JsonFormat.ARRAY;
        }
        JsonFormat f = JsonFormat.parse(settings.getString(FORMAT, ""));
        if (f == null || f == JsonFormat.DOCUMENT) {
            throw new DataException(DataLocation.of(label), "setting 'format' must be array or ndjson, not '"
                    + settings.getString(FORMAT, "") + "'");
        }
        return f;
    }

    @Override
    public String describe(Settings settings) {
        return KIND + " " + settings.getString(PATH, "");
    }
}
