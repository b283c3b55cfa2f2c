package org.mapwright.ui.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.core.Settings;
import org.mapwright.core.connector.ConnectorRegistry;
import org.mapwright.core.connector.CredentialStore;
import org.mapwright.core.io.ProjectIO;
import org.mapwright.engine.MappingEngine;
import org.mapwright.ui.model.WorkbenchSession;

/**
 * The SQL console against a real embedded H2 file made by the test (and PostgreSQL at
 * 127.0.0.1:5432 when it is reachable), driven through its widgets on a real {@link Display}.
 */
class SqlConsoleTest {

    private static final long TIMEOUT_MS = 30_000;

    @TempDir
    Path temp;

    private Display display;
    private Shell shell;
    private IEclipseContext context;
    private WorkbenchSession session;
    private SqlConsolePart part;
    private Path project;
    private Path historyFile;

    @BeforeEach
    void open() throws Exception {
        project = temp.resolve("project");
        Files.createDirectories(project.resolve("db"));
        Files.copy(Path.of(System.getProperty("mapwright.testdata", "data")).resolve("db-project/mapwright.json"),
                project.resolve("mapwright.json"));
        Properties sa = new Properties();
        sa.setProperty("user", "sa");
        try (Connection c = new org.h2.Driver().connect("jdbc:h2:file:" + project.resolve("db/shop"), sa);
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE orders (id INT PRIMARY KEY, note VARCHAR(40), amount DECIMAL(10,2), placed DATE)");
            st.execute("INSERT INTO orders SELECT X, CASE WHEN MOD(X, 10) = 0 THEN NULL ELSE 'note ' || X END, X * 1.5,"
                    + " DATEADD(DAY, X, DATE '2024-01-01') FROM SYSTEM_RANGE(1, 1200)");
        }
        display = Display.getCurrent() != null ? Display.getCurrent() : new Display();
        shell = new Shell(display);
        shell.setLayout(new FillLayout());
        shell.setSize(1100, 700);
        session = new WorkbenchSession(new MappingEngine(new ConnectorRegistry(List.of(), List.of())), new ProjectIO());
        session.open(project);
        historyFile = temp.resolve("workspace/.metadata/.plugins/org.mapwright.ui.sql/history.json");
        context = EclipseContextFactory.create("sql-console-test");
        context.set(WorkbenchSession.class, session);
        context.set(CredentialStore.class, CredentialStore.NONE);
        context.set(SqlConsolePart.HISTORY_FILE, historyFile);
        IEclipseContext child = context.createChild("part");
        child.set(Composite.class, new Composite(shell, SWT.NONE));
        part = ContextInjectionFactory.make(SqlConsolePart.class, child);
        ((Composite) child.get(Composite.class)).setLayout(new FillLayout());
        shell.layout(true, true);
        shell.open();
        spin();
    }

    @AfterEach
    void close() {
        if (part.isRunning()) {
            part.cancelQuery();
            waitUntil(() -> !part.isRunning(), "the query is cancelled");
        }
        shell.dispose();
        context.dispose();
        spin();
    }

    @Test
    void offersTheProjectsDatabasesFromItsSettings() {
        List<ProjectDatabase> dbs = part.knownDatabases();
        assertEquals(2, dbs.size(), dbs.toString());
        assertTrue(dbs.get(0).label().startsWith("H2 file " + project.resolve("db/shop")), dbs.get(0).label());
        assertTrue(dbs.get(0).label().endsWith("(source orders)"), dbs.get(0).label());
        assertEquals("jdbc:h2:file:" + project.resolve("db/shop"), dbs.get(0).spec().url(), "the JDBC connector builds the URL");
        assertTrue(dbs.get(1).label().contains("PostgreSQL postgres@127.0.0.1:5432/test"), dbs.get(1).label());
        assertEquals(0, part.databases().getSelectionIndex());
    }

    @Test
    void ctrlEnterRunsTheQueryAndTheGridShowsTheFirstRowsOnly() throws Exception {
        part.setRowLimit(1000);
        part.editor().setText("SELECT id, note, amount, placed FROM orders ORDER BY id");
        Event e = new Event();
        e.keyCode = SWT.CR;
        e.character = '\r';
        e.stateMask = SWT.MOD1;
        part.editor().notifyListeners(SWT.KeyDown, e);
        assertTrue(part.isRunning() || part.result() != null, "Ctrl+Enter started the query");
        waitUntil(() -> !part.isRunning(), "the query finishes");
        assertEquals("SELECT id, note, amount, placed FROM orders ORDER BY id", part.editor().getText(), "Ctrl+Enter inserts no line break");
        assertEquals("", part.errorText());
        assertEquals(1000, part.grid().rowCount());
        assertTrue(part.result().truncated());
        assertTrue(part.statusText().startsWith("first 1,000 rows shown"), part.statusText());
        assertEquals(4, part.grid().table().getColumnCount());
        assertEquals("ID", part.grid().table().getColumn(0).getText());
        assertEquals("1", part.grid().text(0, 0));
        assertEquals("note 1", part.grid().text(0, 1));
        assertEquals("1.50", part.grid().text(0, 2));
        assertEquals("2024-01-02", part.grid().text(0, 3));
        assertEquals("NULL", part.grid().text(9, 1), "NULL differs from empty text");
        assertEquals("1000", part.grid().text(999, 0));
        assertTrue((part.grid().table().getStyle() & SWT.VIRTUAL) != 0);
    }

    @Test
    void aSmallResultIsShownWhole() {
        run("SELECT COUNT(*) AS n FROM orders");
        assertEquals(1, part.grid().rowCount());
        assertEquals("1200", part.grid().text(0, 0));
        assertFalse(part.result().truncated());
        assertTrue(part.statusText().startsWith("1 row in "), part.statusText());
    }

    @Test
    void anUpdateReportsItsCount() {
        run("UPDATE orders SET note = 'x' WHERE id <= 3");
        assertEquals("", part.errorText());
        assertTrue(part.statusText().startsWith("3 rows affected"), part.statusText());
        assertEquals(0, part.grid().table().getColumnCount());
    }

    @Test
    void anErrorShowsTheDatabasesMessage() {
        run("SELECT * FROM no_such_table");
        String error = part.errorText();
        assertTrue(error.contains("NO_SUCH_TABLE") && error.contains("not found"), error);
        assertTrue(error.startsWith("H2 file "), "the message names the connection: " + error);
        assertEquals(0, part.grid().rowCount());
        assertFalse(part.isRunning());
    }

    @Test
    void aLongQueryIsCancelledThroughTheStatement() {
        part.editor().setText("SELECT SUM(A.X * B.X) FROM SYSTEM_RANGE(1, 1000000) A, SYSTEM_RANGE(1, 1000000) B");
        Job job = part.runQuery();
        assertNotNull(job);
        waitUntil(() -> job.getState() == Job.RUNNING, "the query runs");
        sleep(300);
        long start = System.nanoTime();
        part.cancelQuery();
        waitUntil(() -> !part.isRunning(), "the query stops");
        assertTrue((System.nanoTime() - start) / 1_000_000 < 10_000, "cancel stops the statement promptly");
        assertTrue(part.errorText().startsWith("Cancelled"), part.errorText());
    }

    @Test
    void exportsTheResultToCsvAndExcelAtomically() throws Exception {
        run("SELECT id, note, amount, placed FROM orders ORDER BY id");
        assertEquals(1200, part.grid().rowCount());
        Path out = temp.resolve("exports");
        Files.createDirectories(out);
        Path csv = out.resolve("orders.csv");
        Files.writeString(csv, "old content");
        join(part.exportTo(csv));
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals(1201, lines.size());
        assertEquals("ID,NOTE,AMOUNT,PLACED", lines.get(0));
        assertEquals("1,note 1,1.50,2024-01-02", lines.get(1));
        assertEquals("10,,15.00,2024-01-11", lines.get(10), "null is an empty cell");

        Path xlsx = out.resolve("orders.xlsx");
        join(part.exportTo(xlsx));
        try (InputStream in = Files.newInputStream(xlsx); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            Sheet sheet = wb.getSheetAt(0);
            assertEquals(1200, sheet.getLastRowNum());
            assertEquals("ID", sheet.getRow(0).getCell(0).getStringCellValue());
            assertEquals(CellType.NUMERIC, sheet.getRow(1).getCell(0).getCellType());
            assertEquals(1.5, sheet.getRow(1).getCell(2).getNumericCellValue());
            assertNull(sheet.getRow(10).getCell(1), "null leaves the cell empty");
            assertEquals(java.time.LocalDate.of(2024, 1, 2), sheet.getRow(1).getCell(3).getLocalDateTimeCellValue().toLocalDate());
        }
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of("orders.csv", "orders.xlsx"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary file is left behind");
        }
        assertTrue(part.statusText().contains("1,200 rows exported"), part.statusText());
    }

    @Test
    void recentQueriesArePersistedInTheWorkspaceAndCanBeRecalled() {
        run("SELECT 1");
        run("SELECT 2");
        run("SELECT 1");
        assertTrue(Files.isRegularFile(historyFile));
        QueryHistory reread = new QueryHistory(historyFile, QueryHistory.DEFAULT_LIMIT);
        assertNull(reread.load());
        assertEquals(List.of("SELECT 1", "SELECT 2"), reread.entries().stream().map(QueryHistory.Entry::sql).toList(),
                "newest first, a repeated query moves to the top");
        assertFalse(Files.exists(project.resolve("history.json")), "the project folder is left alone");
        part.editor().setText("");
        part.historyCombo().select(1);
        part.historyCombo().notifyListeners(SWT.Selection, new Event());
        assertEquals("SELECT 2", part.editor().getText());
    }

    @Test
    void historyKeepsTheNewestEntriesAndSurvivesACorruptFile() throws Exception {
        Path file = temp.resolve("h/history.json");
        QueryHistory h = new QueryHistory(file, 3);
        for (int i = 0; i < 5; i++) {
            h.add("SELECT " + i, "db", Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i));
        }
        assertEquals(List.of("SELECT 4", "SELECT 3", "SELECT 2"), h.entries().stream().map(QueryHistory.Entry::sql).toList());
        Files.writeString(file, "{ not json");
        String problem = h.load();
        assertNotNull(problem);
        assertTrue(problem.startsWith(file.toString()), problem);
        assertTrue(h.entries().isEmpty());
    }

    @Test
    void aMissingH2FileIsReportedNotCreated() {
        ProjectDatabase db = database(Map.of("driver", "h2", "path", "db/missing"));
        QueryException e = assertThrows(QueryException.class,
                () -> new SqlQuery(db, "SELECT 1", CredentialStore.NONE, 10, 10).execute(r -> { }, n -> { }));
        assertTrue(e.getMessage().contains("Run the project first"), e.getMessage());
        assertFalse(Files.exists(project.resolve("db/missing.mv.db")));
    }

    @Test
    void aMissingSecretIsNamedByItsKeyAndAStoredOneIsUsedButNeverShown() {
        ProjectDatabase db = database(Map.of("driver", "postgresql", "host", "127.0.0.1", "port", 1, "database", "test", "user",
                "postgres", "credentialKey", "pg/test"));
        QueryException missing = assertThrows(QueryException.class,
                () -> new SqlQuery(db, "SELECT 1", CredentialStore.NONE, 10, 10).execute(r -> { }, n -> { }));
        assertTrue(missing.getMessage().contains("'pg/test'"), missing.getMessage());
        CredentialStore store = key -> key.equals("pg/test") ? Optional.of("s3cret-pass") : Optional.empty();
        QueryException refused = assertThrows(QueryException.class,
                () -> new SqlQuery(db, "SELECT 1", store, 10, 10).execute(r -> { }, n -> { }));
        assertTrue(refused.getMessage().startsWith("Cannot connect to PostgreSQL"), refused.getMessage());
        assertFalse(refused.getMessage().contains("s3cret-pass"));
    }

    @Test
    void refusedConnectionSettingsAreShownWithoutConnecting() {
        ProjectDatabase db = database(Map.of("driver", "h2", "path", "tcp://evil/db"));
        assertNull(db.spec());
        QueryException e = assertThrows(QueryException.class,
                () -> new SqlQuery(db, "SELECT 1", CredentialStore.NONE, 10, 10).execute(r -> { }, n -> { }));
        assertTrue(e.getMessage().contains("local files only"), e.getMessage());
    }

    @Test
    void postgresqlWhenReachable() {
        Assumptions.assumeTrue(postgresReachable(),
                "PostgreSQL is not reachable at 127.0.0.1:5432 (db test, user postgres, trust auth): PostgreSQL console test skipped");
        part.databases().select(1);
        part.setRowLimit(1000);
        run("SELECT n, 'row ' || n AS label FROM generate_series(1, 2500) AS n");
        assertEquals("", part.errorText());
        assertEquals(1000, part.grid().rowCount());
        assertTrue(part.result().truncated());
        assertEquals("label", part.grid().table().getColumn(1).getText());
        assertEquals("row 1000", part.grid().text(999, 1));

        run("SELECT * FROM mw_no_such_table");
        assertTrue(part.errorText().contains("mw_no_such_table") && part.errorText().contains("42P01"), part.errorText());

        part.editor().setText("SELECT pg_sleep(30)");
        Job job = part.runQuery();
        waitUntil(() -> job.getState() == Job.RUNNING, "the query runs");
        sleep(300);
        long start = System.nanoTime();
        part.cancelQuery();
        waitUntil(() -> !part.isRunning(), "pg_sleep is cancelled");
        assertTrue((System.nanoTime() - start) / 1_000_000 < 10_000);
        assertTrue(part.errorText().startsWith("Cancelled"), part.errorText());
    }

    private ProjectDatabase database(Map<String, Object> settings) {
        return ProjectDatabase.of(new org.mapwright.core.Project("p", List.of(new org.mapwright.core.SourceDef("s", "s", "jdbc",
                Settings.of(settings), org.mapwright.core.Schema.empty())), List.of()), project).get(0);
    }

    private static boolean postgresReachable() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", 5432), 500);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private void run(String sql) {
        part.editor().setText(sql);
        Job job = part.runQuery();
        assertNotNull(job, "the query starts: " + part.errorText());
        waitUntil(() -> !part.isRunning(), "the query finishes: " + sql);
    }

    private void join(Job job) throws InterruptedException {
        assertNotNull(job, part.errorText());
        waitUntil(() -> job.getState() == Job.NONE, "the job ends");
        job.join();
        spin();
    }

    private void waitUntil(BooleanSupplier condition, String what) {
        long end = System.currentTimeMillis() + TIMEOUT_MS;
        while (true) {
            spin();
            if (condition.getAsBoolean()) {
                return;
            }
            if (System.currentTimeMillis() > end) {
                fail("timed out waiting until " + what);
            }
            sleep(5);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void spin() {
        while (!display.isDisposed() && display.readAndDispatch()) {
            // keep dispatching
        }
    }
}
