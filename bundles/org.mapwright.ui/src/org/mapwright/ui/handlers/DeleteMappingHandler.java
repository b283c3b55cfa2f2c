package org.mapwright.ui.handlers;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.mapwright.ui.parts.MappingEditorPart;

/** Removes the mapping of the selected line or target field in the editor. */
public class DeleteMappingHandler {

    @Execute
    public void execute(@Optional EPartService parts) {
        MappingEditorPart e = EditorHandlers.activate(parts);
        if (e != null) {
            e.diagram().deleteSelectedLine();
        }
    }

    @CanExecute
    public boolean canExecute(@Optional EPartService parts) {
        MappingEditorPart e = EditorHandlers.editor(parts);
        return e != null && e.diagram().selectedLine() != null;
    }
}
