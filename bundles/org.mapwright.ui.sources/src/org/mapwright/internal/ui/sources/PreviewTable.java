package org.mapwright.internal.ui.sources;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

/** Fills a plain SWT table with a {@link Rows.Preview}: a row-number column, then one column per field. */
public final class PreviewTable {

    private PreviewTable() {
    }

    /**
     * Replaces the table's columns and rows.
     *
     * @param firstRowNumber the number shown for the first row (1 for a first page)
     */
    public static void show(Table table, Rows.Preview p, long firstRowNumber) {
        if (table.isDisposed()) {
            return;
        }
        table.setRedraw(false);
        try {
            table.removeAll();
            for (TableColumn col : table.getColumns()) {
                col.dispose();
            }
            if (p == null) {
                return;
            }
            TableColumn n = new TableColumn(table, SWT.RIGHT);
            n.setText("#");
            n.setWidth(48);
            for (String col : p.columns()) {
                TableColumn tc = new TableColumn(table, SWT.LEFT);
                tc.setText(col);
                tc.setWidth(Math.max(70, Math.min(200, col.length() * 9 + 24)));
            }
            long i = firstRowNumber;
            for (String[] row : p.rows()) {
                TableItem item = new TableItem(table, SWT.NONE);
                String[] text = new String[row.length + 1];
                text[0] = String.valueOf(i++);
                for (int k = 0; k < row.length; k++) {
                    text[k + 1] = row[k] == null ? Rows.NULL : row[k];
                }
                item.setText(text);
            }
        } finally {
            table.setRedraw(true);
        }
    }

    /** @return a one-line summary of a preview for the page's message */
    public static String summary(Rows.Preview p) {
        StringBuilder m = new StringBuilder();
        if (p.failure() != null) {
            m.append(p.failure());
        } else {
            m.append(p.rows().size()).append(p.rows().size() == 1 ? " row × " : " rows × ").append(p.columns().size()).append(" columns shown.");
        }
        if (!p.errors().isEmpty()) {
            m.append("  ").append(p.errors().size()).append(" bad record(s), e.g. ").append(p.errors().get(0));
        }
        return m.toString();
    }
}
