package org.mapwright.connector.json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.mapwright.core.Ids;
import org.mapwright.core.Schema;
import org.mapwright.core.Settings;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.DataLocation;
import org.mapwright.core.connector.InspectOptions;
import org.mapwright.core.connector.Inspection;
import org.mapwright.core.connector.ProgressMonitor;
import org.mapwright.core.connector.RecordReader;
import org.mapwright.core.connector.SourceConnector;
import org.mapwright.internal.connector.json.JsonFactories;
import org.mapwright.internal.connector.json.JsonFormat;
import org.mapwright.internal.connector.json.JsonRecordReader;
import org.mapwright.internal.connector.json.JsonSources;
import org.mapwright.internal.connector.json.RecordCursor;
import org.mapwright.internal.connector.json.SchemaInference;
import org.mapwright.internal.connector.json.Sampler;
import org.mapwright.internal.connector.json.SourceOptions;

import com.fasterxml.jackson.core.JsonFactory;

/**
 * Reads JSON files: arrays of objects, NDJSON (JSON Lines) and documents with the records
 * somewhere inside. Parsing is streamed (Jackson's {@code JsonParser}); a file is never loaded
 * whole, and the nesting depth, text length and number length are bounded by
 * {@link org.mapwright.core.connector.Limits}.
 *
 * <h2>Settings</h2>
 * <dl>
 * <dt>{@code path}</dt><dd>the file, relative to the project folder (required)</dd>
 * <dt>{@code format}</dt><dd>{@code array}: a top-level array whose elements are the records;
 *     {@code ndjson}: one JSON value per line, blank lines skipped; {@code document}: a single
 *     JSON document, records at {@code recordPath}. When absent it is sniffed: NDJSON if the first
 *     line is one complete value and more follows, else {@code array} for a file starting with
 *     {@code [}, else {@code document}; an empty file is NDJSON without records.</dd>
 * <dt>{@code recordPath}</dt><dd>for {@code document}: {@code $} for the document itself as one
 *     record, or member names such as {@code $.orders}, {@code $.data.items} or
 *     {@code $['odd name']}. An array there yields its elements as records, anything else is
 *     one record. When absent it is sniffed: the first member (then the first member one level
 *     down) holding an array of objects, else {@code $}. If the member occurs twice, the first
 *     occurrence is used.</dd>
 * <dt>{@code encoding}</dt><dd>character set; detected when absent from a UTF-8/16/32 byte order
 *     mark or the pattern of zero bytes, else UTF-8. Bytes that are invalid in the encoding are a
 *     fatal error, never silently replaced.</dd>
 * <dt>{@code onError}</dt><dd>{@code reject} (default): a bad record is a recoverable
 *     {@link DataException} and reading continues; {@code fail}: the first bad record stops
 *     reading. In NDJSON a syntax error costs only its line (the exception names line and
 *     column). In {@code array} and {@code document} files a syntax error (truncation, garbage,
 *     a limit exceeded) is always fatal, because the rest of a broken document cannot be told
 *     apart reliably; a value of the wrong kind there is still a recoverable bad record.
 *     {@link #inspect} always collects bad records as warnings.</dd>
 * </dl>
 *
 * <h2>Records and values</h2>
 * A record that is not an object (a number, string, array in an array file, or a scalar
 * document) is read as an object with the single member {@code value}. Members are matched to
 * fields by name, in any order; members not in the schema are skipped, missing ones are null.
 * When a key occurs twice in one object the last value wins (as in JavaScript), and
 * {@link #inspect} warns about it. Values: integers that fit in a long are {@link Long}, other
 * numbers {@link java.math.BigDecimal}, booleans {@link Boolean}, strings {@link String};
 * RECORD fields are {@code Object[]} in child order, repeated fields {@link java.util.List}s (a
 * single value where a list is expected is a one-element list). A value the field type does not
 * hold natively (a string for a date field, a number for a text field) is passed on as its JSON
 * text for the engine to parse; an object or array where a scalar is expected is compact JSON
 * text in a text field and a bad record otherwise. Record locations name the file, the line where
 * the record starts (for a fatal syntax error: the line of the error), the record number and, for
 * errors, the JSON path of the offending value within the record (e.g. {@code $.items[2].price}).
 *
 * <h2>Inference</h2>
 * Objects become RECORD fields with children merged over all occurrences; arrays make a field
 * repeated (of scalars or of RECORDs); a field missing from some objects or null in some is
 * nullable; INTEGER and DECIMAL widen to DECIMAL, any other mix (arrays of arrays included) to
 * TEXT; a field seen only as null or empty arrays is ANY. Fields keep first-seen order. A field
 * of strings that are dates or timestamps (as recognized by
 * {@link org.mapwright.core.infer.ColumnInferrer}, with a format when not ISO) is DATE or
 * TIMESTAMP; strings that look like numbers or booleans stay TEXT, as do 8-digit strings.
 *
 * <p>JSON output is written by {@link JsonTargetConnector}: one class cannot implement both
 * {@link SourceConnector} and {@link org.mapwright.core.connector.TargetConnector}, because their
 * {@code open} methods take the same parameters and return unrelated types.
 *
 * <p>Stateless and thread-safe.
 */
public final class JsonConnector implements SourceConnector {

    /** The connector kind in project files. */
    public static final String KIND = "json";
    public static final String PATH = SourceOptions.PATH;
    public static final String FORMAT = SourceOptions.FORMAT;
    public static final String RECORD_PATH = SourceOptions.RECORD_PATH;
    public static final String ENCODING = SourceOptions.ENCODING;
    public static final String ON_ERROR = SourceOptions.ON_ERROR;

    private final Ids ids;

    public JsonConnector() {
        this(new Ids());
    }

    /** @param ids generator of new field ids (seed it for reproducible ids in tests) */
    public JsonConnector(Ids ids) {
        this.ids = ids;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Inspection inspect(ConnectorContext context, Settings settings, InspectOptions options, ProgressMonitor monitor)
            throws DataException {
        return inspect(context, settings, options, monitor, Schema.empty());
    }

    /**
     * Like {@link #inspect(ConnectorContext, Settings, InspectOptions, ProgressMonitor)}, keeping
     * the ids of {@code previous}: a field found at the same dotted path as a field of
     * {@code previous} gets that field's id, so mappings drawn against the old structure stay
     * attached after re-inspection.
     *
     * @param previous the schema inferred earlier, or {@link Schema#empty()}
     * @return the inspection; its settings add the detected {@code format}, {@code encoding} and
     *         (for documents) {@code recordPath}; its warnings list bad records (the first 100)
     *         and duplicate keys met while sampling
     * @throws DataException for bad settings, an unreadable file or a syntax error in an array or
     *         document file
     * @throws CancellationException when the monitor is cancelled
     */
    public Inspection inspect(ConnectorContext context, Settings settings, InspectOptions options, ProgressMonitor monitor,
            Schema previous) throws DataException {
        SourceOptions o = SourceOptions.parse(context, settings);
        JsonFactory factory = JsonFactories.forReading(context.limits());
        JsonSources.Resolved source = JsonSources.resolve(o, factory, context.limits());
        SchemaInference inference = new SchemaInference(options.sampleValues(), context.limits());
        List<DataException> warnings = new ArrayList<>();
        Sampler.Outcome outcome;
        try (RecordCursor cursor = JsonSources.open(source, factory, context.limits())) {
            outcome = Sampler.sample(cursor, inference, options, monitor, "Inspecting " + o.label(), warnings);
        } catch (IOException e) {
            throw new DataException(DataLocation.of(o.label()), "cannot read the file: " + e.getMessage(), e);
        }
        SchemaInference.Result result = inference.result(previous, ids);
        Settings detected = settings.with(FORMAT, source.format().id()).with(ENCODING, source.charset().name());
        if (source.format() == JsonFormat.DOCUMENT) {
            detected = detected.with(RECORD_PATH, source.recordPath().toString());
        }
        return new Inspection(detected, result.schema(), result.evidence(), outcome.records(), outcome.complete(), warnings);
    }

    /**
     * Opens a reader of records shaped like {@code schema}, which may name a subset of the
     * file's fields in any order.
     *
     * @throws DataException for bad settings or an unreadable file
     */
    @Override
    public RecordReader open(ConnectorContext context, Settings settings, Schema schema) throws DataException {
        SourceOptions o = SourceOptions.parse(context, settings);
        JsonFactory factory = JsonFactories.forReading(context.limits());
        JsonSources.Resolved source = JsonSources.resolve(o, factory, context.limits());
        RecordCursor cursor = JsonSources.open(source, factory, context.limits());
        return new JsonRecordReader(cursor, schema, factory, context.limits(), o.failOnError());
    }
}
