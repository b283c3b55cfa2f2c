package org.mapwright.ui.monitor;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;
import org.mapwright.ui.model.ProjectDocument;
import org.mapwright.ui.model.WorkbenchSession;
import org.osgi.service.event.Event;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * Model addon (contributed by this bundle's fragment) that checks schema drift when a project
 * opens, also while the Schema Drift view was never shown: it creates the view in the background
 * (e4 creates views lazily, when first shown), and the view checks on every project opened from
 * then on and marks its tab when drift breaks a mapping.
 */
public final class DriftCheckAddon {

    private final WorkbenchSession session;
    private final MApplication application;
    private final WorkbenchSession.Listener listener = new WorkbenchSession.Listener() {
        @Override
        public void documentChanged(ProjectDocument now) {
            if (now != null) {
                createDriftView();
            }
        }
    };
    private boolean started;

    @Inject
    public DriftCheckAddon(WorkbenchSession session, MApplication application) {
        this.session = session;
        this.application = application;
    }

    @PostConstruct
    void listen() {
        session.addListener(listener);
    }

    @PreDestroy
    void stop() {
        session.removeListener(listener);
    }

    /** The window exists only once the workbench started; the project the life cycle opened is checked then. */
    @Inject
    @Optional
    void startupComplete(@UIEventTopic(UIEvents.UILifeCycle.APP_STARTUP_COMPLETE) Event event) {
        started = true;
        if (session.document() != null) {
            createDriftView();
        }
    }

    private void createDriftView() {
        MWindow window = application.getSelectedElement();
        if (!started || window == null || window.getContext() == null) {
            return;
        }
        EPartService parts = window.getContext().get(EPartService.class);
        if (parts != null) {
            parts.showPart(MonitorParts.DRIFT, PartState.CREATE);
        }
    }
}
