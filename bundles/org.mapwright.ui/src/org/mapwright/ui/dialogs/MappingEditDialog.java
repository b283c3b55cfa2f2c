package org.mapwright.ui.dialogs;

import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.mapwright.core.MappingDef;
import org.mapwright.core.Project;
import org.mapwright.engine.MappingEngine;
import org.mapwright.engine.Problem;
import org.mapwright.ui.model.ProjectEdits;
import org.mapwright.ui.model.WorkbenchSession;

/**
 * A resizable dialog that edits one mapping of the session's open project as a working copy,
 * validated as the user types ({@link LiveValidation}); the subclass builds the controls, tells
 * what edit its state stands for and applies it on OK.
 */
abstract class MappingEditDialog extends TitleAreaDialog {

    final WorkbenchSession session;
    final MappingEngine engine;
    /** The project as it was when the dialog opened; the edit applies to it. */
    final Project base;
    final MappingDef mapping;
    final LiveValidation validation;

    /** @param mappingId the edited mapping of the session's open project */
    MappingEditDialog(Shell parent, WorkbenchSession session, String mappingId) {
        super(parent);
        this.session = session;
        this.engine = session.engine();
        this.base = Objects.requireNonNull(session.project(), "open project");
        this.mapping = ProjectEdits.mapping(base, mappingId);
        this.validation = new LiveValidation(this::getShell, engine, base, mapping.id(), this::edit, this::where, this::setErrorMessage,
                () -> getButton(IDialogConstants.OK_ID));
        setShellStyle(getShellStyle() | SWT.RESIZE);
    }

    /**
     * @return the edit the dialog's state stands for
     * @throws IllegalArgumentException when the state cannot become one; the message is for the user
     */
    abstract UnaryOperator<Project> edit();

    /** @return "where: " for a problem's element (null for none), in the user's words */
    abstract String where(String element);

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        super.createButtonsForButtonBar(parent);
        validateNow();
    }

    /** Validates a short while after the last of a burst of changes. */
    void changed() {
        validation.changed();
    }

    /** Validates the dialog's state with the engine now and shows the problems; OK is enabled unless {@link #edit()} refuses the state. */
    void validateNow() {
        validation.validateNow();
    }

    // ---- for tests ----

    boolean okEnabled() {
        return LiveValidation.enabled(getButton(IDialogConstants.OK_ID));
    }

    String structuralError() {
        return validation.structuralError();
    }

    List<Problem> problems() {
        return validation.problems();
    }

    String[] problemLines() {
        return validation.problemLines();
    }

    /** @return the first control of the dialog whose {@code role} data is {@code role}, or null */
    Control find(String role) {
        return LiveValidation.find(getShell(), role);
    }

    /** Presses OK as the button would. */
    void pressOk() {
        okPressed();
    }
}
