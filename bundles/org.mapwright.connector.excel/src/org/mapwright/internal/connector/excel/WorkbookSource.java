package org.mapwright.internal.connector.excel;

import java.io.Closeable;
import java.util.List;

import org.mapwright.core.connector.DataException;

/** An open workbook of either format: its sheets and their rows. Not thread-safe. */
public interface WorkbookSource extends Closeable {

    /** @return the file label used in locations */
    String label();

    /** @return whether date serials count from 1904 (Mac Excel) instead of 1900 */
    boolean date1904();

    /** @return the sheet names in workbook order */
    List<String> sheetNames();

    /**
     * @param index 0-based sheet index
     * @return the sheet's rows as stored (cells unchanged by merged regions)
     */
    SheetRowSource openSheet(int index) throws DataException;

    /** @return the merged regions of a sheet (for .xlsx this reads the whole sheet once) */
    List<MergedRegion> mergedRegions(int index) throws DataException;

    /** Releases the file; never throws. */
    @Override
    void close();
}
