package org.mapwright.internal.connector.excel;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;

import org.mapwright.core.Field;
import org.mapwright.core.Ids;
import org.mapwright.core.Schema;
import org.mapwright.core.Settings;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.DataLocation;
import org.mapwright.core.connector.FieldEvidence;
import org.mapwright.core.connector.InspectOptions;
import org.mapwright.core.connector.Inspection;
import org.mapwright.core.connector.ProgressMonitor;

/** Detects the layout of one sheet and infers its columns' types from a sample of its rows. */
public final class ExcelInspector {

    /** Error cells kept as warnings; more would only repeat the point. */
    private static final int MAX_WARNINGS = 100;

    private ExcelInspector() {
    }

    /**
     * @param settings the user's settings, completed in the result with {@code sheet},
     *                 {@code header}, {@code headerRow} and {@code firstRow}
     */
    public static Inspection inspect(WorkbookSource workbook, int sheetIndex, SourceOptions options, Settings settings,
            InspectOptions inspectOptions, ProgressMonitor monitor, Ids ids) throws DataException {
        String sheet = workbook.sheetNames().get(sheetIndex);
        try (SheetTable table = SheetTable.open(workbook, sheetIndex, options)) {
            monitor.begin("Inspecting sheet '" + sheet + "' of " + workbook.label(), table.totalBytes());
            List<ColumnProfile> profiles = new ArrayList<>();
            List<DataException> warnings = new ArrayList<>();
            long rows = 0;
            long reported = 0;
            boolean complete = false;
            while (true) {
                if (monitor.isCanceled()) {
                    throw new CancellationException("inspection of " + workbook.label() + " cancelled");
                }
                if (!inspectOptions.fullScan() && rows >= inspectOptions.sampleRows()) {
                    break;
                }
                SheetRow row = table.nextDataRow();
                if (row == null) {
                    complete = true;
                    break;
                }
                rows++;
                Object[] cells = row.cells();
                while (profiles.size() < cells.length) {
                    ColumnProfile p = new ColumnProfile(inspectOptions.sampleValues());
                    p.addNulls(rows - 1);
                    profiles.add(p);
                }
                for (int j = 0; j < profiles.size(); j++) {
                    Object cell = j < cells.length ? cells[j] : null;
                    profiles.get(j).add(cell);
                    if (cell instanceof CellError e && warnings.size() < MAX_WARNINGS) {
                        warnings.add(DataException.badRecord(
                                new DataLocation(workbook.label(), row.rowNumber(), rows, CellRef.columnLetters(j)),
                                "sheet '" + sheet + "', cell " + CellRef.a1(j, row.rowNumber()) + " holds " + e.description(), null));
                    }
                }
                if ((rows & 1023) == 0 && table.bytesRead() >= 0) {
                    monitor.worked(table.bytesRead() - reported);
                    reported = table.bytesRead();
                }
            }
            int width = Math.max(table.headerWidth(), profiles.size());
            List<String> names = table.columnNames(width);
            List<Field> fields = new ArrayList<>(width);
            Map<String, FieldEvidence> evidence = new HashMap<>();
            Set<String> taken = new HashSet<>();
            for (int j = 0; j < width; j++) {
                ColumnProfile p = j < profiles.size() ? profiles.get(j) : emptyProfile(rows, inspectOptions);
                String id = ids.nextUnique("f", taken);
                taken.add(id);
                fields.add(Field.of(id, names.get(j), p.type()));
                evidence.put(id, new FieldEvidence(id, rows, p.nullCount(), p.confidence(), p.samples()));
            }
            SheetTable.Layout layout = table.layout();
            Settings completed = settings.with(SourceOptions.SHEET, sheet)
                    .with(SourceOptions.HEADER, layout.header())
                    .with(SourceOptions.HEADER_ROW, layout.header() ? (Object) (long) layout.headerRow() : null)
                    .with(SourceOptions.FIRST_ROW, (long) layout.firstDataRow());
            return new Inspection(completed, Schema.of(fields), evidence, rows, complete, warnings);
        } catch (IOException e) {
            throw new DataException(DataLocation.of(workbook.label()), "cannot close sheet '" + sheet + "': " + e.getMessage(), e);
        }
    }

    private static ColumnProfile emptyProfile(long rows, InspectOptions options) {
        ColumnProfile p = new ColumnProfile(options.sampleValues());
        p.addNulls(rows);
        return p;
    }
}
