package org.mapwright.ui.dialogs;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.mapwright.internal.ui.UiResources;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/** Shows the product name, version, Java and toolkit versions. */
public final class AboutDialog extends Dialog {

    private final UiResources res;

    public AboutDialog(Shell parent, UiResources res) {
        super(parent);
        this.res = res;
    }

    /** @return the version of the workbench bundle, e.g. {@code 0.1.0.v20261125-1139}, or "development" outside OSGi */
    public static String version() {
        Bundle b = FrameworkUtil.getBundle(AboutDialog.class);
        return b == null ? "development build" : b.getVersion().toString();
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("About Mapwright");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite c = (Composite) super.createDialogArea(parent);
        c.setLayout(new GridLayout(2, false));
        Label icon = new Label(c, SWT.NONE);
        icon.setImage(res.icon(UiResources.Icon.APP));
        icon.setLayoutData(new GridData(SWT.CENTER, SWT.TOP, false, false, 1, 4));
        Label name = new Label(c, SWT.NONE);
        name.setText("Mapwright");
        name.setFont(res.bold());
        line(c, "Version " + version());
        line(c, "Visual data mapping: connect sources, map fields with expressions, preview, run headless.");
        Bundle swt = FrameworkUtil.getBundle(SWT.class);
        line(c, "Java " + System.getProperty("java.version") + " · SWT " + (swt == null ? String.valueOf(SWT.getVersion()) : swt.getVersion())
                + " (" + SWT.getPlatform() + ")");
        return c;
    }

    private static void line(Composite c, String text) {
        Label l = new Label(c, SWT.WRAP);
        l.setText(text);
        GridData gd = new GridData(SWT.FILL, SWT.TOP, true, false);
        gd.widthHint = 420;
        l.setLayoutData(gd);
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, IDialogConstants.CLOSE_LABEL, true);
    }
}
