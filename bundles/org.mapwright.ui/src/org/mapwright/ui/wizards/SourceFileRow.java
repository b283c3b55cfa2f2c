package org.mapwright.ui.wizards;

import java.nio.file.Path;
import java.util.function.Supplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

/**
 * The first lines of a wizard page that adds a file source: the file (typed or chosen with
 * Browse…) and the source's name. The name follows the file through {@link #suggestName} until
 * the user types one; from then on the user's name stays.
 *
 * <p>The row fills two lines of a parent laid out in a {@code GridLayout} of four columns. The
 * page listens to {@link #file()} itself and validates when {@code nameChanged} runs.
 */
public final class SourceFileRow {

    private final Text file;
    private final Text name;
    private boolean suggesting;
    private boolean nameEdited;

    /**
     * @param parent           a composite with a four-column {@code GridLayout}
     * @param filterExtensions the filters Browse… offers, e.g. {@code {"*.csv;*.txt", "*"}}
     * @param folder           where Browse… starts, asked when it is pressed
     * @param nameChanged      runs after every change of the name, the user's or a suggested one
     */
    public SourceFileRow(Composite parent, String[] filterExtensions, Supplier<Path> folder, Runnable nameChanged) {
        new Label(parent, SWT.NONE).setText("File:");
        file = new Text(parent, SWT.BORDER);
        file.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        Button browse = new Button(parent, SWT.PUSH);
        browse.setText("Browse…");
        browse.addListener(SWT.Selection, e -> {
            FileDialog d = new FileDialog(parent.getShell(), SWT.OPEN);
            d.setFilterExtensions(filterExtensions.clone());
            d.setFilterPath(folder.get().toString());
            String chosen = d.open();
            if (chosen != null) {
                file.setText(chosen);
            }
        });
        new Label(parent, SWT.NONE).setText("Source name:");
        name = new Text(parent, SWT.BORDER);
        name.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
        name.addListener(SWT.Modify, e -> {
            if (!suggesting) {
                nameEdited = true;
            }
            nameChanged.run();
        });
    }

    /** @return the file field, as typed (a path relative to the project or absolute) */
    public Text file() {
        return file;
    }

    /** @return the source name field */
    public Text name() {
        return name;
    }

    /** Shows {@code suggested} as the name unless the user has typed a name of their own. */
    public void suggestName(String suggested) {
        if (nameEdited) {
            return;
        }
        suggesting = true;
        try {
            name.setText(suggested);
        } finally {
            suggesting = false;
        }
    }

    /** @return whether the name is the user's own rather than a suggested one */
    public boolean nameEdited() {
        return nameEdited;
    }
}
