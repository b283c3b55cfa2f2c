package org.mapwright.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.ui.editor.ExpressionEditor;
import org.mapwright.ui.model.Selection;
import org.mapwright.ui.parts.MappingEditorPart;

class ExpressionEditorTest {

    @TempDir
    Path temp;

    private UiTest ui;
    private ExpressionEditor editor;
    private StyledText text;

    @BeforeEach
    void open() throws Exception {
        ui = UiTest.open(temp, "orders-project");
        Composite area = new Composite(ui.shell, SWT.NONE);
        area.setLayout(new FillLayout());
        editor = ui.part(MappingEditorPart.class, area).expressionEditor();
        text = editor.viewer().getTextWidget();
        ui.shell.layout(true, true);
        ui.shell.open();
        ui.spin();
        ui.session.select(new Selection.TargetField("map_orders", "t_mail"), this);
        ui.spin();
    }

    @AfterEach
    void close() {
        ui.close();
    }

    private String expr(String target) {
        return ui.session.project().mapping("map_orders").orElseThrow().mappingFor(target).map(m -> m.expression()).orElse(null);
    }

    /** @return the items of the content assist popup once it is open */
    private List<String> popupItems() {
        ui.waitUntil(() -> popupTable() != null && popupTable().getItemCount() > 0, "the content assist popup opens");
        List<String> out = new ArrayList<>();
        for (TableItem i : popupTable().getItems()) {
            out.add(i.getText());
        }
        return out;
    }

    private Table popupTable() {
        for (Shell s : ui.display.getShells()) {
            if (s != ui.shell && s.isVisible()) {
                Table t = find(s);
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }

    private static Table find(Composite c) {
        for (Control child : c.getChildren()) {
            if (child instanceof Table t) {
                return t;
            }
            if (child instanceof Composite inner) {
                Table t = find(inner);
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }

    @Test
    void ctrlSpaceListsFieldsAndFunctionsWithTheirDocs() {
        text.setFocus();
        UiTest.key(text, ' ', ' ', SWT.MOD1);
        List<String> items = popupItems();
        assertTrue(items.contains("email : text"), items.toString());
        assertTrue(items.contains("customers.email : text"), items.toString());
        assertTrue(items.stream().anyMatch(i -> i.startsWith("upper(") && i.contains(" — ")), "functions with their one-line doc: " + items);
    }

    @Test
    void applyingAProposalInsertsTheFunctionAndTheExpressionCompiles() {
        text.setFocus();
        text.setText("low");
        text.setCaretOffset(3);
        UiTest.key(text, ' ', ' ', SWT.MOD1);
        List<String> items = popupItems();
        assertTrue(items.get(0).startsWith("lower("), items.toString());
        UiTest.key(text, SWT.CR, '\r', 0);
        ui.waitUntil(() -> text.getText().equals("lower()"), "the proposal is inserted");
        assertEquals(6, text.getCaretOffset(), "caret between the parentheses");
        text.insert("email");
        ui.spin();
        assertEquals("lower(email)", expr("t_mail"));
        assertTrue(editor.messageText().startsWith("✓ text"), editor.messageText());
    }

    @Test
    void tokensAreColouredLikeTheLexerSplitsThem() {
        text.setText("lower(email) || 'x'");
        ui.spin();
        StyleRange fn = text.getStyleRangeAtOffset(1);
        assertNotNull(fn);
        assertEquals(SWT.BOLD, fn.fontStyle & SWT.BOLD);
        assertEquals(new RGB(142, 68, 173), fn.foreground.getRGB());
        assertEquals(new RGB(0, 105, 92), text.getStyleRangeAtOffset(7).foreground.getRGB(), "field");
        assertEquals(new RGB(46, 125, 50), text.getStyleRangeAtOffset(17).foreground.getRGB(), "string");
    }

    @Test
    void aBrokenExpressionIsUnderlinedWithTheCompilersMessage() {
        text.setText("uper(email)");
        ui.spin();
        assertTrue(editor.messageText().startsWith("✗ "), editor.messageText());
        assertTrue(editor.messageText().contains("uper"), editor.messageText());
        StyleRange r = text.getStyleRangeAtOffset(1);
        assertTrue(r.underline && r.underlineStyle == SWT.UNDERLINE_SQUIGGLE, "error range is underlined: " + r);
        text.setText("upper(email)");
        ui.spin();
        assertTrue(editor.messageText().startsWith("✓"), editor.messageText());
        assertTrue(Arrays.stream(text.getStyleRanges()).noneMatch(x -> x.underline), "no underline once fixed");
    }

    @Test
    void typingIsOneUndoStep() {
        text.setText("l");
        text.append("ower(email)");
        ui.spin();
        assertEquals("lower(email)", expr("t_mail"));
        ProjectActions.undo(ui.context);
        ui.spin();
        assertEquals(null, expr("t_mail"));
        assertEquals("", text.getText(), "the editor follows undo");
    }
}
