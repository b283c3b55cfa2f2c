package org.mapwright.ui.dialogs;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Shell;

/**
 * Shows a running project's progress (task and bar) with a Cancel button that cancels the job;
 * the engine stops at its next check and the run ends as cancelled. Progress arrives from the job's
 * thread and is painted on the UI thread, coalesced so a fast run does not flood the event queue.
 */
public final class RunProgressDialog extends Dialog {

    private final Job job;
    private final String title;
    private Label task;
    private ProgressBar bar;
    private volatile String pendingTask = "Starting…";
    private volatile double pendingFraction = -1;
    private volatile boolean repaintQueued;

    public RunProgressDialog(Shell parent, Job job, String title) {
        super(parent);
        this.job = job;
        this.title = title;
        setBlockOnOpen(false);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(title);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        area.setLayout(new GridLayout(1, false));
        task = new Label(area, SWT.NONE);
        GridData td = new GridData(SWT.FILL, SWT.CENTER, true, false);
        td.widthHint = 420;
        task.setLayoutData(td);
        task.setText(pendingTask);
        bar = new ProgressBar(area, SWT.HORIZONTAL | SWT.INDETERMINATE);
        bar.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, true);
    }

    @Override
    protected void cancelPressed() {
        job.cancel();
        getButton(IDialogConstants.CANCEL_ID).setEnabled(false);
        pendingTask = "Cancelling…";
        paint();
    }

    /** Called from any thread. */
    public void update(String taskName, double fraction) {
        pendingTask = taskName;
        pendingFraction = fraction;
        Shell s = getShell();
        if (s == null || s.isDisposed() || repaintQueued) {
            return;
        }
        repaintQueued = true;
        s.getDisplay().asyncExec(this::paint);
    }

    private void paint() {
        repaintQueued = false;
        if (task == null || task.isDisposed()) {
            return;
        }
        task.setText(pendingTask == null ? "" : pendingTask);
        if (pendingFraction >= 0 && (bar.getStyle() & SWT.INDETERMINATE) != 0) {
            Composite parent = bar.getParent();
            bar.dispose();
            bar = new ProgressBar(parent, SWT.HORIZONTAL);
            bar.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            bar.setMaximum(1000);
            parent.layout(true);
        }
        if (pendingFraction >= 0) {
            bar.setSelection((int) (pendingFraction * 1000));
        }
    }

    /** @return the task shown, for tests */
    public String taskText() {
        return task == null || task.isDisposed() ? pendingTask : task.getText();
    }
}
