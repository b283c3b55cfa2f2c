package org.mapwright.ui.handlers;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.mapwright.ui.parts.MappingEditorPart;

/** Maps the marked source field onto the selected target field (keyboard mapping). */
public class MapFieldHandler {

    @Execute
    public void execute(@Optional EPartService parts) {
        MappingEditorPart e = EditorHandlers.activate(parts);
        if (e != null) {
            String[] s = e.diagram().markedSource(); e.diagram().mapField(s[0], s[1], e.diagram().selectedTarget());
        }
    }

    @CanExecute
    public boolean canExecute(@Optional EPartService parts) {
        MappingEditorPart e = EditorHandlers.editor(parts);
        return e != null && e.diagram().markedSource() != null && e.diagram().selectedTarget() != null;
    }
}
