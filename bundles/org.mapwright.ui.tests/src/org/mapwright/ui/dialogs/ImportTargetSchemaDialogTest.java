package org.mapwright.ui.dialogs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.MappingDef;
import org.mapwright.core.Schema;
import org.mapwright.ui.ProjectActions;
import org.mapwright.ui.UiTest;
import org.mapwright.ui.model.TargetSchemaImports;

class ImportTargetSchemaDialogTest {

    @TempDir
    Path temp;

    private UiTest ui;

    @BeforeEach
    void open() throws Exception {
        ui = UiTest.open(temp, "orders-project");
        ui.shell.open();
    }

    @AfterEach
    void close() {
        ui.close();
    }

    private ImportTargetSchemaDialog dialog(Path file) {
        ImportTargetSchemaDialog d = new ImportTargetSchemaDialog(ui.shell, ui.session, "map_orders", file);
        d.setBlockOnOpen(false);
        d.open();
        ui.spin();
        return d;
    }

    private MappingDef mapping() {
        return ui.session.project().mapping("map_orders").orElseThrow();
    }

    private Path write(String name, String text) throws Exception {
        Path p = temp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void mergesAJsonSchemaKeepingIdsAndMappingsAsOneUndoableCommand() throws Exception {
        Schema before = mapping().targetSchema();
        Path file = write("order.schema.json", """
                {
                  "type": "object",
                  "required": ["ORDER_ID"],
                  "properties": {
                    "ORDER_ID": {"type": "integer"},
                    "total": {"type": ["number", "null"]},
                    "shipped": {"type": "string", "format": "date-time"},
                    "address": {"type": "object", "properties": {"city": {"type": "string"}}}
                  }
                }
                """);
        ImportTargetSchemaDialog d = dialog(file);
        assertNull(d.error(), d.error());
        assertTrue(d.okEnabled());
        assertTrue(List.of(d.previewLines()).contains("shipped : timestamp   (new)"), List.of(d.previewLines()).toString());
        ui.screenshot(d.getShell(), "import-target-schema");
        d.pressOk();

        Schema after = mapping().targetSchema();
        assertEquals(before.size() + 2, after.size(), "merge keeps all fields and appends the new ones");
        Field id = after.byId("t_id").orElseThrow();
        assertEquals("ORDER_ID", id.name(), "the matched field takes the imported name and keeps its id");
        assertEquals("order_id", mapping().mappingFor("t_id").orElseThrow().expression(), "and its mapping");
        assertEquals(DataType.TIMESTAMP, after.byPath("shipped").orElseThrow().type());
        assertEquals(DataType.TEXT, after.byPath("address.city").orElseThrow().type());
        assertTrue(after.byId("t_mail").isPresent(), "fields the file lacks stay");

        ProjectActions.undo(ui.context);
        assertEquals(before, mapping().targetSchema(), "one undo restores the target");
    }

    @Test
    void replacesFromTheChosenTableOfADdlScript() throws Exception {
        Path file = write("warehouse.sql", """
                CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(80));
                -- the one we want
                CREATE TABLE sales.orders (
                  order_id BIGINT NOT NULL,
                  total NUMERIC(12,2),
                  note TEXT,
                  PRIMARY KEY (order_id)
                );
                """);
        ImportTargetSchemaDialog d = dialog(file);
        assertEquals(List.of("customers", "sales.orders"), List.of(d.table().getItems()));
        d.table().select(1);
        d.table().notifyListeners(SWT.Selection, new Event());
        d.chooseMode(TargetSchemaImports.Mode.REPLACE);
        assertNull(d.error(), d.error());
        d.pressOk();

        MappingDef m = mapping();
        assertEquals(List.of("order_id", "total", "note"), m.targetSchema().fields().stream().map(Field::name).toList());
        assertEquals("t_id", m.targetSchema().fields().get(0).id());
        assertTrue(m.targetSchema().fields().get(0).key());
        assertEquals("round(amount * qty, 2)", m.mappingFor("t_total").orElseThrow().expression(), "same-named fields keep their mapping");
        assertTrue(m.mappingFor("t_cust").isEmpty(), "replaced fields lose theirs");

        ProjectActions.undo(ui.context);
        assertEquals("upper(customers.name)", mapping().mappingFor("t_cust").orElseThrow().expression());
    }

    @Test
    void showsWhereAJsonSchemaIsBroken() throws Exception {
        Path file = write("bad.json", "{\n  \"type\": \"object\",\n  \"properties\": {\"a\": {\"type\": \"strng\"}}\n}\n");
        ImportTargetSchemaDialog d = dialog(file);
        assertTrue(d.error().startsWith(file + ":3:"), d.error());
        assertTrue(d.error().contains("unknown type 'strng'"), d.error());
        assertFalse(d.okEnabled());
        d.file().setText(write("broken.json", "{\"type\": \"object\",\n \"properties\": {").toString());
        assertTrue(d.error().contains("broken.json:2:"), d.error());
        assertFalse(d.okEnabled());
        Schema before = mapping().targetSchema();
        d.pressOk();
        assertEquals(before, mapping().targetSchema(), "nothing is imported from a broken file");
    }

    @Test
    void showsWhereADdlScriptIsBroken() throws Exception {
        Path file = write("bad.sql", "CREATE TABLE t (\n  id INT,\n  picture BLOB\n);\n");
        ImportTargetSchemaDialog d = dialog(file);
        assertTrue(d.error().startsWith(file + ":3:"), d.error());
        assertFalse(d.okEnabled());
    }
}
