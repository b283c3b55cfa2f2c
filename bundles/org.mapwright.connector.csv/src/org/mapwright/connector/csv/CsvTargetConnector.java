package org.mapwright.connector.csv;

import org.mapwright.core.Schema;
import org.mapwright.core.Settings;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.DataLocation;
import org.mapwright.core.connector.RecordWriter;
import org.mapwright.core.connector.TargetConnector;
import org.mapwright.internal.connector.csv.CsvRecordWriter;
import org.mapwright.internal.connector.csv.CsvSettings;

/**
 * Writes CSV files.
 *
 * <h2>Settings</h2>
 * All optional except {@code path}.
 * <dl>
 * <dt>{@code path}</dt><dd>the output file, relative to the project folder; missing folders are
 *     created</dd>
 * <dt>{@code encoding}</dt><dd>charset name, default {@code UTF-8}. A row with characters the
 *     charset cannot represent (e.g. {@code €} in ISO-8859-1) is rejected (recoverable
 *     {@link DataException} naming the column) and not written.</dd>
 * <dt>{@code bom}</dt><dd>{@code true} to start a UTF-8/UTF-16 file with a byte order mark (helps
 *     spreadsheets guess the encoding); default {@code false}</dd>
 * <dt>{@code delimiter}</dt><dd>one character, {@code tab} or {@code \t} for TAB; default {@code ,}</dd>
 * <dt>{@code quote}</dt><dd>one character or {@code none}; default {@code "}</dd>
 * <dt>{@code escape}</dt><dd>none by default (quotes inside values are doubled); with an escape
 *     character, quotes and escape characters inside quoted values are escaped with it instead</dd>
 * <dt>{@code header}</dt><dd>write a header row of field names; default {@code true}</dd>
 * <dt>{@code nullValue}</dt><dd>text written for null; default empty. Empty strings are written
 *     quoted ({@code ""}) so they stay distinct from null when read back.</dd>
 * <dt>{@code lineSeparator}</dt><dd>{@code \n} (default), {@code \r\n} or {@code \r}; the
 *     escaped spellings and {@code lf}, {@code crlf}, {@code cr} are accepted</dd>
 * <dt>{@code neutralizeFormulas}</dt><dd>default {@code true}: a text value starting with
 *     {@code = + - @}, TAB or CR gets a leading {@code '} so spreadsheets show it instead of
 *     running it (OWASP CSV injection). Numbers are never touched, neither typed ones nor text that
 *     is just a signed number such as {@code -12.5} (the rule of
 *     {@link org.mapwright.core.value.FormulaText}, shared with the Excel writer).</dd>
 * </dl>
 *
 * <h2>Values</h2>
 * Values print in the canonical form of {@link org.mapwright.core.value.Values#format(Object)},
 * quoted only where needed (empty, the null text, containing delimiter, quote, escape or a line
 * break, or with leading/trailing whitespace). In a one-column file a null is an empty line,
 * which readers (this one included) skip; set {@code nullValue} to keep such rows.
 *
 * <p>Nothing is visible before {@link RecordWriter#commit()}: rows go to a hidden temporary file in
 * the target folder, which commit syncs to disk and renames over the target; closing without
 * commit deletes it and leaves an existing target byte-identical. Stateless and thread-safe.
 */
public final class CsvTargetConnector implements TargetConnector {

    public static final String KIND = CsvConnector.KIND;
    public static final String BOM = CsvSettings.BOM;
    public static final String NEUTRALIZE_FORMULAS = CsvSettings.NEUTRALIZE_FORMULAS;

    @Override
    public String kind() {
        return KIND;
    }

    /** @throws DataException for bad settings or an output folder that cannot be written */
    @Override
    public RecordWriter open(ConnectorContext context, Settings settings, Schema schema) throws DataException {
        String label = settings.getString(CsvSettings.PATH, "<csv output>");
        CsvSettings parsed;
        try {
            parsed = CsvSettings.parse(settings);
        } catch (IllegalArgumentException e) {
            throw new DataException(DataLocation.of(label), e.getMessage());
        }
        return new CsvRecordWriter(context.resolve(parsed.path()), label, parsed, schema);
    }

    @Override
    public String describe(Settings settings) {
        return KIND + " " + settings.getString(CsvSettings.PATH, "<no path>");
    }
}
