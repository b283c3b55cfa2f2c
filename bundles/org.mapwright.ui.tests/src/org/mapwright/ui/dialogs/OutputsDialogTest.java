package org.mapwright.ui.dialogs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.core.MappingDef;
import org.mapwright.core.OutputDef;
import org.mapwright.core.Settings;
import org.mapwright.core.connector.CredentialStore;
import org.mapwright.engine.RunReport;
import org.mapwright.runtime.MapwrightRuntime;
import org.mapwright.runtime.RunOptions;
import org.mapwright.ui.ProjectActions;
import org.mapwright.ui.SecretSink;
import org.mapwright.ui.UiTest;

class OutputsDialogTest {

    private static final String CANARY = "Canary-pw-7f3e9a";
    private static final String FILE_CANARY = "File-canary-2b8c1d";

    @TempDir
    Path temp;

    private UiTest ui;
    private final Secrets secrets = new Secrets();

    /** Secure storage stand-in: what the dialog writes, the runtime reads. */
    static final class Secrets implements SecretSink, CredentialStore {
        final Map<String, String> map = new ConcurrentHashMap<>();

        @Override
        public void put(String key, String secret) {
            map.put(key, secret);
        }

        @Override
        public void remove(String key) {
            map.remove(key);
        }

        @Override
        public Optional<String> secret(String key) {
            return Optional.ofNullable(map.get(key));
        }
    }

    private void open() throws IOException {
        ui = UiTest.open(temp, UiTest.testData().resolve("orders-project"), MapwrightRuntime.standard(secrets).engine());
        ui.shell.open();
    }

    @AfterEach
    void close() {
        if (ui != null) {
            ui.close();
        }
    }

    private OutputsDialog dialog(SecretSink sink) {
        OutputsDialog d = new OutputsDialog(ui.shell, ui.session, sink, secrets, "map_orders");
        d.setBlockOnOpen(false);
        d.open();
        ui.spin();
        return d;
    }

    private MappingDef mapping() {
        return ui.session.project().mapping("map_orders").orElseThrow();
    }

    private static void select(Combo c, int index) {
        c.select(index);
        c.notifyListeners(SWT.Selection, new Event());
    }

    private static void click(Button b, boolean selected) {
        b.setSelection(selected);
        b.notifyListeners(SWT.Selection, new Event());
    }

    private static void press(OutputsDialog d, String role) {
        d.find(role).notifyListeners(SWT.Selection, new Event());
    }

    private static void type(OutputsDialog d, String role, String text) {
        Text t = (Text) d.find(role);
        assertNotNull(t, role);
        t.setText(text);
    }

    @Test
    void addsExcelAndNdjsonOutputsAsOneUndoableCommand() throws Exception {
        open();
        OutputsDialog d = dialog(secrets);
        assertEquals("csv out/orders.csv", d.outputList().getItem(0));
        press(d, "output.add");
        select((Combo) d.find("output.kind"), OutputsDialog.Kind.EXCEL.ordinal());
        type(d, "output.path", "out/orders.xlsx");
        type(d, "output.sheet", "Orders");
        click((Button) d.find("output.header"), false);
        press(d, "output.add");
        select((Combo) d.find("output.kind"), OutputsDialog.Kind.NDJSON.ordinal());
        type(d, "output.path", "out/orders.ndjson");
        d.validateNow();
        assertNull(d.structuralError(), d.structuralError());
        assertTrue(d.okEnabled());
        ui.screenshot(d.getShell(), "outputs-dialog");
        d.pressOk();

        List<OutputDef> outs = mapping().outputs();
        assertEquals(3, outs.size());
        assertEquals("excel", outs.get(1).connector());
        assertEquals(Map.of("path", "out/orders.xlsx", "sheet", "Orders", "header", false), outs.get(1).settings().asMap());
        assertEquals("json", outs.get(2).connector());
        assertEquals(Map.of("path", "out/orders.ndjson", "format", "ndjson"), outs.get(2).settings().asMap());

        ProjectActions.undo(ui.context);
        assertEquals(List.of("out_csv"), mapping().outputs().stream().map(OutputDef::id).toList(), "one undo reverts the dialog");
        ProjectActions.redo(ui.context);
        assertEquals(3, mapping().outputs().size());

        RunReport report = MapwrightRuntime.standard(secrets).run(saved(), RunOptions.defaults());
        assertTrue(report.succeeded(), String.valueOf(report.error()));
        long written = report.mappings().get(0).rowsWritten();
        assertTrue(written > 0);
        assertEquals(written, Files.readAllLines(ui.projectDir.resolve("out/orders.ndjson")).stream().filter(l -> !l.isBlank()).count(),
                "one NDJSON line per written row");
        assertTrue(Files.size(ui.projectDir.resolve("out/orders.xlsx")) > 0);
    }

    private Path saved() throws IOException {
        ui.session.document().save(ui.session.io());
        return ui.projectDir;
    }

    @Test
    void refusesSettingsTheConnectorsWouldRefuseAsYouType() throws Exception {
        open();
        OutputsDialog d = dialog(secrets);
        d.outputList().select(0);
        d.outputList().notifyListeners(SWT.Selection, new Event());
        type(d, "output.path", "");
        d.validateNow();
        assertTrue(d.structuralError().contains("give the file"), d.structuralError());
        assertFalse(d.okEnabled());
        type(d, "output.path", "out/x.csv");
        type(d, "output.encoding", "no-such-charset");
        d.validateNow();
        assertTrue(d.structuralError().contains("unknown encoding 'no-such-charset'"), d.structuralError());
        type(d, "output.encoding", "ISO-8859-1");
        type(d, "output.delimiter", ";;");
        d.validateNow();
        assertTrue(d.structuralError().contains("delimiter"), d.structuralError());
        type(d, "output.delimiter", ";");

        select((Combo) d.find("output.kind"), OutputsDialog.Kind.H2.ordinal());
        type(d, "output.path", "tcp://evil/db");
        d.validateNow();
        assertTrue(d.structuralError().startsWith("output 1 (H2 database table): "), d.structuralError());
        assertTrue(d.structuralError().contains("'path'"), "JdbcUrls' own check, as the run would do: " + d.structuralError());
        type(d, "output.path", "out/db");
        select((Combo) d.find("output.mode"), 2);
        d.validateNow();
        assertNull(d.structuralError(), "order_id is a key already");
        click((Button) d.find("output.key.order_id"), false);
        d.validateNow();
        assertTrue(d.structuralError().contains("upsert needs key fields"), d.structuralError());

        press(d, "output.remove");
        d.validateNow();
        assertNull(d.structuralError());
        assertTrue(String.join("\n", d.problemLines()).contains("no outputs"), "the engine's warning is shown: " + List.of(d.problemLines()));
    }

    @Test
    void editingAnOutputKeepsSettingsTheDialogDoesNotShowAndTheStoredPasswordKey() throws Exception {
        open();
        Settings h2 = Settings.of(Map.of("driver", "h2", "path", "out/db", "user", "sa", "credentialKey", "jdbc/shared/password",
                "table", "T", "mode", "append", "batchSize", 50));
        Settings csv = Settings.of(Map.of("path", "out/orders.csv", "header", true, "bom", true, "quote", "'"));
        ui.session.execute("setup", p -> p.withMapping(p.mapping("map_orders").orElseThrow()
                .withOutputs(List.of(new OutputDef("out_csv", "csv", csv), new OutputDef("out_db", "jdbc", h2)))));
        secrets.put("jdbc/shared/password", CANARY);
        OutputsDialog d = dialog(secrets);
        d.outputList().select(0);
        d.outputList().notifyListeners(SWT.Selection, new Event());
        type(d, "output.delimiter", ";");
        d.outputList().select(1);
        d.outputList().notifyListeners(SWT.Selection, new Event());
        assertTrue(((Text) d.find("output.password")).getMessage().contains("stored"), "the dialog tells a password is stored");
        type(d, "output.table", "T2");
        d.validateNow();
        d.pressOk();

        Map<String, Object> c = mapping().outputs().get(0).settings().asMap();
        assertEquals(";", c.get("delimiter"));
        assertEquals(true, c.get("bom"));
        assertEquals("'", c.get("quote"));
        Map<String, Object> j = mapping().outputs().get(1).settings().asMap();
        assertEquals("T2", j.get("table"));
        assertEquals("jdbc/shared/password", j.get("credentialKey"), "an untouched password keeps its key");
        assertEquals(50L, ((Number) j.get("batchSize")).longValue());
        assertEquals("append", j.get("mode"));
        assertEquals(CANARY, secrets.map.get("jdbc/shared/password"));

        d = dialog(secrets);
        d.outputList().select(1);
        d.outputList().notifyListeners(SWT.Selection, new Event());
        type(d, "output.password", "new-" + CANARY);
        d.validateNow();
        d.pressOk();
        assertEquals("jdbc/out_db/password", mapping().outputs().get(1).settings().asMap().get("credentialKey"),
                "a new password gets the output's own key");
        assertEquals("new-" + CANARY, secrets.map.get("jdbc/out_db/password"));
        assertEquals(CANARY, secrets.map.get("jdbc/shared/password"), "a key shared with a source keeps its secret");
    }

    @Test
    void refusesAPasswordWithoutSecureStorage() throws Exception {
        open();
        OutputsDialog d = dialog(null);
        press(d, "output.add");
        select((Combo) d.find("output.kind"), OutputsDialog.Kind.H2.ordinal());
        type(d, "output.password", CANARY);
        d.validateNow();
        assertTrue(d.structuralError().contains("no secure storage"), d.structuralError());
        assertFalse(d.structuralError().contains(CANARY));
    }

    @Test
    void encryptedH2OutputKeepsPasswordsOutOfTheProjectAndTheRunFillsTheTable() throws Exception {
        open();
        OutputsDialog d = dialog(secrets);
        press(d, "output.add");
        select((Combo) d.find("output.kind"), OutputsDialog.Kind.H2.ordinal());
        type(d, "output.path", "out/warehouse");
        type(d, "output.user", "sa");
        type(d, "output.password", CANARY);
        click((Button) d.find("output.cipher"), true);
        d.validateNow();
        assertTrue(d.structuralError().contains("file password"), d.structuralError());
        type(d, "output.filePassword", FILE_CANARY);
        type(d, "output.table", "ORDERS_OUT");
        select((Combo) d.find("output.mode"), 2);
        d.validateNow();
        assertNull(d.structuralError(), d.structuralError());
        ui.screenshot(d.getShell(), "outputs-dialog-h2");
        d.pressOk();

        OutputDef h2 = mapping().outputs().get(1);
        String id = h2.id();
        assertEquals("jdbc", h2.connector());
        Map<String, Object> s = h2.settings().asMap();
        assertEquals("h2", s.get("driver"));
        assertEquals("jdbc/" + id + "/password", s.get("credentialKey"));
        assertEquals("jdbc/" + id + "/filePassword", s.get("fileCredentialKey"));
        assertEquals(true, s.get("cipher"));
        assertEquals("upsert", s.get("mode"));
        assertEquals(CANARY, secrets.map.get("jdbc/" + id + "/password"));
        assertEquals(FILE_CANARY, secrets.map.get("jdbc/" + id + "/filePassword"));

        String json = Files.readString(saved().resolve("mapwright.json"));
        assertTrue(json.contains("jdbc/" + id + "/password"), "the project holds the key");
        assertFalse(json.contains(CANARY), "the project never holds the password");
        assertFalse(json.contains(FILE_CANARY));

        RunReport report = MapwrightRuntime.standard(secrets).run(ui.projectDir, RunOptions.defaults());
        assertTrue(report.succeeded(), String.valueOf(report.error()));
        Properties p = new Properties();
        p.put("user", "sa");
        p.put("password", FILE_CANARY + " " + CANARY);
        String url = "jdbc:h2:file:" + ui.projectDir.resolve("out/warehouse").toAbsolutePath() + ";CIPHER=AES";
        try (Connection c = new org.h2.Driver().connect(url, p); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*), COUNT(DISTINCT \"order_id\") FROM \"ORDERS_OUT\"")) {
            assertTrue(rs.next());
            assertEquals(report.mappings().get(0).rowsWritten(), rs.getLong(1));
            assertTrue(rs.getLong(1) > 0);
            assertEquals(rs.getLong(1), rs.getLong(2));
        }
        assertFalse(Files.readString(ui.projectDir.resolve("mapwright.json")).contains(CANARY));

        ProjectActions.undo(ui.context);
        assertEquals(1, mapping().outputs().size(), "one undo removes the output");
    }

    @Test
    void postgresqlOutputWritesTheTableWhenAServerIsReachable() throws Exception {
        Assumptions.assumeTrue(reachable("127.0.0.1", 5432), "no PostgreSQL on 127.0.0.1:5432");
        open();
        String table = "mw_ui_out_" + Long.toHexString(System.nanoTime());
        OutputsDialog d = dialog(secrets);
        press(d, "output.add");
        select((Combo) d.find("output.kind"), OutputsDialog.Kind.POSTGRESQL.ordinal());
        type(d, "output.host", "127.0.0.1");
        type(d, "output.port", "5432");
        type(d, "output.database", "test");
        type(d, "output.user", "postgres");
        type(d, "output.table", table);
        d.validateNow();
        assertNull(d.structuralError(), d.structuralError());
        d.pressOk();
        Map<String, Object> s = mapping().outputs().get(1).settings().asMap();
        assertEquals("postgresql", s.get("driver"));
        assertEquals(5432L, ((Number) s.get("port")).longValue());
        assertFalse(s.containsKey("credentialKey"), "no password typed, none referenced");

        RunReport report = MapwrightRuntime.standard(secrets).run(saved(), RunOptions.defaults());
        Properties p = new Properties();
        p.put("user", "postgres");
        try (Connection c = new org.postgresql.Driver().connect("jdbc:postgresql://127.0.0.1:5432/test", p);
                Statement st = c.createStatement()) {
            try {
                assertTrue(report.succeeded(), String.valueOf(report.error()));
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM \"" + table + "\"")) {
                    assertTrue(rs.next());
                    assertEquals(report.mappings().get(0).rowsWritten(), rs.getLong(1));
                }
            } finally {
                st.execute("DROP TABLE IF EXISTS \"" + table + "\"");
            }
        }
    }

    private static boolean reachable(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void aRefusedEditDisablesOkAndShowsWhyUntilItIsFixedWithoutPressingAnything() throws Exception {
        open();
        OutputsDialog d = dialog(null);
        d.outputList().select(0);
        d.outputList().notifyListeners(SWT.Selection, new Event());
        Text path = (Text) d.find("output.path");
        path.setText("");
        ui.waitUntil(() -> d.structuralError() != null, "the emptied path is validated without anything but typing");
        assertTrue(d.structuralError().contains("give the file"), d.structuralError());
        assertFalse(d.okEnabled());
        assertEquals("error: " + d.structuralError(), d.problemLines()[0]);
        path.setText("out/x.csv");
        ui.waitUntil(() -> d.structuralError() == null, "the fixed path is validated");
        assertTrue(d.okEnabled());
        d.close();
    }

    @Test
    void listReordersRemovesAndShowsTheSelectedOutput() throws Exception {
        open();
        OutputsDialog d = dialog(null);
        String first = d.outputList().getItem(0);
        assertEquals(0, d.outputList().getSelectionIndex(), "the first row is shown when the dialog opens");
        assertNotNull(d.find("output.path"));

        press(d, "output.add");
        String added = d.outputList().getItem(1);
        assertEquals(1, d.outputList().getSelectionIndex());
        press(d, "output.up");
        assertEquals(List.of(added, first), List.of(d.outputList().getItems()));
        assertEquals(0, d.outputList().getSelectionIndex());
        press(d, "output.up");
        assertEquals(List.of(added, first), List.of(d.outputList().getItems()), "the first row cannot move up");
        press(d, "output.down");
        assertEquals(List.of(first, added), List.of(d.outputList().getItems()));

        ((Text) d.find("output.path")).setText("out/renamed.csv");
        assertEquals("csv out/renamed.csv", d.outputList().getItem(1), "an edit relabels its row");

        d.outputList().deselectAll();
        d.outputList().notifyListeners(SWT.Selection, new Event());
        assertNull(d.find("output.path"), "no editor without a selection");
        assertNotNull(hint(d, "Select an output to edit it."));

        d.outputList().select(0);
        press(d, "output.remove");
        assertEquals(List.of("csv out/renamed.csv"), List.of(d.outputList().getItems()));
        press(d, "output.remove");
        assertEquals(0, d.outputList().getItemCount());
        assertNotNull(hint(d, "No outputs: a run only counts rows. Add one to write the mapped rows."));

        d.validateNow();
        d.pressOk();
        assertEquals(List.of(), mapping().outputs());
    }

    private static Label hint(OutputsDialog d, String text) {
        return find(d.getShell(), text);
    }

    private static Label find(org.eclipse.swt.widgets.Control c, String text) {
        if (c instanceof Label l && text.equals(l.getText())) {
            return l;
        }
        if (c instanceof org.eclipse.swt.widgets.Composite comp) {
            for (var child : comp.getChildren()) {
                Label hit = find(child, text);
                if (hit != null) {
                    return hit;
                }
            }
        }
        return null;
    }
}
