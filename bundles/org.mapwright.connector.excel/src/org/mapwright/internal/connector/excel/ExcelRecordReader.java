package org.mapwright.internal.connector.excel;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import org.mapwright.core.Field;
import org.mapwright.core.Schema;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.DataLocation;
import org.mapwright.core.connector.RecordReader;
import org.mapwright.core.value.Values;

/**
 * Reads the data rows of one sheet as records of a schema whose field names select the columns
 * (header names, or column letters). A selected error cell rejects its row with a recoverable
 * exception; reading goes on with the next row.
 */
public final class ExcelRecordReader implements RecordReader {

    private final WorkbookSource workbook;
    private final SheetTable table;
    private final Schema schema;
    private final String sheet;
    private final int[] columns;
    private final String[] columnLabels;
    private final CellConverter[] converters;
    private final Object[] out;
    private long record;
    private long line = -1;

    private ExcelRecordReader(WorkbookSource workbook, SheetTable table, Schema schema, String sheet, int[] columns,
            String[] columnLabels, CellConverter[] converters) {
        this.workbook = workbook;
        this.table = table;
        this.schema = schema;
        this.sheet = sheet;
        this.columns = columns;
        this.columnLabels = columnLabels;
        this.converters = converters;
        this.out = new Object[columns.length];
    }

    /**
     * Takes ownership of {@code workbook} (closes it on failure and on {@link #close()}).
     *
     * @throws DataException (fatal) for a missing sheet, a field no column matches, or a nested field
     */
    public static ExcelRecordReader open(WorkbookSource workbook, SourceOptions options, Schema schema) throws DataException {
        SheetTable table = null;
        try {
            int index = SheetTable.sheetIndex(workbook, options.sheet());
            String sheet = workbook.sheetNames().get(index);
            for (Field f : schema.fields()) {
                if (f.isRecord() || f.repeated()) {
                    throw new DataException(DataLocation.of(workbook.label()).withColumn(f.name()),
                            "a sheet has no nested or repeated fields; field '" + f.name() + "' cannot be read from it");
                }
            }
            table = SheetTable.open(workbook, index, options);
            List<String> names = table.columnNames(Math.max(table.headerWidth(), table.lookaheadWidth()));
            Map<String, Integer> byName = new HashMap<>();
            for (int j = 0; j < names.size(); j++) {
                byName.put(names.get(j), j);
            }
            int n = schema.size();
            int[] columns = new int[n];
            String[] labels = new String[n];
            CellConverter[] converters = new CellConverter[n];
            for (int i = 0; i < n; i++) {
                Field f = schema.fields().get(i);
                Integer j = byName.get(f.name());
                if (j == null) {
                    j = letterColumn(f.name(), names.size());
                }
                if (j == null) {
                    throw new DataException(DataLocation.of(workbook.label()).withColumn(f.name()), "sheet '" + sheet
                            + "' has no column '" + f.name() + "' (columns: " + String.join(", ", names) + ")");
                }
                columns[i] = j;
                labels[i] = f.name() + " (" + CellRef.columnLetters(j) + ")";
                converters[i] = new CellConverter(f.type(), f.format(), workbook.date1904());
            }
            return new ExcelRecordReader(workbook, table, schema, sheet, columns, labels, converters);
        } catch (DataException | RuntimeException e) {
            closeQuietly(table);
            workbook.close();
            throw e;
        }
    }

    /** @return the column of a name that is column letters beyond the named columns, else null */
    private static Integer letterColumn(String name, int named) {
        if (!name.matches("[A-Z]{1,3}")) {
            return null;
        }
        int j = CellRef.columnIndex(name);
        return j >= named && j < 16_384 ? j : null;
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public Object[] next() throws DataException {
        SheetRow row = table.nextDataRow();
        if (row == null) {
            return null;
        }
        record++;
        line = row.rowNumber();
        for (int i = 0; i < columns.length; i++) {
            Object cell = row.cell(columns[i]);
            if (cell instanceof CellError e) {
                throw DataException.badRecord(new DataLocation(workbook.label(), line, record, columnLabels[i]),
                        "sheet '" + sheet + "', cell " + CellRef.a1(columns[i], line) + " holds " + e.description(),
                        rawText(row));
            }
            out[i] = converters[i].convert(cell);
        }
        return out;
    }

    private static String rawText(SheetRow row) {
        StringJoiner j = new StringJoiner("\t");
        for (Object c : row.cells()) {
            j.add(c == null ? "" : c instanceof CellError e ? e.description() : Values.format(c));
        }
        return j.toString();
    }

    @Override
    public DataLocation location() {
        return new DataLocation(workbook.label(), line, record < 1 ? -1 : record, null);
    }

    @Override
    public long bytesRead() {
        return table.bytesRead();
    }

    @Override
    public long totalBytes() {
        return table.totalBytes();
    }

    @Override
    public void close() throws IOException {
        try {
            table.close();
        } finally {
            workbook.close();
        }
    }

    private static void closeQuietly(SheetTable table) {
        if (table != null) {
            try {
                table.close();
            } catch (IOException e) {
                // the open failure is what gets reported
            }
        }
    }
}
