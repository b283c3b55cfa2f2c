package org.mapwright.internal.connector.excel;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.mapwright.core.connector.DataException;

/**
 * Repeats the value of each merged region's top-left cell in every cell of the region
 * ({@code mergedCells = fill}). Rows a region covers that the file does not store at all are
 * produced as well, so a vertically merged label reaches every row beside it.
 */
final class MergeFillingSource implements SheetRowSource {

    private record Active(MergedRegion region, Object value) {
    }

    private final SheetRowSource rows;
    private final MergedRegion[] regions;
    private final List<Active> active = new ArrayList<>();
    private int nextRegion;
    private int lastRow;
    private SheetRow pending;
    private boolean pendingLoaded;

    MergeFillingSource(SheetRowSource rows, List<MergedRegion> regions) {
        this.rows = rows;
        this.regions = regions.toArray(new MergedRegion[0]);
        Arrays.sort(this.regions, Comparator.comparingInt(MergedRegion::firstRow));
    }

    @Override
    public SheetRow next() throws DataException {
        if (!pendingLoaded) {
            pending = rows.next();
            pendingLoaded = true;
        }
        int candidate = lastRow + 1;
        SheetRow row;
        if (covers(candidate) && (pending == null || pending.rowNumber() > candidate)) {
            row = new SheetRow(candidate, new Object[0]);
        } else if (pending == null) {
            return null;
        } else {
            row = pending;
            pendingLoaded = false;
        }
        lastRow = row.rowNumber();
        return fill(row);
    }

    private boolean covers(int row) {
        for (Active a : active) {
            if (a.region().lastRow() >= row) {
                return true;
            }
        }
        return false;
    }

    private SheetRow fill(SheetRow row) {
        int r = row.rowNumber();
        active.removeIf(a -> a.region().lastRow() < r);
        while (nextRegion < regions.length && regions[nextRegion].firstRow() <= r) {
            MergedRegion g = regions[nextRegion++];
            Object v = g.firstRow() == r ? row.cell(g.firstColumn()) : null;
            if (v != null && g.lastRow() >= r) {
                active.add(new Active(g, v));
            }
        }
        if (active.isEmpty()) {
            return row;
        }
        Object[] cells = row.cells();
        for (Active a : active) {
            MergedRegion g = a.region();
            if (cells.length <= g.lastColumn()) {
                cells = Arrays.copyOf(cells, g.lastColumn() + 1);
            }
            Arrays.fill(cells, g.firstColumn(), g.lastColumn() + 1, a.value());
        }
        return new SheetRow(r, cells);
    }

    @Override
    public long bytesRead() {
        return rows.bytesRead();
    }

    @Override
    public long totalBytes() {
        return rows.totalBytes();
    }

    @Override
    public void close() throws IOException {
        rows.close();
    }
}
