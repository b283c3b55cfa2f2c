package org.mapwright.internal.ui;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.eclipse.e4.ui.di.UISynchronize;
import org.mapwright.core.Field;
import org.mapwright.core.Project;
import org.mapwright.core.Schema;
import org.mapwright.core.Settings;
import org.mapwright.core.SourceDef;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.FieldEvidence;
import org.mapwright.core.connector.InspectOptions;
import org.mapwright.core.connector.Inspection;
import org.mapwright.core.connector.ProgressMonitor;
import org.mapwright.core.connector.SourceConnector;
import org.mapwright.ui.model.ProjectDocument;
import org.mapwright.ui.model.WorkbenchSession;

/**
 * Sample values and null counts of source fields, from inspecting each source of the open
 * project in the background (a small sample: this is for display). Results are cached per source
 * id and settings and matched to the project's fields by path, because inspection infers fields
 * with fresh ids.
 */
public final class SourceInsights {

    /** Receives updates on the UI thread. */
    public interface Listener {
        void insightsChanged(String sourceId);
    }

    /**
     * What is known about one source.
     *
     * @param evidence by field path
     * @param error    why the source could not be inspected, or null
     */
    public record Insight(Map<String, FieldEvidence> evidence, String error) {
    }

    private static final InspectOptions OPTIONS = new InspectOptions(1000, false, 5);

    private record Key(String sourceId, Settings settings, Path folder) {
    }

    private final WorkbenchSession session;
    private final UISynchronize sync;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "mapwright-inspect");
        t.setDaemon(true);
        return t;
    });
    private final Map<Key, Insight> cache = new HashMap<>();
    private final Map<Key, Boolean> requested = new HashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final WorkbenchSession.Listener trigger = new WorkbenchSession.Listener() {
        @Override
        public void documentChanged(ProjectDocument now) {
            refresh();
        }

        @Override
        public void projectChanged(ProjectDocument document, ProjectDocument.Change change) {
            refresh();
        }
    };

    public SourceInsights(WorkbenchSession session, UISynchronize sync) {
        this.session = session;
        this.sync = sync;
        session.addListener(trigger);
        refresh();
    }

    public void addListener(Listener l) {
        listeners.add(l);
    }

    public void removeListener(Listener l) {
        listeners.remove(l);
    }

    /** @return evidence of a source field, or null when not (yet) known */
    public FieldEvidence evidence(String sourceId, String fieldId) {
        Insight i = insight(sourceId);
        if (i == null) {
            return null;
        }
        Project p = session.project();
        SourceDef s = p == null ? null : p.source(sourceId).orElse(null);
        if (s == null) {
            return null;
        }
        return s.schema().pathOf(fieldId).map(path -> i.evidence().get(path)).orElse(null);
    }

    /** @return what is known about a source, or null while it is being inspected */
    public Insight insight(String sourceId) {
        ProjectDocument d = session.document();
        if (d == null) {
            return null;
        }
        return d.project().source(sourceId).map(s -> cache.get(new Key(s.id(), s.settings(), d.folder()))).orElse(null);
    }

    private void refresh() {
        ProjectDocument d = session.document();
        if (d == null || worker.isShutdown()) {
            return;
        }
        for (SourceDef s : d.project().sources()) {
            Key key = new Key(s.id(), s.settings(), d.folder());
            if (requested.putIfAbsent(key, Boolean.TRUE) == null) {
                SourceConnector connector;
                try {
                    connector = session.engine().connectors().source(s.connector());
                } catch (IllegalArgumentException e) {
                    cache.put(key, new Insight(Map.of(), e.getMessage()));
                    continue;
                }
                worker.submit(() -> inspect(connector, key));
            }
        }
    }

    private void inspect(SourceConnector connector, Key key) {
        Insight result;
        try {
            Inspection in = connector.inspect(ConnectorContext.of(key.folder()), key.settings(), OPTIONS, ProgressMonitor.NONE);
            Map<String, FieldEvidence> byPath = new HashMap<>();
            Schema schema = in.schema();
            for (Field f : schema.allFields()) {
                FieldEvidence e = in.evidence().get(f.id());
                if (e != null) {
                    schema.pathOf(f.id()).ifPresent(path -> byPath.put(path, e));
                }
            }
            result = new Insight(Map.copyOf(byPath), null);
        } catch (DataException e) {
            result = new Insight(Map.of(), e.getMessage());
        } catch (RuntimeException e) {
            result = new Insight(Map.of(), "cannot inspect: " + e);
        }
        Insight r = result;
        sync.asyncExec(() -> {
            cache.put(key, r);
            listeners.forEach(l -> l.insightsChanged(key.sourceId()));
        });
    }

    public void dispose() {
        session.removeListener(trigger);
        worker.shutdownNow();
    }
}
