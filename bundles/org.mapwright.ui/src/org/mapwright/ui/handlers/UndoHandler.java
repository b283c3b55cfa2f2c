package org.mapwright.ui.handlers;

import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.mapwright.internal.ui.TextUndo;
import org.mapwright.ui.ProjectActions;
import org.mapwright.ui.model.WorkbenchSession;

import jakarta.inject.Named;

/** Undoes the last edit of the project (Ctrl+Z). */
public class UndoHandler {

    @Execute
    public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, IEclipseContext context) {
        ProjectActions.undoInFocus(shell.getDisplay(), context);
    }

    @CanExecute
    public boolean canExecute(@Optional WorkbenchSession session) {
        Display display = Display.getCurrent();
        if (display != null && TextUndo.focusIsText(display)) {
            return true;
        }
        return session != null && session.document() != null && session.document().canUndo();
    }
}
