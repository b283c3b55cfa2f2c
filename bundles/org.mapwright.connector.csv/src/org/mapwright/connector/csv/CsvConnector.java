package org.mapwright.connector.csv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.mapwright.core.infer.InferenceOptions;
import org.mapwright.core.infer.InferredSchema;
import org.mapwright.core.infer.SchemaInferrer;
import org.mapwright.internal.connector.csv.CsvRecordReader;
import org.mapwright.internal.connector.csv.CsvSettings;
import org.mapwright.internal.connector.csv.CsvSniffer;

/**
 * Reads CSV files. (Writing is {@link CsvTargetConnector}: one class cannot implement both
 * connector interfaces, whose {@code open} methods differ only in their result type.)
 *
 * <h2>Settings</h2>
 * All optional except {@code path}; dialect settings that are missing are detected from the first
 * megabyte of the file by {@link #inspect} (which returns them completed) and, if still missing, by
 * {@link #open}. Settings the user gives always win over detection.
 * <dl>
 * <dt>{@code path}</dt><dd>the file, relative to the project folder</dd>
 * <dt>{@code encoding}</dt><dd>a charset name: {@code UTF-8}, {@code UTF-16LE}, {@code UTF-16BE},
 *     {@code windows-1252}, {@code ISO-8859-1}, ... Detected: a byte order mark decides; else
 *     UTF-8 if the sample is valid UTF-8, else windows-1252 (ISO-8859-1 if bytes undefined in
 *     windows-1252 occur). A byte order mark of the chosen encoding is skipped. Bytes that are not
 *     valid in the encoding reject the record they are in, naming line and character.</dd>
 * <dt>{@code delimiter}</dt><dd>one character; {@code tab} or the two characters {@code \t} mean
 *     TAB ({@code comma}, {@code semicolon}, {@code pipe}, {@code space} are accepted too).
 *     Detected among {@code , ; TAB |}.</dd>
 * <dt>{@code quote}</dt><dd>one character or {@code none}; default and detected: {@code "}
 *     (or {@code '} when that encloses more fields)</dd>
 * <dt>{@code escape}</dt><dd>one character or {@code none} (default): by default a quote inside a
 *     quoted value is doubled (RFC 4180); with e.g. {@code \} the escape character makes the next
 *     character literal (as Apache Commons CSV does)</dd>
 * <dt>{@code header}</dt><dd>{@code true} if the first record holds the column names. Detected.
 *     Without header the columns are named {@code column_1 .. column_n}. Blank or repeated header
 *     cells are renamed ({@code column_3}, {@code name_2}).</dd>
 * <dt>{@code skipLines}</dt><dd>physical lines to skip before the header or first record (title
 *     lines of a report); default 0</dd>
 * <dt>{@code nullValue}</dt><dd>the unquoted text that means null, e.g. {@code NULL} or {@code \N}.
 *     Default: an empty unquoted field is null, while a quoted empty field ({@code ""}) is the empty
 *     string. When a null text is set, only unquoted fields equal to it are null, an empty
 *     unquoted field is then the empty string, and a quoted {@code "NULL"} stays text.</dd>
 * <dt>{@code onError}</dt><dd>{@code reject} (default): a bad record (unclosed quote, wrong number
 *     of fields, bad bytes, value over the limits) is reported as a recoverable
 *     {@link DataException} with its location and raw text, and reading continues after it;
 *     {@code fail}: the first bad record ends reading with a fatal error.</dd>
 * <dt>{@code padShortRecords}</dt><dd>{@code true} to fill records with too few fields with nulls;
 *     default {@code false}: they are bad records, because a short record usually means a line
 *     broken by an unquoted line break. Records with too many fields are always bad.</dd>
 * <dt>{@code lineSeparator}</dt><dd>returned by inspection as detected (informational: reading
 *     accepts LF, CRLF and CR alike)</dd>
 * </dl>
 *
 * <h2>Records</h2>
 * Quoting follows RFC 4180 as implemented by Apache Commons CSV 1.14.1 (see
 * {@link org.mapwright.internal.connector.csv.CsvParser}); empty lines are skipped. Values are
 * text (or null); the engine converts them with the field's type and format. The columns read are
 * those whose names match the requested schema's field names; a missing one is a fatal error
 * naming it and the available columns. Records carry their location: file, physical line of the
 * record start, record number (header excluded) and, for errors, the column. Limits: a value over
 * {@code Limits.maxFieldChars} or a record over {@code Limits.maxRecordChars} is a bad record; an
 * unclosed quote is detected at the latest when its value passes {@code maxFieldChars}, and then
 * only the line that opened it is rejected: reading resumes on the next line.
 *
 * <p>Stateless and thread-safe.
 */
public final class CsvConnector implements SourceConnector {

    public static final String KIND = "csv";
    public static final String PATH = CsvSettings.PATH;
    public static final String ENCODING = CsvSettings.ENCODING;
    public static final String DELIMITER = CsvSettings.DELIMITER;
    public static final String QUOTE = CsvSettings.QUOTE;
    public static final String ESCAPE = CsvSettings.ESCAPE;
    public static final String HEADER = CsvSettings.HEADER;
    public static final String SKIP_LINES = CsvSettings.SKIP_LINES;
    public static final String NULL_VALUE = CsvSettings.NULL_VALUE;
    public static final String ON_ERROR = CsvSettings.ON_ERROR;
    public static final String PAD_SHORT_RECORDS = CsvSettings.PAD_SHORT_RECORDS;
    public static final String LINE_SEPARATOR = CsvSettings.LINE_SEPARATOR;

    private static final int MAX_WARNINGS = 100;
    private static final int PROGRESS_EVERY = 4096;

    private final Ids ids;

    /** A connector that gives inferred fields random ids. */
    public CsvConnector() {
        this(new Ids());
    }

    /** @param ids source of field ids for inferred schemas (seeded in tests) */
    public CsvConnector(Ids ids) {
        this.ids = ids;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /**
     * Detects the missing dialect settings and infers one field per column from the first
     * {@code options.sampleRows()} records (or all with {@code fullScan}). Bad records met while
     * sampling are returned as warnings (the first 100). Inferred fields get fresh ids; to keep the
     * ids of an earlier inspection, pass the result through
     * {@link org.mapwright.core.infer.SchemaIds#carryOver(Inspection, Schema, Ids)}.
     *
     * @throws DataException for bad settings, a missing or unreadable file, an empty file (nothing
     *         to infer from), or an unreadable header
     * @throws CancellationException if the monitor asks to stop
     */
    @Override
    public Inspection inspect(ConnectorContext context, Settings settings, InspectOptions options, ProgressMonitor monitor)
            throws DataException {
        String label = settings.getString(PATH, "<csv>");
        Path file = file(context, settings, label);
        CsvSniffer.Result sniffed = sniff(file, settings, label);
        CsvSettings dialect = sniffed.settings();
        Settings completed = complete(settings, dialect, sniffed.lineSeparator());
        List<DataException> warnings = new ArrayList<>();
        long rows = 0;
        boolean complete = false;
        try (CsvRecordReader reader = new CsvRecordReader(file, label, dialect, context.limits(), null)) {
            if (reader.columnNames().isEmpty()) {
                throw new DataException(DataLocation.of(label), "the file is empty: there is no header or record to infer columns from");
            }
            SchemaInferrer inferrer = new SchemaInferrer(reader.columnNames(),
                    InferenceOptions.DEFAULTS.withSampleValues(options.sampleValues()));
            monitor.begin("Inspecting " + label, reader.totalBytes());
            long reported = 0;
            long seen = 0;
            long maxSeen = 2L * options.sampleRows() + MAX_WARNINGS;
            while (options.fullScan() || rows < options.sampleRows() && seen < maxSeen) {
                if (++seen % PROGRESS_EVERY == 0) {
                    if (monitor.isCanceled()) {
                        throw new CancellationException("inspection of " + label + " cancelled");
                    }
                    long done = reader.bytesRead();
                    monitor.worked(done - reported);
                    reported = done;
                }
                Object[] row;
                try {
                    row = reader.next();
                } catch (DataException e) {
                    if (!e.recoverable()) {
                        throw e;
                    }
                    if (warnings.size() < MAX_WARNINGS) {
                        warnings.add(e);
                    }
                    continue;
                }
                if (row == null) {
                    complete = true;
                    break;
                }
                inferrer.acceptRow(row);
                rows++;
            }
            if (!complete && !options.fullScan()) {
                complete = peekEnd(reader);
            }
            InferredSchema inferred = inferrer.finish(null, ids, complete);
            return new Inspection(completed, inferred.schema(), inferred.evidence(), rows, complete, warnings);
        } catch (IOException e) {
            throw new DataException(DataLocation.of(label), "cannot read the file: " + e.getMessage(), e);
        }
    }

    /** After the sample: whether the input ends right here (bad records do not count as more data). */
    private static boolean peekEnd(CsvRecordReader reader) {
        try {
            return reader.next() == null;
        } catch (DataException e) {
            return false;
        }
    }

    /**
     * Opens a reader of the columns named by {@code schema}'s fields (all columns as text fields
     * when the schema is empty). Missing dialect settings are detected first.
     *
     * @throws DataException for bad settings, a missing or unreadable file, an unreadable header,
     *         or a requested column the file does not have (naming it and the available ones)
     */
    @Override
    public RecordReader open(ConnectorContext context, Settings settings, Schema schema) throws DataException {
        String label = settings.getString(PATH, "<csv>");
        Path file = file(context, settings, label);
        CsvSettings parsed = parse(settings, label);
        CsvSettings dialect = parsed.complete() ? parsed : sniff(file, settings, label).settings();
        return new CsvRecordReader(file, label, dialect, context.limits(), schema);
    }

    private static Path file(ConnectorContext context, Settings settings, String label) throws DataException {
        if (!settings.has(PATH) || settings.getString(PATH, "").isBlank()) {
            throw new DataException(DataLocation.of(label), "setting 'path' is required");
        }
        Path file = context.resolve(settings.getString(PATH, ""));
        if (!Files.isRegularFile(file)) {
            throw new DataException(DataLocation.of(label), "file not found: " + file);
        }
        if (!Files.isReadable(file)) {
            throw new DataException(DataLocation.of(label), "file cannot be read (permissions): " + file);
        }
        return file;
    }

    private static CsvSettings parse(Settings settings, String label) throws DataException {
        try {
            return CsvSettings.parse(settings);
        } catch (IllegalArgumentException e) {
            throw new DataException(DataLocation.of(label), e.getMessage());
        }
    }

    private static CsvSniffer.Result sniff(Path file, Settings settings, String label) throws DataException {
        CsvSettings parsed = parse(settings, label);
        try {
            return CsvSniffer.sniff(file, parsed);
        } catch (IOException e) {
            throw new DataException(DataLocation.of(label), "cannot read the file: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new DataException(DataLocation.of(label), e.getMessage());
        }
    }

    private static Settings complete(Settings user, CsvSettings dialect, String lineSeparator) {
        Settings s = user;
        if (!s.has(ENCODING)) {
            s = s.with(ENCODING, dialect.encoding().name());
        }
        if (!s.has(DELIMITER)) {
            s = s.with(DELIMITER, CsvSettings.text(dialect.delimiter()));
        }
        if (!s.has(QUOTE)) {
            s = s.with(QUOTE, CsvSettings.text(dialect.quote()));
        }
        if (!s.has(HEADER)) {
            s = s.with(HEADER, dialect.header());
        }
        if (!s.has(LINE_SEPARATOR)) {
            s = s.with(LINE_SEPARATOR, lineSeparator);
        }
        return s;
    }
}
