package org.mapwright.ui.sources.wizards;

import java.util.List;

import org.eclipse.jface.wizard.WizardPage;
import org.mapwright.connector.excel.ExcelConnector;
import org.mapwright.core.Ids;
import org.mapwright.core.Settings;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.InspectOptions;
import org.mapwright.core.connector.Inspection;
import org.mapwright.core.connector.ProgressMonitor;
import org.mapwright.internal.ui.sources.Rows;
import org.mapwright.ui.model.WorkbenchSession;

/**
 * Adds one sheet of an Excel workbook (.xlsx or .xls) as a source. The first page picks the file,
 * the sheet and the table layout (detected, or a header row and first data row the user sets to
 * skip title rows) and previews the first rows as they change; the second shows the inferred
 * columns. Reading runs as cancellable jobs; the connector streams .xlsx sheets and keeps POI's
 * zip-bomb protections on.
 */
public final class AddExcelSourceWizard extends SourceWizard {

    /** Rows shown in the preview. */
    static final int PREVIEW_ROWS = 20;

    /**
     * What the first page shows.
     *
     * @param detected the settings completed with the sheet and layout
     * @param rows     the first rows
     */
    record Look(Settings detected, Rows.Preview rows) {
    }

    private final ExcelConnector excel;
    private ExcelSheetPage sheetPage;

    public AddExcelSourceWizard(WorkbenchSession session, ExcelConnector connector, Ids ids) {
        super(session, connector, ids, "Add Excel Source");
        this.excel = connector;
    }

    @Override
    protected void addSourcePages() {
        sheetPage = new ExcelSheetPage(this);
        addPage(sheetPage);
    }

    public ExcelSheetPage sheetPage() {
        return sheetPage;
    }

    @Override
    protected Settings settings() {
        return sheetPage.settings();
    }

    @Override
    protected String sourceName() {
        return sheetPage.sourceName();
    }

    @Override
    protected WizardPage namePage() {
        return sheetPage;
    }

    List<String> sheets(Settings settings) throws DataException {
        return excel.sheetNames(context(), settings);
    }

    /** Detects the layout of the chosen sheet and reads its first rows (off the UI thread). */
    Look look(Settings settings, ProgressMonitor monitor) throws DataException {
        Inspection in = excel.inspect(context(), settings, new InspectOptions(200, false, 3), monitor);
        Rows.Preview rows = Rows.read(excel.open(context(), in.settings(), in.schema()), 0, PREVIEW_ROWS, monitor);
        return new Look(in.settings(), rows);
    }
}
