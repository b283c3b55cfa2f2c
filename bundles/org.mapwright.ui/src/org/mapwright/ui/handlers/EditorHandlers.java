package org.mapwright.ui.handlers;

import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.mapwright.ui.MapwrightUi;
import org.mapwright.ui.parts.MappingEditorPart;

/** Finds the mapping editor for the handlers that act on it. */
final class EditorHandlers {

    private EditorHandlers() {
    }

    /** @return the editor part's object, or null when it is not created */
    static MappingEditorPart editor(EPartService parts) {
        if (parts == null) {
            return null;
        }
        MPart part = parts.findPart(MapwrightUi.PART_EDITOR);
        return part != null && part.getObject() instanceof MappingEditorPart e ? e : null;
    }

    /** @return the editor, brought to front and activated, or null */
    static MappingEditorPart activate(EPartService parts) {
        MappingEditorPart e = editor(parts);
        if (e != null) {
            parts.activate(parts.findPart(MapwrightUi.PART_EDITOR));
        }
        return e;
    }
}
