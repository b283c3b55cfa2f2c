package org.mapwright.ui.sources.wizards;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.jface.wizard.WizardPage;
import org.mapwright.connector.jdbc.ColumnInfo;
import org.mapwright.connector.jdbc.DatabaseBrowser;
import org.mapwright.connector.jdbc.JdbcConnector;
import org.mapwright.connector.jdbc.JdbcUrls;
import org.mapwright.connector.jdbc.PreviewPage;
import org.mapwright.connector.jdbc.TableRef;
import org.mapwright.core.Ids;
import org.mapwright.core.Settings;
import org.mapwright.core.SourceDef;
import org.mapwright.core.connector.CredentialStore;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.InspectOptions;
import org.mapwright.core.connector.Inspection;
import org.mapwright.core.connector.ProgressMonitor;
import org.mapwright.internal.ui.sources.Rows;
import org.mapwright.ui.model.WorkbenchSession;
import org.mapwright.ui.sources.SecureCredentialStore;
import org.mapwright.ui.sources.SourcesUi;

/**
 * Adds a database table, view or query as a source: H2 files, PostgreSQL servers and any driver
 * from a jar. The connection page takes structured fields (never a URL for H2 or PostgreSQL) and
 * shows settings the connector refuses with the connector's own message before anything connects;
 * "Test connection" connects in a job. The next page picks a table or view, or takes a query, and
 * previews it page by page (a page is one bounded query; a table is never scanned whole). The
 * password goes to Eclipse secure storage under the key {@link SourcesUi#passwordKey}; the project
 * only holds that key.
 */
public final class AddJdbcSourceWizard extends SourceWizard {

    /** Rows per preview page. */
    static final int PAGE_ROWS = 50;

    private final JdbcConnector jdbc;
    private final SecureCredentialStore secrets;
    private final CredentialStore base;
    private volatile String password = "";
    private JdbcConnectionPage connectionPage;
    private JdbcTablePage tablePage;

    /**
     * @param secrets where the password is saved; null when secure storage is unavailable (the
     *                wizard then refuses to save a password and says so)
     * @param base    secrets already known to the workbench (for connections whose password
     *                lives elsewhere), or null
     */
    public AddJdbcSourceWizard(WorkbenchSession session, JdbcConnector connector, SecureCredentialStore secrets, CredentialStore base,
            Ids ids) {
        super(session, connector, ids, "Add Database Source");
        this.jdbc = connector;
        this.secrets = secrets;
        this.base = base == null ? CredentialStore.NONE : base;
    }

    @Override
    protected void addSourcePages() {
        connectionPage = new JdbcConnectionPage(this);
        tablePage = new JdbcTablePage(this);
        addPage(connectionPage);
        addPage(tablePage);
    }

    public JdbcConnectionPage connectionPage() {
        return connectionPage;
    }

    public JdbcTablePage tablePage() {
        return tablePage;
    }

    /** @return the credential key of this source's password */
    public String passwordKey() {
        return SourcesUi.passwordKey(sourceId());
    }

    void setPassword(String typed) {
        password = typed == null ? "" : typed;
    }

    boolean hasPassword() {
        return !password.isEmpty();
    }

    @Override
    protected CredentialStore credentials() {
        String key = passwordKey();
        String typed = password;
        return k -> key.equals(k) && !typed.isEmpty() ? Optional.of(typed) : base.secret(k);
    }

    @Override
    protected Settings settings() {
        return tablePage.sourceSettings();
    }

    @Override
    protected String sourceName() {
        return tablePage.sourceName();
    }

    @Override
    protected WizardPage namePage() {
        return tablePage;
    }

    /**
     * Checks connection settings the way the connector will, without loading a driver.
     *
     * @return the connector's reason for refusing them, or null when they are acceptable
     */
    String refusal(Settings connection) {
        try {
            JdbcUrls.build(context(), connection);
            return null;
        } catch (IllegalArgumentException e) {
            return "Refused connection settings: " + e.getMessage();
        }
    }

    /** Connects and disconnects (off the UI thread). @return a description of the database reached */
    String testConnection(Settings connection) throws DataException {
        try (DatabaseBrowser b = jdbc.browse(context(), connection)) {
            List<String> schemas = b.schemas();
            return "Connected to " + b.label() + " (" + schemas.size() + (schemas.size() == 1 ? " schema)." : " schemas).");
        }
    }

    /** Lists the tables and views (off the UI thread). */
    List<TableRef> tables(Settings connection) throws DataException {
        try (DatabaseBrowser b = jdbc.browse(context(), connection)) {
            return b.tables(null);
        }
    }

    /**
     * One page of preview rows.
     *
     * @param rows    the rows
     * @param hasMore whether rows follow
     */
    record Page(Rows.Preview rows, long offset, boolean hasMore) {
    }

    /** Reads one page of a table with a bounded query (off the UI thread). */
    Page tablePage(Settings connection, TableRef table, long offset) throws DataException {
        try (DatabaseBrowser b = jdbc.browse(context(), connection)) {
            PreviewPage p = b.preview(table, offset, PAGE_ROWS);
            List<String> names = p.columns().stream().map(ColumnInfo::name).toList();
            List<String[]> rows = new ArrayList<>();
            for (Object[] r : p.rows()) {
                String[] text = new String[r.length];
                for (int i = 0; i < r.length; i++) {
                    text[i] = Rows.text(r[i]);
                }
                rows.add(text);
            }
            return new Page(new Rows.Preview(names, rows, List.of(), null), offset, p.hasMore());
        }
    }

    /** Reads one page of a query's rows, stopping after it (off the UI thread). */
    Page queryPage(Settings source, long offset, ProgressMonitor monitor) throws DataException {
        Inspection in = jdbc.inspect(context(), source, new InspectOptions(1, false, 1), monitor);
        Rows.Preview p = Rows.read(jdbc.open(context(), source, in.schema()), offset, PAGE_ROWS + 1, monitor);
        boolean more = p.rows().size() > PAGE_ROWS;
        Rows.Preview shown = more ? new Rows.Preview(p.columns(), p.rows().subList(0, PAGE_ROWS), p.errors(), p.failure()) : p;
        return new Page(shown, offset, more);
    }

    @Override
    protected String beforeAdd(SourceDef source) {
        if (password.isEmpty()) {
            return null;
        }
        if (secrets == null) {
            return "Secure storage is not available, so the password cannot be saved. Clear the password field to add the source "
                    + "without one, or provide it as the environment variable for key '" + passwordKey() + "'.";
        }
        try {
            secrets.put(passwordKey(), password);
            return null;
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    @Override
    protected Inspection inspect(Settings settings, ProgressMonitor monitor) throws DataException {
        return jdbc.inspect(context(), settings, InspectOptions.DEFAULTS, monitor);
    }
}
