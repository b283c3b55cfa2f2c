package org.mapwright.ui.sources.wizards;

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
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.mapwright.connector.excel.ExcelConnector;
import org.mapwright.core.Settings;
import org.mapwright.ui.jobs.Background;
import org.mapwright.internal.ui.sources.PreviewTable;
import org.mapwright.ui.wizards.SourceFileRow;

/**
 * First page of {@link AddExcelSourceWizard}: file, source name, sheet, and the table layout.
 * With "Detect the layout" the connector finds the header and the first data row (skipping title
 * rows) and the controls show what it found; unchecked, the user sets whether there is a header,
 * its row number and the first data row. The preview follows every change.
 */
public final class ExcelSheetPage extends WizardPage {

    private static final int DEBOUNCE_MS = 150;

    private final AddExcelSourceWizard wizard;
    private final Background sheetsWork;
    private final Background previewWork;
    private SourceFileRow fileRow;
    private Text file;
    private Text name;
    private Combo sheet;
    private Button detect;
    private Button header;
    private Spinner headerRow;
    private Spinner firstRow;
    private Table preview;
    private Label message;
    private boolean updating;
    private AddExcelSourceWizard.Look look;
    private final Runnable refreshSoon = this::refresh;

    ExcelSheetPage(AddExcelSourceWizard wizard) {
        super("sheet", "Excel sheet", null);
        this.wizard = wizard;
        this.sheetsWork = new Background(org.eclipse.swt.widgets.Display.getCurrent(), "Excel sheets");
        this.previewWork = new Background(org.eclipse.swt.widgets.Display.getCurrent(), "Excel preview");
        setDescription("Choose a workbook and a sheet; set the header and first data row if titles sit above the table.");
        setPageComplete(false);
    }

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(4, false));
        fileRow = new SourceFileRow(c, new String[] {"*.xlsx;*.xls", "*"}, wizard::projectFolder, this::validate);
        file = fileRow.file();
        name = fileRow.name();
        new Label(c, SWT.NONE).setText("Sheet:");
        sheet = new Combo(c, SWT.READ_ONLY);
        sheet.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
        sheet.addListener(SWT.Selection, e -> changed());
        detect = new Button(c, SWT.CHECK);
        detect.setText("Detect the layout");
        detect.setSelection(true);
        detect.setLayoutData(new GridData(SWT.LEFT, SWT.CENTER, false, false, 4, 1));
        detect.addListener(SWT.Selection, e -> {
            enableLayout();
            changed();
        });
        header = new Button(c, SWT.CHECK);
        header.setText("Header row:");
        header.addListener(SWT.Selection, e -> {
            enableLayout();
            changed();
        });
        headerRow = spinner(c);
        // A grabbing column here gives the file field (spanning it) its width.
        headerRow.setLayoutData(new GridData(SWT.LEFT, SWT.CENTER, true, false));
        new Label(c, SWT.NONE).setText("First data row:");
        firstRow = spinner(c);
        preview = new Table(c, SWT.BORDER | SWT.FULL_SELECTION);
        preview.setHeaderVisible(true);
        preview.setLinesVisible(true);
        GridData pd = new GridData(SWT.FILL, SWT.FILL, true, true, 4, 1);
        pd.heightHint = 240;
        pd.widthHint = 680;
        preview.setLayoutData(pd);
        message = new Label(c, SWT.WRAP);
        message.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 4, 1));
        file.addListener(SWT.Modify, e -> fileChanged());
        enableLayout();
        setControl(c);
    }

    private Spinner spinner(Composite c) {
        Spinner s = new Spinner(c, SWT.BORDER);
        s.setMinimum(1);
        s.setMaximum(1_048_576);
        s.addListener(SWT.Modify, e -> changed());
        return s;
    }

    private void enableLayout() {
        boolean manual = !detect.getSelection();
        header.setEnabled(manual);
        headerRow.setEnabled(manual && header.getSelection());
        firstRow.setEnabled(manual);
    }

    public Text fileText() {
        return file;
    }

    public Text nameText() {
        return name;
    }

    public Combo sheetCombo() {
        return sheet;
    }

    public Button detectCheck() {
        return detect;
    }

    public Button headerCheck() {
        return header;
    }

    public Spinner headerRowSpinner() {
        return headerRow;
    }

    public Spinner firstRowSpinner() {
        return firstRow;
    }

    public Table previewTable() {
        return preview;
    }

    /** @return whether the sheet list or a preview is being read */
    public boolean busy() {
        return sheetsWork.busy() || previewWork.busy();
    }

    String sourceName() {
        return name.getText().strip();
    }

    private Settings fileSettings() {
        Path p = wizard.resolve(file.getText());
        return SourceWizard.readable(p) ? Settings.empty().with(ExcelConnector.PATH, wizard.storedPath(p)) : null;
    }

    /** @return the settings as the controls show them, or null without a readable file and a sheet */
    Settings settings() {
        Settings s = fileSettings();
        if (s == null || sheet.getText().isEmpty()) {
            return null;
        }
        s = s.with(ExcelConnector.SHEET, sheet.getText());
        if (detect.getSelection()) {
            return s;
        }
        s = s.with(ExcelConnector.HEADER, header.getSelection());
        if (header.getSelection()) {
            s = s.with(ExcelConnector.HEADER_ROW, (long) headerRow.getSelection());
        }
        return s.with(ExcelConnector.FIRST_ROW, (long) firstRow.getSelection());
    }

    private void fileChanged() {
        Settings s = fileSettings();
        look = null;
        previewWork.cancel();
        updating = true;
        sheet.removeAll();
        updating = false;
        PreviewTable.show(preview, null, 1);
        if (s == null) {
            sheetsWork.cancel();
            message.setText("");
            setErrorMessage(file.getText().isBlank() ? null : "No readable file at " + file.getText());
            setPageComplete(false);
            return;
        }
        setErrorMessage(null);
        fileRow.suggestName(wizard.defaultName(wizard.resolve(file.getText()).getFileName().toString()));
        message.setText("Reading the sheets…");
        setPageComplete(false);
        sheetsWork.run("sheets", m -> wizard.sheets(s), this::showSheets, err -> {
            if (!message.isDisposed()) {
                message.setText(err);
                setErrorMessage(err);
            }
        });
    }

    private void showSheets(List<String> names) {
        if (sheet.isDisposed()) {
            return;
        }
        updating = true;
        sheet.setItems(names.toArray(String[]::new));
        if (!names.isEmpty()) {
            sheet.select(0);
        }
        updating = false;
        if (names.isEmpty()) {
            setErrorMessage("The workbook has no sheets.");
            return;
        }
        if (names.size() > 1) {
            fileRow.suggestName(wizard.defaultName(wizard.resolve(file.getText()).getFileName().toString() + "_" + names.get(0)));
        }
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
        previewWork.run("preview", m -> wizard.look(s, m), this::show, err -> {
            if (!message.isDisposed()) {
                look = null;
                PreviewTable.show(preview, null, 1);
                message.setText(err);
                setErrorMessage(err);
                setPageComplete(false);
            }
        });
    }

    private void show(AddExcelSourceWizard.Look l) {
        if (preview.isDisposed()) {
            return;
        }
        look = l;
        PreviewTable.show(preview, l.rows(), 1);
        Settings d = l.detected();
        boolean hasHeader = d.getBoolean(ExcelConnector.HEADER, false);
        if (detect.getSelection()) {
            updating = true;
            try {
                header.setSelection(hasHeader);
                headerRow.setSelection((int) d.getLong(ExcelConnector.HEADER_ROW, 1));
                firstRow.setSelection((int) d.getLong(ExcelConnector.FIRST_ROW, 1));
            } finally {
                updating = false;
            }
        }
        message.setText((hasHeader ? "Header in row " + d.getLong(ExcelConnector.HEADER_ROW, 1) : "No header row")
                + ", data from row " + d.getLong(ExcelConnector.FIRST_ROW, 1) + ". " + PreviewTable.summary(l.rows()));
        message.getParent().layout(true);
        validate();
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
        setPageComplete(error == null && look != null && !busy());
    }
}
