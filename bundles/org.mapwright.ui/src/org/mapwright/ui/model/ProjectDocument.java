package org.mapwright.ui.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import org.mapwright.core.Project;
import org.mapwright.core.io.ProjectIO;

/**
 * An open project: its folder, the current {@link Project} value and the one command stack every
 * edit goes through. Because projects are immutable, the stack is a list of project snapshots;
 * undo and redo move through it, and the document is dirty when the current snapshot differs from
 * the one last saved.
 *
 * <p>Confined to the UI thread: edits, undo and listeners all run there. Background work receives
 * the immutable {@link #project()} value.
 */
public final class ProjectDocument {

    /** Snapshots kept for undo; older ones are dropped. */
    public static final int HISTORY_LIMIT = 500;

    /**
     * A change of the document's project.
     *
     * @param before the previous value
     * @param after  the new value
     * @param label  what happened, e.g. {@code "Map email"}, {@code "Undo Map email"}
     */
    public record Change(Project before, Project after, String label) {
    }

    private record State(Project project, String label, Object mergeKey) {
    }

    private final List<State> states = new ArrayList<>();
    private final List<java.util.function.Consumer<Change>> listeners = new CopyOnWriteArrayList<>();
    private Path folder;
    private int index;
    private Project saved;
    private boolean mergeOpen;

    /**
     * @param folder  the project folder (relative data paths resolve against it)
     * @param project the project as read from or to be written to {@code folder}
     * @param saved   whether {@code project} is what the folder's project file holds
     */
    public ProjectDocument(Path folder, Project project, boolean saved) {
        this.folder = folder.toAbsolutePath().normalize();
        states.add(new State(Objects.requireNonNull(project, "project"), "Open", null));
        this.saved = saved ? project : null;
    }

    /**
     * Reads the project of a folder (or of a {@code mapwright.json} file).
     *
     * @throws IOException when the file cannot be read or is not a valid project; the message
     *         names the file and the JSON path of the problem
     */
    public static ProjectDocument open(ProjectIO io, Path folderOrFile) throws IOException {
        Project p = io.read(folderOrFile);
        return new ProjectDocument(ProjectIO.projectFolder(folderOrFile), p, true);
    }

    public Path folder() {
        return folder;
    }

    /** @return the project file of this document */
    public Path file() {
        return folder.resolve(ProjectIO.FILE_NAME);
    }

    public Project project() {
        return states.get(index).project();
    }

    /**
     * Applies an edit as one undoable command. An edit that returns an equal project is ignored.
     *
     * @param label    what the user did, shown in the Edit menu ("Undo Map email")
     * @param mergeKey consecutive commands with the same non-null key collapse into one undo step
     *                 (typing in an expression), until {@link #closeMerge()}
     * @return whether the project changed
     */
    public boolean execute(String label, Object mergeKey, UnaryOperator<Project> edit) {
        Project before = project();
        Project after = Objects.requireNonNull(edit.apply(before), "edit result");
        if (after.equals(before)) {
            return false;
        }
        while (states.size() > index + 1) {
            states.remove(states.size() - 1);
        }
        State top = states.get(index);
        if (mergeKey != null && mergeOpen && mergeKey.equals(top.mergeKey()) && index > 0) {
            states.set(index, new State(after, label, mergeKey));
        } else {
            states.add(new State(after, label, mergeKey));
            index++;
            if (states.size() > HISTORY_LIMIT) {
                states.remove(0);
                index--;
            }
        }
        mergeOpen = mergeKey != null;
        fire(new Change(before, after, label));
        return true;
    }

    /** @see #execute(String, Object, UnaryOperator) */
    public boolean execute(String label, UnaryOperator<Project> edit) {
        return execute(label, null, edit);
    }

    /** Ends the current run of merged commands, so the next edit is its own undo step. */
    public void closeMerge() {
        mergeOpen = false;
    }

    public boolean canUndo() {
        return index > 0;
    }

    public boolean canRedo() {
        return index < states.size() - 1;
    }

    /** @return the label of the command undo would revert, or null */
    public String undoLabel() {
        return canUndo() ? states.get(index).label() : null;
    }

    /** @return the label of the command redo would apply again, or null */
    public String redoLabel() {
        return canRedo() ? states.get(index + 1).label() : null;
    }

    public void undo() {
        if (!canUndo()) {
            return;
        }
        Project before = project();
        String label = states.get(index).label();
        index--;
        mergeOpen = false;
        fire(new Change(before, project(), "Undo " + label));
    }

    public void redo() {
        if (!canRedo()) {
            return;
        }
        Project before = project();
        index++;
        mergeOpen = false;
        fire(new Change(before, project(), "Redo " + states.get(index).label()));
    }

    /** @return whether the project differs from what was last saved or opened */
    public boolean isDirty() {
        return !project().equals(saved);
    }

    /** Writes the canonical project file into the document's folder and marks it saved. */
    public void save(ProjectIO io) throws IOException {
        Project p = project();
        io.write(p, folder);
        saved = p;
        closeMerge();
        fire(new Change(p, p, "Save"));
    }

    /**
     * Writes the project into another folder, which becomes the document's folder. Relative
     * source paths are rewritten so they still point at the same files.
     */
    public void saveAs(ProjectIO io, Path newFolder) throws IOException {
        Path target = newFolder.toAbsolutePath().normalize();
        Project before = project();
        Project moved = ProjectEdits.rebaseSourcePaths(before, folder, target);
        // ProjectIO writes to a path that is not an existing folder as a file, so make the folder first.
        java.nio.file.Files.createDirectories(target);
        io.write(moved, target);
        if (!moved.equals(before)) {
            states.add(index + 1, new State(moved, "Save As", null));
            while (states.size() > index + 2) {
                states.remove(states.size() - 1);
            }
            index++;
        }
        folder = target;
        saved = moved;
        closeMerge();
        fire(new Change(before, moved, "Save As"));
    }

    /** Listeners run on the UI thread after every change, undo, redo and save. */
    public void addListener(java.util.function.Consumer<Change> listener) {
        listeners.add(listener);
    }

    public void removeListener(java.util.function.Consumer<Change> listener) {
        listeners.remove(listener);
    }

    private void fire(Change change) {
        for (var l : listeners) {
            l.accept(change);
        }
    }
}
