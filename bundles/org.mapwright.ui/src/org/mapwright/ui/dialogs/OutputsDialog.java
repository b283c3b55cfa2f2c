package org.mapwright.ui.dialogs;

import static org.mapwright.ui.dialogs.LiveValidation.label;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.mapwright.connector.jdbc.JdbcConnector;
import org.mapwright.connector.jdbc.JdbcTargetConnector;
import org.mapwright.connector.jdbc.JdbcUrls;
import org.mapwright.core.Field;
import org.mapwright.core.Ids;
import org.mapwright.core.MappingDef;
import org.mapwright.core.OutputDef;
import org.mapwright.core.Project;
import org.mapwright.core.Schema;
import org.mapwright.core.Settings;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.CredentialStore;
import org.mapwright.engine.Problem;
import org.mapwright.ui.SecretSink;
import org.mapwright.ui.model.ProjectEdits;
import org.mapwright.ui.model.WorkbenchSession;

/**
 * Edits where a mapping writes its rows: CSV, JSON and NDJSON files, Excel workbooks, and tables
 * in an H2 file or a PostgreSQL database. It writes exactly the settings the target connectors
 * read ({@code csv}, {@code json}, {@code excel}, {@code jdbc} with the connection settings of
 * {@link JdbcUrls}), so {@code mapwright run} writes where the dialog says. Database passwords
 * go to the context's {@link SecretSink} under {@code jdbc/<output id>/password} (and
 * {@code /filePassword} for an encrypted H2 file); the project keeps only those keys.
 *
 * <p>Upsert needs key fields: they are the target fields marked as keys, so the dialog edits
 * those marks too. The state is checked as the user types (settings here, the mapping with the
 * engine); OK applies everything as one command of the document's stack. Secrets are saved
 * before the command runs and are not removed by undo, so an undone and redone edit still finds
 * them.
 */
public final class OutputsDialog extends MappingEditDialog {

    /** What an output writes to, as the dialog offers it. */
    public enum Kind {
        CSV("CSV file"), JSON("JSON file (one array)"), NDJSON("NDJSON file (one object per line)"), EXCEL("Excel workbook (.xlsx)"),
        H2("H2 database table"), POSTGRESQL("PostgreSQL table"), OTHER("Other (kept as it is)");

        private final String title;

        Kind(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }

        boolean database() {
            return this == H2 || this == POSTGRESQL;
        }
    }

    /** Settings of each kind the dialog edits; any other setting of an output of that kind is kept as it is. */
    private static final Map<Kind, List<String>> EDITED = Map.of(
            Kind.CSV, List.of("path", "delimiter", "header", "encoding"),
            Kind.JSON, List.of("path", "format"),
            Kind.NDJSON, List.of("path", "format"),
            Kind.EXCEL, List.of("path", "sheet", "header"),
            Kind.H2, List.of(JdbcUrls.DRIVER, JdbcUrls.PATH, JdbcUrls.USER, JdbcUrls.CREDENTIAL_KEY, JdbcUrls.CIPHER,
                    JdbcUrls.FILE_CREDENTIAL_KEY, JdbcTargetConnector.TABLE, JdbcTargetConnector.MODE),
            Kind.POSTGRESQL, List.of(JdbcUrls.DRIVER, JdbcUrls.HOST, JdbcUrls.PORT, JdbcUrls.DATABASE, JdbcUrls.USER,
                    JdbcUrls.CREDENTIAL_KEY, JdbcTargetConnector.SCHEMA, JdbcTargetConnector.TABLE, JdbcTargetConnector.MODE),
            Kind.OTHER, List.of());

    private static final String[] MODES = {"replace", "append", "upsert"};

    private final SecretSink secrets;
    private final CredentialStore credentials;
    private final Ids ids = new Ids();

    private final List<OutputRow> outputs = new ArrayList<>();
    private final Set<String> keyFieldIds = new LinkedHashSet<>();

    private RowList<OutputRow> outputRows;
    private Composite detail;

    /** An output being edited: settings as text; passwords typed in this dialog, null when untouched. */
    static final class OutputRow {
        final String id;
        Kind kind;
        final String connector;
        final Map<String, String> values = new LinkedHashMap<>();
        final Map<String, Object> kept = new LinkedHashMap<>();
        String password;
        String filePassword;

        OutputRow(String id, Kind kind, String connector) {
            this.id = id;
            this.kind = kind;
            this.connector = connector;
        }
    }

    /**
     * @param secrets     where typed passwords are saved, or null when the workbench has no
     *                    secret storage (then typing a password is refused with a hint)
     * @param credentials the store connectors read passwords from; tells whether a key has a secret
     * @param mappingId   the edited mapping of the session's open project
     */
    public OutputsDialog(Shell parent, WorkbenchSession session, SecretSink secrets, CredentialStore credentials, String mappingId) {
        super(parent, session, mappingId);
        this.secrets = secrets;
        this.credentials = credentials == null ? CredentialStore.NONE : credentials;
        for (OutputDef o : mapping.outputs()) {
            outputs.add(row(o));
        }
        for (Field f : mapping.targetSchema().fields()) {
            if (f.key()) {
                keyFieldIds.add(f.id());
            }
        }
    }

    private static Kind kindOf(OutputDef o) {
        Settings s = o.settings();
        switch (o.connector()) {
            case "csv":
                return Kind.CSV;
            case "excel":
                return Kind.EXCEL;
            case "json": {
                String format = s.getString("format", "").toLowerCase(Locale.ROOT);
                String path = s.getString("path", "").toLowerCase(Locale.ROOT);
                boolean nd = format.isEmpty() ? path.endsWith(".ndjson") || path.endsWith(".jsonl") : format.equals("ndjson");
                return nd ? Kind.NDJSON : Kind.JSON;
            }
            case "jdbc": {
                String driver = s.getString(JdbcUrls.DRIVER, "").toLowerCase(Locale.ROOT);
                return driver.equals(JdbcUrls.H2) ? Kind.H2 : driver.equals(JdbcUrls.POSTGRESQL) ? Kind.POSTGRESQL : Kind.OTHER;
            }
            default:
                return Kind.OTHER;
        }
    }

    private static OutputRow row(OutputDef o) {
        Kind kind = kindOf(o);
        OutputRow r = new OutputRow(o.id(), kind, o.connector());
        List<String> edited = EDITED.get(kind);
        o.settings().asMap().forEach((k, v) -> {
            if (edited.contains(k)) {
                r.values.put(k, String.valueOf(v));
            } else {
                r.kept.put(k, v);
            }
        });
        return r;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Outputs of " + mapping.name());
    }

    @Override
    protected Point getInitialSize() {
        // Database outputs show more settings than the output first shown; leave room for them.
        Point p = super.getInitialSize();
        return new Point(Math.max(p.x, 900), Math.max(p.y, 680));
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle("Where '" + mapping.name() + "' writes its rows");
        setMessage("Files are relative to the project (or run output) folder. Passwords go to secure storage, never into the project file.");
        Composite body = new Composite(area, SWT.NONE);
        body.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        body.setLayout(new GridLayout(2, false));

        outputRows = new RowList<>(body, 260, 320, outputs, OutputsDialog::describe, this::showOutput, this::changed);
        outputRows.buttons("output", this::addOutput, true);
        detail = outputRows.createDetail(body, 2, 480, "No outputs: a run only counts rows. Add one to write the mapped rows.",
                "Select an output to edit it.");
        outputRows.showFirst();

        Label pl = new Label(body, SWT.NONE);
        pl.setText("Problems:");
        pl.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        org.eclipse.swt.widgets.List problemList = validation.createProblemList(body);
        GridData pd = new GridData(SWT.FILL, SWT.FILL, true, false, 2, 1);
        pd.heightHint = 70;
        problemList.setLayoutData(pd);
        return area;
    }

    /** Adds a CSV output next to the project, named after the mapping. */
    void addOutput() {
        Set<String> taken = new HashSet<>();
        base.mappings().forEach(m -> m.outputs().forEach(o -> taken.add(o.id())));
        outputs.forEach(o -> taken.add(o.id));
        OutputRow r = new OutputRow(ids.nextUnique("out", taken), Kind.CSV, "csv");
        defaults(r);
        outputs.add(r);
        outputRows.refresh(outputs.size() - 1);
        changed();
    }

    private void defaults(OutputRow r) {
        String stem = "out/" + mapping.name().replaceAll("[^\\p{L}\\p{N}_.-]+", "_");
        switch (r.kind) {
            case CSV -> {
                r.values.put("path", stem + ".csv");
                r.values.put("delimiter", ",");
                r.values.put("header", "true");
                r.values.put("encoding", "UTF-8");
            }
            case JSON -> r.values.put("path", stem + ".json");
            case NDJSON -> r.values.put("path", stem + ".ndjson");
            case EXCEL -> {
                r.values.put("path", stem + ".xlsx");
                r.values.put("sheet", "Sheet1");
                r.values.put("header", "true");
            }
            case H2 -> {
                r.values.put(JdbcUrls.PATH, "out/" + "warehouse");
                r.values.put(JdbcUrls.USER, "sa");
                r.values.put(JdbcTargetConnector.TABLE, tableName());
                r.values.put(JdbcTargetConnector.MODE, "replace");
            }
            case POSTGRESQL -> {
                r.values.put(JdbcUrls.HOST, "localhost");
                r.values.put(JdbcUrls.PORT, "5432");
                r.values.put(JdbcUrls.USER, "postgres");
                r.values.put(JdbcTargetConnector.TABLE, tableName());
                r.values.put(JdbcTargetConnector.MODE, "replace");
            }
            default -> {
                // an output of another kind keeps its own settings
            }
        }
    }

    private String tableName() {
        String t = mapping.name().replaceAll("[^A-Za-z0-9_]+", "_");
        return t.isEmpty() || Character.isDigit(t.charAt(0)) ? "t_" + t : t;
    }

    static String describe(OutputRow r) {
        Map<String, String> v = r.values;
        return switch (r.kind) {
            case CSV, JSON, NDJSON, EXCEL -> r.kind.name().toLowerCase(Locale.ROOT) + " " + v.getOrDefault("path", "");
            case H2 -> "h2 " + v.getOrDefault(JdbcUrls.PATH, "") + " → " + v.getOrDefault(JdbcTargetConnector.TABLE, "");
            case POSTGRESQL -> "postgresql " + v.getOrDefault(JdbcUrls.HOST, "") + "/" + v.getOrDefault(JdbcUrls.DATABASE, "") + " → "
                    + v.getOrDefault(JdbcTargetConnector.TABLE, "");
            case OTHER -> r.connector + " (" + r.id + ")";
        };
    }

    private void relabel(int index) {
        outputRows.relabel(index);
    }

    private void showOutput() {
        int index = outputRows.clearDetail();
        if (index < 0) {
            return;
        }
        OutputRow row = outputs.get(index);
        label(detail, "Writes to:");
        Combo kind = new Combo(detail, SWT.READ_ONLY);
        kind.setData("role", "output.kind");
        kind.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        Kind[] offered = row.kind == Kind.OTHER ? Kind.values() : java.util.Arrays.copyOf(Kind.values(), Kind.values().length - 1);
        for (Kind k : offered) {
            kind.add(k.title());
        }
        kind.select(row.kind.ordinal());
        kind.addListener(SWT.Selection, e -> {
            Kind chosen = Kind.values()[kind.getSelectionIndex()];
            if (chosen != row.kind && chosen != Kind.OTHER) {
                OutputRow fresh = new OutputRow(row.id, chosen, connectorOf(chosen));
                defaults(fresh);
                String path = row.values.get("path");
                if (path != null && !chosen.database() && !row.kind.database()) {
                    fresh.values.put("path", withExtension(path, chosen));
                }
                outputs.set(index, fresh);
                relabel(index);
                showOutput();
            }
        });
        label(detail, "Id:");
        Label id = new Label(detail, SWT.NONE);
        id.setText(row.id);
        id.setToolTipText("Run parameters name the output by its id, e.g. " + row.id + (row.kind.database() ? ".table" : ".path"));
        switch (row.kind) {
            case CSV -> {
                text(row, index, "path", "File:", "e.g. out/orders.csv");
                text(row, index, "delimiter", "Delimiter:", "one character, or tab");
                check(row, index, "header", "Write a header row");
                text(row, index, "encoding", "Encoding:", "e.g. UTF-8, ISO-8859-1");
            }
            case JSON, NDJSON -> text(row, index, "path", "File:", row.kind == Kind.JSON ? "e.g. out/orders.json" : "e.g. out/orders.ndjson");
            case EXCEL -> {
                text(row, index, "path", "File:", "e.g. out/orders.xlsx");
                text(row, index, "sheet", "Sheet:", "at most 31 characters, none of / \\ ? * [ ] :");
                check(row, index, "header", "Write a header row");
            }
            case H2 -> {
                text(row, index, JdbcUrls.PATH, "Database file:", "relative to the project, without .mv.db");
                text(row, index, JdbcUrls.USER, "User:", "sa");
                password(row, false);
                check(row, index, JdbcUrls.CIPHER, "Encrypt the file (CIPHER=AES)");
                if (Boolean.parseBoolean(row.values.get(JdbcUrls.CIPHER))) {
                    password(row, true);
                }
                table(row, index);
            }
            case POSTGRESQL -> {
                text(row, index, JdbcUrls.HOST, "Host:", "host name or IP address");
                text(row, index, JdbcUrls.PORT, "Port:", "5432");
                text(row, index, JdbcUrls.DATABASE, "Database:", "database name");
                text(row, index, JdbcUrls.USER, "User:", "user name");
                password(row, false);
                text(row, index, JdbcTargetConnector.SCHEMA, "Schema:", "the connection's current schema when empty");
                table(row, index);
            }
            case OTHER -> {
                Label l = new Label(detail, SWT.WRAP);
                l.setText("This output uses settings the dialog does not edit (connector '" + row.connector + "'); it is kept as it is.");
                l.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
            }
        }
        detail.layout(true, true);
    }

    private static String connectorOf(Kind k) {
        return switch (k) {
            case CSV -> "csv";
            case JSON, NDJSON -> "json";
            case EXCEL -> "excel";
            default -> JdbcConnector.KIND;
        };
    }

    private static String withExtension(String path, Kind k) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        int dot = path.lastIndexOf('.');
        String stem = dot > slash ? path.substring(0, dot) : path;
        return stem + switch (k) {
            case CSV -> ".csv";
            case JSON -> ".json";
            case NDJSON -> ".ndjson";
            default -> ".xlsx";
        };
    }

    private void text(OutputRow row, int index, String key, String labelText, String hint) {
        label(detail, labelText);
        Text t = new Text(detail, SWT.BORDER);
        t.setData("role", "output." + key);
        t.setMessage(hint);
        t.setText(row.values.getOrDefault(key, ""));
        t.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        t.addListener(SWT.Modify, e -> {
            row.values.put(key, t.getText());
            relabel(index);
        });
    }

    private void check(OutputRow row, int index, String key, String text) {
        new Label(detail, SWT.NONE);
        Button b = new Button(detail, SWT.CHECK);
        b.setText(text);
        b.setData("role", "output." + key);
        boolean dflt = !key.equals(JdbcUrls.CIPHER);
        b.setSelection(Boolean.parseBoolean(row.values.getOrDefault(key, Boolean.toString(dflt))));
        b.addListener(SWT.Selection, e -> {
            row.values.put(key, Boolean.toString(b.getSelection()));
            relabel(index);
            if (key.equals(JdbcUrls.CIPHER)) {
                showOutput();
            }
        });
    }

    private void password(OutputRow row, boolean file) {
        String keySetting = file ? JdbcUrls.FILE_CREDENTIAL_KEY : JdbcUrls.CREDENTIAL_KEY;
        String storedKey = row.values.get(keySetting);
        label(detail, file ? "File password:" : "Password:");
        Text t = new Text(detail, SWT.BORDER | SWT.PASSWORD);
        t.setData("role", file ? "output.filePassword" : "output.password");
        boolean stored = storedKey != null && !storedKey.isBlank() && credentials.secret(storedKey).isPresent();
        t.setMessage(stored ? "stored in secure storage; type to replace" : storedKey != null && !storedKey.isBlank()
                ? "none stored for key '" + storedKey + "'" : file ? "required for an encrypted file" : "none");
        String typed = file ? row.filePassword : row.password;
        if (typed != null) {
            t.setText(typed);
        }
        t.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        t.addListener(SWT.Modify, e -> {
            if (file) {
                row.filePassword = t.getText().isEmpty() ? null : t.getText();
            } else {
                row.password = t.getText().isEmpty() ? null : t.getText();
            }
            changed();
        });
    }

    private void table(OutputRow row, int index) {
        text(row, index, JdbcTargetConnector.TABLE, "Table:", "created from the target schema when missing");
        label(detail, "Mode:");
        Combo mode = new Combo(detail, SWT.READ_ONLY);
        mode.setData("role", "output.mode");
        mode.setItems("replace (swap in a new table)", "append (insert rows)", "upsert (update by key, else insert)");
        String current = row.values.getOrDefault(JdbcTargetConnector.MODE, "replace").toLowerCase(Locale.ROOT);
        mode.select(Math.max(0, List.of(MODES).indexOf(current)));
        mode.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        mode.addListener(SWT.Selection, e -> {
            row.values.put(JdbcTargetConnector.MODE, MODES[mode.getSelectionIndex()]);
            relabel(index);
            showOutput();
        });
        if ("upsert".equals(row.values.get(JdbcTargetConnector.MODE))) {
            Label l = new Label(detail, SWT.NONE);
            l.setText("Key fields:");
            l.setLayoutData(new GridData(SWT.LEFT, SWT.TOP, false, false));
            Composite keys = new Composite(detail, SWT.NONE);
            keys.setLayout(new GridLayout(3, false));
            for (Field f : mapping.targetSchema().fields()) {
                if (f.isRecord() || f.repeated()) {
                    continue;
                }
                Button b = new Button(keys, SWT.CHECK);
                b.setText(f.name());
                b.setData("role", "output.key." + f.name());
                b.setSelection(keyFieldIds.contains(f.id()));
                b.addListener(SWT.Selection, e -> {
                    if (b.getSelection()) {
                        keyFieldIds.add(f.id());
                    } else {
                        keyFieldIds.remove(f.id());
                    }
                    changed();
                });
            }
            l.setToolTipText("Keys are marks on the target fields, shared by all outputs of the mapping.");
        }
    }

    // ---- building and validating ----

    static String passwordKey(String outputId) {
        return "jdbc/" + outputId + "/password";
    }

    static String filePasswordKey(String outputId) {
        return "jdbc/" + outputId + "/filePassword";
    }

    /**
     * @return the settings the row stands for, in the names the connectors read
     * @throws IllegalArgumentException for a setting the connector would refuse; the message is for the user
     */
    private Settings settings(OutputRow r, int index) {
        String where = "output " + (index + 1) + " (" + r.kind.title() + "): ";
        Map<String, Object> s = new LinkedHashMap<>();
        Map<String, String> v = r.values;
        try {
            switch (r.kind) {
                case CSV -> {
                    s.put("path", required(v, "path", "the file"));
                    String delimiter = v.getOrDefault("delimiter", ",");
                    if (!(delimiter.length() == 1 || delimiter.equalsIgnoreCase("tab") || delimiter.equals("\\t"))) {
                        throw new IllegalArgumentException("the delimiter must be one character or 'tab'");
                    }
                    s.put("delimiter", delimiter);
                    s.put("header", Boolean.parseBoolean(v.getOrDefault("header", "true")));
                    String encoding = v.getOrDefault("encoding", "").strip();
                    if (!encoding.isEmpty()) {
                        if (!Charset.isSupported(encoding)) {
                            throw new IllegalArgumentException("unknown encoding '" + encoding + "'");
                        }
                        s.put("encoding", encoding);
                    }
                }
                case JSON, NDJSON -> {
                    s.put("path", required(v, "path", "the file"));
                    s.put("format", r.kind == Kind.JSON ? "array" : "ndjson");
                }
                case EXCEL -> {
                    s.put("path", required(v, "path", "the file"));
                    String sheet = v.getOrDefault("sheet", "").strip();
                    if (!sheet.isEmpty()) {
                        if (sheet.length() > 31 || sheet.matches(".*[/\\\\?*\\[\\]:].*")) {
                            throw new IllegalArgumentException("a sheet name has at most 31 characters and none of / \\ ? * [ ] :");
                        }
                        s.put("sheet", sheet);
                    }
                    s.put("header", Boolean.parseBoolean(v.getOrDefault("header", "true")));
                }
                case H2 -> {
                    s.put(JdbcUrls.DRIVER, JdbcUrls.H2);
                    s.put(JdbcUrls.PATH, required(v, JdbcUrls.PATH, "the database file"));
                    optional(v, JdbcUrls.USER, s);
                    credential(v, JdbcUrls.CREDENTIAL_KEY, r.password, passwordKey(r.id), s);
                    if (Boolean.parseBoolean(v.get(JdbcUrls.CIPHER))) {
                        s.put(JdbcUrls.CIPHER, true);
                        credential(v, JdbcUrls.FILE_CREDENTIAL_KEY, r.filePassword, filePasswordKey(r.id), s);
                        if (!s.containsKey(JdbcUrls.FILE_CREDENTIAL_KEY)) {
                            throw new IllegalArgumentException("an encrypted file needs a file password");
                        }
                    }
                    table(v, s);
                }
                case POSTGRESQL -> {
                    s.put(JdbcUrls.DRIVER, JdbcUrls.POSTGRESQL);
                    s.put(JdbcUrls.HOST, required(v, JdbcUrls.HOST, "the host"));
                    String port = v.getOrDefault(JdbcUrls.PORT, "").strip();
                    if (!port.isEmpty()) {
                        try {
                            s.put(JdbcUrls.PORT, Long.parseLong(port));
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("the port must be a number from 1 to 65535");
                        }
                    }
                    s.put(JdbcUrls.DATABASE, required(v, JdbcUrls.DATABASE, "the database"));
                    optional(v, JdbcUrls.USER, s);
                    credential(v, JdbcUrls.CREDENTIAL_KEY, r.password, passwordKey(r.id), s);
                    optional(v, JdbcTargetConnector.SCHEMA, s);
                    table(v, s);
                }
                case OTHER -> {
                    // kept as it is below
                }
            }
            s.putAll(r.kept);
            Settings out = Settings.of(s);
            if (r.kind.database()) {
                Path folder = session.document() == null ? Path.of(".") : session.document().folder();
                JdbcUrls.build(ConnectorContext.of(folder), out);
            }
            return out;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + e.getMessage(), e);
        }
    }

    private static String required(Map<String, String> v, String key, String what) {
        String value = v.getOrDefault(key, "").strip();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("give " + what);
        }
        return value;
    }

    private static void optional(Map<String, String> v, String key, Map<String, Object> s) {
        String value = v.getOrDefault(key, "").strip();
        if (!value.isEmpty()) {
            s.put(key, value);
        }
    }

    /**
     * A typed password always goes under the output's own key: an existing key may be shared with
     * a source, whose password must not change behind the user's back.
     */
    private void credential(Map<String, String> v, String setting, String typed, String ownKey, Map<String, Object> s) {
        String existing = v.getOrDefault(setting, "").strip();
        if (typed != null) {
            if (secrets == null) {
                throw new IllegalArgumentException("the workbench has no secure storage to keep the password; provide it as the secret '"
                        + ownKey + "' of the run's credential store instead");
            }
            s.put(setting, ownKey);
        } else if (!existing.isEmpty()) {
            s.put(setting, existing);
        }
    }

    private static void table(Map<String, String> v, Map<String, Object> s) {
        s.put(JdbcTargetConnector.TABLE, required(v, JdbcTargetConnector.TABLE, "the table"));
        String mode = v.getOrDefault(JdbcTargetConnector.MODE, "replace").strip().toLowerCase(Locale.ROOT);
        s.put(JdbcTargetConnector.MODE, mode.isEmpty() ? "replace" : mode);
    }

    /**
     * @return the edit the dialog's state stands for
     * @throws IllegalArgumentException when the state cannot become outputs; the message is for the user
     */
    @Override
    UnaryOperator<Project> edit() {
        List<OutputDef> defs = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            OutputRow r = outputs.get(i);
            defs.add(new OutputDef(r.id, r.kind == Kind.OTHER ? r.connector : connectorOf(r.kind), settings(r, i)));
            if (r.kind.database() && "upsert".equals(r.values.get(JdbcTargetConnector.MODE)) && keyFieldIds.isEmpty()) {
                throw new IllegalArgumentException("output " + (i + 1) + ": upsert needs key fields; tick the fields that identify a row");
            }
        }
        String mappingId = mapping.id();
        Set<String> keys = Set.copyOf(keyFieldIds);
        return p -> {
            MappingDef m = ProjectEdits.mapping(p, mappingId);
            Schema target = m.targetSchema();
            for (Field f : target.fields()) {
                boolean key = keys.contains(f.id());
                if (f.key() != key) {
                    target = target.replace(f.withKey(key).withNullable(!key && f.nullable()));
                }
            }
            return p.withMapping(m.withTargetSchema(target).withOutputs(defs));
        };
    }

    @Override
    String where(String element) {
        if (element != null && element.startsWith("output[")) {
            try {
                return "output " + (Integer.parseInt(element.substring(7, element.indexOf(']'))) + 1) + ": ";
            } catch (RuntimeException e) {
                return element + ": ";
            }
        }
        return element == null || element.equals(Problem.MAPPING) ? "" : mapping.targetSchema().pathOf(element).map(p -> p + ": ").orElse("");
    }

    @Override
    protected void okPressed() {
        validateNow();
        if (validation.structuralError() != null) {
            return;
        }
        try {
            UnaryOperator<Project> edit = edit();
            saveSecrets();
            session.execute("Edit outputs of " + mapping.name(), edit);
        } catch (IllegalArgumentException e) {
            setErrorMessage(e.getMessage());
            return;
        } catch (IOException e) {
            setErrorMessage("The password could not be saved: " + e.getMessage());
            return;
        }
        super.okPressed();
    }

    private void saveSecrets() throws IOException {
        for (OutputRow r : outputs) {
            if (!r.kind.database()) {
                continue;
            }
            if (r.password != null) {
                secrets.put(passwordKey(r.id), r.password);
            }
            if (r.filePassword != null && r.kind == Kind.H2 && Boolean.parseBoolean(r.values.get(JdbcUrls.CIPHER))) {
                secrets.put(filePasswordKey(r.id), r.filePassword);
            }
        }
    }

    // ---- for tests ----

    org.eclipse.swt.widgets.List outputList() {
        return outputRows.list();
    }
}
