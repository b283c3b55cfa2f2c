package org.mapwright.ui.sql;

import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

/**
 * A virtual grid of query rows: an {@link SWT#VIRTUAL} table that creates items only for the rows
 * scrolled into view, reading them from a {@link QueryResult} that may still be growing. NULL
 * values are shown as {@code NULL} in grey, so they differ from empty text.
 */
public final class ResultGrid {

    /** Widest a column starts; the user can widen it. */
    private static final int MAX_INITIAL_WIDTH = 320;
    private static final int MIN_INITIAL_WIDTH = 60;

    private final Table table;
    private final Color nullColor;
    private QueryResult result;

    public ResultGrid(Composite parent) {
        table = new Table(parent, SWT.VIRTUAL | SWT.BORDER | SWT.FULL_SELECTION | SWT.MULTI | SWT.H_SCROLL | SWT.V_SCROLL);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        nullColor = table.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY);
        table.addListener(SWT.SetData, e -> fill((TableItem) e.item, e.index));
    }

    public Table table() {
        return table;
    }

    /** Shows the columns of a result and no rows yet; null clears the grid. */
    public void show(QueryResult newResult) {
        result = newResult;
        table.setRedraw(false);
        try {
            table.removeAll();
            for (TableColumn c : table.getColumns()) {
                c.dispose();
            }
            if (result != null) {
                for (QueryResult.Column col : result.columns()) {
                    TableColumn c = new TableColumn(table, SWT.LEFT);
                    c.setText(col.name());
                    c.setToolTipText(col.name() + " : " + col.type());
                    c.setMoveable(true);
                    c.setWidth(Math.max(MIN_INITIAL_WIDTH, Math.min(MAX_INITIAL_WIDTH, 12 + 8 * col.name().length())));
                }
            }
        } finally {
            table.setRedraw(true);
        }
    }

    /** Makes the first {@code count} rows of the shown result available; items are created when painted. */
    public void setRowCount(int count) {
        if (result != null && count != table.getItemCount()) {
            table.setItemCount(count);
        }
    }

    public int rowCount() {
        return table.getItemCount();
    }

    /** @return the text a cell shows ({@code NULL} for null), creating the item if needed */
    public String text(int row, int column) {
        return table.getItem(row).getText(column);
    }

    private void fill(TableItem item, int index) {
        if (result == null) {
            return;
        }
        List<Object[]> rows = result.rows();
        Object[] row;
        synchronized (rows) {
            if (index >= rows.size()) {
                return;
            }
            row = rows.get(index);
        }
        for (int i = 0; i < row.length; i++) {
            if (row[i] == null) {
                item.setText(i, "NULL");
                item.setForeground(i, nullColor);
            } else {
                String s = ResultExport.text(row[i]);
                item.setText(i, s.length() > 1000 ? s.substring(0, 1000) + "\u2026" : s.replace('\n', ' '));
            }
        }
    }
}
