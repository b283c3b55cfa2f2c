package org.mapwright.ui.parts;

import java.util.List;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.mapwright.core.MappingDef;
import org.mapwright.core.Project;
import org.mapwright.engine.Problem;
import org.mapwright.internal.ui.AnalysisService;
import org.mapwright.internal.ui.UiResources;
import org.mapwright.ui.MapwrightUi;
import org.mapwright.ui.model.Selection;
import org.mapwright.ui.model.WorkbenchSession;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * Lists the validation problems of the open project as the engine reports them, refreshed in
 * the background after every edit. Double-clicking a problem of a target field selects that
 * field in the mapping editor.
 */
public class ProblemsPart {

    @Inject
    private AnalysisService analysis;
    @Inject
    private WorkbenchSession session;
    @Inject
    private UiResources res;
    @Inject
    @Optional
    private EPartService partService;

    private Label summary;
    private TableViewer viewer;
    private final AnalysisService.Listener listener = new AnalysisService.Listener() {
        @Override
        public void problemsUpdated(List<Problem> problems) {
            show(problems);
        }
    };

    @PostConstruct
    public void create(Composite parent) {
        GridLayout layout = new GridLayout(1, false);
        layout.marginWidth = 6;
        layout.marginHeight = 4;
        parent.setLayout(layout);
        summary = new Label(parent, SWT.NONE);
        summary.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        viewer = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        viewer.getControl().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        column("Description", 420, new ColumnLabelProvider() {
            @Override
            public String getText(Object e) {
                return ((Problem) e).message();
            }

            @Override
            public Image getImage(Object e) {
                return res.icon(((Problem) e).isError() ? UiResources.Icon.ERROR : UiResources.Icon.WARNING);
            }
        });
        column("Where", 220, new ColumnLabelProvider() {
            @Override
            public String getText(Object e) {
                return where((Problem) e);
            }
        });
        column("How to fix", 320, new ColumnLabelProvider() {
            @Override
            public String getText(Object e) {
                String h = ((Problem) e).hint();
                return h == null ? "" : h;
            }
        });
        viewer.addDoubleClickListener(e -> {
            Object first = ((IStructuredSelection) e.getSelection()).getFirstElement();
            if (first instanceof Problem p) {
                reveal(p);
            }
        });
        analysis.addListener(listener);
        show(analysis.problems());
    }

    private void column(String title, int width, ColumnLabelProvider label) {
        TableViewerColumn c = new TableViewerColumn(viewer, SWT.LEFT);
        c.getColumn().setText(title);
        c.getColumn().setWidth(width);
        c.setLabelProvider(label);
    }

    @PreDestroy
    public void dispose() {
        analysis.removeListener(listener);
    }

    @Focus
    public void focus() {
        viewer.getControl().setFocus();
    }

    public TableViewer viewer() {
        return viewer;
    }

    public String summaryText() {
        return summary.getText();
    }

    private void show(List<Problem> problems) {
        if (viewer == null || viewer.getControl().isDisposed()) {
            return;
        }
        viewer.setInput(problems.toArray());
        long errors = problems.stream().filter(Problem::isError).count();
        long warnings = problems.size() - errors;
        summary.setText(problems.isEmpty() ? "No problems: every mapping can run."
                : errors + (errors == 1 ? " error" : " errors") + ", " + warnings + (warnings == 1 ? " warning" : " warnings")
                        + " — double-click one to go there");
        summary.getParent().layout(true);
    }

    /** @return the mapping and field (by name) a problem is about */
    private String where(Problem p) {
        Project project = session.project();
        Problem.Location loc = p.location();
        if (project == null) {
            return String.valueOf(loc.element());
        }
        if (loc.mappingId() == null) {
            return project.source(loc.element()).map(s -> "source " + s.name()).orElse("project");
        }
        MappingDef m = project.mapping(loc.mappingId()).orElse(null);
        if (m == null) {
            return loc.mappingId();
        }
        String element = loc.element();
        String what = element == null ? "" : m.targetSchema().pathOf(element).map(path -> "field " + path)
                .orElse(m.rules().stream().anyMatch(r -> r.id().equals(element)) ? "rule " + element : element);
        if (loc.hasRange()) {
            what += " [" + loc.start() + ".." + loc.end() + "]";
        }
        return m.name() + (what.isEmpty() ? "" : " › " + what);
    }

    /** Selects what the problem is about; a target field is selected in the mapping editor. */
    public void reveal(Problem p) {
        Project project = session.project();
        Problem.Location loc = p.location();
        if (project == null || loc.mappingId() == null) {
            if (project != null && loc.element() != null && project.source(loc.element()).isPresent()) {
                session.select(new Selection.Source(loc.element()), this);
            }
            return;
        }
        MappingDef m = project.mapping(loc.mappingId()).orElse(null);
        if (m == null) {
            return;
        }
        session.setActiveMapping(m.id());
        if (loc.element() != null && m.targetSchema().byId(loc.element()).isPresent()) {
            session.select(new Selection.TargetField(m.id(), loc.element()), this);
        } else {
            session.select(new Selection.Mapping(m.id()), this);
        }
        if (partService != null) {
            MPart editor = partService.findPart(MapwrightUi.PART_EDITOR);
            if (editor != null) {
                partService.activate(editor);
            }
        }
    }
}
