package org.mapwright.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.swt.widgets.Display;
import org.mapwright.core.connector.CredentialStore;
import org.mapwright.core.io.ProjectIO;
import org.mapwright.engine.MappingEngine;
import org.mapwright.internal.ui.AnalysisService;
import org.mapwright.internal.ui.SourceInsights;
import org.mapwright.internal.ui.TextUndo;
import org.mapwright.internal.ui.UiPreferences;
import org.mapwright.internal.ui.UiResources;
import org.mapwright.ui.model.ProjectDocument;
import org.mapwright.ui.model.WorkbenchSession;

/**
 * Entry point of the workbench UI: element ids of the application model and the installation of
 * the shared services (session, preferences, resources, background analysis) into an
 * {@link IEclipseContext}. The application's life cycle calls {@link #install} once; tests call it
 * on their own context.
 */
public final class MapwrightUi {

    public static final String PART_EXPLORER = "org.mapwright.ui.part.explorer";
    public static final String PART_EDITOR = "org.mapwright.ui.part.editor";
    public static final String PART_PREVIEW = "org.mapwright.ui.part.preview";
    public static final String PART_PROBLEMS = "org.mapwright.ui.part.problems";
    public static final String PART_PROPERTIES = "org.mapwright.ui.part.properties";

    /** Command ids, bound to handlers and key bindings in the application model. */
    public static final String CMD_SAVE = "org.mapwright.ui.command.save";
    public static final String CMD_UNDO = "org.mapwright.ui.command.undo";
    public static final String CMD_REDO = "org.mapwright.ui.command.redo";
    public static final String CMD_FIND = "org.mapwright.ui.command.find";

    private MapwrightUi() {
    }

    /**
     * Creates the workbench services and puts them into the context: {@link WorkbenchSession},
     * preferences, resources, the background analysis (validation and preview) and source
     * insights. Needs the display's thread and a {@link UISynchronize} in the context.
     *
     * @param credentials     secrets for connectors in previews and runs; null means none
     * @param preferencesFile where preferences are kept (created on first save)
     * @return the session
     */
    public static WorkbenchSession install(IEclipseContext context, MappingEngine engine, CredentialStore credentials,
            Path preferencesFile) {
        Display display = Display.getCurrent();
        if (display == null) {
            throw new IllegalStateException("install the workbench services on the UI thread");
        }
        UISynchronize sync = context.get(UISynchronize.class);
        if (sync == null) {
            throw new IllegalStateException("the context has no UISynchronize");
        }
        UiPreferences prefs = new UiPreferences(preferencesFile);
        WorkbenchSession session = new WorkbenchSession(engine, new ProjectIO());
        UiResources res = new UiResources(display);
        CredentialStore secrets = credentials == null ? CredentialStore.NONE : credentials;
        AnalysisService analysis = new AnalysisService(session, prefs, sync, secrets);
        SourceInsights insights = new SourceInsights(session, sync);
        context.set(MappingEngine.class, engine);
        context.set(CredentialStore.class, secrets);
        context.set(UiPreferences.class, prefs);
        context.set(WorkbenchSession.class, session);
        context.set(UiResources.class, res);
        context.set(AnalysisService.class, analysis);
        context.set(SourceInsights.class, insights);
        TextUndo.install(display);
        display.disposeExec(() -> {
            analysis.dispose();
            insights.dispose();
        });
        return session;
    }

    /**
     * Opens a project and remembers it as the last and most recent one.
     *
     * @throws IOException naming the file, and the JSON path for invalid content
     */
    public static ProjectDocument openProject(IEclipseContext context, Path folderOrFile) throws IOException {
        WorkbenchSession session = context.get(WorkbenchSession.class);
        ProjectDocument d = session.open(folderOrFile);
        context.get(UiPreferences.class).projectOpened(d.folder());
        return d;
    }

    /** @return the project that was open when the workbench last ran, if it still exists */
    public static Path lastProject(IEclipseContext context) {
        Path p = context.get(UiPreferences.class).lastProject();
        return p != null && Files.isRegularFile(ProjectIO.projectFile(p)) ? p : null;
    }
}
