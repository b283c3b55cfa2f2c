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

/** Saves the open project (Ctrl+S). */
public class SaveHandler {

    @Execute
    public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, IEclipseContext context) {
        ProjectActions.save(shell, context);
    }

    @CanExecute
    public boolean canExecute(@Optional WorkbenchSession session) {
        return session != null && session.document() != null && session.document().isDirty();
    }
}
