package org.mapwright.ui.parts;

import java.util.List;

import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.Persist;
import org.eclipse.e4.ui.model.application.ui.MDirtyable;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.layout.RowData;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.ToolBar;
import org.eclipse.swt.widgets.ToolItem;
import org.mapwright.core.MappingDef;
import org.mapwright.internal.ui.SourceInsights;
import org.mapwright.internal.ui.UiResources;
import org.mapwright.ui.ProjectActions;
import org.mapwright.ui.dialogs.MappingSettingsDialog;
import org.mapwright.ui.editor.CoverageMeter;
import org.mapwright.ui.editor.ExpressionEditor;
import org.mapwright.ui.editor.MappingDiagram;
import org.mapwright.ui.model.MappingModel;
import org.mapwright.ui.model.ProjectDocument;
import org.mapwright.ui.model.Selection;
import org.mapwright.ui.model.WorkbenchSession;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * The mapping editor: a bar with the mapping chooser, the field filter (Ctrl+F), "show unmapped",
 * the coverage meter and auto-map; the {@link MappingDiagram} above the {@link ExpressionEditor};
 * a status line. Marks the part dirty while the project has unsaved changes and saves it on
 * {@link Persist}.
 */
public class MappingEditorPart {

    @Inject
    private WorkbenchSession session;
    @Inject
    private UiResources res;
    @Inject
    @Optional
    private SourceInsights insights;
    @Inject
    @Optional
    private MDirtyable dirty;
    @Inject
    private IEclipseContext context;

    private Combo mappingCombo;
    private Text filter;
    private Button unmapped;
    private CoverageMeter coverage;
    private MappingDiagram diagram;
    private ExpressionEditor expression;
    private Label status;
    private List<MappingDef> comboMappings = List.of();

    @PostConstruct
    public void create(Composite parent) {
        GridLayout layout = new GridLayout(1, false);
        layout.marginWidth = 0;
        layout.marginHeight = 0;
        layout.verticalSpacing = 0;
        parent.setLayout(layout);

        Composite bar = new Composite(parent, SWT.NONE);
        bar.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        // A narrow editor wraps the bar onto a second line instead of squeezing the filter or hiding tools.
        RowLayout bl = new RowLayout(SWT.HORIZONTAL);
        bl.wrap = true;
        bl.center = true;
        bl.marginHeight = 4;
        bl.marginWidth = 8;
        bl.spacing = 8;
        bar.setLayout(bl);
        mappingCombo = new Combo(bar, SWT.READ_ONLY);
        mappingCombo.setToolTipText("The mapping shown in the editor");
        mappingCombo.setLayoutData(new RowData(140, SWT.DEFAULT));
        mappingCombo.addListener(SWT.Selection, e -> {
            int i = mappingCombo.getSelectionIndex();
            if (i >= 0 && i < comboMappings.size()) {
                session.setActiveMapping(comboMappings.get(i).id());
            }
        });
        filter = new Text(bar, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL);
        filter.setMessage("Filter fields (Ctrl+F)");
        filter.setLayoutData(new RowData(170, SWT.DEFAULT));
        filter.addListener(SWT.Modify, e -> diagram.setFilter(filter.getText()));
        filter.addListener(SWT.DefaultSelection, e -> diagram.setFocus());
        unmapped = new Button(bar, SWT.CHECK);
        unmapped.setText("Unmapped only");
        unmapped.setToolTipText("Show only target fields that have no mapping yet");
        unmapped.addListener(SWT.Selection, e -> diagram.setShowUnmappedOnly(unmapped.getSelection()));
        coverage = new CoverageMeter(bar, res);
        ToolBar tools = new ToolBar(bar, SWT.FLAT | SWT.RIGHT);
        ToolItem autoMap = new ToolItem(tools, SWT.PUSH);
        autoMap.setText("Auto-map…");
        autoMap.setToolTipText("Suggest mappings for unmapped target fields by name and type");
        autoMap.addListener(SWT.Selection, e -> ProjectActions.autoMap(parent.getShell(), context));
        ToolItem settings = new ToolItem(tools, SWT.DROP_DOWN);
        settings.setText("Joins && Rules…");
        settings.setToolTipText("Edit the joins, filters, aggregation and quality rules of this mapping");
        Menu settingsMenu = new Menu(parent.getShell(), SWT.POP_UP);
        for (MappingSettingsDialog.Page page : MappingSettingsDialog.Page.values()) {
            MenuItem item = new MenuItem(settingsMenu, SWT.PUSH);
            item.setText(page.title() + "…");
            item.addListener(SWT.Selection, e -> ProjectActions.editMapping(parent.getShell(), context, page));
        }
        parent.addListener(SWT.Dispose, e -> settingsMenu.dispose());
        settings.addListener(SWT.Selection, e -> {
            if (e.detail == SWT.ARROW) {
                Rectangle r = settings.getBounds();
                settingsMenu.setLocation(tools.toDisplay(r.x, r.y + r.height));
                settingsMenu.setVisible(true);
            } else {
                ProjectActions.editMapping(parent.getShell(), context, MappingSettingsDialog.Page.JOINS);
            }
        });
        ToolItem add = new ToolItem(tools, SWT.PUSH);
        add.setText("+ Field");
        add.setToolTipText("Add a target field after the selected one");
        add.addListener(SWT.Selection, e -> diagram.addTargetField());
        ToolItem importSchema = new ToolItem(tools, SWT.PUSH);
        importSchema.setText("Import Schema…");
        importSchema.setToolTipText("Import target schema from JSON Schema / SQL DDL (replace or merge the target fields)");
        importSchema.addListener(SWT.Selection, e -> ProjectActions.importTargetSchema(parent.getShell(), context));
        ToolItem outputs = new ToolItem(tools, SWT.PUSH);
        outputs.setText("Outputs…");
        outputs.setToolTipText("Edit where this mapping writes its rows: CSV, JSON, Excel, H2 or PostgreSQL tables");
        outputs.addListener(SWT.Selection, e -> ProjectActions.editOutputs(parent.getShell(), context));

        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        diagram = new MappingDiagram(sash, session, res, insights);
        expression = new ExpressionEditor(sash, session, res);
        sash.setWeights(72, 28);

        status = new Label(parent, SWT.NONE);
        GridData sd = new GridData(SWT.FILL, SWT.CENTER, true, false);
        sd.horizontalIndent = 8;
        status.setLayoutData(sd);
        status.setText("Drag a source field onto a target field to map it. Select a target field to edit its expression.");

        diagram.setStatusSink(this::showStatus);
        diagram.setOnFocusFilter(this::focusFilter);
        diagram.setOnExport(() -> ProjectActions.exportDiagram(parent.getShell(), context));
        diagram.setOnEditSettings(page -> ProjectActions.editMapping(parent.getShell(), context, page));
        diagram.setOnEditExpression(id -> {
            session.select(new Selection.TargetField(session.activeMappingId(), id), diagram);
            expression.showTarget(id);
            expression.focusText();
        });

        WorkbenchSession.Listener l = new WorkbenchSession.Listener() {
            @Override
            public void documentChanged(ProjectDocument now) {
                refresh();
            }

            @Override
            public void projectChanged(ProjectDocument document, ProjectDocument.Change change) {
                refresh();
            }

            @Override
            public void activeMappingChanged(String mappingId) {
                refresh();
            }
        };
        session.addListener(l);
        parent.addListener(SWT.Dispose, e -> session.removeListener(l));
        refresh();
    }

    private void refresh() {
        if (mappingCombo == null || mappingCombo.isDisposed()) {
            return;
        }
        ProjectDocument d = session.document();
        comboMappings = d == null ? List.of() : d.project().mappings();
        String[] names = comboMappings.stream().map(MappingDef::name).toArray(String[]::new);
        if (!java.util.Arrays.equals(names, mappingCombo.getItems())) {
            mappingCombo.setItems(names);
        }
        for (int i = 0; i < comboMappings.size(); i++) {
            if (comboMappings.get(i).id().equals(session.activeMappingId())) {
                mappingCombo.select(i);
            }
        }
        MappingModel m;
        try {
            m = session.activeModel();
        } catch (IllegalArgumentException e) {
            m = null;
        }
        coverage.setCoverage(m == null ? null : m.coverage());
        Composite bar = coverage.getParent();
        bar.layout(true);
        int height = bar.computeSize(bar.getSize().x, SWT.DEFAULT).y;
        if (height != bar.getSize().y && bar.getSize().x > 0) {
            // The coverage text grew or shrank enough to wrap the bar differently.
            bar.getParent().layout(true);
        }
        if (dirty != null) {
            dirty.setDirty(d != null && d.isDirty());
        }
    }

    private void showStatus(String text) {
        if (!status.isDisposed()) {
            status.setText(text);
        }
    }

    /** Saves the project (the workbench calls this for Save and on close). */
    @Persist
    public void save() {
        ProjectActions.save(diagram.getShell(), context);
    }

    @Focus
    public void focus() {
        diagram.setFocus();
    }

    /** Moves the focus into the field filter and selects its text (Ctrl+F). */
    public void focusFilter() {
        filter.setFocus();
        filter.selectAll();
    }

    public MappingDiagram diagram() {
        return diagram;
    }

    public ExpressionEditor expressionEditor() {
        return expression;
    }

    public Text filterText() {
        return filter;
    }

    public Button unmappedToggle() {
        return unmapped;
    }

    public CoverageMeter coverageMeter() {
        return coverage;
    }

    public String statusText() {
        return status.getText();
    }
}
