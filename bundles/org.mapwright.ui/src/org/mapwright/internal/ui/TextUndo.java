package org.mapwright.internal.ui;

import java.util.ArrayDeque;
import java.util.Deque;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Listener;
import org.eclipse.swt.widgets.Text;

/**
 * Undo and redo of the text typed into one text widget ({@link Text} or {@link StyledText}),
 * separate from the project's command stack: while a text widget has the focus, Ctrl+Z and Ctrl+Y
 * act on its text (as in every editor), not on the project. {@link #install(Display)} attaches one
 * to every editable text widget when it first gets the focus; the workbench's Undo and Redo
 * handlers ask {@link #forFocus(Display)} before touching the project.
 *
 * <p>History is kept as snapshots; consecutive single-character typing within
 * {@value #MERGE_MS} ms is one step together with the edit it follows (typing over a selection
 * and going on typing is undone at once), as users expect from a word processor. UI thread only.
 */
public final class TextUndo {

    private static final String KEY = TextUndo.class.getName();
    private static final int MERGE_MS = 1000;
    private static final int LIMIT = 200;

    private record Snapshot(String text, int caret) {
    }

    private final Control control;
    private final Deque<Snapshot> undo = new ArrayDeque<>();
    private final Deque<Snapshot> redo = new ArrayDeque<>();
    private Snapshot current;
    private boolean applying;
    private long lastTyping;

    private TextUndo(Control control) {
        this.control = control;
        current = snapshot();
        control.addListener(SWT.Modify, e -> modified());
        control.addListener(SWT.KeyDown, this::key);
    }

    /** Attaches a history to every editable text widget of the display when it first gets the focus; idempotent. */
    public static void install(Display display) {
        if (display.getData(KEY) != null) {
            return;
        }
        Listener attach = e -> {
            if (e.widget instanceof Control c) {
                attach(c);
            }
        };
        display.setData(KEY, attach);
        display.addFilter(SWT.FocusIn, attach);
    }

    /** @return whether typing goes into this control: an editable text, styled text or combo */
    public static boolean isTextInput(Control c) {
        if (c == null || c.isDisposed()) {
            return false;
        }
        if (c instanceof Text t) {
            return t.getEditable();
        }
        if (c instanceof StyledText t) {
            return t.getEditable();
        }
        return c instanceof Combo combo && (combo.getStyle() & SWT.READ_ONLY) == 0;
    }

    /** @return the control's history, attached now if it has none; null for controls that are no editable text */
    public static TextUndo attach(Control c) {
        if (!(c instanceof Text || c instanceof StyledText) || !isTextInput(c)) {
            return null;
        }
        Object existing = c.getData(KEY);
        if (existing instanceof TextUndo u) {
            return u;
        }
        TextUndo u = new TextUndo(c);
        c.setData(KEY, u);
        return u;
    }

    /** @return the history of the control, or null when none is attached */
    public static TextUndo of(Control c) {
        return c != null && !c.isDisposed() && c.getData(KEY) instanceof TextUndo u ? u : null;
    }

    /**
     * @return whether the focus is in a text input, so Undo/Redo belong to it and not to the
     *         project; the history of that control (attached now) through {@link #of}
     */
    public static boolean focusIsText(Display display) {
        Control f = display.getFocusControl();
        if (isTextInput(f)) {
            attach(f);
            return true;
        }
        return false;
    }

    /** @return the history of the focused text widget, or null when the focus is elsewhere */
    public static TextUndo forFocus(Display display) {
        Control f = display.getFocusControl();
        return isTextInput(f) ? attach(f) : null;
    }

    /** Forgets the history: the control's text was replaced by the program, not typed. */
    public void reset() {
        undo.clear();
        redo.clear();
        current = snapshot();
        lastTyping = 0;
    }

    public boolean canUndo() {
        return !undo.isEmpty();
    }

    public boolean canRedo() {
        return !redo.isEmpty();
    }

    /** @return whether anything was undone */
    public boolean undo() {
        if (undo.isEmpty()) {
            return false;
        }
        redo.push(current);
        apply(undo.pop());
        return true;
    }

    /** @return whether anything was redone */
    public boolean redo() {
        if (redo.isEmpty()) {
            return false;
        }
        undo.push(current);
        apply(redo.pop());
        return true;
    }

    private void key(Event e) {
        if ((e.stateMask & SWT.MOD1) == 0) {
            return;
        }
        int k = Character.toLowerCase(e.keyCode);
        boolean shift = (e.stateMask & SWT.SHIFT) != 0;
        if (k == 'z' && !shift) {
            undo();
            e.doit = false;
        } else if (k == 'y' || k == 'z') {
            redo();
            e.doit = false;
        }
    }

    private void modified() {
        if (applying) {
            return;
        }
        Snapshot now = snapshot();
        if (now.text().equals(current.text())) {
            return;
        }
        long time = System.currentTimeMillis();
        boolean typing = Math.abs(now.text().length() - current.text().length()) == 1;
        boolean merge = typing && lastTyping > 0 && time - lastTyping < MERGE_MS && !undo.isEmpty();
        if (!merge) {
            undo.push(current);
            while (undo.size() > LIMIT) {
                undo.removeLast();
            }
        }
        redo.clear();
        current = now;
        // a replacement (typing over a selection) starts a step that the typing after it joins
        lastTyping = time;
    }

    private Snapshot snapshot() {
        if (control instanceof StyledText t) {
            return new Snapshot(t.getText(), t.getCaretOffset());
        }
        Text t = (Text) control;
        return new Snapshot(t.getText(), t.getCaretPosition());
    }

    private void apply(Snapshot s) {
        applying = true;
        try {
            if (control instanceof StyledText t) {
                t.setText(s.text());
                t.setCaretOffset(Math.min(s.caret(), s.text().length()));
            } else {
                Text t = (Text) control;
                t.setText(s.text());
                t.setSelection(Math.min(s.caret(), s.text().length()));
            }
        } finally {
            applying = false;
        }
        current = s;
        lastTyping = 0;
    }
}
