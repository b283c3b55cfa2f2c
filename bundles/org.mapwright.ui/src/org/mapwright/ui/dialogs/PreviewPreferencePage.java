package org.mapwright.ui.dialogs;

import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.IntegerFieldEditor;
import org.mapwright.internal.ui.UiPreferences;

/** Preferences of the preview: how many target rows it shows and how long it waits after an edit. */
public final class PreviewPreferencePage extends FieldEditorPreferencePage {

    public PreviewPreferencePage(UiPreferences prefs) {
        super("Preview", GRID);
        setPreferenceStore(prefs.store());
        setDescription("The preview recomputes in the background after every edit.");
    }

    @Override
    protected void createFieldEditors() {
        IntegerFieldEditor rows = new IntegerFieldEditor(UiPreferences.PREVIEW_ROWS, "Target rows shown:", getFieldEditorParent());
        rows.setValidRange(1, 100_000);
        addField(rows);
        IntegerFieldEditor debounce = new IntegerFieldEditor(UiPreferences.PREVIEW_DEBOUNCE_MS, "Wait after an edit (ms):",
                getFieldEditorParent());
        debounce.setValidRange(0, 5_000);
        addField(debounce);
    }
}
