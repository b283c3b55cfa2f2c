package org.mapwright.ui.sql;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.osgi.service.datalocation.Location;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.mapwright.core.connector.CredentialStore;
import org.mapwright.ui.model.ProjectDocument;
import org.mapwright.ui.model.WorkbenchSession;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The SQL console view: pick one of the open project's databases (its {@code jdbc} sources and
 * outputs), type a statement, run it with Ctrl+Enter as a cancellable background job, and see the
 * rows in a virtual grid (at most the row limit, with a note when the query returns more) or the
 * database's error. The result exports to CSV or Excel; recent queries are kept in the workspace.
 */
public class SqlConsolePart {

    /** Element id of this view in the application model (contributed by this bundle's model fragment). */
    public static final String PART_ID = "org.mapwright.ui.sql.part.console";
    /** Context key of the history file ({@link Path}); without one the workspace's is used. */
    public static final String HISTORY_FILE = "org.mapwright.ui.sql.historyFile";
    /** Rows shown by default; the view's row limit changes it. */
    public static final int DEFAULT_ROW_LIMIT = 10_000;
    /** Rows per round trip to the database, and how often the grid grows. */
    public static final int FETCH_SIZE = 500;

    @Inject
    WorkbenchSession session;

    @Inject
    @Optional
    CredentialStore credentials;

    @Inject
    @Optional
    @Named(HISTORY_FILE)
    Path historyFile;

    private final WorkbenchSession.Listener listener = new WorkbenchSession.Listener() {
        @Override
        public void documentChanged(ProjectDocument now) {
            refreshDatabases();
        }

        @Override
        public void projectChanged(ProjectDocument document, ProjectDocument.Change change) {
            refreshDatabases();
        }
    };

    private Display display;
    private Combo databases;
    private StyledText editor;
    private Button run;
    private Button cancel;
    private Combo historyCombo;
    private Spinner rowLimit;
    private Button exportCsv;
    private Button exportExcel;
    private Label status;
    private Text error;
    private ResultGrid grid;
    private List<ProjectDatabase> known = List.of();
    private QueryHistory history;
    private QueryJob job;
    private QueryResult result;

    @PostConstruct
    public void create(Composite parent) {
        display = parent.getDisplay();
        parent.setLayout(new GridLayout(1, false));
        Composite bar = new Composite(parent, SWT.NONE);
        bar.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        GridLayout barLayout = new GridLayout(6, false);
        barLayout.marginWidth = 0;
        barLayout.marginHeight = 0;
        bar.setLayout(barLayout);
        new Label(bar, SWT.NONE).setText("Database:");
        databases = new Combo(bar, SWT.READ_ONLY | SWT.DROP_DOWN);
        GridData dbData = new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1);
        dbData.widthHint = 200;
        databases.setLayoutData(dbData);
        databases.setToolTipText("The project's H2 and PostgreSQL databases (its jdbc sources and outputs)");
        run = button(bar, "Run", "Run the statement, or the selected text (Ctrl+Enter)");
        run.addListener(SWT.Selection, e -> runQuery());
        cancel = button(bar, "Cancel", "Cancel the running statement");
        cancel.addListener(SWT.Selection, e -> cancelQuery());
        new Label(bar, SWT.NONE).setText("Recent:");
        historyCombo = new Combo(bar, SWT.READ_ONLY | SWT.DROP_DOWN);
        GridData hData = new GridData(SWT.FILL, SWT.CENTER, true, false);
        hData.widthHint = 120;
        historyCombo.setLayoutData(hData);
        historyCombo.setToolTipText("Recent queries: pick one to put it into the editor");
        historyCombo.addListener(SWT.Selection, e -> recall(historyCombo.getSelectionIndex()));
        new Label(bar, SWT.NONE).setText("Row limit:");
        rowLimit = new Spinner(bar, SWT.BORDER);
        rowLimit.setValues(DEFAULT_ROW_LIMIT, 1, 1_000_000, 0, 100, 1000);
        rowLimit.setToolTipText("The most rows fetched and shown");
        exportCsv = button(bar, "Export CSV\u2026", "Save the rows shown as a CSV file");
        exportCsv.addListener(SWT.Selection, e -> chooseExport("*.csv", "result.csv"));
        exportExcel = button(bar, "Export Excel\u2026", "Save the rows shown as an Excel workbook (.xlsx)");
        exportExcel.addListener(SWT.Selection, e -> chooseExport("*.xlsx", "result.xlsx"));

        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        editor = new StyledText(sash, SWT.BORDER | SWT.MULTI | SWT.V_SCROLL | SWT.H_SCROLL);
        editor.setFont(display.getSystemFont());
        editor.addVerifyKeyListener(e -> {
            if ((e.stateMask & SWT.MOD1) != 0 && (e.keyCode == SWT.CR || e.keyCode == SWT.KEYPAD_CR)) {
                e.doit = false;
                runQuery();
            }
        });
        Composite results = new Composite(sash, SWT.NONE);
        GridLayout rl = new GridLayout(1, false);
        rl.marginWidth = 0;
        rl.marginHeight = 0;
        results.setLayout(rl);
        status = new Label(results, SWT.NONE);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        error = new Text(results, SWT.MULTI | SWT.READ_ONLY | SWT.WRAP | SWT.V_SCROLL | SWT.BORDER);
        error.setForeground(display.getSystemColor(SWT.COLOR_RED));
        GridData errorData = new GridData(SWT.FILL, SWT.FILL, true, false);
        errorData.heightHint = 60;
        errorData.exclude = true;
        error.setLayoutData(errorData);
        error.setVisible(false);
        grid = new ResultGrid(results);
        grid.table().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        sash.setWeights(25, 75);

        history = new QueryHistory(historyFile != null ? historyFile : defaultHistoryFile(), QueryHistory.DEFAULT_LIMIT);
        String problem = history.load();
        refreshHistory();
        session.addListener(listener);
        refreshDatabases();
        showStatus(problem == null ? "Pick a database, type a statement and press Ctrl+Enter." : problem);
        updateButtons();
    }

    private static Button button(Composite parent, String text, String tip) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(text);
        b.setToolTipText(tip);
        return b;
    }

    /** @return {@code <workspace>/.metadata/.plugins/org.mapwright.ui.sql/history.json}, or under ~/.mapwright without a workspace */
    static Path defaultHistoryFile() {
        Path workspace = Path.of(System.getProperty("user.home"), ".mapwright", "workspace");
        Location location = Platform.getInstanceLocation();
        if (location != null && location.getURL() != null) {
            try {
                workspace = Path.of(location.getURL().toURI());
            } catch (URISyntaxException | IllegalArgumentException e) {
                workspace = Path.of(location.getURL().getPath());
            }
        }
        return workspace.resolve(".metadata/.plugins/org.mapwright.ui.sql/history.json");
    }

    private void refreshDatabases() {
        if (databases == null || databases.isDisposed()) {
            return;
        }
        ProjectDocument d = session.document();
        String before = databases.getSelectionIndex() >= 0 ? databases.getItem(databases.getSelectionIndex()) : null;
        List<ProjectDatabase> now = d == null ? List.of() : ProjectDatabase.of(d.project(), d.folder());
        if (now.equals(known)) {
            return;
        }
        known = now;
        databases.removeAll();
        for (ProjectDatabase db : known) {
            databases.add(db.label());
        }
        int index = before == null ? -1 : databases.indexOf(before);
        databases.select(index >= 0 ? index : 0);
        if (known.isEmpty()) {
            showStatus(d == null ? "No project is open." : "The project has no database: add a jdbc source or output (H2 or PostgreSQL).");
        }
        updateButtons();
    }

    private void refreshHistory() {
        historyCombo.removeAll();
        for (QueryHistory.Entry e : history.entries()) {
            String oneLine = e.sql().replaceAll("\\s+", " ");
            historyCombo.add(oneLine.length() > 80 ? oneLine.substring(0, 79) + "\u2026" : oneLine);
        }
        historyCombo.setEnabled(!history.entries().isEmpty());
    }

    private void recall(int index) {
        List<QueryHistory.Entry> entries = history.entries();
        if (index >= 0 && index < entries.size()) {
            QueryHistory.Entry e = entries.get(index);
            editor.setText(e.sql());
            int db = databases.indexOf(e.database());
            if (db >= 0) {
                databases.select(db);
            }
            editor.setFocus();
        }
    }

    /**
     * Runs the editor's statement (or its selected text) against the chosen database.
     *
     * @return the scheduled job, or null when nothing could be started (the reason is shown)
     */
    public Job runQuery() {
        if (job != null) {
            return null;
        }
        int index = databases.getSelectionIndex();
        if (index < 0 || index >= known.size()) {
            showError("Pick a database first.");
            return null;
        }
        String sql = editor.getSelectionCount() > 0 ? editor.getSelectionText() : editor.getText();
        if (sql.isBlank()) {
            showError("Type a SQL statement to run.");
            return null;
        }
        ProjectDatabase db = known.get(index);
        try {
            history.add(sql, db.label(), Instant.now());
        } catch (IOException e) {
            showStatus("The query history could not be saved: " + e.getMessage());
        }
        refreshHistory();
        result = null;
        grid.show(null);
        hideError();
        showStatus("Running on " + db.label() + "\u2026");
        job = new QueryJob(new SqlQuery(db, sql, credentials, rowLimit.getSelection(), FETCH_SIZE));
        updateButtons();
        job.schedule();
        return job;
    }

    /** Cancels the running statement, if any. */
    public void cancelQuery() {
        if (job != null) {
            job.cancel();
            showStatus("Cancelling\u2026");
        }
    }

    private void chooseExport(String extension, String name) {
        FileDialog dialog = new FileDialog(editor.getShell(), SWT.SAVE);
        dialog.setFilterExtensions(new String[] { extension });
        dialog.setFileName(name);
        dialog.setOverwrite(true);
        String file = dialog.open();
        if (file != null) {
            exportTo(Path.of(file));
        }
    }

    /**
     * Writes the shown result to a {@code .csv} or {@code .xlsx} file in the background.
     *
     * @return the job, or null when there is nothing to export (the reason is shown)
     */
    public Job exportTo(Path file) {
        QueryResult r = result;
        if (r == null || !r.hasResultSet() || job != null) {
            showError("Run a query that returns rows first.");
            return null;
        }
        Job export = Job.create("Export query result to " + file.getFileName(), monitor -> {
            try {
                ResultExport.write(r, file);
                ui(() -> showStatus(String.format("%,d rows exported to %s", r.rowCount(), file)));
            } catch (IOException | RuntimeException e) {
                ui(() -> showError("Export failed: " + e.getMessage()));
            }
            return Status.OK_STATUS;
        });
        export.setUser(true);
        export.schedule();
        return export;
    }

    private final class QueryJob extends Job {
        private final SqlQuery query;

        QueryJob(SqlQuery query) {
            super("SQL query");
            this.query = query;
            setUser(false);
        }

        @Override
        protected IStatus run(IProgressMonitor monitor) {
            monitor.beginTask("Running SQL", IProgressMonitor.UNKNOWN);
            try {
                QueryResult r = query.execute(started -> ui(() -> started(this, started)), count -> ui(() -> rows(this, count)));
                ui(() -> finished(this, r, null));
            } catch (QueryException e) {
                ui(() -> finished(this, null, e.getMessage()));
            } catch (RuntimeException e) {
                ui(() -> finished(this, null, "The query failed: " + e));
            } finally {
                monitor.done();
            }
            return query.isCancelled() ? Status.CANCEL_STATUS : Status.OK_STATUS;
        }

        @Override
        protected void canceling() {
            query.cancel();
        }
    }

    private void started(QueryJob from, QueryResult r) {
        if (from == job && !grid.table().isDisposed()) {
            result = r;
            grid.show(r);
        }
    }

    private void rows(QueryJob from, int count) {
        if (from == job && !grid.table().isDisposed()) {
            grid.setRowCount(count);
            showStatus(String.format("%,d rows fetched\u2026", count));
        }
    }

    private void finished(QueryJob from, QueryResult r, String message) {
        if (from != job || grid.table().isDisposed()) {
            return;
        }
        job = null;
        if (r != null) {
            result = r;
            if (r.hasResultSet()) {
                grid.setRowCount(r.rowCount());
            } else {
                grid.show(null);
            }
            showStatus(r.summary());
        } else {
            result = null;
            grid.show(null);
            showStatus("");
            showError(message);
        }
        updateButtons();
    }

    private void ui(Runnable r) {
        if (!display.isDisposed()) {
            display.asyncExec(() -> {
                if (!editor.isDisposed()) {
                    r.run();
                }
            });
        }
    }

    private void updateButtons() {
        boolean running = job != null;
        run.setEnabled(!running && !known.isEmpty());
        cancel.setEnabled(running);
        boolean rows = !running && result != null && result.hasResultSet();
        exportCsv.setEnabled(rows);
        exportExcel.setEnabled(rows);
    }

    private void showStatus(String text) {
        status.setText(text);
        status.getParent().layout();
    }

    private void showError(String text) {
        error.setText(text);
        error.setVisible(true);
        ((GridData) error.getLayoutData()).exclude = false;
        error.getParent().layout();
    }

    private void hideError() {
        error.setText("");
        error.setVisible(false);
        ((GridData) error.getLayoutData()).exclude = true;
        error.getParent().layout();
    }

    @PreDestroy
    void dispose() {
        session.removeListener(listener);
        if (job != null) {
            job.cancel();
        }
    }

    /** Activating the console puts the caret into the statement, ready to type. */
    @Focus
    public void focus() {
        editor.setFocus();
    }

    /** @return the database chooser */
    public Combo databases() {
        return databases;
    }

    public StyledText editor() {
        return editor;
    }

    public ResultGrid grid() {
        return grid;
    }

    /** @return the status line: row counts, the "first N rows" note, progress */
    public String statusText() {
        return status.getText();
    }

    /** @return the error shown (the database's message), or empty */
    public String errorText() {
        return error.getVisible() ? error.getText() : "";
    }

    /** @return whether a query is running */
    public boolean isRunning() {
        return job != null;
    }

    public void setRowLimit(int rows) {
        rowLimit.setSelection(rows);
    }

    /** @return the last finished (or running) result, or null */
    public QueryResult result() {
        return result;
    }

    public QueryHistory history() {
        return history;
    }

    /** @return the history chooser */
    public Combo historyCombo() {
        return historyCombo;
    }

    /** @return the databases offered, in the chooser's order */
    public List<ProjectDatabase> knownDatabases() {
        return new ArrayList<>(known);
    }
}
