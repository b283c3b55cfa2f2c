package org.mapwright.ui.dialogs;

import java.util.Locale;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.mapwright.engine.Reject;
import org.mapwright.engine.RunReport;
import org.mapwright.internal.ui.UiResources;

/** Shows what a run did: outcome, row accounting per mapping, outputs, rejects and warnings. */
public final class RunReportDialog extends TitleAreaDialog {

    private final RunReport report;
    private final UiResources res;
    private final String note;
    private Text text;

    public RunReportDialog(Shell parent, RunReport report, UiResources res) {
        this(parent, report, res, null);
    }

    /** @param note a line shown above the report, e.g. where the run was recorded; null for none */
    public RunReportDialog(Shell parent, RunReport report, UiResources res, String note) {
        super(parent);
        this.report = report;
        this.res = res;
        this.note = note;
        setShellStyle(getShellStyle() | SWT.RESIZE);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Run Report");
    }

    /** @return the report as text, as the dialog shows it */
    public static String render(RunReport r) {
        StringBuilder b = new StringBuilder();
        b.append("Project: ").append(r.project()).append('\n');
        b.append("Status: ").append(r.status().name().toLowerCase(Locale.ROOT)).append(" in ")
                .append(String.format(Locale.ROOT, "%.2f s", r.duration().toMillis() / 1000.0)).append('\n');
        if (r.error() != null) {
            b.append("Error: ").append(r.error()).append('\n');
        }
        for (RunReport.MappingReport m : r.mappings()) {
            b.append('\n').append("Mapping ").append(m.name()).append(": ").append(m.status().name().toLowerCase(Locale.ROOT)).append('\n');
            b.append(String.format(Locale.ROOT, "  read %,d · written %,d · rejected %,d · filtered %,d%s%n", m.rowsRead(), m.rowsWritten(),
                    m.rowsRejected(), m.rowsFiltered(), m.rowsMerged() > 0 ? " · merged " + m.rowsMerged() : ""));
            if (m.duration().toMillis() >= 1000) {
                b.append(String.format(Locale.ROOT, "  %,.0f rows/s%n", m.rowsPerSecond()));
            }
            for (RunReport.OutputReport o : m.outputs()) {
                b.append("  output ").append(o.connector()).append(": ").append(o.description()).append('\n');
            }
            for (RunReport.RuleReport rule : m.rules()) {
                b.append("  rule ").append(rule.kind()).append(" on ").append(rule.field()).append(" (").append(rule.action()).append("): ")
                        .append(rule.violations()).append(" violation(s)\n");
            }
            if (m.rejectsFile() != null) {
                b.append("  rejects: ").append(m.rejectsFile()).append('\n');
            }
            for (Reject rej : m.firstRejects()) {
                b.append("    record ").append(rej.record()).append(rej.line() >= 0 ? ", line " + rej.line() : "")
                        .append(rej.field() == null ? "" : ", " + rej.field()).append(": ").append(rej.reason()).append('\n');
            }
            for (String w : m.warnings()) {
                b.append("  warning: ").append(w).append('\n');
            }
            if (m.error() != null) {
                b.append("  error: ").append(m.error()).append('\n');
            }
        }
        return b.toString();
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle(report.succeeded() ? "The run succeeded" : "The run did not succeed");
        setMessage(report.succeeded() ? "Every output was written and committed."
                : report.error() == null ? "Nothing was committed." : report.error(),
                report.succeeded() ? IMessageProvider.INFORMATION : IMessageProvider.ERROR);
        text = new Text(area, SWT.MULTI | SWT.READ_ONLY | SWT.V_SCROLL | SWT.H_SCROLL | SWT.BORDER);
        text.setFont(res.mono());
        text.setText((note == null ? "" : note + "\n\n") + render(report));
        GridData gd = new GridData(SWT.FILL, SWT.FILL, true, true);
        gd.widthHint = 700;
        gd.heightHint = 320;
        text.setLayoutData(gd);
        return area;
    }

    /** @return the text shown, for tests */
    public String shownText() {
        return text == null || text.isDisposed() ? null : text.getText();
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, IDialogConstants.CLOSE_LABEL, true);
    }
}
