package org.mapwright.ui.sources.wizards;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.mapwright.connector.json.JsonConnector;
import org.mapwright.core.Field;
import org.mapwright.core.Schema;
import org.mapwright.core.Settings;
import org.mapwright.ui.jobs.Background;
import org.mapwright.internal.ui.sources.PreviewTable;
import org.mapwright.ui.wizards.SourceFileRow;

/**
 * First page of {@link AddJsonSourceWizard}: file, source name, format (detected or chosen) and,
 * for a single document, the record path picked in the tree of the document's inferred
 * hierarchy. Below, the inferred structure of one record and the first records follow every
 * change.
 */
public final class JsonFilePage extends WizardPage {

    /** Format choices; the first leaves the format to detection. */
    static final String[] FORMATS = {"detect", "array", "ndjson", "document"};
    private static final int DEBOUNCE_MS = 150;

    private final AddJsonSourceWizard wizard;
    private final Background work;
    private SourceFileRow fileRow;
    private Text file;
    private Text name;
    private Combo format;
    private Combo recordPath;
    private Tree document;
    private Tree record;
    private Table preview;
    private Label message;
    private boolean updating;
    private AddJsonSourceWizard.Look look;
    private final Runnable refreshSoon = this::refresh;

    JsonFilePage(AddJsonSourceWizard wizard) {
        super("file", "JSON file", null);
        this.wizard = wizard;
        this.work = new Background(org.eclipse.swt.widgets.Display.getCurrent(), "JSON preview");
        setDescription("Choose a file; for a single document, pick where its records are in the structure tree.");
        setPageComplete(false);
    }

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(4, false));
        fileRow = new SourceFileRow(c, new String[] {"*.json;*.ndjson;*.jsonl", "*"}, wizard::projectFolder, this::validate);
        file = fileRow.file();
        name = fileRow.name();
        new Label(c, SWT.NONE).setText("Format:");
        format = new Combo(c, SWT.READ_ONLY);
        format.setItems(FORMATS);
        format.select(0);
        format.setLayoutData(new GridData(SWT.LEFT, SWT.CENTER, true, false));
        format.addListener(SWT.Selection, e -> {
            if (!updating) {
                recordPath.setText("");
                changed();
            }
        });
        new Label(c, SWT.NONE).setText("Record path:");
        recordPath = new Combo(c, SWT.DROP_DOWN);
        recordPath.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        recordPath.setToolTipText("Where the records of a document are, e.g. $.orders; pick it in the structure tree");
        recordPath.addListener(SWT.Modify, e -> changed());

        SashForm trees = new SashForm(c, SWT.HORIZONTAL);
        GridData td = new GridData(SWT.FILL, SWT.FILL, true, true, 4, 1);
        td.heightHint = 150;
        trees.setLayoutData(td);
        Composite left = labelled(trees, "Document structure (pick the records):");
        document = new Tree(left, SWT.BORDER | SWT.SINGLE);
        document.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        document.addListener(SWT.Selection, e -> {
            TreeItem item = (TreeItem) e.item;
            if (item != null && item.getData() instanceof String path) {
                chooseRecordPath(path);
            }
        });
        Composite right = labelled(trees, "Inferred record:");
        record = new Tree(right, SWT.BORDER);
        record.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));

        preview = new Table(c, SWT.BORDER | SWT.FULL_SELECTION);
        preview.setHeaderVisible(true);
        preview.setLinesVisible(true);
        GridData pd = new GridData(SWT.FILL, SWT.FILL, true, true, 4, 1);
        pd.heightHint = 160;
        pd.widthHint = 680;
        preview.setLayoutData(pd);
        message = new Label(c, SWT.WRAP);
        message.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 4, 1));
        file.addListener(SWT.Modify, e -> fileChanged());
        setControl(c);
    }

    private static Composite labelled(Composite parent, String title) {
        Composite c = new Composite(parent, SWT.NONE);
        GridLayout l = new GridLayout(1, false);
        l.marginWidth = 0;
        c.setLayout(l);
        new Label(c, SWT.NONE).setText(title);
        return c;
    }

    public Text fileText() {
        return file;
    }

    public Text nameText() {
        return name;
    }

    public Combo formatCombo() {
        return format;
    }

    public Combo recordPathCombo() {
        return recordPath;
    }

    public Tree documentTree() {
        return document;
    }

    public Tree recordTree() {
        return record;
    }

    public Table previewTable() {
        return preview;
    }

    /** @return the summary under the preview (format, encoding, rows, bad records) */
    public String message() {
        return message.getText();
    }

    /** @return whether a preview request is running */
    public boolean busy() {
        return work.busy();
    }

    /** Picks a record path as clicking its node in the document tree does. */
    public void chooseRecordPath(String path) {
        if (!path.equals(recordPath.getText())) {
            recordPath.setText(path);
        }
    }

    String sourceName() {
        return name.getText().strip();
    }

    /** @return the settings as the controls show them, or null without a readable file */
    Settings settings() {
        Path p = wizard.resolve(file.getText());
        if (!SourceWizard.readable(p)) {
            return null;
        }
        Settings s = Settings.empty().with(JsonConnector.PATH, wizard.storedPath(p));
        String f = format.getText();
        if (!f.isEmpty() && !"detect".equals(f)) {
            s = s.with(JsonConnector.FORMAT, f);
        }
        String rp = recordPath.getText().strip();
        if (!rp.isEmpty() && ("document".equals(f) || "detect".equals(f) && look != null
                && "document".equals(look.detected().getString(JsonConnector.FORMAT, "")))) {
            s = s.with(JsonConnector.FORMAT, "document").with(JsonConnector.RECORD_PATH, rp);
        }
        return s;
    }

    private void fileChanged() {
        Path p = wizard.resolve(file.getText());
        look = null;
        if (!SourceWizard.readable(p)) {
            work.cancel();
            show(null);
            setErrorMessage(file.getText().isBlank() ? null : "No readable file at " + file.getText());
            setPageComplete(false);
            return;
        }
        setErrorMessage(null);
        fileRow.suggestName(wizard.defaultName(p.getFileName().toString()));
        updating = true;
        format.select(0);
        recordPath.setText("");
        updating = false;
        refresh();
    }

    private void changed() {
        if (updating) {
            return;
        }
        setPageComplete(false);
        preview.getDisplay().timerExec(DEBOUNCE_MS, refreshSoon);
    }

    private void refresh() {
        Settings s = settings();
        if (s == null || preview.isDisposed()) {
            return;
        }
        message.setText("Reading…");
        setPageComplete(false);
        work.run("preview", m -> wizard.look(s, m), this::show, err -> {
            if (!message.isDisposed()) {
                look = null;
                show(null);
                message.setText(err);
                setErrorMessage(err);
                setPageComplete(false);
            }
        });
    }

    private void show(AddJsonSourceWizard.Look l) {
        if (preview.isDisposed()) {
            return;
        }
        look = l;
        document.removeAll();
        record.removeAll();
        PreviewTable.show(preview, l == null ? null : l.rows(), 1);
        if (l == null) {
            message.setText("");
            return;
        }
        updating = true;
        try {
            String rp = l.detected().getString(JsonConnector.RECORD_PATH, "");
            if (!rp.isEmpty() && !rp.equals(recordPath.getText())) {
                recordPath.setText(rp);
            }
            if (l.document() != null) {
                List<AddJsonSourceWizard.Candidate> candidates = AddJsonSourceWizard.candidates(l.document());
                recordPath.setItems(candidates.stream().map(AddJsonSourceWizard.Candidate::path).toArray(String[]::new));
                recordPath.setText(rp);
                TreeItem root = new TreeItem(document, SWT.NONE);
                root.setText("$ (the whole document)");
                root.setData("$");
                fillDocument(root, l.document().fields(), "$", true, rp);
                root.setExpanded(true);
                if ("$".equals(rp)) {
                    document.setSelection(root);
                }
            } else {
                recordPath.setItems();
            }
            recordPath.setEnabled(l.document() != null);
            fillRecord(null, l.record().fields());
        } finally {
            updating = false;
        }
        String summary = PreviewTable.summary(l.rows());
        message.setText("Format " + l.detected().getString(JsonConnector.FORMAT, "?") + ", encoding "
                + l.detected().getString(JsonConnector.ENCODING, "?") + (l.document() != null ? ", records at " + recordPath.getText() : "")
                + ". " + summary);
        message.getParent().layout(true);
        validate();
    }

    private void fillDocument(TreeItem parent, List<Field> fields, String prefix, boolean pickable, String selected) {
        for (Field f : fields) {
            TreeItem item = new TreeItem(parent, SWT.NONE);
            String path = prefix + AddJsonSourceWizard.segment(f.name());
            item.setText(f.name() + (f.repeated() ? " [ ]" : "") + " : " + f.type().id());
            boolean canPick = pickable && f.type() == org.mapwright.core.DataType.RECORD;
            if (canPick) {
                item.setData(path);
            } else {
                item.setForeground(item.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
            }
            if (path.equals(selected)) {
                document.setSelection(item);
            }
            fillDocument(item, f.children(), path, canPick && !f.repeated(), selected);
            item.setExpanded(!f.repeated());
        }
    }

    private void fillRecord(TreeItem parent, List<Field> fields) {
        for (Field f : fields) {
            TreeItem item = parent == null ? new TreeItem(record, SWT.NONE) : new TreeItem(parent, SWT.NONE);
            item.setText(f.name() + (f.repeated() ? " [ ]" : "") + " : " + f.type().id() + (f.nullable() ? "" : " (required)"));
            fillRecord(item, f.children());
            item.setExpanded(true);
        }
    }

    /** @return the fields of the record as previewed, or null */
    public Schema previewedRecord() {
        return look == null ? null : look.record();
    }

    private void validate() {
        if (name == null) {
            return;
        }
        String error = null;
        if (look != null && look.rows().failure() != null) {
            error = look.rows().failure();
        } else if (look != null) {
            error = wizard.nameProblem(sourceName());
        }
        setErrorMessage(error);
        setPageComplete(error == null && look != null && !work.busy());
    }
}
