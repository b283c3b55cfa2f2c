package org.mapwright.ui.sources.parts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.connector.jdbc.JdbcConnector;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.MappingDef;
import org.mapwright.core.OutputDef;
import org.mapwright.core.Project;
import org.mapwright.core.Schema;
import org.mapwright.core.Settings;
import org.mapwright.core.SourceDef;
import org.mapwright.internal.ui.sources.Connections;
import org.mapwright.ui.model.ProjectDocument;
import org.mapwright.ui.model.ProjectEdits;
import org.mapwright.ui.model.Selection;
import org.mapwright.ui.sources.Databases;
import org.mapwright.ui.sources.SourcesTest;

class DatabaseBrowserPartTest {

    private static final String KEY = "jdbc/src_shop/password";

    @TempDir
    Path temp;

    private SourcesTest ui;

    @BeforeEach
    void open() throws Exception {
        ui = new SourcesTest(temp);
        Databases.createShop(ui.projectDir.resolve("data/shop"), 250);
        ui.secrets.put(KEY, Databases.CANARY);
        Settings connection = Settings.of(Map.of("driver", "h2", "path", "data/shop", "user", "sa", "credentialKey", KEY));
        SourceDef customers = new SourceDef("src_shop", "customers", "jdbc", connection.with("table", "CUSTOMERS"),
                Schema.of(List.of(Field.of("f1", "ID", DataType.INTEGER))));
        ui.session.execute("setup", ProjectEdits.addSource(customers));
        MappingDef m = MappingDef.simple("map_1", "load", "src_shop", Schema.of(List.of(Field.of("t1", "ID", DataType.INTEGER))));
        m = m.withOutputs(List.of(new OutputDef("out_1", "jdbc", connection.with("table", "COPY"))));
        MappingDef mapping = m;
        ui.session.execute("setup", p -> p.withMapping(mapping));
    }

    @AfterEach
    void close() {
        ui.close();
    }

    @Test
    void browsesSchemasTablesAndKeysPagesRowsAndAddsATableAsSource() {
        DatabaseBrowserPart part = ui.part(DatabaseBrowserPart.class);
        @SuppressWarnings("unchecked")
        List<Object> roots = (List<Object>) part.tree().getInput();
        assertEquals(1, roots.size(), "the source and the target share one connection");
        Connections.Connection c = (Connections.Connection) roots.get(0);
        assertEquals("customers (source), load (target)", c.label());
        assertFalse(c.settings().has("table"), "the connection settings only");

        part.tree().expandToLevel(c, 1);
        ui.waitUntil(() -> part.loadedChildren(c) != null, "the schemas are read");
        DatabaseBrowserPart.SchemaNode publicSchema = (DatabaseBrowserPart.SchemaNode) part.loadedChildren(c).stream()
                .filter(n -> n instanceof DatabaseBrowserPart.SchemaNode s && s.schema().equals("PUBLIC")).findFirst().orElseThrow();
        assertEquals("PUBLIC  (catalog SHOP)", DatabaseBrowserPart.label(publicSchema));
        part.tree().expandToLevel(publicSchema, 1);
        ui.waitUntil(() -> part.loadedChildren(publicSchema) != null, "the tables are read");
        List<String> tables = part.loadedChildren(publicSchema).stream().map(DatabaseBrowserPart::label).toList();
        assertEquals(List.of("BIG_ORDERS (view)", "CUSTOMERS", "ORDERS"), tables);
        DatabaseBrowserPart.TableNode orders = (DatabaseBrowserPart.TableNode) part.loadedChildren(publicSchema).get(2);
        part.tree().expandToLevel(orders, 1);
        ui.waitUntil(() -> part.loadedChildren(orders) != null, "the columns are read");
        List<String> columns = part.loadedChildren(orders).stream().map(DatabaseBrowserPart::label).toList();
        assertTrue(columns.get(0).startsWith("ID : INTEGER") && columns.get(0).contains("PK"), columns.toString());
        assertTrue(columns.get(1).contains("FK → PUBLIC.CUSTOMERS(ID)") && columns.get(1).contains("not null"), columns.toString());
        assertNotNull(part.tree().testFindItem(orders), "the table is shown in the tree");

        part.tree().setSelection(new StructuredSelection(orders), true);
        ui.waitUntil(() -> !part.busy() && part.pageOffset() == 0, "the first page is read");
        assertEquals(DatabaseBrowserPart.PAGE_ROWS, part.previewTable().getItemCount());
        assertEquals("1", part.previewTable().getItem(0).getText(1));
        assertTrue(part.status().contains("rows 1–100, more follow"), part.status());
        part.nextPageButton().notifyListeners(SWT.Selection, new Event());
        ui.waitUntil(() -> !part.busy() && part.pageOffset() == 100, "the second page is read");
        part.nextPageButton().notifyListeners(SWT.Selection, new Event());
        ui.waitUntil(() -> !part.busy() && part.pageOffset() == 200, "the last page is read");
        assertEquals(50, part.previewTable().getItemCount());
        assertEquals("201", part.previewTable().getItem(0).getText(1));
        assertFalse(part.nextPageButton().isEnabled());
        assertTrue(part.previousPageButton().isEnabled());

        assertTrue(part.addAsSourceButton().isEnabled());
        part.addAsSourceButton().notifyListeners(SWT.Selection, new Event());
        ui.waitUntil(() -> ui.session.project().sourceByName("orders").isPresent(), "the table is added as a source");
        SourceDef added = ui.session.project().sourceByName("orders").orElseThrow();
        assertEquals("ORDERS", added.settings().getString(JdbcConnector.TABLE, null));
        assertEquals(KEY, added.settings().getString("credentialKey", null), "the connection's credential key, not the password");
        assertEquals(List.of("ID", "CUSTOMER_ID", "AMOUNT"), added.schema().fields().stream().map(Field::name).toList());
        assertEquals(new Selection.Source(added.id()), ui.session.selection());
        ui.session.document().undo();
        assertTrue(ui.session.project().sourceByName("orders").isEmpty(), "adding is undoable");
    }

    @Test
    void browsesThePostgresqlTestServerWhenReachable() throws Exception {
        Databases.assumePostgres();
        try (java.sql.Connection c = Databases.postgres(); java.sql.Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS mw_ui_browse_child, mw_ui_browse_parent");
            st.execute("CREATE TABLE mw_ui_browse_parent (id int PRIMARY KEY)");
            st.execute("CREATE TABLE mw_ui_browse_child (id int PRIMARY KEY, parent_id int REFERENCES mw_ui_browse_parent(id))");
            st.execute("INSERT INTO mw_ui_browse_parent SELECT g FROM generate_series(1, 3) g");
            st.execute("INSERT INTO mw_ui_browse_child SELECT g, 1 + g % 3 FROM generate_series(1, 130) g");
        }
        try {
            Settings pg = Settings.of(Map.of("driver", "postgresql", "host", Databases.PG_HOST, "port", (long) Databases.PG_PORT, "database",
                    Databases.PG_DATABASE, "user", Databases.PG_USER));
            ui.session.setDocument(new ProjectDocument(ui.projectDir, new Project("pg", List.of(new SourceDef("src_pg", "parents", "jdbc",
                    pg.with("table", "mw_ui_browse_parent"), Schema.of(List.of(Field.of("f1", "id", DataType.INTEGER))))), List.of()), true));
            DatabaseBrowserPart part = ui.part(DatabaseBrowserPart.class);
            Connections.Connection c = (Connections.Connection) ((List<?>) part.tree().getInput()).get(0);
            part.tree().expandToLevel(c, 1);
            ui.waitUntil(() -> part.loadedChildren(c) != null, "the schemas are read");
            DatabaseBrowserPart.SchemaNode publicSchema = (DatabaseBrowserPart.SchemaNode) part.loadedChildren(c).stream()
                    .filter(n -> n instanceof DatabaseBrowserPart.SchemaNode s && s.schema().equals("public")).findFirst().orElseThrow();
            part.tree().expandToLevel(publicSchema, 1);
            ui.waitUntil(() -> part.loadedChildren(publicSchema) != null, "the tables are read");
            DatabaseBrowserPart.TableNode child = (DatabaseBrowserPart.TableNode) part.loadedChildren(publicSchema).stream()
                    .filter(n -> n instanceof DatabaseBrowserPart.TableNode t && t.table().name().equals("mw_ui_browse_child")).findFirst().orElseThrow();
            part.tree().expandToLevel(child, 1);
            ui.waitUntil(() -> part.loadedChildren(child) != null, "the columns are read");
            List<String> columns = part.loadedChildren(child).stream().map(DatabaseBrowserPart::label).toList();
            assertTrue(columns.get(1).contains("FK → public.mw_ui_browse_parent(id)"), columns.toString());
            part.tree().setSelection(new StructuredSelection(child), true);
            ui.waitUntil(() -> !part.busy() && part.pageOffset() == 0, "the first page is read");
            assertEquals(DatabaseBrowserPart.PAGE_ROWS, part.previewTable().getItemCount());
            assertTrue(part.nextPageButton().isEnabled());
        } finally {
            try (java.sql.Connection c = Databases.postgres(); java.sql.Statement st = c.createStatement()) {
                st.execute("DROP TABLE IF EXISTS mw_ui_browse_child, mw_ui_browse_parent");
            }
        }
    }

    @Test
    void showsAConnectionFailureOnTheNodeWithoutThePassword() throws Exception {
        ui.secrets.put(KEY, "not-the-password");
        DatabaseBrowserPart part = ui.part(DatabaseBrowserPart.class);
        Connections.Connection c = (Connections.Connection) ((List<?>) part.tree().getInput()).get(0);
        part.tree().expandToLevel(c, 1);
        ui.waitUntil(() -> part.loadedChildren(c) != null, "the connection attempt ends");
        DatabaseBrowserPart.Info info = (DatabaseBrowserPart.Info) part.loadedChildren(c).get(0);
        assertTrue(info.error());
        assertTrue(info.text().contains("H2 file"), info.text());
        assertFalse(info.text().contains("not-the-password"), info.text());

        ui.secrets.put(KEY, Databases.CANARY);
        part.reload();
        Connections.Connection again = (Connections.Connection) ((List<?>) part.tree().getInput()).get(0);
        part.tree().expandToLevel(again, 1);
        ui.waitUntil(() -> part.loadedChildren(again) != null, "the connection is tried again");
        assertTrue(part.loadedChildren(again).stream().anyMatch(n -> n instanceof DatabaseBrowserPart.SchemaNode),
                "after Refresh the corrected password is used");
    }

    @Test
    void saysSoWhenTheProjectHasNoDatabase() throws Exception {
        DatabaseBrowserPart part = ui.part(DatabaseBrowserPart.class);
        assertEquals(1, ((List<?>) part.tree().getInput()).size());
        ui.session.setDocument(new ProjectDocument(ui.projectDir, new Project("empty", List.of(), List.of()), true));
        List<?> roots = (List<?>) part.tree().getInput();
        assertEquals(List.of(new DatabaseBrowserPart.Info("The project has no database sources or targets.", false)), roots,
                "the view follows the open project");
    }
}
