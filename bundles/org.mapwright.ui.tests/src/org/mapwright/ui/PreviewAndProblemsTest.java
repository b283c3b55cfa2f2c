package org.mapwright.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.engine.Problem;
import org.mapwright.ui.model.ProjectEdits;
import org.mapwright.ui.model.Selection;

class PreviewAndProblemsTest {

    @TempDir
    Path temp;

    private UiTest ui;
    private UiTest.Workbench w;

    @BeforeEach
    void open() throws Exception {
        ui = UiTest.open(temp, "orders-project");
        w = ui.workbench();
        ui.waitUntil(() -> w.preview().table().getItemCount() > 0, "the first preview arrives");
    }

    @AfterEach
    void close() {
        ui.close();
    }

    /** @return the text of a cell, filling the virtual item first */
    private String cell(int row, String column) {
        Table t = w.preview().table();
        int col = -1;
        for (int i = 0; i < t.getColumnCount(); i++) {
            if (t.getColumn(i).getText().equals(column)) {
                col = i;
            }
        }
        TableItem item = t.getItem(row);
        return item.getText(col);
    }

    @Test
    void showsTargetRowsAndRejectedRowsWithTheirReason() {
        Table t = w.preview().table();
        assertEquals(6, t.getItemCount(), "5 rows and 1 reject");
        assertEquals("25.00", cell(0, "total"));
        assertEquals("ADA LOVELACE", cell(0, "customer_name"));
        String status = cell(4, "Status");
        assertTrue(status.startsWith("✗ ") && status.contains("x9"), "the reject sits at its place in the file: " + status);
        assertEquals("5", cell(4, "#"));
        assertEquals(new org.eclipse.swt.graphics.RGB(255, 235, 238), t.getItem(4).getBackground().getRGB());
        assertEquals("ok", cell(5, "Status"));
        assertTrue(w.preview().headerText().contains("5 rows · read 6 · filtered 0 · rejected 1"), w.preview().headerText());
    }

    @Test
    void statusColumnIsAsWideAsItsWidestStatusUpToACapWithTheWholeReasonAsToolTip() {
        Table t = w.preview().table();
        int widest = widestStatus(t);
        int width = w.preview().columnWidth("Status");
        assertTrue(width <= 240, "a long reason does not push the values away: " + width);
        assertTrue(width >= Math.min(widest, 210), "as wide as the reason where it fits: " + width + " for text " + widest);
        org.eclipse.swt.graphics.Rectangle cellBounds = t.getItem(4).getBounds(1);
        String tip = w.preview().statusToolTip(new org.eclipse.swt.graphics.Point(cellBounds.x + 5, cellBounds.y + 2));
        assertTrue(tip != null && tip.contains("x9") && tip.startsWith("✗ "), "the whole reason on hover: " + tip);
        org.eclipse.swt.graphics.Rectangle okBounds = t.getItem(0).getBounds(1);
        assertEquals(null, w.preview().statusToolTip(new org.eclipse.swt.graphics.Point(okBounds.x + 5, okBounds.y + 2)));
        t.getColumn(1).setWidth(600);
        ui.session.execute("edit", ProjectEdits.setExpression("map_orders", "t_total", "amount"));
        ui.waitUntil(() -> "12.50".equals(cell(0, "total")), "the preview follows the edit");
        assertTrue(w.preview().columnWidth("Status") <= 240,
                "a recomputed preview sizes the status to its content again: " + w.preview().columnWidth("Status"));
    }

    private int widestStatus(Table t) {
        org.eclipse.swt.graphics.GC gc = new org.eclipse.swt.graphics.GC(t);
        try {
            gc.setFont(t.getFont());
            int widest = gc.textExtent("Status").x;
            for (int i = 0; i < t.getItemCount(); i++) {
                widest = Math.max(widest, gc.textExtent(cell(i, "Status")).x);
            }
            return widest;
        } finally {
            gc.dispose();
        }
    }

    @Test
    void recomputesAfterAnEditAndTogglesToSourceRows() {
        ui.session.execute("edit", ProjectEdits.setExpression("map_orders", "t_total", "amount"));
        ui.waitUntil(() -> "12.50".equals(cell(0, "total")), "the preview follows the edit");
        w.preview().setShowSource(true);
        assertEquals("orders.order_id", w.preview().table().getColumn(2).getText());
        assertTrue(List.of(w.preview().table().getColumns()).stream().anyMatch(c -> c.getText().equals("customers.name")));
        assertEquals("Ada Lovelace", cell(0, "customers.name"));
    }

    @Test
    void columnsKeepTheirWidthWhenThePreviewIsRecomputedInAHiddenTab() {
        w.bottom().setSelection(1);
        ui.spin();
        ui.session.execute("edit", ProjectEdits.setExpression("map_orders", "t_total", "amount"));
        ui.waitUntil(() -> "12.50".equals(cell(0, "total")), "the hidden preview follows the edit");
        w.bottom().setSelection(0);
        ui.spin();
        for (var c : w.preview().table().getColumns()) {
            assertTrue(c.getWidth() >= 24, "column " + c.getText() + " is visible: " + c.getWidth());
        }
    }

    @Test
    void explainsWhyACellHasItsValue() {
        w.preview().explain(0, 3);
        String why = w.preview().whyText();
        assertTrue(why.startsWith("total = round(amount * qty, 2) → 25.00"), why);
        assertTrue(why.contains("amount = 12.50") && why.contains("qty = 2"), why);
    }

    @Test
    void aBrokenExpressionIsListedAndDoubleClickSelectsItsField() {
        ui.session.execute("break", ProjectEdits.setExpression("map_orders", "t_mail", "uper(email)"));
        ui.waitUntil(() -> w.problems().viewer().getTable().getItemCount() > 0, "the problem is listed");
        Problem p = (Problem) w.problems().viewer().getElementAt(0);
        assertEquals("t_mail", p.location().element());
        assertTrue(w.problems().summaryText().startsWith("1 error"), w.problems().summaryText());
        assertTrue(w.problems().viewer().getTable().getItem(0).getText(1).contains("email"), "the Where column names the field");
        w.problems().reveal(p);
        Selection.TargetField sel = assertInstanceOf(Selection.TargetField.class, ui.session.selection());
        assertEquals("t_mail", sel.fieldId());
        assertEquals("t_mail", w.editor().diagram().selectedTarget());
        assertEquals("t_mail", w.editor().expressionEditor().targetFieldId());
        ui.session.execute("fix", ProjectEdits.setExpression("map_orders", "t_mail", "upper(email)"));
        ui.waitUntil(() -> w.problems().viewer().getTable().getItemCount() == 0, "the problem goes away");
    }
}
