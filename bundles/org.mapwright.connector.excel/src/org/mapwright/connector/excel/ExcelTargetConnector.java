package org.mapwright.connector.excel;

import org.mapwright.core.Schema;
import org.mapwright.core.Settings;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.DataLocation;
import org.mapwright.core.connector.RecordWriter;
import org.mapwright.core.connector.TargetConnector;
import org.mapwright.internal.connector.excel.ExcelRecordWriter;

/**
 * Writes .xlsx files, one sheet, streaming (SXSSF keeps 100 rows in memory).
 *
 * <h2>Settings</h2>
 * <dl>
 * <dt>{@code path}</dt><dd>the output file, relative to the project folder (required); missing
 *     folders are created</dd>
 * <dt>{@code sheet}</dt><dd>the sheet name (default {@code Sheet1}); at most 31 characters,
 *     none of {@code / \ ? * [ ] :}</dd>
 * <dt>{@code header}</dt><dd>write a bold header row of field names (default {@code true})</dd>
 * <dt>{@code neutralizeFormulas}</dt><dd>{@code true} (default): text starting with
 *     {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return gets a leading
 *     apostrophe so no spreadsheet (nor a CSV exported from it) runs it as a formula;
 *     {@code false} writes text unchanged. Either way no cell is ever written as a formula.
 *     Text that is just a signed number such as {@code -12.5} is left alone, as in the CSV
 *     writer: both follow {@link org.mapwright.core.value.FormulaText}.</dd>
 * </dl>
 *
 * <h2>Values</h2>
 * Integers and decimals become numeric cells, booleans boolean cells, dates date cells
 * ({@code yyyy-mm-dd}), timestamps date-time cells ({@code yyyy-mm-dd hh:mm:ss}), text text
 * cells, nulls blank cells. What Excel cannot hold exactly is written as text in the canonical
 * form of {@link org.mapwright.core.value.Values#format(Object)}: numbers with more digits than
 * a double keeps, and dates before 1900. A text longer than Excel's 32,767 characters per cell
 * rejects its row (recoverable); more than 1,048,576 rows fail the output. Nested and repeated
 * fields are refused when the writer opens.
 *
 * <p>Nothing is visible before {@link RecordWriter#commit()}: the workbook goes to a hidden
 * temporary file in the target folder, renamed over the target on commit; closing without
 * commit deletes it and leaves an existing target untouched. Stateless and thread-safe.
 */
public final class ExcelTargetConnector implements TargetConnector {

    public static final String KIND = ExcelConnector.KIND;
    public static final String PATH = "path";
    public static final String SHEET = "sheet";
    public static final String HEADER = "header";
    public static final String NEUTRALIZE_FORMULAS = "neutralizeFormulas";
    public static final String DEFAULT_SHEET = "Sheet1";

    @Override
    public String kind() {
        return KIND;
    }

    /** @throws DataException for bad settings or an output folder that cannot be written */
    @Override
    public RecordWriter open(ConnectorContext context, Settings settings, Schema schema) throws DataException {
        String label = settings.getString(PATH, "");
        if (label.isBlank()) {
            throw new DataException(DataLocation.of("<excel output>"), "setting 'path' is required");
        }
        String sheet = settings.getString(SHEET, DEFAULT_SHEET);
        boolean header = flag(settings, HEADER, label);
        boolean neutralize = flag(settings, NEUTRALIZE_FORMULAS, label);
        return ExcelRecordWriter.open(context.resolve(label), label, sheet, header, neutralize, schema);
    }

    private static boolean flag(Settings settings, String key, String label) throws DataException {
        Object v = settings.asMap().get(key);
        if (v == null) {
            return true;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String t = v.toString().trim();
        if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(t);
        }
        throw new DataException(DataLocation.of(label), "setting '" + key + "' must be true or false, not '" + v + "'");
    }

    @Override
    public String describe(Settings settings) {
        String sheet = settings.getString(SHEET, DEFAULT_SHEET);
        return KIND + " " + settings.getString(PATH, "?") + " [" + sheet + "]";
    }
}
