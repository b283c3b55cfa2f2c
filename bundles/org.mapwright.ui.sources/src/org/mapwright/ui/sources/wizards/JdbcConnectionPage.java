package org.mapwright.ui.sources.wizards;

import java.nio.file.Path;

import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StackLayout;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.mapwright.connector.jdbc.JdbcUrls;
import org.mapwright.core.Settings;
import org.mapwright.ui.jobs.Background;

/**
 * First page of {@link AddJdbcSourceWizard}: the kind of database and its structured connection
 * fields, user, password and extra driver properties. Every change is checked against the
 * connector's rules at once (no driver is loaded for that), and a refused setting is shown with
 * the connector's message. "Test connection" connects in a job and reports the database reached
 * or the connection error.
 */
public final class JdbcConnectionPage extends WizardPage {

    /** Database kinds, in the order of the kind combo. */
    static final String[] KINDS = {JdbcUrls.H2, JdbcUrls.POSTGRESQL, JdbcUrls.GENERIC};
    private static final String[] KIND_LABELS = {"H2 database file", "PostgreSQL server", "Other (JDBC driver jar)"};

    private final AddJdbcSourceWizard wizard;
    private final Background test;
    private Combo kind;
    private Composite stack;
    private StackLayout stackLayout;
    private Composite h2Fields;
    private Composite pgFields;
    private Composite genericFields;
    private Text h2Path;
    private Text host;
    private Text port;
    private Text database;
    private Text driverJar;
    private Text driverClass;
    private Text url;
    private Text user;
    private Text password;
    private Text properties;
    private Button testButton;
    private Label status;
    private String tested;

    JdbcConnectionPage(AddJdbcSourceWizard wizard) {
        super("connection", "Database connection", null);
        this.wizard = wizard;
        this.test = new Background(org.eclipse.swt.widgets.Display.getCurrent(), "Test connection");
        setDescription("Describe the connection field by field; the password is kept in secure storage, never in the project.");
        setPageComplete(false);
    }

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(2, false));
        new Label(c, SWT.NONE).setText("Database:");
        kind = new Combo(c, SWT.READ_ONLY);
        kind.setItems(KIND_LABELS);
        kind.select(0);
        kind.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        kind.addListener(SWT.Selection, e -> {
            showKind();
            validate();
        });

        stack = new Composite(c, SWT.NONE);
        stack.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
        stackLayout = new StackLayout();
        stack.setLayout(stackLayout);
        h2Fields = group(stack);
        h2Path = field(h2Fields, "Database file:", "e.g. data/shop (the .mv.db file, relative to the project folder)");
        Button browse = new Button(h2Fields, SWT.PUSH);
        browse.setText("Browse…");
        browse.addListener(SWT.Selection, e -> {
            FileDialog d = new FileDialog(getShell(), SWT.OPEN);
            d.setFilterExtensions(new String[] {"*.mv.db", "*"});
            d.setFilterPath(wizard.projectFolder().toString());
            String chosen = d.open();
            if (chosen != null) {
                h2Path.setText(wizard.storedPath(Path.of(chosen)));
            }
        });
        pgFields = group(stack);
        host = field(pgFields, "Host:", "server name or IP address");
        new Label(pgFields, SWT.NONE);
        port = field(pgFields, "Port:", "5432");
        new Label(pgFields, SWT.NONE);
        database = field(pgFields, "Database:", "database name");
        new Label(pgFields, SWT.NONE);
        genericFields = group(stack);
        driverJar = field(genericFields, "Driver jar:", "the driver's .jar, relative to the project folder");
        Button jar = new Button(genericFields, SWT.PUSH);
        jar.setText("Browse…");
        jar.addListener(SWT.Selection, e -> {
            FileDialog d = new FileDialog(getShell(), SWT.OPEN);
            d.setFilterExtensions(new String[] {"*.jar", "*"});
            d.setFilterPath(wizard.projectFolder().toString());
            String chosen = d.open();
            if (chosen != null) {
                driverJar.setText(wizard.storedPath(Path.of(chosen)));
            }
        });
        driverClass = field(genericFields, "Driver class:", "e.g. org.mariadb.jdbc.Driver");
        new Label(genericFields, SWT.NONE);
        url = field(genericFields, "URL:", "jdbc:… (no password in it)");
        new Label(genericFields, SWT.NONE);

        new Label(c, SWT.NONE).setText("User:");
        user = text(c, SWT.BORDER);
        new Label(c, SWT.NONE).setText("Password:");
        password = text(c, SWT.BORDER | SWT.PASSWORD);
        password.addListener(SWT.Modify, e -> wizard.setPassword(password.getText()));
        Label pl = new Label(c, SWT.NONE);
        pl.setText("Properties:");
        pl.setLayoutData(new GridData(SWT.LEFT, SWT.TOP, false, false));
        properties = new Text(c, SWT.BORDER | SWT.MULTI | SWT.V_SCROLL);
        GridData gd = new GridData(SWT.FILL, SWT.FILL, true, false);
        gd.heightHint = 60;
        properties.setLayoutData(gd);
        properties.setMessage("key=value per line; only allow-listed driver properties are accepted (e.g. sslmode=require)");
        properties.addListener(SWT.Modify, e -> validate());

        testButton = new Button(c, SWT.PUSH);
        testButton.setText("Test Connection");
        testButton.addListener(SWT.Selection, e -> testConnection());
        status = new Label(c, SWT.WRAP);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        showKind();
        setControl(c);
        validate();
    }

    private static Composite group(Composite stack) {
        Composite g = new Composite(stack, SWT.NONE);
        GridLayout l = new GridLayout(3, false);
        l.marginWidth = 0;
        g.setLayout(l);
        return g;
    }

    private Text field(Composite parent, String label, String hint) {
        Label l = new Label(parent, SWT.NONE);
        l.setText(label);
        l.setLayoutData(new GridData(SWT.LEFT, SWT.CENTER, false, false));
        Text t = text(parent, SWT.BORDER);
        t.setMessage(hint);
        return t;
    }

    private Text text(Composite parent, int style) {
        Text t = new Text(parent, style);
        GridData gd = new GridData(SWT.FILL, SWT.CENTER, true, false);
        gd.widthHint = 360;
        t.setLayoutData(gd);
        t.addListener(SWT.Modify, e -> validate());
        return t;
    }

    private void showKind() {
        String k = kind();
        stackLayout.topControl = JdbcUrls.H2.equals(k) ? h2Fields : JdbcUrls.POSTGRESQL.equals(k) ? pgFields : genericFields;
        stack.layout(true, true);
        if (stack.getParent().getParent() != null) {
            stack.getParent().layout(true, true);
        }
    }

    /** @return {@code h2}, {@code postgresql} or {@code generic} */
    String kind() {
        return KINDS[Math.max(0, kind.getSelectionIndex())];
    }

    /** Selects the database kind by its setting value ({@code h2}, {@code postgresql}, {@code generic}). */
    public void setKind(String driver) {
        kind.select(java.util.List.of(KINDS).indexOf(driver));
        showKind();
        validate();
    }

    /**
     * @return the connection settings as the fields describe them (possibly refused by the
     *         connector; see {@link AddJdbcSourceWizard#refusal})
     */
    public Settings connectionSettings() {
        String k = kind();
        Settings s = Settings.empty().with(JdbcUrls.DRIVER, k);
        switch (k) {
            case JdbcUrls.H2 -> s = put(s, JdbcUrls.PATH, h2Path);
            case JdbcUrls.POSTGRESQL -> {
                s = put(s, JdbcUrls.HOST, host);
                s = put(s, JdbcUrls.DATABASE, database);
                String p = port.getText().strip();
                if (!p.isEmpty()) {
                    s = s.with(JdbcUrls.PORT, p.matches("[0-9]{1,9}") ? (Object) Long.parseLong(p) : p);
                }
            }
            default -> {
                s = put(s, JdbcUrls.DRIVER_JAR, driverJar);
                s = put(s, JdbcUrls.DRIVER_CLASS, driverClass);
                s = put(s, JdbcUrls.URL, url);
            }
        }
        s = put(s, JdbcUrls.USER, user);
        String props = properties.getText().strip();
        if (!props.isEmpty()) {
            s = s.with(JdbcUrls.PROPERTIES, props.replace("\r\n", "\n"));
        }
        if (wizard.hasPassword()) {
            s = s.with(JdbcUrls.CREDENTIAL_KEY, wizard.passwordKey());
        }
        return s;
    }

    /** @return what to fill in first when the kind's main fields are all empty, else null */
    private String missing() {
        return switch (kind()) {
            case JdbcUrls.H2 -> blank(h2Path) ? "Choose the H2 database file." : null;
            case JdbcUrls.POSTGRESQL -> blank(host) && blank(database) ? "Enter the server's host and the database name." : null;
            default -> blank(driverJar) && blank(driverClass) && blank(url) ? "Choose the driver jar, its driver class and the JDBC URL." : null;
        };
    }

    private static boolean blank(Text t) {
        return t.getText().isBlank();
    }

    private static Settings put(Settings s, String key, Text t) {
        String v = t.getText().strip();
        return v.isEmpty() ? s : s.with(key, v);
    }

    private void validate() {
        if (status == null) {
            return;
        }
        Settings s = connectionSettings();
        String refused = wizard.refusal(s);
        // An untouched form is not an error yet: say what is missing without the error icon.
        String missing = missing();
        setErrorMessage(missing == null ? refused : null);
        setMessage(missing);
        if (!s.toString().equals(tested)) {
            status.setText("");
            tested = null;
        }
        testButton.setEnabled(refused == null);
        setPageComplete(refused == null);
    }

    private void testConnection() {
        Settings s = connectionSettings();
        if (wizard.refusal(s) != null) {
            return;
        }
        status.setText("Connecting…");
        testButton.setEnabled(false);
        test.run("test", m -> wizard.testConnection(s), ok -> showTest(s, ok, true), err -> showTest(s, err, false));
    }

    private void showTest(Settings s, String text, boolean ok) {
        if (status.isDisposed()) {
            return;
        }
        testButton.setEnabled(true);
        status.setText(text);
        status.setForeground(status.getDisplay().getSystemColor(ok ? SWT.COLOR_DARK_GREEN : SWT.COLOR_RED));
        tested = ok ? s.toString() : null;
        status.getParent().layout(true);
    }

    public Combo kindCombo() {
        return kind;
    }

    public Text h2PathText() {
        return h2Path;
    }

    public Text hostText() {
        return host;
    }

    public Text portText() {
        return port;
    }

    public Text databaseText() {
        return database;
    }

    public Text driverJarText() {
        return driverJar;
    }

    public Text driverClassText() {
        return driverClass;
    }

    public Text urlText() {
        return url;
    }

    public Text userText() {
        return user;
    }

    public Text passwordText() {
        return password;
    }

    public Text propertiesText() {
        return properties;
    }

    public Button testButton() {
        return testButton;
    }

    /** @return the outcome of the last connection test, or "" */
    public String testStatus() {
        return status.getText();
    }

    /** @return whether a connection test is running */
    public boolean testing() {
        return test.busy();
    }

    @Override
    public void dispose() {
        test.cancel();
        super.dispose();
    }
}
