package org.mapwright.ui.parts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.jface.viewers.DelegatingStyledCellLabelProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.StyledString;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.jface.viewers.ViewerFilter;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.ToolBar;
import org.eclipse.swt.widgets.ToolItem;
import org.mapwright.core.Field;
import org.mapwright.core.MappingDef;
import org.mapwright.core.Project;
import org.mapwright.core.SourceDef;
import org.mapwright.core.connector.FieldEvidence;
import org.mapwright.internal.ui.SourceInsights;
import org.mapwright.internal.ui.UiResources;
import org.mapwright.ui.MapwrightUi;
import org.mapwright.ui.ProjectActions;
import org.mapwright.ui.model.ProjectDocument;
import org.mapwright.ui.model.Selection;
import org.mapwright.ui.model.WorkbenchSession;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * The project explorer: the open project with its sources (fields with type, nullability, key
 * and sample values from inspecting the source) and its mappings (target schemas). Selecting an
 * element selects it in every view; double-clicking a mapping opens it in the editor.
 */
public class ProjectExplorerPart {

    /** Tree nodes; they hold ids only, so expansion survives edits. */
    public sealed interface Node {
    }

    public record ProjectNode() implements Node {
    }

    public record SourcesNode() implements Node {
    }

    public record MappingsNode() implements Node {
    }

    public record SourceNode(String sourceId) implements Node {
    }

    public record SourceFieldNode(String sourceId, String fieldId) implements Node {
    }

    public record MappingNode(String mappingId) implements Node {
    }

    public record TargetFieldNode(String mappingId, String fieldId) implements Node {
    }

    @Inject
    private WorkbenchSession session;
    @Inject
    private UiResources res;
    @Inject
    @Optional
    private SourceInsights insights;
    @Inject
    @Optional
    private EPartService partService;
    @Inject
    private IEclipseContext context;

    private Text filter;
    private TreeViewer viewer;
    private boolean selecting;

    @PostConstruct
    public void create(Composite parent) {
        GridLayout layout = new GridLayout(2, false);
        layout.marginWidth = 4;
        layout.marginHeight = 4;
        parent.setLayout(layout);
        filter = new Text(parent, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL);
        filter.setMessage("Filter");
        filter.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        ToolBar bar = new ToolBar(parent, SWT.FLAT);
        ToolItem add = new ToolItem(bar, SWT.PUSH);
        add.setText("+ CSV");
        add.setToolTipText("Add a CSV source to the project");
        add.addListener(SWT.Selection, e -> ProjectActions.addCsvSource(parent.getShell(), context));

        viewer = new TreeViewer(parent, SWT.BORDER | SWT.SINGLE | SWT.V_SCROLL | SWT.H_SCROLL);
        viewer.getControl().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));
        viewer.setUseHashlookup(true);
        viewer.setContentProvider(new Content());
        viewer.setLabelProvider(new DelegatingStyledCellLabelProvider(new Labels()));
        viewer.addFilter(new NameFilter());
        viewer.addSelectionChangedListener(e -> {
            if (!selecting) {
                Object first = ((IStructuredSelection) e.getSelection()).getFirstElement();
                session.select(toSelection(first), this);
            }
        });
        viewer.addDoubleClickListener(e -> open(((IStructuredSelection) e.getSelection()).getFirstElement()));
        filter.addListener(SWT.Modify, e -> {
            viewer.refresh();
            if (!filter.getText().isBlank()) {
                viewer.expandAll();
            }
        });

        WorkbenchSession.Listener l = new WorkbenchSession.Listener() {
            @Override
            public void documentChanged(ProjectDocument now) {
                reset();
            }

            @Override
            public void projectChanged(ProjectDocument document, ProjectDocument.Change change) {
                if (!viewer.getControl().isDisposed()) {
                    viewer.refresh();
                }
            }

            @Override
            public void selectionChanged(Selection s, Object origin) {
                if (origin != ProjectExplorerPart.this) {
                    reveal(s);
                }
            }
        };
        session.addListener(l);
        if (insights != null) {
            SourceInsights.Listener il = id -> {
                if (!viewer.getControl().isDisposed()) {
                    viewer.refresh(new SourceNode(id));
                }
            };
            insights.addListener(il);
            parent.addListener(SWT.Dispose, e -> insights.removeListener(il));
        }
        parent.addListener(SWT.Dispose, e -> session.removeListener(l));
        reset();
    }

    private void reset() {
        if (viewer.getControl().isDisposed()) {
            return;
        }
        viewer.setInput(session.document() == null ? null : session);
        if (session.document() != null) {
            viewer.expandToLevel(3);
        }
    }

    @Focus
    public void focus() {
        viewer.getControl().setFocus();
    }

    public TreeViewer viewer() {
        return viewer;
    }

    public Text filterText() {
        return filter;
    }

    private void open(Object node) {
        if (node instanceof MappingNode m) {
            session.setActiveMapping(m.mappingId());
            activateEditor();
        } else if (node instanceof TargetFieldNode t) {
            session.select(new Selection.TargetField(t.mappingId(), t.fieldId()), this);
            activateEditor();
        } else if (node != null && viewer.isExpandable(node)) {
            viewer.setExpandedState(node, !viewer.getExpandedState(node));
        }
    }

    private void activateEditor() {
        if (partService != null) {
            MPart editor = partService.findPart(MapwrightUi.PART_EDITOR);
            if (editor != null) {
                partService.activate(editor);
            }
        }
    }

    private static Selection toSelection(Object node) {
        if (node instanceof ProjectNode) {
            return new Selection.ProjectNode();
        }
        if (node instanceof SourceNode s) {
            return new Selection.Source(s.sourceId());
        }
        if (node instanceof SourceFieldNode f) {
            return new Selection.SourceField(f.sourceId(), f.fieldId());
        }
        if (node instanceof MappingNode m) {
            return new Selection.Mapping(m.mappingId());
        }
        if (node instanceof TargetFieldNode t) {
            return new Selection.TargetField(t.mappingId(), t.fieldId());
        }
        return Selection.NONE;
    }

    private void reveal(Selection s) {
        Node node = null;
        if (s instanceof Selection.SourceField f) {
            node = new SourceFieldNode(f.sourceId(), f.fieldId());
        } else if (s instanceof Selection.TargetField t) {
            node = new TargetFieldNode(t.mappingId(), t.fieldId());
        } else if (s instanceof Selection.Source src) {
            node = new SourceNode(src.sourceId());
        } else if (s instanceof Selection.Mapping m) {
            node = new MappingNode(m.mappingId());
        } else if (s instanceof Selection.Line l) {
            node = new TargetFieldNode(l.mappingId(), l.targetFieldId());
        }
        if (node == null || viewer.getControl().isDisposed()) {
            return;
        }
        selecting = true;
        try {
            viewer.setSelection(new StructuredSelection(node), true);
        } finally {
            selecting = false;
        }
    }

    private Project project() {
        return session.project();
    }

    private final class Content implements ITreeContentProvider {
        @Override
        public Object[] getElements(Object input) {
            return input == null ? new Object[0] : new Object[] {new ProjectNode()};
        }

        @Override
        public Object[] getChildren(Object parent) {
            Project p = project();
            if (p == null) {
                return new Object[0];
            }
            List<Node> out = new ArrayList<>();
            if (parent instanceof ProjectNode) {
                out.add(new SourcesNode());
                out.add(new MappingsNode());
            } else if (parent instanceof SourcesNode) {
                p.sources().forEach(s -> out.add(new SourceNode(s.id())));
            } else if (parent instanceof MappingsNode) {
                p.mappings().forEach(m -> out.add(new MappingNode(m.id())));
            } else if (parent instanceof SourceNode s) {
                p.source(s.sourceId()).ifPresent(src -> src.schema().fields().forEach(f -> out.add(new SourceFieldNode(s.sourceId(), f.id()))));
            } else if (parent instanceof SourceFieldNode f) {
                p.source(f.sourceId()).flatMap(src -> src.schema().byId(f.fieldId()))
                        .ifPresent(field -> field.children().forEach(c -> out.add(new SourceFieldNode(f.sourceId(), c.id()))));
            } else if (parent instanceof MappingNode m) {
                p.mapping(m.mappingId()).ifPresent(md -> md.targetSchema().fields().forEach(f -> out.add(new TargetFieldNode(m.mappingId(), f.id()))));
            } else if (parent instanceof TargetFieldNode t) {
                p.mapping(t.mappingId()).flatMap(md -> md.targetSchema().byId(t.fieldId()))
                        .ifPresent(field -> field.children().forEach(c -> out.add(new TargetFieldNode(t.mappingId(), c.id()))));
            }
            return out.toArray();
        }

        @Override
        public Object getParent(Object element) {
            if (element instanceof SourcesNode || element instanceof MappingsNode) {
                return new ProjectNode();
            }
            if (element instanceof SourceNode) {
                return new SourcesNode();
            }
            if (element instanceof MappingNode) {
                return new MappingsNode();
            }
            Project p = project();
            if (p == null) {
                return null;
            }
            if (element instanceof SourceFieldNode f) {
                SourceDef s = p.source(f.sourceId()).orElse(null);
                String parent = s == null ? null : parentId(s.schema().fields(), f.fieldId(), null);
                return parent == null ? new SourceNode(f.sourceId()) : new SourceFieldNode(f.sourceId(), parent);
            }
            if (element instanceof TargetFieldNode t) {
                MappingDef m = p.mapping(t.mappingId()).orElse(null);
                String parent = m == null ? null : parentId(m.targetSchema().fields(), t.fieldId(), null);
                return parent == null ? new MappingNode(t.mappingId()) : new TargetFieldNode(t.mappingId(), parent);
            }
            return null;
        }

        @Override
        public boolean hasChildren(Object element) {
            return getChildren(element).length > 0;
        }
    }

    private static String parentId(List<Field> fields, String id, String parent) {
        for (Field f : fields) {
            if (f.id().equals(id)) {
                return parent;
            }
            String inner = parentId(f.children(), id, f.id());
            if (inner != null) {
                return inner;
            }
        }
        return null;
    }

    private Field field(Node n) {
        Project p = project();
        if (p == null) {
            return null;
        }
        if (n instanceof SourceFieldNode f) {
            return p.source(f.sourceId()).flatMap(s -> s.schema().byId(f.fieldId())).orElse(null);
        }
        if (n instanceof TargetFieldNode t) {
            return p.mapping(t.mappingId()).flatMap(m -> m.targetSchema().byId(t.fieldId())).orElse(null);
        }
        return null;
    }

    private final class Labels extends LabelProvider implements DelegatingStyledCellLabelProvider.IStyledLabelProvider {
        @Override
        public StyledString getStyledText(Object element) {
            Project p = project();
            if (p == null) {
                return new StyledString("");
            }
            if (element instanceof ProjectNode) {
                StyledString s = new StyledString(p.name());
                s.append("  " + session.document().folder().getFileName(), StyledString.DECORATIONS_STYLER);
                return s;
            }
            if (element instanceof SourcesNode) {
                return new StyledString("Sources").append("  " + p.sources().size(), StyledString.COUNTER_STYLER);
            }
            if (element instanceof MappingsNode) {
                return new StyledString("Mappings").append("  " + p.mappings().size(), StyledString.COUNTER_STYLER);
            }
            if (element instanceof SourceNode s) {
                SourceDef src = p.source(s.sourceId()).orElse(null);
                if (src == null) {
                    return new StyledString("?");
                }
                StyledString out = new StyledString(src.name());
                out.append("  " + src.connector() + " · " + src.settings().getString("path", src.settings().getString("table", "")),
                        StyledString.DECORATIONS_STYLER);
                SourceInsights.Insight in = insights == null ? null : insights.insight(src.id());
                if (in != null && in.error() != null) {
                    out.append("  ⚠ " + in.error(), StyledString.QUALIFIER_STYLER);
                }
                return out;
            }
            if (element instanceof MappingNode m) {
                MappingDef md = p.mapping(m.mappingId()).orElse(null);
                if (md == null) {
                    return new StyledString("?");
                }
                String from = p.source(md.sourceId()).map(SourceDef::name).orElse(md.sourceId());
                return new StyledString(md.name()).append("  from " + from + " · " + md.fieldMappings().size() + "/"
                        + md.targetSchema().allFields().size() + " mapped", StyledString.DECORATIONS_STYLER);
            }
            Field f = field((Node) element);
            if (f == null) {
                return new StyledString("?");
            }
            StyledString out = new StyledString(f.name());
            StringBuilder deco = new StringBuilder("  ").append(f.type().id()).append(f.repeated() ? "[]" : "");
            deco.append(f.nullable() ? " · nullable" : " · required");
            if (f.key()) {
                deco.append(" · key");
            }
            if (f.format() != null) {
                deco.append(" · ").append(f.format());
            }
            out.append(deco.toString(), StyledString.DECORATIONS_STYLER);
            if (element instanceof SourceFieldNode sf && insights != null) {
                FieldEvidence ev = insights.evidence(sf.sourceId(), sf.fieldId());
                if (ev != null && !ev.samples().isEmpty()) {
                    out.append("  e.g. " + String.join(", ", ev.samples().subList(0, Math.min(3, ev.samples().size()))),
                            StyledString.QUALIFIER_STYLER);
                }
            }
            if (element instanceof TargetFieldNode tf) {
                String expr = p.mapping(tf.mappingId()).flatMap(m -> m.mappingFor(tf.fieldId())).map(fm -> fm.expression()).orElse(null);
                out.append(expr == null ? "  (unmapped)" : "  = " + expr, StyledString.QUALIFIER_STYLER);
            }
            return out;
        }

        @Override
        public Image getImage(Object element) {
            if (element instanceof ProjectNode) {
                return res.icon(UiResources.Icon.PROJECT);
            }
            if (element instanceof SourcesNode || element instanceof MappingsNode) {
                return res.icon(UiResources.Icon.FOLDER);
            }
            if (element instanceof SourceNode) {
                return res.icon(UiResources.Icon.SOURCE);
            }
            if (element instanceof MappingNode) {
                return res.icon(UiResources.Icon.MAPPING);
            }
            Field f = element instanceof Node n ? field(n) : null;
            return f == null ? null : res.typeIcon(f.type());
        }
    }

    /** Shows elements whose name contains the filter text, and their ancestors. */
    private final class NameFilter extends ViewerFilter {
        @Override
        public boolean select(Viewer v, Object parent, Object element) {
            String text = filter.getText().strip().toLowerCase(Locale.ROOT);
            if (text.isEmpty() || !(element instanceof SourceFieldNode || element instanceof TargetFieldNode)) {
                return true;
            }
            return matches((Node) element, text);
        }

        private boolean matches(Node n, String text) {
            Field f = field(n);
            if (f == null) {
                return false;
            }
            if (f.name().toLowerCase(Locale.ROOT).contains(text)) {
                return true;
            }
            for (Object c : ((Content) viewer.getContentProvider()).getChildren(n)) {
                if (matches((Node) c, text)) {
                    return true;
                }
            }
            return false;
        }
    }
}
