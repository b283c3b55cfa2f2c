package org.mapwright.internal.connector.json;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Path;
import java.util.Locale;

import org.mapwright.core.Settings;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.DataLocation;

/**
 * The settings of a JSON source, checked.
 *
 * @param label       the path as the user wrote it, used as the file in locations
 * @param file        the resolved file
 * @param format      the layout, or null to sniff it
 * @param recordPath  where the records of a document are, or null to sniff it
 * @param encoding    the character set, or null to detect it
 * @param failOnError whether a bad record stops reading instead of being rejected
 */
public record SourceOptions(String label, Path file, JsonFormat format, RecordPath recordPath, Charset encoding,
        boolean failOnError) {

    public static final String PATH = "path";
    public static final String FORMAT = "format";
    public static final String RECORD_PATH = "recordPath";
    public static final String ENCODING = "encoding";
    public static final String ON_ERROR = "onError";

    /** @throws DataException (fatal) naming the bad setting */
    public static SourceOptions parse(ConnectorContext context, Settings settings) throws DataException {
        String label = settings.getString(PATH, "");
        DataLocation where = DataLocation.of(label.isEmpty() ? "<json source>" : label);
        if (label.isBlank()) {
            throw new DataException(where, "setting 'path' is required");
        }
        JsonFormat format = null;
        if (settings.has(FORMAT)) {
            format = JsonFormat.parse(settings.getString(FORMAT, ""));
            if (format == null) {
                throw new DataException(where, "setting 'format' must be array, ndjson or document, not '"
                        + settings.getString(FORMAT, "") + "'");
            }
        }
        RecordPath recordPath = null;
        if (settings.has(RECORD_PATH)) {
            try {
                recordPath = RecordPath.parse(settings.getString(RECORD_PATH, ""));
            } catch (IllegalArgumentException e) {
                throw new DataException(where, "setting 'recordPath': " + e.getMessage());
            }
            if (format != null && format != JsonFormat.DOCUMENT) {
                throw new DataException(where, "setting 'recordPath' only applies to format 'document', not '" + format.id() + "'");
            }
        }
        Charset encoding = null;
        if (settings.has(ENCODING)) {
            encoding = charset(settings.getString(ENCODING, ""), where);
        }
        String onError = settings.getString(ON_ERROR, "reject").trim().toLowerCase(Locale.ROOT);
        if (!onError.equals("reject") && !onError.equals("fail")) {
            throw new DataException(where, "setting 'onError' must be reject or fail, not '" + settings.getString(ON_ERROR, "") + "'");
        }
        return new SourceOptions(label, context.resolve(label), format, recordPath, encoding, onError.equals("fail"));
    }

    static Charset charset(String name, DataLocation where) throws DataException {
        try {
            return Charset.forName(name.trim());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new DataException(where, "setting 'encoding': unknown character set '" + name + "'");
        }
    }
}
