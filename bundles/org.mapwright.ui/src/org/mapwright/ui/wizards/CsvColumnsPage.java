package org.mapwright.ui.wizards;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.Schema;
import org.mapwright.core.connector.FieldEvidence;
import org.mapwright.core.connector.Inspection;

/**
 * Second page of {@link AddCsvSourceWizard}: the columns the connector inferred with the chosen
 * dialect, their types (editable), nullability, key flag and sample values.
 */
public final class CsvColumnsPage extends WizardPage {

    /** One editable column. */
    static final class Column {
        Field field;
        final FieldEvidence evidence;

        Column(Field field, FieldEvidence evidence) {
            this.field = field;
            this.evidence = evidence;
        }
    }

    private final AddCsvSourceWizard wizard;
    private TableViewer viewer;
    private Label message;
    private Button createMapping;
    private final List<Column> columns = new ArrayList<>();
    private boolean inspected;

    CsvColumnsPage(AddCsvSourceWizard wizard) {
        super("columns", "Columns", null);
        this.wizard = wizard;
        setDescription("Check the inferred columns; click a type to change it. Column names come from the file.");
        setPageComplete(false);
    }

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(1, false));
        message = new Label(c, SWT.WRAP);
        message.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        viewer = new TableViewer(c, SWT.BORDER | SWT.FULL_SELECTION);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        GridData gd = new GridData(SWT.FILL, SWT.FILL, true, true);
        gd.heightHint = 240;
        viewer.getControl().setLayoutData(gd);
        viewer.setContentProvider(ArrayContentProvider.getInstance());

        column("Column", 160, new ColumnLabelProvider() {
            @Override
            public String getText(Object e) {
                return ((Column) e).field.name();
            }
        });
        TableViewerColumn typeCol = column("Type", 110, new ColumnLabelProvider() {
            @Override
            public String getText(Object e) {
                return ((Column) e).field.type().id();
            }

            @Override
            public Image getImage(Object e) {
                return wizard.resources() == null ? null : wizard.resources().typeIcon(((Column) e).field.type());
            }
        });
        typeCol.setEditingSupport(new TypeEditing<>(viewer, Column.class, col -> true, col -> col.field.type(),
                (col, type) -> setType(columns.indexOf(col), type)));
        column("Nullable", 70, new ColumnLabelProvider() {
            @Override
            public String getText(Object e) {
                return ((Column) e).field.nullable() ? "yes" : "no";
            }
        });
        column("Confidence", 80, new ColumnLabelProvider() {
            @Override
            public String getText(Object e) {
                return EvidenceText.confidence(((Column) e).evidence);
            }

            @Override
            public String getToolTipText(Object e) {
                FieldEvidence ev = ((Column) e).evidence;
                return ev == null ? null : ev.warning();
            }
        });
        org.eclipse.jface.viewers.ColumnViewerToolTipSupport.enableFor(viewer);
        column("Samples", 260, new ColumnLabelProvider() {
            @Override
            public String getText(Object e) {
                FieldEvidence ev = ((Column) e).evidence;
                return ev == null ? "" : String.join(" | ", ev.samples());
            }
        });
        createMapping = new Button(c, SWT.CHECK);
        createMapping.setText("Create a mapping from this source (target fields copied from the columns)");
        createMapping.setSelection(wizard.project().mappings().isEmpty());
        setControl(c);
    }

    private TableViewerColumn column(String title, int width, ColumnLabelProvider label) {
        TableViewerColumn col = new TableViewerColumn(viewer, SWT.LEFT);
        col.getColumn().setText(title);
        col.getColumn().setWidth(width);
        col.setLabelProvider(label);
        return col;
    }

    @Override
    public void setVisible(boolean visible) {
        super.setVisible(visible);
        if (visible) {
            inspect();
        }
    }

    private void inspect() {
        var settings = wizard.filePage().settings();
        if (settings == null) {
            return;
        }
        inspected = false;
        setPageComplete(false);
        message.setText("Inspecting the file…");
        wizard.inspect(settings, this::show, err -> {
            message.setText(err);
            setErrorMessage(err);
        });
    }

    private void show(Inspection in) {
        if (viewer.getControl().isDisposed()) {
            return;
        }
        columns.clear();
        for (Field f : in.schema().fields()) {
            columns.add(new Column(f, in.evidence().get(f.id())));
        }
        viewer.setInput(columns);
        inspected = true;
        setErrorMessage(null);
        message.setText(columns.size() + " columns inferred from " + in.rowsSampled() + " rows" + (in.complete() ? " (the whole file)" : "")
                + (in.warnings().isEmpty() ? "." : "; " + in.warnings().size() + " bad record(s), e.g. " + in.warnings().get(0).getMessage())
                + EvidenceText.strayValues(in.evidence().values()));
        message.getParent().layout(true);
        setPageComplete(!columns.isEmpty());
    }

    /** @return the columns as a schema, with the user's edits, or null before inspection */
    Schema schema() {
        if (!inspected) {
            return null;
        }
        return Schema.of(columns.stream().map(c -> c.field).toList());
    }

    boolean createMapping() {
        return createMapping.getSelection();
    }

    /** @return the line under the table: what was inferred and what to look at */
    public String messageText() {
        return message.getText();
    }

    public TableViewer viewer() {
        return viewer;
    }

    public Button createMappingCheck() {
        return createMapping;
    }

    /** @return the column names as inferred (and edited) */
    public List<String> columnNames() {
        return columns.stream().map(c -> c.field.name()).toList();
    }

    /** @return the type of a column */
    public DataType type(int column) {
        return columns.get(column).field.type();
    }

    /** Changes a column's type, as choosing it in the Type cell does. */
    public void setType(int column, DataType type) {
        Column c = columns.get(column);
        c.field = c.field.withType(type).withFormat(null);
        viewer.update(c, null);
    }
}
