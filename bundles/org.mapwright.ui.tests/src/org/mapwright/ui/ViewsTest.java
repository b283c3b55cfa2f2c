package org.mapwright.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.TreeItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.internal.ui.SourceInsights;
import org.mapwright.internal.ui.UiResources;
import org.mapwright.ui.dialogs.AutoMapDialog;
import org.mapwright.ui.model.AutoMapper;
import org.mapwright.ui.model.MappingModel;
import org.mapwright.ui.model.Selection;
import org.mapwright.ui.parts.ProjectExplorerPart;

class ViewsTest {

    @TempDir
    Path temp;

    private UiTest ui;
    private UiTest.Workbench w;

    @BeforeEach
    void open() throws Exception {
        ui = UiTest.open(temp, "orders-project");
        w = ui.workbench();
    }

    @AfterEach
    void close() {
        ui.close();
    }

    private Field target(String id) {
        return ui.session.project().mapping("map_orders").orElseThrow().targetSchema().byId(id).orElseThrow();
    }

    private <T extends Control> T property(Class<T> type, String name) {
        for (Control c : w.properties().form().getChildren()) {
            if (type.isInstance(c) && name.equals(c.getData("property"))) {
                return type.cast(c);
            }
        }
        throw new AssertionError("no property control " + name);
    }

    @Test
    void selectingInTheExplorerShowsAndEditsPropertiesThroughCommands() {
        w.explorer().viewer().setSelection(new StructuredSelection(new ProjectExplorerPart.TargetFieldNode("map_orders", "t_total")), true);
        assertEquals(new Selection.TargetField("map_orders", "t_total"), ui.session.selection());
        assertEquals("Target field total", w.properties().headingText());
        assertEquals("t_total", w.editor().diagram().selectedTarget(), "the editor follows the explorer");

        Combo type = property(Combo.class, "type");
        type.select(List.of(type.getItems()).indexOf("integer"));
        type.notifyListeners(SWT.Selection, new Event());
        assertEquals(DataType.INTEGER, target("t_total").type());

        Button nullable = property(Button.class, "nullable");
        nullable.setSelection(false);
        nullable.notifyListeners(SWT.Selection, new Event());
        assertFalse(target("t_total").nullable());

        Text name = property(Text.class, "name");
        name.setText("email");
        name.notifyListeners(SWT.DefaultSelection, new Event());
        assertEquals("total", target("t_total").name(), "a duplicate name is refused");
        ui.spin();

        ProjectActions.undo(ui.context);
        ProjectActions.undo(ui.context);
        assertEquals(DataType.DECIMAL, target("t_total").type());
        assertTrue(target("t_total").nullable());
    }

    @Test
    void explorerShowsFieldsWithTypesAndInspectedSamples() {
        SourceInsights insights = ui.context.get(SourceInsights.class);
        ui.waitUntil(() -> insights.evidence("src_customers", "f_cname") != null, "the sources are inspected");
        ui.spin();
        w.explorer().viewer().refresh();
        w.explorer().viewer().expandAll();
        TreeItem item = (TreeItem) w.explorer().viewer().testFindItem(new ProjectExplorerPart.SourceFieldNode("src_customers", "f_cname"));
        assertNotNull(item);
        assertTrue(item.getText().startsWith("name  text · nullable  e.g. "), item.getText());
        assertNotNull(item.getImage(), "a type icon");
        TreeItem key = (TreeItem) w.explorer().viewer().testFindItem(new ProjectExplorerPart.SourceFieldNode("src_orders", "f_oid"));
        assertTrue(key.getText().contains("integer · required · key"), key.getText());
    }

    @Test
    void autoMapSuggestsAndAppliesOnlyTheAcceptedOnesAsOneStep() {
        MappingModel model = ui.session.activeModel();
        List<AutoMapper.Suggestion> suggestions = new AutoMapper().suggest(AutoMapDialog.unmappedTargets(model), AutoMapDialog.candidates(model));
        Map<String, String> byTarget = suggestions.stream().collect(Collectors.toMap(s -> s.target().name(), AutoMapper.Suggestion::expression));
        assertEquals(Map.of("email", "email", "order_date", "order_date", "status", "status", "country", "country"), byTarget);

        TestAutoMapDialog dialog = new TestAutoMapDialog(ui.shell, suggestions, ui.context.get(UiResources.class));
        dialog.setBlockOnOpen(false);
        dialog.open();
        assertEquals(4, dialog.viewer().getCheckedElements().length, "confident suggestions start checked");
        dialog.viewer().setChecked(suggestions.stream().filter(s -> s.target().name().equals("country")).findFirst().orElseThrow(), false);
        dialog.pressOk();
        assertTrue(ProjectActions.applySuggestions(ui.session, "map_orders", dialog.accepted()));
        var m = ui.session.project().mapping("map_orders").orElseThrow();
        assertEquals("email", m.mappingFor("t_mail").orElseThrow().expression());
        assertTrue(m.mappingFor("t_country").isEmpty(), "the rejected suggestion is not mapped");
        ProjectActions.undo(ui.context);
        assertTrue(ui.session.project().mapping("map_orders").orElseThrow().mappingFor("t_mail").isEmpty(), "one undo step");
    }

    /** Presses the dialog's OK button the way a click does. */
    private static final class TestAutoMapDialog extends AutoMapDialog {
        TestAutoMapDialog(org.eclipse.swt.widgets.Shell parent, List<AutoMapper.Suggestion> s, UiResources res) {
            super(parent, s, res);
        }

        void pressOk() {
            okPressed();
        }
    }
}
