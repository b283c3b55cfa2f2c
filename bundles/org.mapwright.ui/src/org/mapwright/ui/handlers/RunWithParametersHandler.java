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

/** Asks for parameter values and runs every mapping of the open project with them. */
public class RunWithParametersHandler {

    @Execute
    public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, IEclipseContext context) {
        ProjectActions.runWithParameters(shell, context);
    }

    @CanExecute
    public boolean canExecute(@Optional WorkbenchSession session) {
        return session != null && session.document() != null && !session.document().project().mappings().isEmpty();
    }
}
