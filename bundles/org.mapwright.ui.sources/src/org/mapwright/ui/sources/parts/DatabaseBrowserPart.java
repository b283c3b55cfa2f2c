package org.mapwright.ui.sources.parts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.mapwright.connector.jdbc.ColumnInfo;
import org.mapwright.connector.jdbc.DatabaseBrowser;
import org.mapwright.connector.jdbc.ForeignKey;
import org.mapwright.connector.jdbc.JdbcConnector;
import org.mapwright.connector.jdbc.PreviewPage;
import org.mapwright.connector.jdbc.TableInfo;
import org.mapwright.connector.jdbc.TableRef;
import org.mapwright.core.Ids;
import org.mapwright.core.Project;
import org.mapwright.core.Settings;
import org.mapwright.core.SourceDef;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.CredentialStore;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.InspectOptions;
import org.mapwright.core.connector.Inspection;
import org.mapwright.core.connector.Limits;
import org.mapwright.ui.jobs.Background;
import org.mapwright.internal.ui.sources.Connections;
import org.mapwright.internal.ui.sources.PreviewTable;
import org.mapwright.internal.ui.sources.Rows;
import org.mapwright.ui.model.ProjectDocument;
import org.mapwright.ui.model.ProjectEdits;
import org.mapwright.ui.model.Selection;
import org.mapwright.ui.model.WorkbenchSession;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * The Databases view: every database connection of the project's JDBC sources and targets as a
 * tree of schemas (with their catalog), tables and views, and columns with their types, primary
 * key and foreign keys.
 * Levels load lazily in jobs (one short connection each, so a database that goes away only fails
 * the node being opened, with the connector's message). Selecting a table shows its rows one page
 * at a time (a bounded query per page, never a scan of the table); "Add as Source" adds the table
 * as a source of the project through the command stack.
 */
public final class DatabaseBrowserPart {

    /** Rows per preview page. */
    public static final int PAGE_ROWS = 100;

    /**
     * A schema of a connection.
     *
     * @param catalog the database (catalog) it belongs to when the connection reaches exactly one, else null
     */
    public record SchemaNode(Connections.Connection connection, String catalog, String schema) {
    }

    /** A table or view of a connection. */
    public record TableNode(Connections.Connection connection, TableRef table) {
    }

    /**
     * A column.
     *
     * @param key        whether it is part of the primary key
     * @param references the foreign key target, e.g. {@code PUBLIC.CUSTOMERS(ID)}, or null
     */
    public record ColumnNode(TableNode table, ColumnInfo column, boolean key, String references) {
    }

    /** A placeholder or failure shown in place of a level's children. */
    public record Info(String text, boolean error) {
    }

    private static final Info LOADING = new Info("Loading…", false);

    private final WorkbenchSession session;
    private final IEclipseContext context;
    private final Map<Object, List<Object>> children = new HashMap<>();
    private final Set<Object> loading = new HashSet<>();
    private final WorkbenchSession.Listener listener = new WorkbenchSession.Listener() {
        @Override
        public void documentChanged(ProjectDocument now) {
            reload();
        }

        @Override
        public void projectChanged(ProjectDocument document, ProjectDocument.Change change) {
            if (!Connections.of(change.before()).equals(Connections.of(change.after()))) {
                reload();
            }
        }
    };
    private TreeViewer tree;
    private Table preview;
    private Label status;
    private Button addAsSource;
    private Button previous;
    private Button next;
    private Background previewWork;
    private Background addWork;
    private TableNode previewed;
    private PreviewPage page;
    private int pendingLoads;

    @Inject
    public DatabaseBrowserPart(WorkbenchSession session, IEclipseContext context) {
        this.session = session;
        this.context = context;
    }

    @PostConstruct
    public void create(Composite parent) {
        Display display = parent.getDisplay();
        previewWork = new Background(display, "Database preview");
        addWork = new Background(display, "Add database source");
        parent.setLayout(new org.eclipse.swt.layout.FillLayout());
        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        tree = new TreeViewer(sash, SWT.BORDER | SWT.SINGLE | SWT.V_SCROLL | SWT.H_SCROLL);
        tree.setContentProvider(new Content());
        tree.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object e) {
                return label(e);
            }

            @Override
            public String getToolTipText(Object e) {
                return label(e);
            }

            @Override
            public Color getForeground(Object e) {
                return e instanceof Info i && i.error() ? display.getSystemColor(SWT.COLOR_RED) : null;
            }
        });
        org.eclipse.jface.viewers.ColumnViewerToolTipSupport.enableFor(tree);
        tree.addSelectionChangedListener(e -> selected());
        Composite bottom = new Composite(sash, SWT.NONE);
        bottom.setLayout(new GridLayout(5, false));
        Button refresh = new Button(bottom, SWT.PUSH);
        refresh.setText("Refresh");
        refresh.setToolTipText("Read the databases again (tables or rows may have changed)");
        refresh.addListener(SWT.Selection, e -> reload());
        addAsSource = new Button(bottom, SWT.PUSH);
        addAsSource.setText("Add as Source");
        addAsSource.setToolTipText("Add the selected table or view to the project as a source");
        addAsSource.addListener(SWT.Selection, e -> addSelectedAsSource());
        previous = new Button(bottom, SWT.PUSH);
        previous.setText("◀");
        previous.setToolTipText("Previous page");
        previous.addListener(SWT.Selection, e -> showPage(Math.max(0, page.offset() - PAGE_ROWS)));
        next = new Button(bottom, SWT.PUSH);
        next.setText("▶");
        next.setToolTipText("Next page");
        next.addListener(SWT.Selection, e -> showPage(page.offset() + PAGE_ROWS));
        status = new Label(bottom, SWT.WRAP);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        preview = new Table(bottom, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        preview.setHeaderVisible(true);
        preview.setLinesVisible(true);
        preview.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 5, 1));
        sash.setWeights(55, 45);
        session.addListener(listener);
        reload();
        updateButtons();
    }

    @PreDestroy
    public void dispose() {
        session.removeListener(listener);
        previewWork.cancel();
        addWork.cancel();
    }

    /** Forgets every loaded level and shows the project's connections again. */
    public void reload() {
        if (tree == null || tree.getControl().isDisposed()) {
            return;
        }
        children.clear();
        loading.clear();
        previewed = null;
        page = null;
        PreviewTable.show(preview, null, 1);
        Project p = session.project();
        List<Object> roots = new ArrayList<>();
        if (p != null) {
            roots.addAll(Connections.of(p));
        }
        if (roots.isEmpty()) {
            roots.add(new Info(p == null ? "No project is open." : "The project has no database sources or targets.", false));
        }
        tree.setInput(roots);
        status.setText("");
        updateButtons();
    }

    private final class Content implements ITreeContentProvider {
        @Override
        public Object[] getElements(Object input) {
            return ((List<?>) input).toArray();
        }

        @Override
        public Object[] getChildren(Object parent) {
            List<Object> known = children.get(parent);
            if (known != null) {
                return known.toArray();
            }
            load(parent);
            return new Object[] {LOADING};
        }

        @Override
        public Object getParent(Object element) {
            return null;
        }

        @Override
        public boolean hasChildren(Object e) {
            return e instanceof Connections.Connection || e instanceof SchemaNode || e instanceof TableNode;
        }
    }

    private interface Level {
        List<Object> read(DatabaseBrowser b) throws DataException;
    }

    private void load(Object node) {
        if (!loading.add(node)) {
            return;
        }
        Connections.Connection c = connectionOf(node);
        Level level;
        if (node instanceof Connections.Connection) {
            level = b -> {
                List<String> catalogs = b.catalogs();
                String catalog = catalogs.size() == 1 ? catalogs.get(0) : null;
                List<Object> out = new ArrayList<>();
                for (String s : b.schemas()) {
                    out.add(new SchemaNode(c, catalog, s));
                }
                return out;
            };
        } else if (node instanceof SchemaNode s) {
            level = b -> {
                List<Object> out = new ArrayList<>();
                for (TableRef t : b.tables(s.schema())) {
                    out.add(new TableNode(c, t));
                }
                return out.isEmpty() ? List.of(new Info("No tables or views.", false)) : out;
            };
        } else {
            TableNode t = (TableNode) node;
            level = b -> columns(t, b.describe(t.table()));
        }
        Display display = tree.getControl().getDisplay();
        pendingLoads++;
        Job job = new Job("Reading " + label(node)) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                List<Object> result;
                try (DatabaseBrowser b = jdbc().browse(connectorContext(), c.settings())) {
                    result = level.read(b);
                } catch (DataException e) {
                    result = List.of(new Info(e.getMessage(), true));
                } catch (RuntimeException e) {
                    result = List.of(new Info(Background.describe(e), true));
                }
                List<Object> done = result;
                if (!display.isDisposed()) {
                    display.asyncExec(() -> {
                        pendingLoads--;
                        if (tree.getControl().isDisposed() || !loading.remove(node)) {
                            return;
                        }
                        children.put(node, done);
                        tree.refresh(node);
                    });
                }
                return Status.OK_STATUS;
            }
        };
        job.setSystem(true);
        job.schedule();
    }

    private static List<Object> columns(TableNode t, TableInfo info) {
        Map<String, String> refs = new HashMap<>();
        for (ForeignKey fk : info.foreignKeys()) {
            for (int i = 0; i < fk.columns().size(); i++) {
                refs.put(fk.columns().get(i), fk.referencedTable().label() + "(" + fk.referencedColumns().get(i) + ")");
            }
        }
        List<Object> out = new ArrayList<>();
        for (ColumnInfo col : info.columns()) {
            out.add(new ColumnNode(t, col, info.primaryKey().contains(col.name()), refs.get(col.name())));
        }
        return out;
    }

    private static Connections.Connection connectionOf(Object node) {
        if (node instanceof Connections.Connection c) {
            return c;
        }
        if (node instanceof SchemaNode s) {
            return s.connection();
        }
        return ((TableNode) node).connection();
    }

    /** @return the text of a tree node */
    public static String label(Object e) {
        if (e instanceof Connections.Connection c) {
            return c.label() + " — " + describe(c.settings());
        }
        if (e instanceof SchemaNode s) {
            return s.catalog() == null ? s.schema() : s.schema() + "  (catalog " + s.catalog() + ")";
        }
        if (e instanceof TableNode t) {
            return t.table().name() + ("TABLE".equals(t.table().kind()) ? "" : " (" + t.table().kind().toLowerCase(java.util.Locale.ROOT) + ")");
        }
        if (e instanceof ColumnNode c) {
            StringBuilder b = new StringBuilder(c.column().name()).append(" : ").append(c.column().typeName());
            if (c.key()) {
                b.append("  PK");
            }
            if (c.references() != null) {
                b.append("  FK → ").append(c.references());
            }
            if (!c.column().nullable()) {
                b.append("  not null");
            }
            return b.toString();
        }
        return ((Info) e).text();
    }

    private static String describe(Settings s) {
        String driver = s.getString("driver", "?");
        return switch (driver) {
            case "h2" -> "H2 " + s.getString("path", "");
            case "postgresql" -> "PostgreSQL " + s.getString("host", "") + ":" + s.getString("port", "5432") + "/" + s.getString("database", "");
            default -> s.getString("url", driver);
        };
    }

    private JdbcConnector jdbc() {
        return (JdbcConnector) session.engine().connectors().source(JdbcConnector.KIND);
    }

    private ConnectorContext connectorContext() {
        CredentialStore credentials = context.get(CredentialStore.class);
        return new ConnectorContext(session.document().folder(), credentials, Limits.DEFAULTS);
    }

    private void selected() {
        Object e = ((IStructuredSelection) tree.getSelection()).getFirstElement();
        if (e instanceof TableNode t && !t.equals(previewed)) {
            previewed = t;
            showPage(0);
        } else if (e instanceof Info info) {
            status.setText(info.text());
            status.getParent().layout(true);
        }
        updateButtons();
    }

    private void showPage(long offset) {
        TableNode t = previewed;
        if (t == null) {
            return;
        }
        status.setText("Reading " + t.table().label() + "…");
        ConnectorContext ctx = connectorContext();
        previewWork.run("preview", m -> {
            try (DatabaseBrowser b = jdbc().browse(ctx, t.connection().settings())) {
                return b.preview(t.table(), offset, PAGE_ROWS);
            }
        }, p -> {
            if (preview.isDisposed()) {
                return;
            }
            page = p;
            List<String[]> rows = new ArrayList<>();
            for (Object[] r : p.rows()) {
                String[] text = new String[r.length];
                for (int i = 0; i < r.length; i++) {
                    text[i] = Rows.text(r[i]);
                }
                rows.add(text);
            }
            PreviewTable.show(preview, new Rows.Preview(p.columns().stream().map(ColumnInfo::name).toList(), rows, List.of(), null), p.offset() + 1);
            status.setText(t.table().label() + ": " + (rows.isEmpty() ? "no rows" : "rows " + (p.offset() + 1) + "–" + (p.offset() + rows.size()))
                    + (p.hasMore() ? ", more follow." : "."));
            updateButtons();
        }, err -> {
            if (!preview.isDisposed()) {
                page = null;
                PreviewTable.show(preview, null, 1);
                status.setText(err);
                updateButtons();
            }
        });
    }

    private void updateButtons() {
        Object e = ((IStructuredSelection) tree.getSelection()).getFirstElement();
        addAsSource.setEnabled(e instanceof TableNode && session.document() != null && !addWork.busy());
        previous.setEnabled(page != null && page.offset() > 0);
        next.setEnabled(page != null && page.hasMore());
    }

    /** Adds the selected table as a source: inspects it in a job, then adds it as one undoable command. */
    public void addSelectedAsSource() {
        if (!(((IStructuredSelection) tree.getSelection()).getFirstElement() instanceof TableNode t) || session.document() == null) {
            return;
        }
        Settings settings = t.connection().settings().with(JdbcConnector.TABLE, t.table().name());
        if (t.table().schema() != null && !t.table().schema().isEmpty()) {
            settings = settings.with(JdbcConnector.SCHEMA, t.table().schema());
        }
        Settings source = settings;
        ConnectorContext ctx = connectorContext();
        status.setText("Inspecting " + t.table().label() + "…");
        addWork.run("inspect", m -> jdbc().inspect(ctx, source, InspectOptions.DEFAULTS, m), in -> added(t, in), err -> {
            if (!status.isDisposed()) {
                status.setText(err);
                updateButtons();
            }
        });
        updateButtons();
    }

    private void added(TableNode t, Inspection in) {
        Project p = session.project();
        if (p == null || status.isDisposed()) {
            return;
        }
        Set<String> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        p.sources().forEach(s -> {
            ids.add(s.id());
            names.add(s.name());
        });
        String base = t.table().name().toLowerCase(java.util.Locale.ROOT).replaceAll("[^\\p{L}\\p{N}_]", "_");
        String name = base;
        for (int i = 2; names.contains(name); i++) {
            name = base + "_" + i;
        }
        SourceDef def = new SourceDef(new Ids().nextUnique("src", ids), name, JdbcConnector.KIND, in.settings(), in.schema());
        try {
            session.execute("Add source " + name, ProjectEdits.addSource(def));
            session.select(new Selection.Source(def.id()), this);
            status.setText("Added source '" + name + "' (" + in.schema().size() + " fields).");
        } catch (IllegalArgumentException e) {
            status.setText(e.getMessage());
        }
        updateButtons();
    }

    public TreeViewer tree() {
        return tree;
    }

    public Table previewTable() {
        return preview;
    }

    public Button addAsSourceButton() {
        return addAsSource;
    }

    public Button nextPageButton() {
        return next;
    }

    public Button previousPageButton() {
        return previous;
    }

    public String status() {
        return status.getText();
    }

    /** @return whether levels, a page or an added source are being read */
    public boolean busy() {
        return pendingLoads > 0 || previewWork.busy() || addWork.busy();
    }

    /** @return the loaded children of a node, or null when not loaded yet */
    public List<Object> loadedChildren(Object node) {
        return children.get(node);
    }

    /** @return the offset of the page shown, or -1 */
    public long pageOffset() {
        return page == null ? -1 : page.offset();
    }
}
