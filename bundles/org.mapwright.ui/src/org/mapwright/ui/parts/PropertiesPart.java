package org.mapwright.ui.parts;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.JoinDef;
import org.mapwright.core.MappingDef;
import org.mapwright.core.OutputDef;
import org.mapwright.core.Project;
import org.mapwright.core.SourceDef;
import org.mapwright.core.connector.FieldEvidence;
import org.mapwright.engine.Problem;
import org.mapwright.internal.ui.SourceInsights;
import org.mapwright.internal.ui.UiResources;
import org.mapwright.ui.model.ProjectDocument;
import org.mapwright.ui.model.ProjectEdits;
import org.mapwright.ui.model.Selection;
import org.mapwright.ui.model.WorkbenchSession;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * Shows the properties of the selected element. Target fields are edited here (name, type,
 * nullability, key, format), each change one undoable command; sources, source fields and
 * mappings are shown with their settings and the samples inspection found.
 */
public class PropertiesPart {

    @Inject
    private WorkbenchSession session;
    @Inject
    private UiResources res;
    @Inject
    @Optional
    private SourceInsights insights;

    private ScrolledComposite scroll;
    private Composite form;
    private Label heading;
    private String error;
    private boolean rebuilding;

    @PostConstruct
    public void create(Composite parent) {
        parent.setLayout(new org.eclipse.swt.layout.FillLayout());
        scroll = new ScrolledComposite(parent, SWT.V_SCROLL | SWT.H_SCROLL);
        scroll.setExpandHorizontal(true);
        scroll.setExpandVertical(true);
        WorkbenchSession.Listener l = new WorkbenchSession.Listener() {
            @Override
            public void documentChanged(ProjectDocument now) {
                rebuild();
            }

            @Override
            public void projectChanged(ProjectDocument document, ProjectDocument.Change change) {
                if (!editing()) {
                    rebuild();
                }
            }

            @Override
            public void selectionChanged(Selection selection, Object origin) {
                error = null;
                rebuild();
            }
        };
        session.addListener(l);
        parent.addListener(SWT.Dispose, e -> session.removeListener(l));
        if (insights != null) {
            SourceInsights.Listener il = id -> {
                if (!editing()) {
                    rebuild();
                }
            };
            insights.addListener(il);
            parent.addListener(SWT.Dispose, e -> insights.removeListener(il));
        }
        rebuild();
    }

    @Focus
    public void focus() {
        scroll.setFocus();
    }

    /** @return the form's controls, for tests */
    public Composite form() {
        return form;
    }

    /** @return the heading of the shown element */
    public String headingText() {
        return heading == null ? "" : heading.getText();
    }

    private boolean editing() {
        Control focus = scroll.getDisplay().getFocusControl();
        while (focus != null) {
            if (focus == form && scroll.getDisplay().getFocusControl() instanceof Text) {
                return true;
            }
            focus = focus.getParent();
        }
        return false;
    }

    private void rebuild() {
        if (scroll.isDisposed()) {
            return;
        }
        if (form != null) {
            rebuilding = true;
            try {
                form.dispose();
            } finally {
                rebuilding = false;
            }
        }
        form = new Composite(scroll, SWT.NONE);
        GridLayout gl = new GridLayout(2, false);
        gl.marginWidth = 8;
        gl.marginHeight = 8;
        gl.verticalSpacing = 6;
        form.setLayout(gl);
        heading = new Label(form, SWT.NONE);
        heading.setFont(res.bold());
        heading.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        Project p = session.project();
        Selection s = session.selection();
        if (p == null) {
            heading.setText("No project open");
        } else if (s instanceof Selection.TargetField t) {
            targetField(p, t.mappingId(), t.fieldId());
        } else if (s instanceof Selection.Line l) {
            line(p, l);
        } else if (s instanceof Selection.SourceField f) {
            sourceField(p, f.sourceId(), f.fieldId());
        } else if (s instanceof Selection.Source src) {
            source(p, src.sourceId());
        } else if (s instanceof Selection.Mapping m) {
            mapping(p, m.mappingId());
        } else {
            project(p);
        }
        if (error != null) {
            Label e = new Label(form, SWT.WRAP);
            e.setText(error);
            e.setForeground(res.rgb(198, 40, 40));
            e.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
        }
        scroll.setContent(form);
        scroll.setMinSize(form.computeSize(SWT.DEFAULT, SWT.DEFAULT));
        form.layout(true, true);
    }

    private void project(Project p) {
        heading.setText("Project");
        text("Name", p.name(), v -> apply("Rename project", pr -> pr.withName(v.isBlank() ? pr.name() : v.strip())));
        value("Folder", session.document().folder().toString());
        value("Sources", String.valueOf(p.sources().size()));
        value("Mappings", String.valueOf(p.mappings().size()));
        value("Unsaved changes", session.document().isDirty() ? "yes" : "no");
    }

    private void source(Project p, String sourceId) {
        SourceDef s = p.source(sourceId).orElse(null);
        if (s == null) {
            return;
        }
        heading.setText("Source " + s.name());
        value("Id", s.id());
        value("Connector", s.connector());
        s.settings().asMap().forEach((k, v) -> value(k, String.valueOf(v)));
        value("Fields", String.valueOf(s.schema().allFields().size()));
        SourceInsights.Insight in = insights == null ? null : insights.insight(sourceId);
        value("Inspection", in == null ? "reading a sample…" : in.error() == null ? "ok" : in.error());
    }

    private void sourceField(Project p, String sourceId, String fieldId) {
        SourceDef s = p.source(sourceId).orElse(null);
        Field f = s == null ? null : s.schema().byId(fieldId).orElse(null);
        if (f == null) {
            return;
        }
        heading.setText("Source field " + s.name() + "." + s.schema().pathOf(fieldId).orElse(f.name()));
        fieldFacts(f);
        FieldEvidence ev = insights == null ? null : insights.evidence(sourceId, fieldId);
        if (ev != null) {
            value("Samples", String.join("\n", ev.samples()));
            value("Empty values", ev.nullCount() + " of " + ev.rowsSampled() + " sampled");
            value("Type confidence", Math.round(ev.confidence() * 100) + "%");
        }
    }

    private void fieldFacts(Field f) {
        value("Id", f.id());
        value("Type", f.type().id() + (f.repeated() ? " (repeated)" : ""));
        value("Nullable", f.nullable() ? "yes" : "no");
        value("Key", f.key() ? "yes" : "no");
        if (f.format() != null) {
            value("Format", f.format());
        }
    }

    private void mapping(Project p, String mappingId) {
        MappingDef m = p.mapping(mappingId).orElse(null);
        if (m == null) {
            return;
        }
        heading.setText("Mapping " + m.name());
        value("Id", m.id());
        value("Source", p.source(m.sourceId()).map(SourceDef::name).orElse(m.sourceId() + " (missing)"));
        for (JoinDef j : m.joins()) {
            String keys = String.join(" and ", j.keys().stream().map(k -> k.left() + " = " + k.right()).toList());
            value("Join", j.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + p.source(j.sourceId()).map(SourceDef::name).orElse(j.sourceId())
                    + " on " + keys);
        }
        value("Filter", m.filter() == null ? "(none)" : m.filter());
        value("Target fields", String.valueOf(m.targetSchema().allFields().size()));
        value("Mapped", String.valueOf(m.fieldMappings().size()));
        for (OutputDef o : m.outputs()) {
            value("Output", o.connector() + " " + o.settings().asMap());
        }
    }

    private void line(Project p, Selection.Line l) {
        MappingDef m = p.mapping(l.mappingId()).orElse(null);
        SourceDef s = p.source(l.sourceId()).orElse(null);
        if (m == null || s == null) {
            return;
        }
        heading.setText("Mapping line");
        value("From", s.name() + "." + s.schema().pathOf(l.sourceFieldId()).orElse(l.sourceFieldId()));
        value("To", m.targetSchema().pathOf(l.targetFieldId()).orElse(l.targetFieldId()));
        value("Expression", m.mappingFor(l.targetFieldId()).map(fm -> fm.expression()).orElse("(unmapped)"));
    }

    private void targetField(Project p, String mappingId, String fieldId) {
        MappingDef m = p.mapping(mappingId).orElse(null);
        Field f = m == null ? null : m.targetSchema().byId(fieldId).orElse(null);
        if (f == null) {
            return;
        }
        heading.setText("Target field " + m.targetSchema().pathOf(fieldId).orElse(f.name()));
        text("Name", f.name(), v -> apply("Rename field to " + v.strip(), ProjectEdits.renameTargetField(mappingId, fieldId, v)));
        Label tl = new Label(form, SWT.NONE);
        tl.setText("Type");
        Combo type = new Combo(form, SWT.READ_ONLY);
        List<DataType> types = new java.util.ArrayList<>(DataType.SCALARS);
        if (!types.contains(f.type())) {
            types.add(f.type());
        }
        type.setItems(types.stream().map(DataType::id).toArray(String[]::new));
        type.select(types.indexOf(f.type()));
        type.setData("property", "type");
        type.addListener(SWT.Selection, e -> {
            DataType t = types.get(type.getSelectionIndex());
            apply("Change type of " + f.name() + " to " + t.id(), ProjectEdits.setTargetFieldType(mappingId, fieldId, t));
        });
        check("Nullable", f.nullable(), v -> apply((v ? "Allow nulls in " : "Require ") + f.name(),
                ProjectEdits.setTargetFieldNullable(mappingId, fieldId, v)));
        check("Key", f.key(), v -> apply((v ? "Make " : "Unmake ") + f.name() + " a key", ProjectEdits.setTargetFieldKey(mappingId, fieldId, v)));
        text("Format", f.format() == null ? "" : f.format(),
                v -> apply("Set format of " + f.name(), ProjectEdits.setTargetFieldFormat(mappingId, fieldId, v)));
        value("Id", f.id());
        value("Expression", m.mappingFor(fieldId).map(fm -> fm.expression()).orElse("(unmapped)"));
        try {
            for (Problem pr : session.engine().compile(p, mappingId).problems()) {
                if (fieldId.equals(pr.location().element())) {
                    value(pr.isError() ? "Error" : "Warning", pr.message() + (pr.hint() == null ? "" : " — " + pr.hint()));
                }
            }
        } catch (IllegalArgumentException e) {
            // The mapping vanished between selection and repaint; nothing to show.
        }
    }

    private void apply(String label, UnaryOperator<Project> edit) {
        try {
            error = null;
            session.execute(label, edit);
        } catch (IllegalArgumentException e) {
            error = e.getMessage();
            rebuild();
        }
    }

    private void value(String key, String value) {
        Label k = new Label(form, SWT.NONE);
        k.setText(key);
        k.setLayoutData(new GridData(SWT.LEFT, SWT.TOP, false, false));
        Text v = new Text(form, SWT.READ_ONLY | SWT.WRAP);
        v.setText(value == null ? "" : value);
        GridData gd = new GridData(SWT.FILL, SWT.TOP, true, false);
        gd.widthHint = 160;
        v.setLayoutData(gd);
    }

    private void text(String key, String value, Consumer<String> commit) {
        Label k = new Label(form, SWT.NONE);
        k.setText(key);
        Text t = new Text(form, SWT.BORDER | SWT.SINGLE);
        t.setText(value);
        t.setData("property", key.toLowerCase(java.util.Locale.ROOT));
        t.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        Runnable apply = () -> {
            if (!rebuilding && !t.isDisposed() && !t.getText().equals(value)) {
                commit.accept(t.getText());
            }
        };
        t.addListener(SWT.DefaultSelection, e -> apply.run());
        t.addListener(SWT.FocusOut, e -> apply.run());
    }

    private void check(String key, boolean value, Consumer<Boolean> commit) {
        new Label(form, SWT.NONE).setText(key);
        Button b = new Button(form, SWT.CHECK);
        b.setSelection(value);
        b.setData("property", key.toLowerCase(java.util.Locale.ROOT));
        b.addListener(SWT.Selection, e -> commit.accept(b.getSelection()));
    }
}
