package org.mapwright.ui.handlers;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.mapwright.ui.parts.MappingEditorPart;

/** Moves the focus to the mapping editor's field filter (Ctrl+F). */
public class FindHandler {

    @Execute
    public void execute(@Optional EPartService parts) {
        MappingEditorPart e = EditorHandlers.activate(parts);
        if (e != null) {
            e.focusFilter();
        }
    }

    @CanExecute
    public boolean canExecute(@Optional EPartService parts) {
        MappingEditorPart e = EditorHandlers.editor(parts);
        return e != null && true;
    }
}
