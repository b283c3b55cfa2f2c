package org.mapwright.internal.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.jface.preference.PreferenceStore;

/**
 * The workbench's preferences, kept in a JFace {@link PreferenceStore} file in the workspace
 * metadata: preview size and debounce, recent projects, the last opened project.
 */
public final class UiPreferences {

    public static final String PREVIEW_ROWS = "preview.rows";
    public static final String PREVIEW_DEBOUNCE_MS = "preview.debounceMs";
    public static final String RECENT_PROJECTS = "projects.recent";
    public static final String LAST_PROJECT = "projects.last";

    public static final int DEFAULT_PREVIEW_ROWS = 100;
    public static final int DEFAULT_DEBOUNCE_MS = 300;
    public static final int MAX_RECENT = 8;

    private static final String SEPARATOR = "\n";

    private final PreferenceStore store;
    private final Path file;

    /**
     * @param file where the preferences are kept; read when it exists, created on the first save
     */
    public UiPreferences(Path file) {
        this.file = file;
        store = new PreferenceStore(file.toString());
        store.setDefault(PREVIEW_ROWS, DEFAULT_PREVIEW_ROWS);
        store.setDefault(PREVIEW_DEBOUNCE_MS, DEFAULT_DEBOUNCE_MS);
        store.setDefault(RECENT_PROJECTS, "");
        store.setDefault(LAST_PROJECT, "");
        if (Files.isRegularFile(file)) {
            try {
                store.load();
            } catch (IOException e) {
                // An unreadable preference file only costs the user their settings; defaults apply.
            }
        }
    }

    public IPreferenceStore store() {
        return store;
    }

    /** @return target rows the preview shows, at least 1 */
    public int previewRows() {
        return Math.max(1, store.getInt(PREVIEW_ROWS));
    }

    /** @return milliseconds the preview waits after the last edit before recomputing */
    public int debounceMs() {
        return Math.max(0, store.getInt(PREVIEW_DEBOUNCE_MS));
    }

    public void setPreviewRows(int rows) {
        store.setValue(PREVIEW_ROWS, rows);
        save();
    }

    public void setDebounceMs(int ms) {
        store.setValue(PREVIEW_DEBOUNCE_MS, ms);
        save();
    }

    /** @return project folders, most recent first */
    public List<Path> recentProjects() {
        List<Path> out = new ArrayList<>();
        for (String s : store.getString(RECENT_PROJECTS).split(SEPARATOR)) {
            if (!s.isBlank()) {
                out.add(Path.of(s));
            }
        }
        return out;
    }

    /** @return the project folder open when the workbench last ran, or null */
    public Path lastProject() {
        String s = store.getString(LAST_PROJECT);
        return s.isBlank() ? null : Path.of(s);
    }

    /** Records an opened project: it becomes the last one and moves to the top of the recent list. */
    public void projectOpened(Path folder) {
        Path f = folder.toAbsolutePath().normalize();
        List<Path> recent = recentProjects();
        recent.remove(f);
        recent.add(0, f);
        while (recent.size() > MAX_RECENT) {
            recent.remove(recent.size() - 1);
        }
        store.setValue(RECENT_PROJECTS, String.join(SEPARATOR, recent.stream().map(Path::toString).toList()));
        store.setValue(LAST_PROJECT, f.toString());
        save();
    }

    /** Writes the store; failures are ignored because preferences are a convenience. */
    public void save() {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            store.save();
        } catch (IOException e) {
            // Not being able to remember settings must never break editing.
        }
    }
}
