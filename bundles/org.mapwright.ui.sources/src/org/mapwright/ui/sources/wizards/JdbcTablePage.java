package org.mapwright.ui.sources.wizards;

import java.util.List;

import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.mapwright.connector.jdbc.JdbcConnector;
import org.mapwright.connector.jdbc.TableRef;
import org.mapwright.core.Settings;
import org.mapwright.ui.jobs.Background;
import org.mapwright.internal.ui.sources.PreviewTable;

/**
 * Second page of {@link AddJdbcSourceWizard}: a table or view picked from the database's list, or
 * a query, with a paged preview (one bounded query per page) and the source name.
 */
public final class JdbcTablePage extends WizardPage {

    private static final int DEBOUNCE_MS = 300;

    private final AddJdbcSourceWizard wizard;
    private final Background listWork;
    private final Background previewWork;
    private Button tableChoice;
    private Button queryChoice;
    private TableViewer tables;
    private Text query;
    private Text name;
    private Table preview;
    private Button previous;
    private Button next;
    private Label message;
    private Settings listed;
    private boolean nameEdited;
    private boolean updating;
    private AddJdbcSourceWizard.Page page;
    private String failure;
    private final Runnable refreshSoon = () -> refresh(0);

    JdbcTablePage(AddJdbcSourceWizard wizard) {
        super("table", "Table or query", null);
        this.wizard = wizard;
        this.listWork = new Background(org.eclipse.swt.widgets.Display.getCurrent(), "Database tables");
        this.previewWork = new Background(org.eclipse.swt.widgets.Display.getCurrent(), "Database preview");
        setDescription("Pick a table or view, or write a query; the preview reads one page at a time.");
        setPageComplete(false);
    }

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(4, false));
        tableChoice = new Button(c, SWT.RADIO);
        tableChoice.setText("Table or view");
        tableChoice.setSelection(true);
        queryChoice = new Button(c, SWT.RADIO);
        queryChoice.setText("Query");
        queryChoice.setLayoutData(new GridData(SWT.LEFT, SWT.CENTER, false, false, 3, 1));
        tableChoice.addListener(SWT.Selection, e -> choiceChanged());
        tables = new TableViewer(c, SWT.BORDER | SWT.SINGLE | SWT.FULL_SELECTION | SWT.V_SCROLL);
        GridData td = new GridData(SWT.FILL, SWT.FILL, false, true, 1, 1);
        td.widthHint = 200;
        td.heightHint = 140;
        tables.getControl().setLayoutData(td);
        tables.setContentProvider(ArrayContentProvider.getInstance());
        tables.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object e) {
                TableRef t = (TableRef) e;
                return t.label() + ("TABLE".equals(t.kind()) ? "" : " (" + t.kind().toLowerCase(java.util.Locale.ROOT) + ")");
            }
        });
        tables.addSelectionChangedListener(e -> {
            TableRef t = selectedTable();
            if (t != null && !nameEdited) {
                updating = true;
                name.setText(wizard.defaultName(t.name()));
                updating = false;
            }
            refresh(0);
        });
        query = new Text(c, SWT.BORDER | SWT.MULTI | SWT.V_SCROLL | SWT.WRAP);
        GridData qd = new GridData(SWT.FILL, SWT.FILL, true, true, 3, 1);
        qd.heightHint = 140;
        query.setLayoutData(qd);
        query.setMessage("SELECT … (one read-only statement)");
        query.addListener(SWT.Modify, e -> {
            if (queryChoice.getSelection()) {
                setPageComplete(false);
                query.getDisplay().timerExec(DEBOUNCE_MS, refreshSoon);
            }
        });
        new Label(c, SWT.NONE).setText("Source name:");
        name = new Text(c, SWT.BORDER);
        name.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
        name.addListener(SWT.Modify, e -> {
            if (!updating) {
                nameEdited = true;
            }
            validate();
        });
        preview = new Table(c, SWT.BORDER | SWT.FULL_SELECTION);
        preview.setHeaderVisible(true);
        preview.setLinesVisible(true);
        GridData pd = new GridData(SWT.FILL, SWT.FILL, true, true, 4, 1);
        pd.heightHint = 200;
        pd.widthHint = 680;
        preview.setLayoutData(pd);
        previous = new Button(c, SWT.PUSH);
        previous.setText("◀ Previous");
        previous.addListener(SWT.Selection, e -> refresh(Math.max(0, page.offset() - AddJdbcSourceWizard.PAGE_ROWS)));
        next = new Button(c, SWT.PUSH);
        next.setText("Next ▶");
        next.addListener(SWT.Selection, e -> refresh(page.offset() + AddJdbcSourceWizard.PAGE_ROWS));
        message = new Label(c, SWT.WRAP);
        message.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        choiceChanged();
        setControl(c);
    }

    private void choiceChanged() {
        boolean table = tableChoice.getSelection();
        tables.getControl().setEnabled(table);
        query.setEnabled(!table);
        refresh(0);
    }

    @Override
    public void setVisible(boolean visible) {
        super.setVisible(visible);
        if (visible) {
            Settings connection = wizard.connectionPage().connectionSettings();
            if (!connection.equals(listed)) {
                list(connection);
            }
        }
    }

    private void list(Settings connection) {
        listed = connection;
        tables.setInput(List.of());
        message.setText("Reading the tables…");
        listWork.run("tables", m -> wizard.tables(connection), found -> {
            if (tables.getControl().isDisposed()) {
                return;
            }
            tables.setInput(found);
            message.setText(found.size() + " tables and views.");
            if (found.isEmpty()) {
                queryChoice.setSelection(true);
                tableChoice.setSelection(false);
                choiceChanged();
            }
        }, err -> {
            listed = null;
            if (!message.isDisposed()) {
                message.setText(err);
                setErrorMessage(err);
            }
        });
    }

    /** @return the selected table, or null */
    TableRef selectedTable() {
        Object o = ((IStructuredSelection) tables.getSelection()).getFirstElement();
        return (TableRef) o;
    }

    /** Selects the table with this (unqualified) name, as clicking it does; false when there is none. */
    public boolean selectTable(String tableName) {
        @SuppressWarnings("unchecked")
        List<TableRef> all = (List<TableRef>) tables.getInput();
        for (TableRef t : all == null ? List.<TableRef>of() : all) {
            if (t.name().equalsIgnoreCase(tableName)) {
                tables.setSelection(new StructuredSelection(t), true);
                return true;
            }
        }
        return false;
    }

    /** Switches to a query, as choosing "Query" and typing it does. */
    public void useQuery(String sql) {
        queryChoice.setSelection(true);
        tableChoice.setSelection(false);
        choiceChanged();
        query.setText(sql);
    }

    String sourceName() {
        return name.getText().strip();
    }

    /** @return the source settings (connection plus table or query), or null while incomplete */
    Settings sourceSettings() {
        Settings connection = wizard.connectionPage().connectionSettings();
        if (tableChoice.getSelection()) {
            TableRef t = selectedTable();
            if (t == null) {
                return null;
            }
            Settings s = connection.with(JdbcConnector.TABLE, t.name());
            return t.schema() == null || t.schema().isEmpty() ? s : s.with(JdbcConnector.SCHEMA, t.schema());
        }
        String q = query.getText().strip();
        return q.isEmpty() ? null : connection.with(JdbcConnector.QUERY, q);
    }

    private void refresh(long offset) {
        if (preview == null || preview.isDisposed()) {
            return;
        }
        page = null;
        failure = null;
        updateButtons();
        Settings connection = wizard.connectionPage().connectionSettings();
        Settings source = sourceSettings();
        if (source == null) {
            previewWork.cancel();
            PreviewTable.show(preview, null, 1);
            validate();
            return;
        }
        message.setText("Reading…");
        setPageComplete(false);
        TableRef table = tableChoice.getSelection() ? selectedTable() : null;
        previewWork.run("preview", m -> table != null ? wizard.tablePage(connection, table, offset) : wizard.queryPage(source, offset, m),
                p -> {
                    if (preview.isDisposed()) {
                        return;
                    }
                    page = p;
                    PreviewTable.show(preview, p.rows(), p.offset() + 1);
                    failure = p.rows().failure();
                    message.setText(p.rows().rows().isEmpty() ? "No rows." + (failure == null ? "" : " " + failure)
                            : "Rows " + (p.offset() + 1) + "–" + (p.offset() + p.rows().rows().size()) + (p.hasMore() ? ", more follow." : "."));
                    updateButtons();
                    validate();
                }, err -> {
                    if (!preview.isDisposed()) {
                        PreviewTable.show(preview, null, 1);
                        failure = err;
                        message.setText(err);
                        validate();
                    }
                });
    }

    private void updateButtons() {
        previous.setEnabled(page != null && page.offset() > 0);
        next.setEnabled(page != null && page.hasMore());
    }

    private void validate() {
        if (name == null) {
            return;
        }
        String error = failure;
        if (error == null && sourceSettings() != null) {
            error = wizard.nameProblem(sourceName());
        }
        setErrorMessage(error);
        setPageComplete(error == null && page != null && sourceSettings() != null);
    }

    public TableViewer tableList() {
        return tables;
    }

    public Text queryText() {
        return query;
    }

    public Text nameText() {
        return name;
    }

    public Table previewTable() {
        return preview;
    }

    public Button nextPageButton() {
        return next;
    }

    public Button previousPageButton() {
        return previous;
    }

    /** @return whether tables or a preview page are being read */
    public boolean busy() {
        return listWork.busy() || previewWork.busy();
    }

    /** @return the preview's first row number (1-based) */
    public long pageStart() {
        return page == null ? 0 : page.offset() + 1;
    }

    @Override
    public void dispose() {
        listWork.cancel();
        previewWork.cancel();
        super.dispose();
    }
}
