package org.mapwright.ui.wizards;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.mapwright.connector.csv.CsvConnector;
import org.mapwright.core.Settings;
import org.mapwright.core.connector.Inspection;

/**
 * First page of {@link AddCsvSourceWizard}: the file, the source name and the dialect, with a
 * live table of the first rows that follows every change. Choosing a file asks the connector to
 * sniff the dialect, which fills the controls; the user's changes then win.
 */
public final class CsvFilePage extends WizardPage {

    private static final int DEBOUNCE_MS = 150;

    private final AddCsvSourceWizard wizard;
    private SourceFileRow fileRow;
    private Text file;
    private Text name;
    private Combo delimiter;
    private Combo quote;
    private Button header;
    private Combo encoding;
    private Table preview;
    private Label message;
    private boolean sniffed;
    private boolean updating;
    private AddCsvSourceWizard.RawPreview lastPreview;
    private final Runnable refreshSoon = this::refreshPreview;

    CsvFilePage(AddCsvSourceWizard wizard) {
        super("file", "CSV file", null);
        this.wizard = wizard;
        setDescription("Choose a file; the preview follows the delimiter, quote, header and encoding you set.");
        setPageComplete(false);
    }

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(4, false));
        fileRow = new SourceFileRow(c, new String[] {"*.csv;*.tsv;*.txt", "*"}, wizard::projectFolder, this::validate);
        file = fileRow.file();
        name = fileRow.name();

        new Label(c, SWT.NONE).setText("Delimiter:");
        delimiter = combo(c, true, ",", ";", "tab", "|");
        new Label(c, SWT.NONE).setText("Quote:");
        quote = combo(c, false, "\"", "'", "none");
        new Label(c, SWT.NONE).setText("Encoding:");
        encoding = combo(c, true, "UTF-8", "windows-1252", "ISO-8859-1", "UTF-16LE", "UTF-16BE");
        header = new Button(c, SWT.CHECK);
        header.setText("First row is a header");
        header.setLayoutData(new GridData(SWT.LEFT, SWT.CENTER, false, false, 2, 1));
        header.addListener(SWT.Selection, e -> changed());

        preview = new Table(c, SWT.BORDER | SWT.FULL_SELECTION);
        preview.setHeaderVisible(true);
        preview.setLinesVisible(true);
        GridData pd = new GridData(SWT.FILL, SWT.FILL, true, true, 4, 1);
        pd.heightHint = 220;
        pd.widthHint = 640;
        preview.setLayoutData(pd);
        message = new Label(c, SWT.WRAP);
        message.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 4, 1));

        file.addListener(SWT.Modify, e -> fileChanged());
        setControl(c);
    }

    private Combo combo(Composite parent, boolean editable, String... items) {
        Combo combo = new Combo(parent, editable ? SWT.DROP_DOWN : SWT.READ_ONLY);
        combo.setItems(items);
        combo.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        combo.addListener(SWT.Modify, e -> changed());
        combo.addListener(SWT.Selection, e -> changed());
        return combo;
    }

    public Text fileText() {
        return file;
    }

    public Text nameText() {
        return name;
    }

    public Combo delimiterCombo() {
        return delimiter;
    }

    public Combo quoteCombo() {
        return quote;
    }

    public Combo encodingCombo() {
        return encoding;
    }

    public Button headerCheck() {
        return header;
    }

    public Table previewTable() {
        return preview;
    }

    /** @return whether the dialect was sniffed from the chosen file */
    public boolean isSniffed() {
        return sniffed;
    }

    String sourceName() {
        return name.getText().strip();
    }

    private Path path() {
        String t = file.getText().strip();
        if (t.isEmpty()) {
            return null;
        }
        try {
            Path p = Path.of(t);
            return p.isAbsolute() ? p : wizard.projectFolder().resolve(p);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** @return the settings as the controls show them, or null without a readable file */
    Settings settings() {
        Path p = path();
        if (!AddCsvSourceWizard.readable(p)) {
            return null;
        }
        Settings s = Settings.empty().with(CsvConnector.PATH, wizard.storedPath(p));
        if (!sniffed) {
            return s;
        }
        if (!delimiter.getText().isEmpty()) {
            s = s.with(CsvConnector.DELIMITER, delimiter.getText());
        }
        if (!quote.getText().isEmpty()) {
            s = s.with(CsvConnector.QUOTE, quote.getText());
        }
        if (!encoding.getText().isBlank()) {
            s = s.with(CsvConnector.ENCODING, encoding.getText().strip());
        }
        return s.with(CsvConnector.HEADER, header.getSelection());
    }

    private void fileChanged() {
        sniffed = false;
        Path p = path();
        if (!AddCsvSourceWizard.readable(p)) {
            showPreview(null);
            setErrorMessage(file.getText().isBlank() ? null : "No readable file at " + file.getText());
            setPageComplete(false);
            return;
        }
        setErrorMessage(null);
        fileRow.suggestName(wizard.defaultName(p));
        message.setText("Detecting the dialect…");
        Settings only = Settings.empty().with(CsvConnector.PATH, wizard.storedPath(p));
        wizard.inspect(only, this::applySniffed, err -> {
            message.setText(err);
            setErrorMessage(err);
            setPageComplete(false);
        });
    }

    private void applySniffed(Inspection in) {
        if (preview.isDisposed()) {
            return;
        }
        Settings s = in.settings();
        updating = true;
        try {
            delimiter.setText(s.getString(CsvConnector.DELIMITER, ","));
            quote.setText(s.getString(CsvConnector.QUOTE, "\""));
            encoding.setText(s.getString(CsvConnector.ENCODING, "UTF-8"));
            header.setSelection(s.getBoolean(CsvConnector.HEADER, true));
        } finally {
            updating = false;
        }
        sniffed = true;
        refreshPreview();
    }

    private void changed() {
        if (updating || !sniffed) {
            return;
        }
        preview.getDisplay().timerExec(DEBOUNCE_MS, refreshSoon);
    }

    private void refreshPreview() {
        Settings s = settings();
        if (s == null || preview.isDisposed()) {
            return;
        }
        message.setText("Reading…");
        wizard.preview(s, this::showPreview);
    }

    private void showPreview(AddCsvSourceWizard.RawPreview p) {
        if (preview.isDisposed()) {
            return;
        }
        lastPreview = p;
        preview.setRedraw(false);
        try {
            preview.removeAll();
            for (TableColumn col : preview.getColumns()) {
                col.dispose();
            }
            if (p == null) {
                message.setText("");
                return;
            }
            TableColumn n = new TableColumn(preview, SWT.RIGHT);
            n.setText("#");
            n.setWidth(36);
            for (String col : p.columns()) {
                TableColumn tc = new TableColumn(preview, SWT.LEFT);
                tc.setText(col);
                tc.setWidth(Math.max(70, Math.min(180, col.length() * 9 + 20)));
            }
            int i = 0;
            for (String[] row : p.rows()) {
                TableItem item = new TableItem(preview, SWT.NONE);
                String[] text = new String[row.length + 1];
                text[0] = String.valueOf(++i);
                for (int k = 0; k < row.length; k++) {
                    text[k + 1] = row[k] == null ? "∅" : row[k];
                }
                item.setText(text);
            }
        } finally {
            preview.setRedraw(true);
        }
        StringBuilder m = new StringBuilder();
        if (p.failure() != null) {
            m.append(p.failure());
        } else {
            m.append(p.rows().size()).append(" rows × ").append(p.columns().size()).append(" columns shown.");
        }
        List<String> errs = p.errors();
        if (!errs.isEmpty()) {
            m.append("  ").append(errs.size()).append(" bad record(s), e.g. ").append(errs.get(0));
        }
        message.setText(m.toString());
        message.getParent().layout(true);
        validate();
    }

    private void validate() {
        if (name == null) {
            return;
        }
        String n = sourceName();
        String error = null;
        if (lastPreview == null || !sniffed) {
            error = null;
        } else if (lastPreview.failure() != null) {
            error = lastPreview.failure();
        } else {
            error = SourceNames.problem(wizard.project(), n);
        }
        setErrorMessage(error);
        setPageComplete(error == null && sniffed && lastPreview != null && lastPreview.failure() == null);
    }
}
