package org.mapwright.ui.handlers;

import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.swt.widgets.Shell;
import org.mapwright.ui.ProjectActions;

import jakarta.inject.Named;

/** Closes the workbench after asking about unsaved changes. */
public class ExitHandler {

    @Execute
    public void execute(IWorkbench workbench, @Named(IServiceConstants.ACTIVE_SHELL) Shell shell, IEclipseContext context) {
        if (ProjectActions.confirmDiscard(shell, context)) {
            workbench.close();
        }
    }
}
