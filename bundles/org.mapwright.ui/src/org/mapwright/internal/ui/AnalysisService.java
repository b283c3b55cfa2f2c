package org.mapwright.internal.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.e4.ui.di.UISynchronize;
import org.mapwright.core.Project;
import org.mapwright.core.connector.CredentialStore;
import org.mapwright.core.connector.ProgressMonitor;
import org.mapwright.engine.MappingEngine;
import org.mapwright.engine.MappingPlan;
import org.mapwright.engine.PreviewRequest;
import org.mapwright.engine.PreviewResult;
import org.mapwright.engine.Problem;
import org.mapwright.ui.model.ProjectDocument;
import org.mapwright.ui.model.WorkbenchSession;

/**
 * Validates the open project and previews the active mapping in the background after every edit:
 * debounced (the preferences' delay after the last change), on one worker thread, cancelling the
 * computation a newer edit made stale, and delivering results on the UI thread through
 * {@link UISynchronize}. The Problems and Preview views listen to it.
 */
public final class AnalysisService {

    /** Receives results on the UI thread. */
    public interface Listener {
        /** A new computation was scheduled; results shown now are stale. */
        default void analysisScheduled() {
        }

        /** Validation problems of the whole project. */
        default void problemsUpdated(List<Problem> problems) {
        }

        /** The preview of the active mapping. */
        default void previewUpdated(Preview preview) {
        }
    }

    /**
     * The outcome of one preview computation.
     *
     * @param mappingId the previewed mapping, or null when the project has none
     * @param result    the engine's result, or null when the preview could not start
     * @param failure   why it could not start, or null
     * @param rows      the row limit requested
     */
    public record Preview(String mappingId, PreviewResult result, String failure, int rows) {
    }

    private final WorkbenchSession session;
    private final UiPreferences preferences;
    private final UISynchronize sync;
    private final CredentialStore credentials;
    private final ScheduledExecutorService worker;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final WorkbenchSession.Listener trigger = new WorkbenchSession.Listener() {
        @Override
        public void documentChanged(ProjectDocument now) {
            schedule(0);
        }

        @Override
        public void projectChanged(ProjectDocument document, ProjectDocument.Change change) {
            if (change.before() != change.after()) {
                schedule(preferences.debounceMs());
            }
        }

        @Override
        public void activeMappingChanged(String mappingId) {
            schedule(0);
        }
    };

    private long generation;
    private ScheduledFuture<?> pending;
    private volatile Cancel running;
    private List<Problem> lastProblems = List.of();
    private Preview lastPreview;

    public AnalysisService(WorkbenchSession session, UiPreferences preferences, UISynchronize sync, CredentialStore credentials) {
        this.session = session;
        this.credentials = credentials;
        this.preferences = preferences;
        this.sync = sync;
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mapwright-analysis");
            t.setDaemon(true);
            return t;
        });
        session.addListener(trigger);
    }

    public void addListener(Listener l) {
        listeners.add(l);
    }

    public void removeListener(Listener l) {
        listeners.remove(l);
    }

    /** @return the problems last delivered */
    public List<Problem> problems() {
        return lastProblems;
    }

    /** @return the preview last delivered, or null */
    public Preview preview() {
        return lastPreview;
    }

    /** Recomputes now, e.g. after the preview size changed or the user pressed Refresh. UI thread. */
    public void refresh() {
        schedule(0);
    }

    private void schedule(int delayMs) {
        long gen = ++generation;
        if (pending != null) {
            pending.cancel(false);
        }
        Cancel c = running;
        if (c != null) {
            c.cancelled = true;
        }
        ProjectDocument doc = session.document();
        Project project = doc == null ? null : doc.project();
        Path folder = doc == null ? null : doc.folder();
        String mappingId = session.activeMappingId();
        int rows = preferences.previewRows();
        for (Listener l : listeners) {
            l.analysisScheduled();
        }
        if (worker.isShutdown()) {
            return;
        }
        pending = worker.schedule(() -> compute(gen, project, folder, mappingId, rows), delayMs, TimeUnit.MILLISECONDS);
    }

    private void compute(long gen, Project project, Path folder, String mappingId, int rows) {
        Cancel cancel = new Cancel();
        running = cancel;
        try {
            MappingEngine engine = session.engine();
            List<Problem> problems = project == null ? List.of() : engine.validate(project);
            deliver(gen, () -> {
                lastProblems = problems;
                listeners.forEach(l -> l.problemsUpdated(problems));
            });
            if (cancel.cancelled) {
                return;
            }
            Preview preview;
            if (project == null || mappingId == null || project.mapping(mappingId).isEmpty()) {
                preview = new Preview(null, null, project == null ? "No project is open." : "The project has no mapping yet.", rows);
            } else {
                MappingPlan plan = engine.compile(project, mappingId);
                PreviewResult result = engine.preview(plan, PreviewRequest.of(folder, rows).withMonitor(cancel).withCredentials(credentials));
                preview = new Preview(mappingId, result, null, rows);
            }
            if (!cancel.cancelled) {
                deliver(gen, () -> {
                    lastPreview = preview;
                    listeners.forEach(l -> l.previewUpdated(preview));
                });
            }
        } catch (CancellationException e) {
            // A newer edit superseded this computation; its own results will follow.
        } catch (RuntimeException e) {
            Preview failed = new Preview(mappingId, null, "The preview failed: " + e, rows);
            deliver(gen, () -> {
                lastPreview = failed;
                listeners.forEach(l -> l.previewUpdated(failed));
            });
        } finally {
            if (running == cancel) {
                running = null;
            }
        }
    }

    private void deliver(long gen, Runnable r) {
        sync.asyncExec(() -> {
            if (gen == generation) {
                r.run();
            }
        });
    }

    /** Stops the worker; pending results are dropped. */
    public void dispose() {
        session.removeListener(trigger);
        generation++;
        Cancel c = running;
        if (c != null) {
            c.cancelled = true;
        }
        worker.shutdownNow();
    }

    /** The engine polls this to stop a stale preview early. */
    private static final class Cancel implements ProgressMonitor {
        volatile boolean cancelled;

        @Override
        public void begin(String task, long totalWork) {
        }

        @Override
        public void worked(long work) {
        }

        @Override
        public boolean isCanceled() {
            return cancelled;
        }
    }
}
