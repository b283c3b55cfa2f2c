package org.mapwright.internal.connector.excel;

import java.io.Closeable;
import java.io.IOException;

import org.mapwright.core.connector.DataException;

/** The rows of one sheet in order, read lazily. Rows may be blank; absent rows are skipped. */
public interface SheetRowSource extends Closeable {

    /**
     * @return the next stored row, or null at the end of the sheet
     * @throws DataException (fatal) when the sheet cannot be read further
     */
    SheetRow next() throws DataException;

    /** @return bytes of the sheet consumed so far, or -1 if unknown */
    default long bytesRead() {
        return -1;
    }

    /** @return total bytes of the sheet, or -1 if unknown */
    default long totalBytes() {
        return -1;
    }

    @Override
    void close() throws IOException;
}
