package org.mapwright.ui.sources.handlers;

import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.widgets.Shell;
import org.mapwright.ui.model.WorkbenchSession;
import org.mapwright.ui.sources.SourceActions;

import jakarta.inject.Named;

/** Opens the Add JSON Source wizard. */
public class AddJsonSourceHandler {

    @Execute
    public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, IEclipseContext context) {
        SourceActions.addJson(shell, context);
    }

    @CanExecute
    public boolean canExecute(@Optional WorkbenchSession session) {
        return session != null && session.document() != null;
    }
}
