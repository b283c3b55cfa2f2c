package org.mapwright.ui.dialogs;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.mapwright.core.Project;
import org.mapwright.engine.MappingEngine;
import org.mapwright.engine.Problem;

/**
 * The live validation of the dialogs that edit one mapping as a working copy
 * ({@link MappingSettingsDialog}, {@link OutputsDialog}): a keystroke schedules one validation a
 * short delay later, which applies the dialog's edit to the project it was opened on, validates
 * the result with the engine, lists the problems of the edited mapping and enables OK unless the
 * edit itself is refused. The dialog supplies its edit and how an element is named to the user.
 */
final class LiveValidation {

    /** Delay between the last keystroke and the validation. */
    private static final int DELAY_MS = 200;

    private final Supplier<Shell> shell;
    private final MappingEngine engine;
    private final Project base;
    private final String mappingId;
    private final Supplier<UnaryOperator<Project>> edit;
    private final UnaryOperator<String> where;
    private final Consumer<String> errorMessage;
    private final Supplier<Button> ok;

    private org.eclipse.swt.widgets.List problemList;
    private List<Problem> problems = List.of();
    private String structuralError;
    private boolean pending;

    /**
     * @param shell        the dialog's shell, null before it opens
     * @param edit         the edit the dialog's state stands for; throws IllegalArgumentException
     *                     with a message for the user when the state cannot become one
     * @param where        "where: " prefix naming a problem's element (null for none) to the user
     * @param errorMessage shows the first error in the dialog's title area (null clears it)
     * @param ok           the dialog's OK button, null before the button bar exists
     */
    LiveValidation(Supplier<Shell> shell, MappingEngine engine, Project base, String mappingId, Supplier<UnaryOperator<Project>> edit,
            UnaryOperator<String> where, Consumer<String> errorMessage, Supplier<Button> ok) {
        this.shell = shell;
        this.engine = engine;
        this.base = base;
        this.mappingId = mappingId;
        this.edit = edit;
        this.where = where;
        this.errorMessage = errorMessage;
        this.ok = ok;
    }

    /** Creates the list the problems are shown in (its {@code role} data is {@code problems}); the caller lays it out. */
    org.eclipse.swt.widgets.List createProblemList(Composite parent) {
        problemList = new org.eclipse.swt.widgets.List(parent, SWT.BORDER | SWT.V_SCROLL | SWT.SINGLE);
        problemList.setData("role", "problems");
        return problemList;
    }

    /** Schedules a validation; changes until it runs share it. Does nothing before the dialog opens. */
    void changed() {
        Shell s = shell.get();
        if (pending || s == null) {
            return;
        }
        pending = true;
        s.getDisplay().timerExec(DELAY_MS, () -> {
            pending = false;
            Shell now = shell.get();
            if (now != null && !now.isDisposed()) {
                validateNow();
            }
        });
    }

    /** Validates the dialog's state with the engine and shows the problems; OK is enabled unless the edit is refused. */
    void validateNow() {
        structuralError = null;
        List<Problem> found = new ArrayList<>();
        try {
            Project candidate = edit.get().apply(base);
            for (Problem p : engine.validate(candidate)) {
                if (mappingId.equals(p.location().mappingId())) {
                    found.add(p);
                }
            }
        } catch (IllegalArgumentException e) {
            structuralError = e.getMessage();
        }
        problems = found;
        if (problemList != null && !problemList.isDisposed()) {
            problemList.removeAll();
            if (structuralError != null) {
                problemList.add("error: " + structuralError);
            }
            for (Problem p : found) {
                problemList.add(p.severity().id() + ": " + where.apply(p.location().element()) + p.message()
                        + (p.hint() == null ? "" : " — " + p.hint()));
            }
            if (found.isEmpty() && structuralError == null) {
                problemList.add("No problems.");
            }
        }
        String firstError = structuralError != null ? structuralError
                : found.stream().filter(Problem::isError).findFirst().map(p -> where.apply(p.location().element()) + p.message()).orElse(null);
        errorMessage.accept(firstError);
        Button b = ok.get();
        if (b != null) {
            b.setEnabled(structuralError == null);
        }
    }

    /** @return the problem the user selected in the list, or null (the refused-edit line is no problem) */
    Problem selectedProblem() {
        int i = problemList.getSelectionIndex() - (structuralError == null ? 0 : 1);
        return i >= 0 && i < problems.size() ? problems.get(i) : null;
    }

    /** @return the message why the last validated edit was refused, or null when it was accepted */
    String structuralError() {
        return structuralError;
    }

    /** @return the problems of the mapping found by the last validation */
    List<Problem> problems() {
        return problems;
    }

    /** @return the lines of the problem list as shown */
    String[] problemLines() {
        return problemList.getItems();
    }

    /** @return whether the button exists and is enabled */
    static boolean enabled(Button b) {
        return b != null && b.isEnabled();
    }

    /** @return a push button filling its cell that runs {@code action} */
    static Button button(Composite parent, String text, Runnable action) {
        return button(parent, text, null, action);
    }

    /** @return a push button filling its cell that runs {@code action}; {@code role} (may be null) is its {@code role} data */
    static Button button(Composite parent, String text, String role, Runnable action) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(text);
        if (role != null) {
            b.setData("role", role);
        }
        b.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        b.addListener(SWT.Selection, e -> action.run());
        return b;
    }

    static Label label(Composite parent, String text) {
        Label l = new Label(parent, SWT.NONE);
        l.setText(text);
        return l;
    }

    /** @return the first control at or below {@code c} whose {@code role} data is {@code role}, or null */
    static Control find(Control c, String role) {
        if (role.equals(c.getData("role"))) {
            return c;
        }
        if (c instanceof Composite comp) {
            for (Control child : comp.getChildren()) {
                Control hit = find(child, role);
                if (hit != null) {
                    return hit;
                }
            }
        }
        return null;
    }
}
