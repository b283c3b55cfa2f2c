package org.mapwright.connector.excel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
import org.mapwright.internal.connector.excel.ExcelInspector;
import org.mapwright.internal.connector.excel.ExcelRecordReader;
import org.mapwright.internal.connector.excel.SheetTable;
import org.mapwright.internal.connector.excel.SourceOptions;
import org.mapwright.internal.connector.excel.WorkbookSource;
import org.mapwright.internal.connector.excel.Workbooks;
import org.mapwright.internal.connector.excel.ZipLimits;

/**
 * Reads Excel workbooks: .xlsx (Office Open XML) and .xls (Excel 97–2003, BIFF8). The format is
 * told by the file's first bytes, not its name. Every sheet is a table; one source reads one
 * sheet.
 *
 * <h2>Settings</h2>
 * <dl>
 * <dt>{@code path}</dt><dd>the file, relative to the project folder (required)</dd>
 * <dt>{@code sheet}</dt><dd>a sheet name (exact, else ignoring case), or a 1-based sheet index
 *     when no sheet has that name; default the first sheet. {@link #sheetNames} lists the sheets,
 *     {@link #inspectSheets} inspects each.</dd>
 * <dt>{@code header}</dt><dd>{@code true} if the table has a header row of column names. When
 *     absent it is detected: the first row of the table is a header when its values are all
 *     distinct texts and the rows below differ from it (the next row holds a number, date or
 *     boolean, or, in an all-text table, no header value recurs in its column). Without header,
 *     columns are named by their letters ({@code A}, {@code B}, ...).</dd>
 * <dt>{@code headerRow}</dt><dd>1-based sheet row number of the header row; implies a header
 *     and skips the rows above it (titles, notes).</dd>
 * <dt>{@code firstRow}</dt><dd>1-based sheet row number of the first data row (default: the row
 *     after the header, or the first row of the table). When neither {@code headerRow} nor
 *     {@code firstRow} is given the table starts at the first non-blank row holding more than
 *     half as many values as the fullest of the first 100 rows, so short title rows above it are
 *     skipped.</dd>
 * <dt>{@code mergedCells}</dt><dd>{@code first} (default): a merged region's value is in its
 *     top-left cell only, the other cells are blank, as Excel stores it; {@code fill}: the value
 *     is repeated in every cell of the region (for an .xlsx file this reads the sheet twice, as
 *     merged regions are stored after the cells).</dd>
 * <dt>{@code zipMinInflateRatio}</dt><dd>.xlsx only: smallest allowed ratio of compressed to
 *     uncompressed size of a part, default {@value ZipLimits#DEFAULT_MIN_INFLATE_RATIO} (at most
 *     100-fold expansion); parts under 100 KiB are exempt</dd>
 * <dt>{@code zipMaxEntrySize}</dt><dd>.xlsx only: largest allowed uncompressed part in bytes,
 *     default 2 GiB</dd>
 * </dl>
 * The zip limits guard against zip bombs while a part is inflated; POI's own process-wide
 * protection ({@code ZipSecureFile}: ratio 0.01, 4 GiB per entry, unless the host changed it)
 * stays on as well, so a looser setting than POI's has no effect. XML parsers never load DTDs or
 * expand entities.
 *
 * <h2>Reading</h2>
 * .xlsx sheets are streamed row by row (StAX over the sheet XML, with the shared strings and
 * styles in memory); .xls files are read with POI's HSSF model, which holds the workbook in
 * memory, bounded by that format's 65,536 rows. Blank rows are skipped; blank cells are null.
 * Cell values: text; numbers as {@link Long} in integer fields (integral values) and
 * {@link java.math.BigDecimal} in decimal fields, taken from the stored decimal text and, when
 * not integral, rounded to Excel's 15 significant digits (so {@code =0.1+0.2} gives 0.3);
 * booleans; date-formatted numbers as {@link java.time.LocalDate}, or
 * {@link java.time.LocalDateTime} when the format shows a time or the time is not midnight
 * (1900 and 1904 date systems; time-only formats give the time as text {@code HH:mm:ss});
 * formulas their cached result (never evaluated; blank without one). A cell the field type does
 * not hold natively is passed on as its canonical text for the engine to parse. An error cell
 * ({@code #DIV/0!}, {@code #N/A}, ...) in a selected column rejects its row with a recoverable
 * {@link DataException} naming sheet, cell (A1 notation) and error. Record locations: the file,
 * {@code line} = the sheet row number, {@code record} = the data row number, column = field name
 * with column letter, e.g. {@code Amount (C)}.
 *
 * <h2>Inference</h2>
 * Per column from the cells' own types: integral numbers INTEGER, other numbers DECIMAL, dates
 * DATE, date-times TIMESTAMP, booleans BOOLEAN, text TEXT; text cells that spell a number (no
 * leading zeros), {@code true}/{@code false}, an ISO date or timestamp count as that type (Excel
 * stores dates before 1900 as text). INTEGER+DECIMAL widen to DECIMAL, DATE+TIMESTAMP to
 * TIMESTAMP, other mixes to TEXT; error cells count as blank and are reported as warnings. All
 * fields are nullable. The inspection completes the settings with {@code sheet} (name),
 * {@code header}, {@code headerRow} and {@code firstRow}, so later reads use the same layout.
 *
 * <p>Failures are {@link DataException}s with a plain reason: {@code "workbook is password
 * protected"} for encrypted files, {@code "not an Excel file or corrupt: ..."} for anything
 * unreadable, a message naming the part and the limit for a zip bomb. Output to Excel is
 * written by {@link ExcelTargetConnector}: one class cannot implement both
 * {@link SourceConnector} and {@link org.mapwright.core.connector.TargetConnector}, because their
 * {@code open} methods take the same parameters and return unrelated types.
 *
 * <p>Stateless and thread-safe.
 */
public final class ExcelConnector implements SourceConnector {

    /** The connector kind in project files. */
    public static final String KIND = "excel";
    public static final String PATH = SourceOptions.PATH;
    public static final String SHEET = SourceOptions.SHEET;
    public static final String HEADER = SourceOptions.HEADER;
    public static final String HEADER_ROW = SourceOptions.HEADER_ROW;
    public static final String FIRST_ROW = SourceOptions.FIRST_ROW;
    public static final String MERGED_CELLS = SourceOptions.MERGED_CELLS;
    public static final String ZIP_MIN_INFLATE_RATIO = SourceOptions.ZIP_MIN_INFLATE_RATIO;
    public static final String ZIP_MAX_ENTRY_SIZE = SourceOptions.ZIP_MAX_ENTRY_SIZE;

    private final Ids ids;

    public ExcelConnector() {
        this(new Ids());
    }

    /** @param ids generator of new field ids (seed it for reproducible ids in tests) */
    public ExcelConnector(Ids ids) {
        this.ids = ids;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /**
     * Inspects the sheet chosen by the {@code sheet} setting (default the first).
     *
     * @throws DataException for bad settings, a missing sheet, or an unreadable file
     * @throws java.util.concurrent.CancellationException when the monitor is cancelled
     */
    @Override
    public Inspection inspect(ConnectorContext context, Settings settings, InspectOptions options, ProgressMonitor monitor)
            throws DataException {
        SourceOptions o = options(settings);
        try (WorkbookSource workbook = open(context, o)) {
            int index = SheetTable.sheetIndex(workbook, o.sheet());
            return ExcelInspector.inspect(workbook, index, o, settings, options, monitor, ids);
        }
    }

    /**
     * Inspects every sheet, for a wizard that lets the user pick one. The {@code sheet} setting is
     * ignored; each inspection's settings name its sheet.
     *
     * @return inspections by sheet name, in workbook order
     * @throws DataException for bad settings or an unreadable file (a sheet that fails alone
     *         fails the whole call, as its file is then damaged)
     */
    public Map<String, Inspection> inspectSheets(ConnectorContext context, Settings settings, InspectOptions options,
            ProgressMonitor monitor) throws DataException {
        SourceOptions o = options(settings);
        Map<String, Inspection> result = new LinkedHashMap<>();
        try (WorkbookSource workbook = open(context, o)) {
            List<String> names = workbook.sheetNames();
            for (int i = 0; i < names.size(); i++) {
                result.put(names.get(i), ExcelInspector.inspect(workbook, i, o, settings, options, monitor, ids));
            }
        }
        return result;
    }

    /**
     * @return the sheet names of the workbook at the {@code path} setting, in workbook order
     * @throws DataException for a missing {@code path} or an unreadable file
     */
    public List<String> sheetNames(ConnectorContext context, Settings settings) throws DataException {
        SourceOptions o = options(settings);
        try (WorkbookSource workbook = open(context, o)) {
            return workbook.sheetNames();
        }
    }

    /**
     * Opens a reader of the chosen sheet. Field names select the columns: header names, or
     * column letters; the layout settings should be the ones the inspection completed, otherwise
     * the layout is detected again.
     *
     * @throws DataException for bad settings, a missing sheet or column, a nested field, or an
     *         unreadable file
     */
    @Override
    public RecordReader open(ConnectorContext context, Settings settings, Schema schema) throws DataException {
        SourceOptions o = options(settings);
        return ExcelRecordReader.open(open(context, o), o, schema);
    }

    private static WorkbookSource open(ConnectorContext context, SourceOptions o) throws DataException {
        return Workbooks.open(context.resolve(o.path()), o.path(), o.zipLimits(), context.limits());
    }

    private static SourceOptions options(Settings settings) throws DataException {
        try {
            return SourceOptions.parse(settings);
        } catch (IllegalArgumentException e) {
            throw new DataException(DataLocation.of(settings.getString(PATH, "<excel source>")), e.getMessage());
        }
    }
}
