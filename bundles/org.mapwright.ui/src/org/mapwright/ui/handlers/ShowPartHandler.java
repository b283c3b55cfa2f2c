package org.mapwright.ui.handlers;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;

import jakarta.inject.Named;

/** Brings a view to front and activates it (Window menu), even when it was minimized. */
public class ShowPartHandler {

    /** Command parameter naming the part's element id. */
    public static final String PART_ID = "org.mapwright.ui.commandparameter.partId";

    @Execute
    public void execute(@Named(PART_ID) String partId, EPartService parts) {
        parts.showPart(partId, PartState.ACTIVATE);
    }
}
