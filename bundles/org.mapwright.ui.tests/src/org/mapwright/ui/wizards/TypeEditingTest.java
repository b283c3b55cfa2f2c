package org.mapwright.ui.wizards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.viewers.ComboBoxCellEditor;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mapwright.core.DataType;

/** The type column both fields tables share. */
class TypeEditingTest {

    private final Shell shell = new Shell(Display.getDefault(), SWT.SHELL_TRIM);

    @AfterEach
    void dispose() {
        shell.dispose();
    }

    /** A row of a fields table: a name and a type the user may change. */
    static final class Row {
        final String name;
        DataType type;

        Row(String name, DataType type) {
            this.name = name;
            this.type = type;
        }
    }

    @Test
    void offersTheScalarTypesAndHandsTheChoiceToThePage() {
        TableViewer viewer = new TableViewer(shell, SWT.BORDER);
        TableViewerColumn column = new TableViewerColumn(viewer, SWT.LEFT);
        List<String> chosen = new ArrayList<>();
        Row id = new Row("id", DataType.INTEGER);
        Row nested = new Row("address", DataType.RECORD);
        TypeEditing<Row> editing = new TypeEditing<>(viewer, Row.class, r -> r.type != DataType.RECORD, r -> r.type, (r, t) -> {
            r.type = t;
            chosen.add(r.name + "=" + t.id());
        });
        column.setEditingSupport(editing);

        // The same package sees the steps the viewer calls when a cell is clicked.
        assertTrue(editing.canEdit(id));
        assertFalse(editing.canEdit(nested), "a record's type is its structure");
        ComboBoxCellEditor combo = (ComboBoxCellEditor) editing.getCellEditor(id);
        assertEquals(DataType.SCALARS.stream().map(DataType::id).toList(), List.of(combo.getItems()));
        assertEquals(DataType.SCALARS.indexOf(DataType.INTEGER), editing.getValue(id));
        assertEquals(0, editing.getValue(nested), "a type not offered shows as the first one");

        editing.setValue(id, DataType.SCALARS.indexOf(DataType.DATE));
        editing.setValue(id, -1);
        assertEquals(List.of("id=" + DataType.DATE.id()), chosen, "no choice (-1) changes nothing");
        assertEquals(DataType.DATE, id.type);
    }
}
