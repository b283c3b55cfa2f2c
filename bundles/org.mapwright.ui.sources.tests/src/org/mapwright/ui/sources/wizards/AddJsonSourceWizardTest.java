package org.mapwright.ui.sources.wizards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.eclipse.swt.widgets.TreeItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.connector.json.JsonConnector;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.Ids;
import org.mapwright.core.SourceDef;
import org.mapwright.ui.sources.SourcesTest;

class AddJsonSourceWizardTest {

    @TempDir
    Path temp;

    private SourcesTest ui;

    @BeforeEach
    void open() throws Exception {
        ui = new SourcesTest(temp);
    }

    @AfterEach
    void close() {
        ui.close();
    }

    private AddJsonSourceWizard wizard() {
        return new AddJsonSourceWizard(ui.session, new JsonConnector(new Ids(new Random(1))), new Ids(new Random(2)));
    }

    @Test
    void addsAnArrayOfNestedObjectsWithItsInferredTree() throws Exception {
        Files.writeString(ui.projectDir.resolve("data/orders.json"), """
                [{"id": 1, "customer": {"name": "Ana", "email": "ana@example.com"}, "lines": [{"sku": "A1", "qty": 2}]},
                 {"id": 2, "customer": {"name": "Bo", "email": null}, "lines": [{"sku": "B2", "qty": 1}, {"sku": "C3", "qty": 5}]},
                 {"id": 3, "customer": {"name": "Cy", "email": "cy@example.com"}, "lines": []}]
                """);
        AddJsonSourceWizard wizard = wizard();
        SourcesTest.Dialog dialog = ui.open(wizard);
        JsonFilePage page = wizard.filePage();
        page.fileText().setText("data/orders.json");
        ui.waitUntil(() -> page.isPageComplete(), "the preview is read");
        assertEquals("orders", page.nameText().getText());
        assertEquals(3, page.previewTable().getItemCount());
        assertEquals("id", page.previewTable().getColumn(1).getText());
        assertEquals("{Ana, ana@example.com}", page.previewTable().getItem(0).getText(2), "nested records are shown inline");
        assertFalse(page.recordPathCombo().isEnabled(), "an array has no record path to pick");
        List<String> tree = texts(page.recordTree().getItems());
        assertTrue(tree.contains("customer : record (required)"), tree.toString());
        assertTrue(tree.contains("email : text"), "a null somewhere makes a field optional: " + tree);
        assertTrue(tree.contains("lines [ ] : record (required)"), tree.toString());
        assertTrue(tree.contains("qty : integer (required)"), tree.toString());

        dialog.next();
        FieldsPage fields = wizard.fieldsPage();
        ui.waitUntil(fields::isPageComplete, "the fields are inferred");
        assertEquals(List.of("id", "customer", "lines"), fields.schema().fields().stream().map(Field::name).toList());
        Field lines = fields.schema().fields().get(2);
        assertTrue(lines.repeated());
        assertEquals(List.of("sku", "qty"), lines.children().stream().map(Field::name).toList());
        fields.setType(fields.schema().fields().get(0).id(), DataType.TEXT);
        dialog.finish();

        SourceDef added = ui.session.project().sourceByName("orders").orElseThrow();
        assertEquals(added, wizard.addedSource());
        assertEquals("json", added.connector());
        assertEquals("data/orders.json", added.settings().getString(JsonConnector.PATH, null), "stored relative to the project");
        assertEquals("array", added.settings().getString(JsonConnector.FORMAT, null), "the detected format is kept");
        assertEquals(DataType.TEXT, added.schema().fields().get(0).type(), "the edited type is kept");
        assertTrue(ui.session.document().canUndo());
        ui.session.document().undo();
        assertTrue(ui.session.project().sources().isEmpty(), "adding is one undoable command");
    }

    @Test
    void picksTheRecordPathOfADocumentInItsStructureTree() throws Exception {
        Files.writeString(ui.projectDir.resolve("data/export.json"), """
                {"meta": {"exported": "2025-01-02", "by": "ops"},
                 "data": {"items": [{"code": "x", "price": 1.5}, {"code": "y", "price": 2}], "count": 2}}
                """);
        AddJsonSourceWizard wizard = wizard();
        SourcesTest.Dialog dialog = ui.open(wizard);
        JsonFilePage page = wizard.filePage();
        page.fileText().setText(ui.projectDir.resolve("data/export.json").toString());
        ui.waitUntil(() -> page.isPageComplete(), "the document is read");
        assertEquals("$.data.items", page.recordPathCombo().getText(), "the first array of objects is sniffed");
        assertEquals(2, page.previewTable().getItemCount());
        assertTrue(page.recordPathCombo().isEnabled());
        assertEquals(List.of("$", "$.meta", "$.data", "$.data.items"), List.of(page.recordPathCombo().getItems()));
        TreeItem root = page.documentTree().getItem(0);
        assertEquals("$", root.getData());
        assertNotNull(find(root, "$.data.items"), "the records' member is a node to pick");

        page.chooseRecordPath("$.meta");
        ui.waitUntil(() -> page.isPageComplete() && page.previewTable().getItemCount() == 1
                && "exported".equals(page.previewTable().getColumn(1).getText()), "the meta object is one record");
        page.chooseRecordPath("$.data.items");
        ui.waitUntil(() -> page.isPageComplete() && page.previewTable().getItemCount() == 2, "back to the items");

        dialog.next();
        ui.waitUntil(wizard.fieldsPage()::isPageComplete, "the fields are inferred");
        dialog.finish();
        SourceDef added = ui.session.project().sourceByName("export").orElseThrow();
        assertEquals("document", added.settings().getString(JsonConnector.FORMAT, null));
        assertEquals("$.data.items", added.settings().getString(JsonConnector.RECORD_PATH, null));
        assertEquals(List.of("code", "price"), added.schema().fields().stream().map(Field::name).toList());
        assertEquals(DataType.DECIMAL, added.schema().fields().get(1).type());
    }

    @Test
    void readsNdjsonAndShowsABrokenLineWithItsLocation() throws Exception {
        Files.writeString(ui.projectDir.resolve("data/events.ndjson"), "{\"a\": 1}\n{\"a\": 2\n{\"a\": 3}\n");
        AddJsonSourceWizard wizard = wizard();
        ui.open(wizard);
        JsonFilePage page = wizard.filePage();
        page.fileText().setText("data/events.ndjson");
        ui.waitUntil(() -> page.isPageComplete(), "the preview is read");
        assertEquals(2, page.previewTable().getItemCount(), "the broken line is skipped");
        String message = page.message();
        assertTrue(message.contains("ndjson") && message.contains("line 2"), message);
    }

    @Test
    void refusesATruncatedDocumentWithTheReadersMessage() throws Exception {
        Files.writeString(ui.projectDir.resolve("data/broken.json"), "[{\"a\": 1}, {\"a\": ");
        AddJsonSourceWizard wizard = wizard();
        ui.open(wizard);
        JsonFilePage page = wizard.filePage();
        page.fileText().setText("data/broken.json");
        ui.waitUntil(() -> page.getErrorMessage() != null, "the error is shown");
        assertTrue(page.getErrorMessage().contains("broken.json"), page.getErrorMessage());
        assertFalse(page.isPageComplete());
        page.fileText().setText("data/missing.json");
        assertEquals("No readable file at data/missing.json", page.getErrorMessage());
    }

    private static TreeItem find(TreeItem item, String path) {
        if (path.equals(item.getData())) {
            return item;
        }
        for (TreeItem c : item.getItems()) {
            TreeItem f = find(c, path);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    private static List<String> texts(TreeItem[] items) {
        List<String> out = new java.util.ArrayList<>();
        for (TreeItem i : items) {
            out.add(i.getText());
            out.addAll(texts(i.getItems()));
        }
        return out;
    }
}
