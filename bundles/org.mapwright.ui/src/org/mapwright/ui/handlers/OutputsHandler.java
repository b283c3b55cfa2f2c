package org.mapwright.ui.handlers;

import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.widgets.Shell;
import org.mapwright.ui.ProjectActions;
import org.mapwright.ui.model.WorkbenchSession;

import jakarta.inject.Named;

/** Opens the outputs of the active mapping (files and database tables it writes). */
public class OutputsHandler {

    @Execute
    public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, IEclipseContext context) {
        ProjectActions.editOutputs(shell, context);
    }

    @CanExecute
    public boolean canExecute(@Optional WorkbenchSession session) {
        return session != null && session.document() != null && session.activeMappingId() != null;
    }
}
