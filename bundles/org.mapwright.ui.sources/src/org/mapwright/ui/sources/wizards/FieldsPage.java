package org.mapwright.ui.sources.wizards;

import java.util.Map;

import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.viewers.TreeViewerColumn;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.Schema;
import org.mapwright.core.Settings;
import org.mapwright.core.connector.FieldEvidence;
import org.mapwright.core.connector.Inspection;
import org.mapwright.ui.jobs.Background;
import org.mapwright.ui.wizards.EvidenceText;
import org.mapwright.ui.wizards.TypeEditing;

/**
 * Last page of every add-source wizard: the structure the connector inferred with the settings of
 * the pages before, as a tree (nested JSON records and lists keep their shape), with editable
 * types for scalar fields, nullability, key flags, confidence and sample values. Inspection runs
 * as a cancellable job each time the page is shown with changed settings.
 */
public final class FieldsPage extends WizardPage {

    private final SourceWizard wizard;
    private final Background inspection;
    private TreeViewer viewer;
    private Label message;
    private Button createMapping;
    private Schema schema;
    private Map<String, FieldEvidence> evidence = Map.of();
    private Settings inspectedWith;
    private Settings completed;

    FieldsPage(SourceWizard wizard) {
        super("fields", "Fields", null);
        this.wizard = wizard;
        this.inspection = new Background(org.eclipse.swt.widgets.Display.getCurrent(), wizard.getWindowTitle());
        setDescription("Check the inferred structure; click a type to change it.");
        setPageComplete(false);
    }

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(1, false));
        message = new Label(c, SWT.WRAP);
        message.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        viewer = new TreeViewer(c, SWT.BORDER | SWT.FULL_SELECTION);
        viewer.getTree().setHeaderVisible(true);
        viewer.getTree().setLinesVisible(true);
        GridData gd = new GridData(SWT.FILL, SWT.FILL, true, true);
        gd.heightHint = 260;
        gd.widthHint = 640;
        viewer.getControl().setLayoutData(gd);
        viewer.setContentProvider(new ITreeContentProvider() {
            @Override
            public Object[] getElements(Object input) {
                return ((Schema) input).fields().toArray();
            }

            @Override
            public Object[] getChildren(Object parent) {
                return ((Field) parent).children().toArray();
            }

            @Override
            public Object getParent(Object element) {
                return null;
            }

            @Override
            public boolean hasChildren(Object element) {
                return !((Field) element).children().isEmpty();
            }
        });
        column("Field", 180, f -> f.name() + (f.repeated() ? " [ ]" : ""));
        TreeViewerColumn type = column("Type", 100, f -> f.type().id() + (f.format() == null ? "" : " (" + f.format() + ")"));
        column("Nullable", 64, f -> f.nullable() ? "yes" : "no");
        column("Key", 40, f -> f.key() ? "PK" : "");
        column("Confidence", 80, f -> EvidenceText.confidence(evidence.get(f.id())), f -> {
            FieldEvidence ev = evidence.get(f.id());
            return ev == null ? null : ev.warning();
        });
        org.eclipse.jface.viewers.ColumnViewerToolTipSupport.enableFor(viewer);
        column("Samples", 220, f -> {
            FieldEvidence ev = evidence.get(f.id());
            return ev == null ? "" : String.join(" · ", ev.samples());
        });
        type.setEditingSupport(new TypeEditing<>(viewer, Field.class, f -> f.type() != DataType.RECORD, Field::type,
                (f, t) -> setType(f.id(), t)));
        createMapping = new Button(c, SWT.CHECK);
        createMapping.setText("Create a mapping from this source (target fields copied from the source)");
        setControl(c);
    }

    private TreeViewerColumn column(String title, int width, java.util.function.Function<Field, String> text) {
        return column(title, width, text, f -> null);
    }

    private TreeViewerColumn column(String title, int width, java.util.function.Function<Field, String> text,
            java.util.function.Function<Field, String> tooltip) {
        TreeViewerColumn col = new TreeViewerColumn(viewer, SWT.LEFT);
        col.getColumn().setText(title);
        col.getColumn().setWidth(width);
        col.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object e) {
                return text.apply((Field) e);
            }

            @Override
            public String getToolTipText(Object e) {
                return tooltip.apply((Field) e);
            }
        });
        return col;
    }

    @Override
    public void setVisible(boolean visible) {
        super.setVisible(visible);
        if (visible) {
            Settings s = wizard.settings();
            if (s != null && !s.equals(inspectedWith)) {
                inspect(s);
            }
        }
    }

    private void inspect(Settings s) {
        inspectedWith = s;
        schema = null;
        completed = null;
        setPageComplete(false);
        setErrorMessage(null);
        message.setText("Inspecting…");
        viewer.setInput(null);
        inspection.run("inspect", m -> wizard.inspect(s, m), this::show, err -> {
            if (!message.isDisposed()) {
                message.setText(err);
                setErrorMessage(err);
                inspectedWith = null;
            }
        });
    }

    private void show(Inspection in) {
        if (viewer.getControl().isDisposed()) {
            return;
        }
        schema = in.schema();
        evidence = in.evidence();
        completed = in.settings();
        viewer.setInput(schema);
        viewer.expandToLevel(3);
        setErrorMessage(null);
        message.setText(schema.size() + " fields inferred from " + in.rowsSampled() + " records" + (in.complete() ? " (all of them)" : "")
                + (in.warnings().isEmpty() ? "." : "; " + in.warnings().size() + " warning(s), e.g. " + in.warnings().get(0).getMessage())
                + EvidenceText.strayValues(in.evidence().values()));
        message.getParent().layout(true);
        setPageComplete(!schema.isEmpty());
        if (schema.isEmpty()) {
            setErrorMessage("No fields were found; check the settings on the previous pages.");
        }
    }

    /** Stops a running inspection. */
    void cancel() {
        inspection.cancel();
    }

    /** @return whether an inspection is running */
    public boolean busy() {
        return inspection.busy();
    }

    /** @return the structure with the user's edits, or null before inspection */
    public Schema schema() {
        return schema;
    }

    /** @return the settings completed by the inspection (detected layout, format), or null before it */
    Settings settings() {
        return completed;
    }

    boolean createMapping() {
        return createMapping.getSelection();
    }

    public Button createMappingCheck() {
        return createMapping;
    }

    public TreeViewer viewer() {
        return viewer;
    }

    /** Changes a field's type, as choosing it in the Type cell does. */
    public void setType(String fieldId, DataType type) {
        Field f = schema.byId(fieldId).orElseThrow();
        schema = schema.replace(f.withType(type).withFormat(null));
        viewer.setInput(schema);
        viewer.expandToLevel(3);
    }
}
