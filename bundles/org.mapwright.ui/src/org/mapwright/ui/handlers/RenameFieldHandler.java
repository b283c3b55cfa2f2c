package org.mapwright.ui.handlers;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.mapwright.ui.parts.MappingEditorPart;

/** Renames the selected target field in place. */
public class RenameFieldHandler {

    @Execute
    public void execute(@Optional EPartService parts) {
        MappingEditorPart e = EditorHandlers.activate(parts);
        if (e != null) {
            e.diagram().startRename();
        }
    }

    @CanExecute
    public boolean canExecute(@Optional EPartService parts) {
        MappingEditorPart e = EditorHandlers.editor(parts);
        return e != null && e.diagram().selectedTarget() != null;
    }
}
