package org.mapwright.ui.dialogs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.mapwright.core.Project;
import org.mapwright.runtime.Parameters;

/**
 * Asks for run-time parameter values before a run, the workbench's {@code --param name=value}:
 * every setting of a source or output (paths, tables, hosts) with its value in the project; a
 * value typed here replaces it for this run only, the project file is not changed. Secrets are
 * never parameters (see {@link Parameters}).
 */
public final class RunParametersDialog extends TitleAreaDialog {

    private final List<Parameters.Parameter> parameters;
    private final Map<String, Text> inputs = new LinkedHashMap<>();
    private final Map<String, String> values = new LinkedHashMap<>();

    public RunParametersDialog(Shell parent, Project project) {
        super(parent);
        this.parameters = Parameters.list(project);
        setShellStyle(getShellStyle() | SWT.RESIZE);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Run with Parameters");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle("Values for this run");
        setMessage("Leave a value empty to use the project's. Environment variables MAPWRIGHT_PARAM_<NAME> apply too, "
                + "as on the command line.");
        ScrolledComposite scroll = new ScrolledComposite(area, SWT.V_SCROLL);
        GridData sd = new GridData(SWT.FILL, SWT.FILL, true, true);
        sd.heightHint = 360;
        sd.widthHint = 640;
        scroll.setLayoutData(sd);
        scroll.setExpandHorizontal(true);
        Composite rows = new Composite(scroll, SWT.NONE);
        rows.setLayout(new GridLayout(2, false));
        for (Parameters.Parameter p : parameters) {
            Label name = new Label(rows, SWT.NONE);
            name.setText(p.name());
            name.setToolTipText((p.mappingName() == null ? "source" : "output of mapping " + p.mappingName()) + " · " + p.connector()
                    + " · environment variable " + p.variable());
            Text value = new Text(rows, SWT.BORDER);
            value.setMessage(String.valueOf(p.value()));
            value.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            inputs.put(p.name(), value);
        }
        if (parameters.isEmpty()) {
            new Label(rows, SWT.NONE).setText("The project has no settings to give at run time.");
        }
        scroll.setContent(rows);
        rows.setSize(rows.computeSize(640, SWT.DEFAULT));
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, "Run", true);
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
    }

    @Override
    protected void okPressed() {
        values.clear();
        inputs.forEach((name, text) -> {
            if (!text.getText().isBlank()) {
                values.put(name, text.getText().strip());
            }
        });
        super.okPressed();
    }

    /** @return the values given, by parameter name; only those the user filled in */
    public Map<String, String> values() {
        return Map.copyOf(values);
    }

    /** @return the input of a parameter, for tests */
    Text input(String name) {
        return inputs.get(name);
    }

    void pressOk() {
        okPressed();
    }
}
