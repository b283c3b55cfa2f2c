package org.mapwright.ui.sources;

import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.widgets.Shell;
import org.mapwright.connector.excel.ExcelConnector;
import org.mapwright.connector.jdbc.JdbcConnector;
import org.mapwright.core.Ids;
import org.mapwright.core.connector.CredentialStore;
import org.mapwright.core.connector.SourceConnector;
import org.mapwright.ui.model.WorkbenchSession;
import org.mapwright.ui.sources.wizards.AddExcelSourceWizard;
import org.mapwright.ui.sources.wizards.AddJdbcSourceWizard;
import org.mapwright.ui.sources.wizards.AddJsonSourceWizard;

/**
 * Opens the add-source wizards of this bundle for the open project, taking connectors from the
 * session's engine and secrets from the context. Problems (no project, a connector missing from
 * the runtime) are shown as messages.
 */
public final class SourceActions {

    private SourceActions() {
    }

    public static void addJson(Shell shell, IEclipseContext ctx) {
        WorkbenchSession s = ctx.get(WorkbenchSession.class);
        SourceConnector c = connector(shell, s, "json", "Add JSON Source");
        if (c != null) {
            new WizardDialog(shell, new AddJsonSourceWizard(s, c, new Ids())).open();
        }
    }

    public static void addExcel(Shell shell, IEclipseContext ctx) {
        WorkbenchSession s = ctx.get(WorkbenchSession.class);
        if (connector(shell, s, ExcelConnector.KIND, "Add Excel Source") instanceof ExcelConnector excel) {
            new WizardDialog(shell, new AddExcelSourceWizard(s, excel, new Ids())).open();
        }
    }

    public static void addDatabase(Shell shell, IEclipseContext ctx) {
        WorkbenchSession s = ctx.get(WorkbenchSession.class);
        if (connector(shell, s, JdbcConnector.KIND, "Add Database Source") instanceof JdbcConnector jdbc) {
            new WizardDialog(shell, new AddJdbcSourceWizard(s, jdbc, ctx.get(SecureCredentialStore.class), ctx.get(CredentialStore.class),
                    new Ids())).open();
        }
    }

    private static SourceConnector connector(Shell shell, WorkbenchSession s, String kind, String title) {
        if (s == null || s.document() == null) {
            MessageDialog.openInformation(shell, title, "Open or create a project first.");
            return null;
        }
        try {
            return s.engine().connectors().source(kind);
        } catch (IllegalArgumentException e) {
            MessageDialog.openError(shell, title, e.getMessage());
            return null;
        }
    }
}
