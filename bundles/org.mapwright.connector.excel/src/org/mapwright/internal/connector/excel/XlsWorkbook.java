package org.mapwright.internal.connector.excel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.crypt.Decryptor;
import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.DataLocation;

/**
 * An .xls (BIFF8) workbook or an OLE2 container of an encrypted .xlsx. BIFF8 files are read with
 * POI's HSSF user model, which holds the workbook in memory; the format itself is capped at
 * 65,536 rows by 256 columns, which bounds that memory.
 */
final class XlsWorkbook implements WorkbookSource {

    private final String label;
    private final POIFSFileSystem fs;
    private final HSSFWorkbook workbook;
    private final List<String> names;
    private final boolean date1904;

    private XlsWorkbook(String label, POIFSFileSystem fs, HSSFWorkbook workbook) {
        this.label = label;
        this.fs = fs;
        this.workbook = workbook;
        List<String> n = new ArrayList<>();
        for (int i = 0; i < workbook.getNumberOfSheets(); i++) {
            n.add(workbook.getSheetName(i));
        }
        this.names = List.copyOf(n);
        this.date1904 = workbook.getInternalWorkbook().isUsing1904DateWindowing();
    }

    static XlsWorkbook open(Path file, String label) throws DataException {
        DataLocation loc = DataLocation.of(label);
        POIFSFileSystem fs = null;
        try {
            fs = new POIFSFileSystem(file.toFile(), true);
            DirectoryNode root = fs.getRoot();
            if (root.hasEntry(Decryptor.DEFAULT_POIFS_ENTRY) || root.hasEntry("EncryptionInfo")) {
                throw new DataException(loc, Workbooks.PASSWORD_PROTECTED);
            }
            HSSFWorkbook workbook = new HSSFWorkbook(root, true);
            if (workbook.getNumberOfSheets() == 0) {
                workbook.close();
                throw new DataException(loc, Workbooks.CORRUPT + "the workbook has no sheets");
            }
            return new XlsWorkbook(label, fs, workbook);
        } catch (DataException e) {
            closeQuietly(fs);
            throw e;
        } catch (IOException | RuntimeException e) {
            closeQuietly(fs);
            throw Workbooks.failure(loc, null, e);
        }
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public boolean date1904() {
        return date1904;
    }

    @Override
    public List<String> sheetNames() {
        return names;
    }

    @Override
    public SheetRowSource openSheet(int index) {
        return new Rows(workbook.getSheetAt(index));
    }

    @Override
    public List<MergedRegion> mergedRegions(int index) {
        List<MergedRegion> regions = new ArrayList<>();
        for (CellRangeAddress a : workbook.getSheetAt(index).getMergedRegions()) {
            regions.add(new MergedRegion(a.getFirstRow() + 1, a.getLastRow() + 1, a.getFirstColumn(), a.getLastColumn()));
        }
        return regions;
    }

    @Override
    public void close() {
        try {
            workbook.close();
        } catch (IOException e) {
            // opened read-only; nothing to save
        }
        closeQuietly(fs);
    }

    private static void closeQuietly(POIFSFileSystem fs) {
        if (fs != null) {
            try {
                fs.close();
            } catch (IOException e) {
                // read-only file system; nothing to save
            }
        }
    }

    private final class Rows implements SheetRowSource {

        private final Iterator<Row> rows;
        private final DateFormat[] formats = new DateFormat[workbook.getNumCellStyles()];

        Rows(Sheet sheet) {
            this.rows = sheet.rowIterator();
        }

        @Override
        public SheetRow next() {
            if (!rows.hasNext()) {
                return null;
            }
            Row row = rows.next();
            Object[] cells = new Object[Math.max(0, row.getLastCellNum())];
            int width = 0;
            for (Cell cell : row) {
                Object v = value(cell, cell.getCellType());
                if (v != null) {
                    cells[cell.getColumnIndex()] = v;
                    width = Math.max(width, cell.getColumnIndex() + 1);
                }
            }
            return new SheetRow(row.getRowNum() + 1, width == cells.length ? cells : Arrays.copyOf(cells, width));
        }

        private Object value(Cell cell, CellType type) {
            switch (type) {
                case NUMERIC:
                    return number(cell);
                case STRING:
                    String s = cell.getStringCellValue();
                    return s == null || s.isEmpty() ? null : s;
                case BOOLEAN:
                    return cell.getBooleanCellValue();
                case ERROR:
                    return error(cell.getErrorCellValue());
                case FORMULA:
                    return value(cell, cell.getCachedFormulaResultType());
                default:
                    return null;
            }
        }

        private Object number(Cell cell) {
            double d = cell.getNumericCellValue();
            if (!Double.isFinite(d)) {
                return new CellError("a number that is not finite");
            }
            DateFormat format = format(cell.getCellStyle());
            if (format.date()) {
                Object date = CellValues.date(d, date1904, format);
                if (date != null) {
                    return date;
                }
            }
            return CellValues.number(d);
        }

        private DateFormat format(CellStyle style) {
            int i = style.getIndex();
            if (i < 0 || i >= formats.length) {
                return DateFormat.of(style.getDataFormat(), style.getDataFormatString());
            }
            DateFormat f = formats[i];
            if (f == null) {
                f = DateFormat.of(style.getDataFormat(), style.getDataFormatString());
                formats[i] = f;
            }
            return f;
        }

        private Object error(byte code) {
            try {
                return CellError.excelError(FormulaError.forInt(code).getString());
            } catch (IllegalArgumentException e) {
                return CellError.excelError("#ERROR(" + code + ")");
            }
        }

        @Override
        public void close() {
            // the rows live in the workbook, which the workbook source closes
        }
    }
}
