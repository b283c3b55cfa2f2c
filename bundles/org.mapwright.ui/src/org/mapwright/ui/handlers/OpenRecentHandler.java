package org.mapwright.ui.handlers;

import java.nio.file.Path;

import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.model.application.ui.menu.MItem;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.widgets.Shell;
import org.mapwright.ui.ProjectActions;

import jakarta.inject.Named;

/** Opens the project of a File › Open Recent item. */
public class OpenRecentHandler {

    @Execute
    public void execute(MItem item, @Named(IServiceConstants.ACTIVE_SHELL) Shell shell, IEclipseContext context) {
        Object path = item.getTransientData().get(RecentProjectsMenu.PATH);
        if (path != null) {
            ProjectActions.openRecent(shell, context, Path.of(path.toString()));
        }
    }

    @CanExecute
    public boolean canExecute(MItem item) {
        return item.getTransientData().get(RecentProjectsMenu.PATH) != null;
    }
}
