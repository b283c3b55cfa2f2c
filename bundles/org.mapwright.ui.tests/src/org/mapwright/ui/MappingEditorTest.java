package org.mapwright.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.ScrollBar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.core.io.ProjectIO;
import org.mapwright.ui.editor.DiagramRow;
import org.mapwright.ui.editor.MappingDiagram;
import org.mapwright.ui.model.MappingModel;
import org.mapwright.ui.model.Selection;
import org.mapwright.ui.parts.MappingEditorPart;

class MappingEditorTest {

    @TempDir
    Path temp;

    private UiTest ui;
    private MappingEditorPart editor;
    private MappingDiagram diagram;

    @BeforeEach
    void open() throws Exception {
        ui = UiTest.open(temp, "orders-project");
        Composite area = new Composite(ui.shell, SWT.NONE);
        area.setLayout(new FillLayout());
        editor = ui.part(MappingEditorPart.class, area);
        diagram = editor.diagram();
        ui.shell.layout(true, true);
        ui.shell.open();
        ui.spin();
    }

    @AfterEach
    void close() {
        ui.close();
    }

    private String expr(String targetId) {
        return ui.session.project().mapping("map_orders").orElseThrow().mappingFor(targetId).map(m -> m.expression()).orElse(null);
    }

    /** Screen point of a row's centre, within the canvas. */
    private Point center(DiagramRow r) {
        return new Point(r.x() + r.width() / 2, r.centerY() - diagram.scrollOffset());
    }

    private void drag(DiagramRow from, DiagramRow to) {
        Point a = center(from);
        Point b = center(to);
        UiTest.send(diagram, SWT.MouseDown, a.x, a.y, 1, 0);
        UiTest.send(diagram, SWT.MouseMove, a.x + 20, a.y + 2, 0, SWT.BUTTON1);
        UiTest.send(diagram, SWT.MouseMove, b.x, b.y, 0, SWT.BUTTON1);
        UiTest.send(diagram, SWT.MouseUp, b.x, b.y, 1, SWT.BUTTON1);
    }

    private Set<String> lines() {
        return diagram.model().lines().stream().map(l -> l.targetFieldId() + "<-" + l.sourceFieldId()).collect(Collectors.toSet());
    }

    @Test
    void draggingSourceFieldsOntoTargetFieldsMapsThem() {
        drag(diagram.sourceRow("src_customers", "f_cmail"), diagram.targetRow("t_mail"));
        drag(diagram.sourceRow("src_orders", "f_ostat"), diagram.targetRow("t_status"));
        assertEquals("email", expr("t_mail"));
        assertEquals("status", expr("t_status"));
        assertTrue(lines().containsAll(Set.of("t_mail<-f_cmail", "t_status<-f_ostat")));
        assertTrue(diagram.paintedLines().stream().anyMatch(p -> p.line().targetFieldId().equals("t_status")), "the new line is painted");
        assertTrue(ui.dirty, "the editor part is marked dirty");
        assertTrue(editor.statusText().startsWith("Mapped status"), editor.statusText());
        assertEquals("5/7 mapped · required 1/1", editor.coverageMeter().label());
    }

    @Test
    void undoAndRedoRestoreMappingsAndClearTheDirtyMarker() {
        drag(diagram.sourceRow("src_customers", "f_cmail"), diagram.targetRow("t_mail"));
        assertTrue(ui.dirty);
        ProjectActions.undo(ui.context);
        assertNull(expr("t_mail"));
        assertFalse(lines().contains("t_mail<-f_cmail"));
        assertFalse(ui.dirty, "back at the saved state");
        ProjectActions.redo(ui.context);
        assertEquals("email", expr("t_mail"));
        assertTrue(lines().contains("t_mail<-f_cmail"));
    }

    @Test
    void clickingALineSelectsItAndDelRemovesItsMapping() {
        MappingDiagram.PaintedLine line = diagram.paintedLines().stream().filter(p -> p.line().targetFieldId().equals("t_id")).findFirst()
                .orElseThrow();
        int[] pts = line.polyline();
        int mid = pts.length / 2 & ~1;
        UiTest.send(diagram, SWT.MouseDown, pts[mid], pts[mid + 1], 1, 0);
        UiTest.send(diagram, SWT.MouseUp, pts[mid], pts[mid + 1], 1, SWT.BUTTON1);
        assertNotNull(diagram.selectedLine());
        Selection.Line sel = assertInstanceOf(Selection.Line.class, ui.session.selection());
        assertEquals("f_oid", sel.sourceFieldId());
        UiTest.key(diagram, SWT.DEL, (char) 127, 0);
        assertNull(expr("t_id"));
        assertTrue(diagram.model().linesTo("t_id").isEmpty());
        ProjectActions.undo(ui.context);
        assertEquals("order_id", expr("t_id"));
    }

    @Test
    void keyboardOnlyMappingWithArrowsAndEnter() {
        diagram.setFocus();
        UiTest.key(diagram, SWT.ARROW_DOWN, (char) 0, 0);
        String[] marked = diagram.markedSource();
        assertEquals("f_oid", marked[1], "first source field");
        for (int i = 0; i < 5; i++) {
            UiTest.key(diagram, SWT.ARROW_DOWN, (char) 0, 0);
        }
        assertEquals("f_ostat", diagram.markedSource()[1]);
        UiTest.key(diagram, SWT.ARROW_RIGHT, (char) 0, 0);
        assertEquals("t_id", diagram.selectedTarget());
        for (int i = 0; i < 5; i++) {
            UiTest.key(diagram, SWT.ARROW_DOWN, (char) 0, 0);
        }
        assertEquals("t_status", diagram.selectedTarget());
        UiTest.key(diagram, SWT.CR, '\r', 0);
        assertEquals("status", expr("t_status"));
    }

    @Test
    void f2RenamesTheSelectedTargetFieldInPlace() {
        ui.session.select(new Selection.TargetField("map_orders", "t_country"), this);
        UiTest.key(diagram, SWT.F2, (char) 0, 0);
        assertNotNull(diagram.renameEditor());
        diagram.renameEditor().setText("country_code");
        diagram.renameEditor().notifyListeners(SWT.DefaultSelection, new Event());
        assertEquals("country_code", ui.session.project().mapping("map_orders").orElseThrow().targetSchema().byId("t_country").orElseThrow().name());
        assertNull(diagram.renameEditor());
    }

    @Test
    void linesFollowScrollingAndCollapsing() {
        ui.shell.setSize(900, 300);
        ui.spin();
        ScrollBar bar = diagram.getVerticalBar();
        assertTrue(bar.getMaximum() > bar.getThumb(), "the diagram is taller than the canvas");
        MappingDiagram.PaintedLine before = lineTo("t_cust");
        bar.setSelection(40);
        bar.notifyListeners(SWT.Selection, new Event());
        MappingDiagram.PaintedLine after = lineTo("t_cust");
        assertEquals(before.y1() - 40, after.y1());
        assertEquals(before.y2() - 40, after.y2());

        DiagramRow customers = diagram.rows().stream().filter(r -> r.header() && "src_customers".equals(r.sourceId())).findFirst().orElseThrow();
        diagram.toggle(customers);
        assertNull(diagram.sourceRow("src_customers", "f_cname"));
        MappingDiagram.PaintedLine collapsed = lineTo("t_cust");
        assertTrue(collapsed.dashed(), "a line into a collapsed source is dashed");
        assertEquals(customers.centerY() - diagram.scrollOffset(), collapsed.y1(), "and starts at the source header");
    }

    private MappingDiagram.PaintedLine lineTo(String target) {
        return diagram.paintedLines().stream().filter(p -> p.line().targetFieldId().equals(target)).findFirst().orElseThrow();
    }

    @Test
    void filterAndUnmappedOnlyNarrowTheTrees() {
        editor.focusFilter();
        assertTrue(editor.filterText().isFocusControl());
        editor.filterText().setText("mail");
        assertNotNull(diagram.sourceRow("src_customers", "f_cmail"));
        assertNull(diagram.sourceRow("src_orders", "f_oid"));
        assertNotNull(diagram.targetRow("t_mail"));
        assertNull(diagram.targetRow("t_id"));
        editor.filterText().setText("");
        editor.unmappedToggle().setSelection(true);
        editor.unmappedToggle().notifyListeners(SWT.Selection, new Event());
        assertNull(diagram.targetRow("t_id"), "mapped fields are hidden");
        assertNotNull(diagram.targetRow("t_country"));
    }

    @Test
    void ctrlFInTheDiagramFocusesTheFilter() {
        diagram.setFocus();
        UiTest.key(diagram, 'f', 'f', SWT.MOD1);
        assertTrue(editor.filterText().isFocusControl());
    }

    @Test
    void savedFileIsCanonicalAndReopeningShowsTheSameLines() throws Exception {
        drag(diagram.sourceRow("src_customers", "f_cmail"), diagram.targetRow("t_mail"));
        Set<String> linesBefore = lines();
        editor.save();
        assertFalse(ui.dirty);
        String file = Files.readString(ui.projectDir.resolve(ProjectIO.FILE_NAME), StandardCharsets.UTF_8);
        assertEquals(new ProjectIO().toJson(ui.session.project()), file);
        assertEquals(new ProjectIO().toJson(new ProjectIO().parse(file)), file, "reading and writing again gives the same bytes");

        MapwrightUi.openProject(ui.context, ui.projectDir);
        ui.spin();
        MappingModel reopened = diagram.model();
        assertNotNull(reopened);
        assertEquals(linesBefore, lines());
        assertFalse(ui.session.document().canUndo(), "a fresh document");
    }

    @Test
    void addingAndDeletingTargetFieldsAreUndoable() {
        ui.session.select(new Selection.TargetField("map_orders", "t_total"), this);
        diagram.addTargetField();
        var schema = ui.session.project().mapping("map_orders").orElseThrow().targetSchema();
        assertEquals(8, schema.size());
        assertEquals("new_field", schema.fields().get(4).name(), "inserted after the selected field");
        assertNotNull(diagram.renameEditor(), "and renaming starts at once");
        diagram.renameEditor().setText("discount");
        diagram.renameEditor().notifyListeners(SWT.DefaultSelection, new Event());
        assertEquals("discount", ui.session.project().mapping("map_orders").orElseThrow().targetSchema().fields().get(4).name());
        ProjectActions.undo(ui.context);
        ProjectActions.undo(ui.context);
        assertEquals(7, ui.session.project().mapping("map_orders").orElseThrow().targetSchema().size());
    }
}
