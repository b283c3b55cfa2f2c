package org.mapwright.ui.export;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.program.Program;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.mapwright.core.connector.CredentialStore;
import org.mapwright.runtime.MapwrightRuntime;
import org.mapwright.runtime.ProjectExporter;
import org.mapwright.ui.model.ProjectDocument;
import org.mapwright.ui.model.WorkbenchSession;
import org.osgi.framework.FrameworkUtil;

import jakarta.inject.Named;

/**
 * File › Export Runnable Project…: opens the {@link ExportWizard} for the open project and, when
 * the export ends, reports it and offers to open the folder that holds it.
 */
public class ExportProjectHandler {

    @CanExecute
    public boolean canExecute(@Optional WorkbenchSession session) {
        return session != null && session.document() != null;
    }

    @Execute
    public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, WorkbenchSession session) {
        ProjectDocument document = session.document();
        if (document == null) {
            return;
        }
        Display display = shell.getDisplay();
        // The exporter never consults a credential store: secrets are never part of an export.
        MapwrightRuntime runtime = MapwrightRuntime.standard(CredentialStore.NONE);
        ExportWizard wizard = new ExportWizard(document, session.io(), runtime,
                ExportJob.installedBundles(FrameworkUtil.getBundle(ExportProjectHandler.class).getBundleContext()),
                job -> display.asyncExec(() -> report(shell.isDisposed() ? null : shell, job)));
        new WizardDialog(shell, wizard).open();
    }

    /** Tells how the export ended; on success offers to open the folder holding it. */
    static void report(Shell shell, ExportJob job) {
        if (job.failure() != null) {
            MessageDialog.openError(shell, "Export", "The project was not exported:\n\n" + job.failure());
            return;
        }
        ProjectExporter.Export e = job.export();
        String message = message(e);
        MessageDialog dialog = new MessageDialog(shell, "Export", null, message, MessageDialog.INFORMATION, 0, "&Open Folder", "Close");
        if (dialog.open() == 0) {
            Path folder = Files.isDirectory(e.target()) ? e.target() : e.target().getParent();
            Program.launch(folder.toString());
        }
    }

    /** @return the report of a finished export, for the user */
    static String message(ProjectExporter.Export e) {
        long jars = e.files().stream().filter(f -> f.startsWith("lib/")).count();
        StringBuilder b = new StringBuilder("Exported to ").append(e.target()).append(":\n").append(e.files().size()).append(" files (")
                .append(jars).append(" jars, ").append(e.dataFiles().size()).append(" data files).\n\nRun it with ")
                .append(e.target().getFileName().toString().endsWith(".zip") ? "(unzipped) " : "")
                .append("bin/mapwright-run --output DIR [--param NAME=VALUE]... (bin\\mapwright-run.bat on Windows); README.md explains it.");
        if (!e.mustSet().isEmpty()) {
            b.append("\n\nSet at run time (they point outside the export): ").append(String.join(", ", e.mustSet()));
        }
        if (!e.credentials().isEmpty()) {
            b.append("\n\nSecrets needed at run time: ").append(String.join(", ", e.credentials()));
        }
        return b.toString();
    }
}
