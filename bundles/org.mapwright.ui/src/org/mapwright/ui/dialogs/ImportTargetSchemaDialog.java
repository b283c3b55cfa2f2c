package org.mapwright.ui.dialogs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.mapwright.core.Field;
import org.mapwright.core.Ids;
import org.mapwright.core.MappingDef;
import org.mapwright.core.Project;
import org.mapwright.core.Schema;
import org.mapwright.core.schema.JsonSchemaImport;
import org.mapwright.core.schema.SchemaImportException;
import org.mapwright.core.schema.SqlDdlImport;
import org.mapwright.ui.model.ProjectEdits;
import org.mapwright.ui.model.TargetSchemaImports;
import org.mapwright.ui.model.WorkbenchSession;

/**
 * Imports a mapping's target fields from a JSON Schema or the {@code CREATE TABLE} statements of
 * an SQL script, replacing the target or merging into it ({@link TargetSchemaImports}). The file
 * is read as soon as it is chosen; what cannot be imported is shown with its file, line and
 * column, and the fields the target would get are listed before OK applies them as one undoable
 * command.
 */
public final class ImportTargetSchemaDialog extends TitleAreaDialog {

    /** The document formats the dialog reads. */
    public enum Format {
        JSON_SCHEMA("JSON Schema"), SQL_DDL("SQL DDL (CREATE TABLE)");

        private final String title;

        Format(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }

        /** @return the format a file name suggests: SQL for {@code .sql} and {@code .ddl}, else JSON Schema */
        public static Format of(String fileName) {
            String lower = fileName.toLowerCase(Locale.ROOT);
            return lower.endsWith(".sql") || lower.endsWith(".ddl") ? SQL_DDL : JSON_SCHEMA;
        }
    }

    private final WorkbenchSession session;
    private final MappingDef mapping;
    private final Project base;
    private final String initialFile;
    private final Ids ids = new Ids();

    private Text file;
    private Combo format;
    private Label tableLabel;
    private Combo table;
    private Button replace;
    private Button merge;
    private org.eclipse.swt.widgets.List preview;
    private Schema imported;
    private String error;
    private boolean updating;

    /**
     * @param mappingId   the mapping whose target is imported into
     * @param initialFile a file to read right away, or null
     */
    public ImportTargetSchemaDialog(Shell parent, WorkbenchSession session, String mappingId, Path initialFile) {
        super(parent);
        this.session = session;
        this.base = Objects.requireNonNull(session.project(), "open project");
        this.mapping = ProjectEdits.mapping(base, mappingId);
        this.initialFile = initialFile == null ? "" : initialFile.toString();
        setShellStyle(getShellStyle() | SWT.RESIZE);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Import Target Schema");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle("Import the target fields of '" + mapping.name() + "'");
        setMessage("From a JSON Schema or SQL CREATE TABLE statements. Fields with the same name keep their mappings.");
        Composite body = new Composite(area, SWT.NONE);
        body.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        body.setLayout(new GridLayout(3, false));

        new Label(body, SWT.NONE).setText("File:");
        file = new Text(body, SWT.BORDER);
        file.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        file.setMessage("a .json schema or a .sql script");
        Button browse = new Button(body, SWT.PUSH);
        browse.setText("Browse…");
        browse.addListener(SWT.Selection, e -> browse());

        new Label(body, SWT.NONE).setText("Format:");
        format = new Combo(body, SWT.READ_ONLY);
        for (Format f : Format.values()) {
            format.add(f.title());
        }
        format.select(0);
        format.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));

        tableLabel = new Label(body, SWT.NONE);
        tableLabel.setText("Table:");
        table = new Combo(body, SWT.READ_ONLY);
        table.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));

        new Label(body, SWT.NONE).setText("Existing fields:");
        Composite modes = new Composite(body, SWT.NONE);
        modes.setLayout(new GridLayout(1, false));
        modes.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        replace = new Button(modes, SWT.RADIO);
        replace.setText("Replace: the target becomes the imported fields (fields not in the file are removed with their mappings)");
        merge = new Button(modes, SWT.RADIO);
        merge.setText("Merge: keep the target's fields, update those with the same name, append the new ones");
        merge.setSelection(true);

        Label pl = new Label(body, SWT.NONE);
        pl.setText("The target will have:");
        pl.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
        preview = new org.eclipse.swt.widgets.List(body, SWT.BORDER | SWT.V_SCROLL);
        GridData pd = new GridData(SWT.FILL, SWT.FILL, true, true, 3, 1);
        pd.heightHint = 220;
        pd.widthHint = 640;
        preview.setLayoutData(pd);

        file.setText(initialFile);
        if (!initialFile.isEmpty()) {
            format.select(Format.of(initialFile).ordinal());
        }
        file.addListener(SWT.Modify, e -> {
            format.select(Format.of(file.getText()).ordinal());
            reload(true);
        });
        format.addListener(SWT.Selection, e -> reload(true));
        table.addListener(SWT.Selection, e -> reload(false));
        replace.addListener(SWT.Selection, e -> showPreview());
        merge.addListener(SWT.Selection, e -> showPreview());
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        super.createButtonsForButtonBar(parent);
        reload(true);
    }

    private void browse() {
        FileDialog d = new FileDialog(getShell(), SWT.OPEN);
        d.setFilterNames(new String[] {"JSON Schema (*.json)", "SQL DDL (*.sql, *.ddl)", "All files"});
        d.setFilterExtensions(new String[] {"*.json", "*.sql;*.ddl", "*"});
        if (session.document() != null) {
            d.setFilterPath(session.document().folder().toString());
        }
        String chosen = d.open();
        if (chosen != null) {
            file.setText(chosen);
        }
    }

    private Format selectedFormat() {
        return Format.values()[Math.max(0, format.getSelectionIndex())];
    }

    private Path resolved() {
        Path p = Path.of(file.getText().strip());
        return p.isAbsolute() || session.document() == null ? p : session.document().folder().resolve(p);
    }

    /** Reads the file again; {@code tables} also refreshes the table choice of an SQL script. */
    void reload(boolean tables) {
        if (updating) {
            return;
        }
        updating = true;
        try {
            imported = null;
            error = null;
            boolean sql = selectedFormat() == Format.SQL_DDL;
            tableLabel.setEnabled(sql);
            table.setEnabled(sql);
            if (file.getText().isBlank()) {
                error = "Choose the file to import.";
                return;
            }
            Path path = resolved();
            String text;
            try {
                text = Files.readString(path);
            } catch (IOException | RuntimeException e) {
                error = path + ": cannot read the file (" + e.getMessage() + ")";
                return;
            }
            if (sql) {
                SqlDdlImport ddl = new SqlDdlImport(ids);
                if (tables) {
                    String before = table.getText();
                    table.removeAll();
                    List<String> names = ddl.tables(text, path.toString());
                    names.forEach(table::add);
                    int i = names.indexOf(before);
                    table.select(i >= 0 ? i : 0);
                }
                imported = ddl.parse(text, path.toString(), table.getItemCount() == 0 ? null : table.getText());
            } else {
                table.removeAll();
                imported = new JsonSchemaImport(ids).parse(text, path.toString());
            }
        } catch (SchemaImportException e) {
            error = e.getMessage();
        } finally {
            updating = false;
            showPreview();
        }
    }

    private void showPreview() {
        preview.removeAll();
        String problem = error;
        if (imported != null) {
            try {
                Schema result = TargetSchemaImports.combine(mapping.targetSchema(), imported, mode());
                for (Field f : result.allFields()) {
                    preview.add(describe(result, f));
                }
            } catch (IllegalArgumentException e) {
                problem = "The fields cannot be combined: " + e.getMessage();
            }
        }
        setErrorMessage(problem);
        Button ok = getButton(IDialogConstants.OK_ID);
        if (ok != null) {
            ok.setEnabled(imported != null && problem == null);
        }
    }

    private String describe(Schema result, Field f) {
        String path = result.pathOf(f.id()).orElse(f.name());
        String type = f.type().name().toLowerCase(Locale.ROOT) + (f.repeated() ? "[]" : "") + (f.key() ? ", key" : "")
                + (f.nullable() ? "" : ", not null");
        String fate;
        if (imported.byId(f.id()).isPresent()) {
            fate = "new";
        } else if (mapping.targetSchema().byId(f.id()).map(old -> sameShape(old, f)).orElse(false)) {
            fate = "kept";
        } else {
            fate = "updated";
        }
        return path + " : " + type + "   (" + fate + ")";
    }

    private static boolean sameShape(Field a, Field b) {
        return a.name().equals(b.name()) && a.type() == b.type() && a.nullable() == b.nullable() && a.key() == b.key()
                && a.repeated() == b.repeated();
    }

    private TargetSchemaImports.Mode mode() {
        return replace.getSelection() ? TargetSchemaImports.Mode.REPLACE : TargetSchemaImports.Mode.MERGE;
    }

    @Override
    protected void okPressed() {
        if (imported == null) {
            return;
        }
        try {
            session.execute("Import target schema of " + mapping.name(), TargetSchemaImports.importTarget(mapping.id(), imported, mode()));
        } catch (IllegalArgumentException e) {
            setErrorMessage(e.getMessage());
            return;
        }
        super.okPressed();
    }

    // ---- for tests ----

    Text file() {
        return file;
    }

    Combo table() {
        return table;
    }

    void chooseMode(TargetSchemaImports.Mode m) {
        replace.setSelection(m == TargetSchemaImports.Mode.REPLACE);
        merge.setSelection(m == TargetSchemaImports.Mode.MERGE);
        showPreview();
    }

    String error() {
        return error;
    }

    String[] previewLines() {
        return preview.getItems();
    }

    boolean okEnabled() {
        Button ok = getButton(IDialogConstants.OK_ID);
        return ok != null && ok.isEnabled();
    }

    void pressOk() {
        okPressed();
    }
}
