package org.mapwright.internal.connector.json;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;

import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.DataLocation;
import org.mapwright.core.connector.Limits;

import com.fasterxml.jackson.core.JsonFactory;

/** Turns checked settings into a concrete layout and opens cursors over it. */
public final class JsonSources {

    /**
     * @param options    the user's settings
     * @param charset    the encoding used
     * @param format     the layout used
     * @param recordPath the record path of a document, null for other layouts
     */
    public record Resolved(SourceOptions options, Charset charset, JsonFormat format, RecordPath recordPath) {
    }

    private JsonSources() {
    }

    /** Detects what the settings leave open (encoding, format, record path). */
    public static Resolved resolve(SourceOptions options, JsonFactory factory, Limits limits) throws DataException {
        DataLocation where = DataLocation.of(options.label());
        if (!Files.isRegularFile(options.file())) {
            throw new DataException(where, Files.exists(options.file()) ? "not a file: " + options.file()
                    : "file not found: " + options.file());
        }
        try {
            Charset charset = options.encoding() != null ? options.encoding() : EncodedInput.detect(options.file());
            JsonFormat format = options.format();
            if (format == null) {
                format = options.recordPath() != null ? JsonFormat.DOCUMENT
                        : Sniffer.format(options.file(), charset, factory, limits.maxRecordChars());
            }
            RecordPath path = null;
            if (format == JsonFormat.DOCUMENT) {
                path = options.recordPath() != null ? options.recordPath() : Sniffer.recordPath(options.file(), charset, factory);
            }
            return new Resolved(options, charset, format, path);
        } catch (IOException e) {
            throw cannotRead(where, e);
        }
    }

    /** Opens a cursor over the resolved layout. */
    public static RecordCursor open(Resolved source, JsonFactory factory, Limits limits) throws DataException {
        String label = source.options().label();
        EncodedInput input = null;
        try {
            input = EncodedInput.open(source.options().file(), source.charset());
            if (source.format() == JsonFormat.NDJSON) {
                return new LineCursor(label, limits, input, factory);
            }
            return new StreamCursor(label, limits, input, factory, source.format(),
                    source.recordPath() == null ? RecordPath.ROOT : source.recordPath());
        } catch (IOException e) {
            if (input != null) {
                try {
                    input.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw cannotRead(DataLocation.of(label), e);
        }
    }

    private static DataException cannotRead(DataLocation where, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new DataException(where, "file not found: " + e.getMessage(), e);
        }
        return new DataException(where, "cannot read the file: " + e.getMessage(), e);
    }
}
