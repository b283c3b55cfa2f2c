package org.mapwright.ui.handlers;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.e4.ui.di.AboutToShow;
import org.eclipse.e4.ui.model.application.ui.menu.MDirectMenuItem;
import org.eclipse.e4.ui.model.application.ui.menu.MMenuElement;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.mapwright.internal.ui.UiPreferences;

/** Fills File › Open Recent with the recently opened projects. */
public class RecentProjectsMenu {

    /** Transient-data key of the project folder of a generated menu item. */
    static final String PATH = "mapwright.recent.path";

    @AboutToShow
    public void aboutToShow(List<MMenuElement> items, EModelService models, UiPreferences prefs) {
        List<Path> recent = prefs.recentProjects();
        int i = 1;
        for (Path p : recent) {
            MDirectMenuItem item = models.createModelElement(MDirectMenuItem.class);
            item.setLabel("&" + i++ + " " + (p.getFileName() == null ? p : p.getFileName()) + "  —  " + p);
            item.setContributionURI("bundleclass://org.mapwright.ui/" + OpenRecentHandler.class.getName());
            item.getTransientData().put(PATH, p.toString());
            items.add(item);
        }
        if (recent.isEmpty()) {
            MDirectMenuItem none = models.createModelElement(MDirectMenuItem.class);
            none.setLabel("(no recent projects)");
            none.setEnabled(false);
            none.setContributionURI("bundleclass://org.mapwright.ui/" + OpenRecentHandler.class.getName());
            items.add(none);
        }
    }
}
