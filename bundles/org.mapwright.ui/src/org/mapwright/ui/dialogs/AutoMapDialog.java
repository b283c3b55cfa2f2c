package org.mapwright.ui.dialogs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.CheckboxTableViewer;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.mapwright.core.Field;
import org.mapwright.internal.ui.UiResources;
import org.mapwright.ui.model.AutoMapper;
import org.mapwright.ui.model.MappingModel;

/**
 * Shows auto-map suggestions with their confidence and reasons. The user checks the ones to
 * accept (confident ones start checked) and nothing is mapped until OK.
 */
public class AutoMapDialog extends TitleAreaDialog {

    /** Suggestions at or above this confidence start checked. */
    public static final double PRECHECK = 0.85;

    private final List<AutoMapper.Suggestion> suggestions;
    private final UiResources res;
    private CheckboxTableViewer viewer;
    private List<AutoMapper.Suggestion> accepted = List.of();

    public AutoMapDialog(Shell parent, List<AutoMapper.Suggestion> suggestions, UiResources res) {
        super(parent);
        this.suggestions = List.copyOf(suggestions);
        this.res = res;
        setShellStyle(getShellStyle() | SWT.RESIZE);
    }

    /** @return the candidates of a mapping: every field of every source in scope, with its reference text */
    public static List<AutoMapper.Candidate> candidates(MappingModel model) {
        List<AutoMapper.Candidate> out = new ArrayList<>();
        for (MappingModel.SourceEntry e : model.sources()) {
            for (Field f : e.source().schema().allFields()) {
                model.referenceText(e.source().id(), f.id())
                        .ifPresent(ref -> out.add(new AutoMapper.Candidate(e.source().id(), e.source().name(), f, ref)));
            }
        }
        return out;
    }

    /** @return the unmapped target fields that take a value */
    public static List<Field> unmappedTargets(MappingModel model) {
        return model.mapping().targetSchema().allFields().stream().filter(f -> f.children().isEmpty() && !model.isMapped(f.id())).toList();
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Auto-map");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle("Suggested mappings");
        setMessage(suggestions.isEmpty() ? "No unmapped target field has a source field with a similar name and a compatible type."
                : "Check the suggestions to accept. Nothing is mapped until you press Map Checked; Ctrl+Z undoes it as one step.");
        Composite c = new Composite(area, SWT.NONE);
        c.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        c.setLayout(new GridLayout(2, false));
        viewer = CheckboxTableViewer.newCheckList(c, SWT.BORDER | SWT.FULL_SELECTION);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        GridData gd = new GridData(SWT.FILL, SWT.FILL, true, true, 1, 2);
        gd.heightHint = 280;
        gd.widthHint = 720;
        viewer.getControl().setLayoutData(gd);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        column("Target field", 160, s -> s.target().name(), s -> res.typeIcon(s.target().type()));
        column("← Source field", 180, s -> s.source().reference(), s -> res.typeIcon(s.source().field().type()));
        column("Confidence", 90, s -> String.format(Locale.ROOT, "%.0f%%", s.confidence() * 100), s -> null);
        column("Why", 300, s -> String.join("; ", s.reasons()), s -> null);
        viewer.setInput(suggestions);
        for (AutoMapper.Suggestion s : suggestions) {
            viewer.setChecked(s, s.confidence() >= PRECHECK);
        }
        Button all = new Button(c, SWT.PUSH);
        all.setText("Check All");
        all.setLayoutData(new GridData(SWT.FILL, SWT.TOP, false, false));
        all.addListener(SWT.Selection, e -> viewer.setAllChecked(true));
        Button none = new Button(c, SWT.PUSH);
        none.setText("Uncheck All");
        none.setLayoutData(new GridData(SWT.FILL, SWT.TOP, false, false));
        none.addListener(SWT.Selection, e -> viewer.setAllChecked(false));
        return area;
    }

    private void column(String title, int width, java.util.function.Function<AutoMapper.Suggestion, String> text,
            java.util.function.Function<AutoMapper.Suggestion, Image> image) {
        TableViewerColumn col = new TableViewerColumn(viewer, SWT.LEFT);
        col.getColumn().setText(title);
        col.getColumn().setWidth(width);
        col.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object e) {
                return text.apply((AutoMapper.Suggestion) e);
            }

            @Override
            public Image getImage(Object e) {
                return image.apply((AutoMapper.Suggestion) e);
            }
        });
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, "Map Checked", true).setEnabled(!suggestions.isEmpty());
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
    }

    /** @return the viewer, for tests */
    public CheckboxTableViewer viewer() {
        return viewer;
    }

    @Override
    protected void okPressed() {
        List<AutoMapper.Suggestion> out = new ArrayList<>();
        for (Object o : viewer.getCheckedElements()) {
            out.add((AutoMapper.Suggestion) o);
        }
        accepted = out;
        super.okPressed();
    }

    /** @return the suggestions the user accepted (after OK) */
    public List<AutoMapper.Suggestion> accepted() {
        return accepted;
    }
}
