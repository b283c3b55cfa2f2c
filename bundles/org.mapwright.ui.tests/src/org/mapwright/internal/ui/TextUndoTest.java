package org.mapwright.internal.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.ui.ProjectActions;
import org.mapwright.ui.UiTest;
import org.mapwright.ui.handlers.RedoHandler;
import org.mapwright.ui.handlers.UndoHandler;
import org.mapwright.ui.model.ProjectEdits;
import org.mapwright.ui.parts.MappingEditorPart;

class TextUndoTest {

    @TempDir
    Path temp;

    private UiTest ui;

    @BeforeEach
    void open() throws Exception {
        ui = UiTest.open(temp, "orders-project");
    }

    @AfterEach
    void close() {
        ui.close();
    }

    @Test
    void undoesAndRedoesTypedTextInSteps() {
        ui.shell.open();
        Text t = new Text(ui.shell, SWT.BORDER);
        TextUndo u = TextUndo.attach(t);
        assertSame(u, TextUndo.attach(t), "one history per widget");
        t.setText("first");
        t.setText("first second");
        assertTrue(u.undo());
        assertEquals("first", t.getText());
        assertTrue(u.undo());
        assertEquals("", t.getText());
        assertFalse(u.undo());
        assertTrue(u.redo());
        assertEquals("first", t.getText());
        t.setText("other");
        assertFalse(u.canRedo(), "a new edit drops the redo steps");
        assertNull(TextUndo.attach(new Text(ui.shell, SWT.READ_ONLY)), "a read-only text has nothing to undo");
    }

    /** Select all, type over it and go on typing: one Ctrl+Z brings the old text back. */
    @Test
    void typingOverASelectionAndGoingOnIsOneStep() {
        ui.shell.open();
        Text t = new Text(ui.shell, SWT.BORDER);
        t.setText("lower(email)");
        TextUndo u = TextUndo.attach(t);
        t.setText("u");
        t.setText("up");
        t.setText("upp");
        assertTrue(u.undo());
        assertEquals("lower(email)", t.getText());
        assertFalse(u.canUndo());
    }

    @Test
    void ctrlZInsideTheTextUndoesTheText() {
        ui.shell.open();
        StyledText t = new StyledText(ui.shell, SWT.BORDER);
        TextUndo.attach(t);
        t.setText("abc def");
        Event e = new Event();
        e.keyCode = 'z';
        e.stateMask = SWT.MOD1;
        e.doit = true;
        t.notifyListeners(SWT.KeyDown, e);
        assertEquals("", t.getText());
        assertFalse(e.doit, "the key is consumed");
        e.keyCode = 'y';
        e.doit = true;
        t.notifyListeners(SWT.KeyDown, e);
        assertEquals("abc def", t.getText());
    }

    @Test
    void theUndoCommandActsOnTheFocusedTextNotOnTheProject() {
        UiTest.Workbench w = ui.workbench();
        ui.session.execute("Map email", ProjectEdits.setExpression("map_orders", "t_mail", "customers.email"));
        MappingEditorPart editor = w.editor();
        Text filter = editor.filterText();
        ui.shell.forceActive();
        filter.forceFocus();
        ui.spin();
        assertSame(filter, ui.display.getFocusControl(), "the filter has the focus");
        filter.setText("mail");
        assertTrue(new UndoHandler().canExecute(ui.session));
        new UndoHandler().execute(ui.shell, ui.context);
        assertEquals("", filter.getText(), "the filter's typing was undone");
        assertNotNull(ui.session.project().mapping("map_orders").orElseThrow().mappingFor("t_mail").orElse(null),
                "the project edit is still there");
        new RedoHandler().execute(ui.shell, ui.context);
        assertEquals("mail", filter.getText());

        editor.diagram().forceFocus();
        ui.spin();
        ProjectActions.undoInFocus(ui.display, ui.context);
        assertTrue(ui.session.project().mapping("map_orders").orElseThrow().mappingFor("t_mail").isEmpty(),
                "outside text widgets Undo reverts the project edit");
    }

    @Test
    void ctrlZInTheExpressionEditorUndoesTheTypingAndCommitsTheOldExpressionAgain() {
        UiTest.Workbench w = ui.workbench();
        ui.session.select(new org.mapwright.ui.model.Selection.TargetField("map_orders", "t_total"), this);
        ui.spin();
        StyledText text = w.editor().expressionEditor().viewer().getTextWidget();
        assertEquals("round(amount * qty, 2)", text.getText());
        ui.shell.forceActive();
        text.forceFocus();
        ui.spin();
        assertSame(text, ui.display.getFocusControl(), "the expression has the focus");
        text.setText("amount");
        assertEquals("amount", expression("t_total"));
        new UndoHandler().execute(ui.shell, ui.context);
        assertEquals("round(amount * qty, 2)", text.getText(), "the text's own history");
        assertEquals("round(amount * qty, 2)", expression("t_total"), "the editor commits what the text shows");
        assertFalse(TextUndo.of(text).canUndo(), "showing the field's expression was no typing to undo");
    }

    private String expression(String targetId) {
        return ui.session.project().mapping("map_orders").orElseThrow().mappingFor(targetId).orElseThrow().expression();
    }
}
