package org.mapwright.ui.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

import org.mapwright.core.MappingDef;
import org.mapwright.core.Project;
import org.mapwright.core.io.ProjectIO;
import org.mapwright.engine.MappingEngine;
import org.mapwright.engine.RunReport;

/**
 * The state the workbench views share: the open {@link ProjectDocument}, the mapping shown in
 * the editor, and the current {@link Selection}. Views observe it instead of each other, so any
 * view can be opened, closed or tested alone. One instance lives in the application's
 * {@code IEclipseContext}.
 *
 * <p>Confined to the UI thread.
 */
public final class WorkbenchSession {

    /** Observer of session changes; every method has an empty default. */
    public interface Listener {
        /** Another project was opened (or the last one closed); {@code now} may be null. */
        default void documentChanged(ProjectDocument now) {
        }

        /** The open project changed by an edit, undo, redo or save. */
        default void projectChanged(ProjectDocument document, ProjectDocument.Change change) {
        }

        /** The mapping shown in the editor changed. */
        default void activeMappingChanged(String mappingId) {
        }

        /**
         * The selection changed.
         *
         * @param origin the object that changed it (a view), so it can ignore its own changes
         */
        default void selectionChanged(Selection selection, Object origin) {
        }

        /**
         * A run of the open project finished (succeeded, failed or cancelled) and, unless the
         * history was not writable, was recorded in the project's run history.
         *
         * @param projectFolder the folder that was run
         * @param report        what the run did
         */
        default void runFinished(Path projectFolder, RunReport report) {
        }
    }

    private final MappingEngine engine;
    private final ProjectIO io;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final java.util.function.Consumer<ProjectDocument.Change> forward = this::forward;
    private ProjectDocument document;
    private String activeMappingId;
    private Selection selection = Selection.NONE;
    private MappingModel model;

    public WorkbenchSession(MappingEngine engine, ProjectIO io) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.io = Objects.requireNonNull(io, "io");
    }

    public MappingEngine engine() {
        return engine;
    }

    public ProjectIO io() {
        return io;
    }

    /** @return the open document, or null */
    public ProjectDocument document() {
        return document;
    }

    /** @return the open project, or null */
    public Project project() {
        return document == null ? null : document.project();
    }

    /**
     * Opens a project folder (or {@code mapwright.json} file) and makes it current.
     *
     * @throws IOException naming the file and, for invalid content, the JSON path
     */
    public ProjectDocument open(Path folderOrFile) throws IOException {
        ProjectDocument d = ProjectDocument.open(io, folderOrFile);
        setDocument(d);
        return d;
    }

    /** Makes a document current (null closes the current one without saving). */
    public void setDocument(ProjectDocument newDocument) {
        if (document != null) {
            document.removeListener(forward);
        }
        document = newDocument;
        model = null;
        selection = Selection.NONE;
        activeMappingId = null;
        if (document != null) {
            document.addListener(forward);
            List<MappingDef> mappings = document.project().mappings();
            activeMappingId = mappings.isEmpty() ? null : mappings.get(0).id();
        }
        for (Listener l : listeners) {
            l.documentChanged(document);
        }
    }

    private void forward(ProjectDocument.Change change) {
        model = null;
        Project p = change.after();
        if (activeMappingId != null && p.mapping(activeMappingId).isEmpty() || activeMappingId == null && !p.mappings().isEmpty()) {
            activeMappingId = p.mappings().isEmpty() ? null : p.mappings().get(0).id();
            for (Listener l : listeners) {
                l.activeMappingChanged(activeMappingId);
            }
        }
        for (Listener l : listeners) {
            l.projectChanged(document, change);
        }
        if (!selectionExists(selection, p)) {
            select(Selection.NONE, this);
        }
    }

    /** @return the id of the mapping the editor shows, or null when the project has none */
    public String activeMappingId() {
        return activeMappingId;
    }

    public void setActiveMapping(String mappingId) {
        if (Objects.equals(mappingId, activeMappingId)) {
            return;
        }
        if (mappingId != null && (document == null || document.project().mapping(mappingId).isEmpty())) {
            throw new IllegalArgumentException("no mapping '" + mappingId + "'");
        }
        activeMappingId = mappingId;
        model = null;
        for (Listener l : listeners) {
            l.activeMappingChanged(mappingId);
        }
    }

    /**
     * @return the compiled view of the active mapping, cached until the next change; null when
     *         there is no document or mapping
     */
    public MappingModel activeModel() {
        if (document == null || activeMappingId == null) {
            return null;
        }
        if (model == null || model.project() != document.project() || !model.mapping().id().equals(activeMappingId)) {
            model = MappingModel.of(engine, document.project(), activeMappingId);
        }
        return model;
    }

    public Selection selection() {
        return selection;
    }

    /**
     * Changes the selection. Selecting inside another mapping makes that mapping active.
     *
     * @param origin the view that selects, passed on to listeners
     */
    public void select(Selection newSelection, Object origin) {
        Selection s = newSelection == null ? Selection.NONE : newSelection;
        if (s.mappingId() != null && !s.mappingId().equals(activeMappingId) && document != null
                && document.project().mapping(s.mappingId()).isPresent()) {
            setActiveMapping(s.mappingId());
        }
        if (s.equals(selection)) {
            return;
        }
        selection = s;
        for (Listener l : listeners) {
            l.selectionChanged(s, origin);
        }
    }

    /**
     * Applies an edit to the open document as one undoable command and reports a model error as
     * an exception the caller shows to the user.
     *
     * @return whether the project changed
     * @throws IllegalStateException when no project is open
     * @throws IllegalArgumentException when the edit is not possible (message for the user)
     */
    public boolean execute(String label, Object mergeKey, java.util.function.UnaryOperator<Project> edit) {
        if (document == null) {
            throw new IllegalStateException("no project is open");
        }
        return document.execute(label, mergeKey, edit);
    }

    public boolean execute(String label, java.util.function.UnaryOperator<Project> edit) {
        return execute(label, null, edit);
    }

    /** Tells the listeners that a run finished; the workbench's Run calls it on the UI thread. */
    public void runFinished(Path projectFolder, RunReport report) {
        for (Listener l : listeners) {
            l.runFinished(projectFolder, report);
        }
    }

    public void addListener(Listener l) {
        listeners.add(l);
    }

    public void removeListener(Listener l) {
        listeners.remove(l);
    }

    private static boolean selectionExists(Selection s, Project p) {
        if (s instanceof Selection.Source x) {
            return p.source(x.sourceId()).isPresent();
        }
        if (s instanceof Selection.SourceField x) {
            return p.source(x.sourceId()).flatMap(src -> src.schema().byId(x.fieldId())).isPresent();
        }
        if (s instanceof Selection.Mapping x) {
            return p.mapping(x.mappingId()).isPresent();
        }
        if (s instanceof Selection.TargetField x) {
            return p.mapping(x.mappingId()).flatMap(m -> m.targetSchema().byId(x.fieldId())).isPresent();
        }
        if (s instanceof Selection.Line x) {
            return p.mapping(x.mappingId()).flatMap(m -> m.mappingFor(x.targetFieldId())).isPresent();
        }
        return true;
    }
}
