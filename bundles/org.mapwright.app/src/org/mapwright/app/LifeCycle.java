package org.mapwright.app;

import org.eclipse.e4.ui.workbench.lifecycle.PostContextCreate;
import org.eclipse.e4.core.contexts.IEclipseContext;

/** Workbench life cycle: prepares the application context before the model is rendered. */
public class LifeCycle {

    @PostContextCreate
    void postContextCreate(IEclipseContext context) {
        context.set("mapwright.started", Long.valueOf(System.currentTimeMillis()));
    }
}
