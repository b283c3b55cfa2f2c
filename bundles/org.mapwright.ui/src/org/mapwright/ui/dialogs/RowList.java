package org.mapwright.ui.dialogs;

import static org.mapwright.ui.dialogs.LiveValidation.button;

import java.util.List;
import java.util.function.Function;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;

/**
 * The rows a dialog edits (joins, rules, outputs) as a list with Add/Remove (and Up/Down) buttons
 * beside an editor of the selected row. The dialog owns the rows and fills the editor; this keeps
 * the list in step with the rows and reports every change of the rows to the dialog.
 *
 * @param <R> a row being edited
 */
final class RowList<R> {

    private final List<R> rows;
    private final Function<R, String> describe;
    private final Runnable show;
    private final Runnable changed;
    private final Composite left;
    private final org.eclipse.swt.widgets.List list;
    private Composite detail;
    private String emptyHint;
    private String selectHint;
    private int detailColumns;

    /**
     * Creates the left column with the list; {@link #buttons} and {@link #createDetail} complete it.
     *
     * @param rows     the dialog's rows, edited in place
     * @param describe a row's line in the list
     * @param show     fills the editor for the selection, beginning with {@link #clearDetail()}
     * @param changed  called after the rows changed
     */
    RowList(Composite parent, int listWidth, int listHeight, List<R> rows, Function<R, String> describe, Runnable show,
            Runnable changed) {
        this.rows = rows;
        this.describe = describe;
        this.show = show;
        this.changed = changed;
        left = new Composite(parent, SWT.NONE);
        left.setLayoutData(new GridData(SWT.FILL, SWT.FILL, false, true));
        left.setLayout(new GridLayout(1, false));
        list = new org.eclipse.swt.widgets.List(left, SWT.BORDER | SWT.SINGLE | SWT.V_SCROLL);
        GridData ld = new GridData(SWT.FILL, SWT.FILL, true, true);
        ld.widthHint = listWidth;
        ld.heightHint = listHeight;
        list.setLayoutData(ld);
        list.addListener(SWT.Selection, e -> show.run());
    }

    /**
     * Adds the buttons below the list.
     *
     * @param role   prefix of the buttons' {@code role} data ({@code role.add}, {@code role.remove}...), or null for none
     * @param add    adds a row
     * @param upDown whether rows can be reordered
     */
    void buttons(String role, Runnable add, boolean upDown) {
        Composite buttons = new Composite(left, SWT.NONE);
        buttons.setLayout(new GridLayout(upDown ? 4 : 2, true));
        button(buttons, "Add", role == null ? null : role + ".add", add);
        button(buttons, "Remove", role == null ? null : role + ".remove", this::remove);
        if (upDown) {
            button(buttons, "Up", role == null ? null : role + ".up", () -> move(-1));
            button(buttons, "Down", role == null ? null : role + ".down", () -> move(1));
        }
    }

    /** @return the column of the list and its buttons, for more controls below them */
    Composite left() {
        return left;
    }

    org.eclipse.swt.widgets.List list() {
        return list;
    }

    /**
     * Creates the editor beside the left column; {@link #showFirst()} fills it.
     *
     * @param widthHint  the editor's width hint, or {@link SWT#DEFAULT}
     * @param emptyHint  shown in the editor when there are no rows
     * @param selectHint shown in the editor when no row is selected
     * @return the editor, laid out in {@code columns} columns
     */
    Composite createDetail(Composite parent, int columns, int widthHint, String emptyHint, String selectHint) {
        this.detailColumns = columns;
        this.emptyHint = emptyHint;
        this.selectHint = selectHint;
        detail = new Composite(parent, SWT.NONE);
        GridData dd = new GridData(SWT.FILL, SWT.FILL, true, true);
        dd.widthHint = widthHint;
        detail.setLayoutData(dd);
        detail.setLayout(new GridLayout(columns, false));
        return detail;
    }

    /** Lists the rows and selects the first one, if any. */
    void showFirst() {
        refresh(rows.isEmpty() ? -1 : 0);
    }

    /** Lists the rows again, selects {@code select} (none when out of range) and shows its editor. */
    void refresh(int select) {
        list.removeAll();
        rows.forEach(r -> list.add(describe.apply(r)));
        if (select >= 0 && select < rows.size()) {
            list.select(select);
        }
        show.run();
    }

    /** Updates the line of an edited row and reports the change. */
    void relabel(int index) {
        if (index < list.getItemCount()) {
            list.setItem(index, describe.apply(rows.get(index)));
        }
        changed.run();
    }

    /**
     * Empties the editor; when no row is selected, it shows why instead.
     *
     * @return the index of the selected row, or -1 when there is none and the editor is done
     */
    int clearDetail() {
        for (Control child : detail.getChildren()) {
            child.dispose();
        }
        int index = list.getSelectionIndex();
        if (index < 0) {
            Label hint = new Label(detail, SWT.WRAP);
            hint.setText(rows.isEmpty() ? emptyHint : selectHint);
            hint.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, detailColumns, 1));
            detail.layout(true, true);
        }
        return index;
    }

    private void remove() {
        int i = list.getSelectionIndex();
        if (i >= 0) {
            rows.remove(i);
            refresh(Math.min(i, rows.size() - 1));
            changed.run();
        }
    }

    private void move(int delta) {
        int i = list.getSelectionIndex();
        int j = i + delta;
        if (i < 0 || j < 0 || j >= rows.size()) {
            return;
        }
        rows.add(j, rows.remove(i));
        refresh(j);
        changed.run();
    }
}
