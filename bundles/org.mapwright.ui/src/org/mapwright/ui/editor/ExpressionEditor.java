package org.mapwright.ui.editor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.eclipse.jface.text.Document;
import org.eclipse.jface.text.DocumentEvent;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IDocumentListener;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITypedRegion;
import org.eclipse.jface.text.Region;
import org.eclipse.jface.text.TextPresentation;
import org.eclipse.jface.text.contentassist.ContentAssistant;
import org.eclipse.jface.text.contentassist.IContentAssistant;
import org.eclipse.jface.text.presentation.IPresentationDamager;
import org.eclipse.jface.text.presentation.IPresentationReconciler;
import org.eclipse.jface.text.presentation.IPresentationRepairer;
import org.eclipse.jface.text.presentation.PresentationReconciler;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.jface.text.source.SourceViewer;
import org.eclipse.jface.text.source.SourceViewerConfiguration;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.ToolBar;
import org.eclipse.swt.widgets.ToolItem;
import org.mapwright.core.Field;
import org.mapwright.engine.Problem;
import org.mapwright.engine.expr.FunctionCategory;
import org.mapwright.engine.expr.FunctionInfo;
import org.mapwright.engine.expr.FunctionRegistry;
import org.mapwright.engine.expr.Functions;
import org.mapwright.engine.expr.Token;
import org.mapwright.engine.expr.TokenKind;
import org.mapwright.engine.expr.ExpressionTokens;
import org.mapwright.internal.ui.TextUndo;
import org.mapwright.internal.ui.UiResources;
import org.mapwright.ui.model.MappingModel;
import org.mapwright.ui.model.ProjectDocument;
import org.mapwright.ui.model.ProjectEdits;
import org.mapwright.ui.model.Selection;
import org.mapwright.ui.model.WorkbenchSession;

/**
 * Edits the expression of one target field: a JFace {@link SourceViewer} with syntax colouring
 * from {@link ExpressionTokens}, content assist (Ctrl+Space) over the mapping's fields and the
 * engine's functions, a functions palette, and the compiler's errors underlined with their message
 * below. Every change is committed to the project at once; consecutive typing in one field is one
 * undo step.
 */
public final class ExpressionEditor extends Composite {

    private final WorkbenchSession session;
    private final UiResources res;
    private final FunctionRegistry functions = Functions.standard();
    private final Label title;
    private final SourceViewer viewer;
    private final Label message;
    private final IDocument document = new Document();
    private final ContentAssistant assistant;
    private final WorkbenchSession.Listener listener;
    private String targetFieldId;
    private boolean updating;

    public ExpressionEditor(Composite parent, WorkbenchSession session, UiResources res) {
        super(parent, SWT.NONE);
        this.session = session;
        this.res = res;
        GridLayout layout = new GridLayout(2, false);
        layout.marginWidth = 8;
        layout.marginHeight = 6;
        layout.verticalSpacing = 4;
        setLayout(layout);

        title = new Label(this, SWT.NONE);
        title.setFont(res.bold());
        title.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        ToolBar bar = new ToolBar(this, SWT.FLAT | SWT.RIGHT);
        ToolItem palette = new ToolItem(bar, SWT.DROP_DOWN);
        palette.setText("ƒx Functions");
        palette.setToolTipText("Insert a function at the caret");
        Menu paletteMenu = paletteMenu();
        palette.addListener(SWT.Selection, e -> {
            var p = bar.toDisplay(palette.getBounds().x, palette.getBounds().y + palette.getBounds().height);
            paletteMenu.setLocation(p);
            paletteMenu.setVisible(true);
        });
        ToolItem assist = new ToolItem(bar, SWT.PUSH);
        assist.setText("Assist (Ctrl+Space)");
        assist.addListener(SWT.Selection, e -> {
            viewer().getTextWidget().setFocus();
            showAssist();
        });

        viewer = new SourceViewer(this, null, SWT.BORDER | SWT.MULTI | SWT.V_SCROLL | SWT.WRAP);
        assistant = new ContentAssistant();
        assistant.setContentAssistProcessor(new ExpressionAssist(this::scope, functions, res), IDocument.DEFAULT_CONTENT_TYPE);
        assistant.enableAutoInsert(false);
        assistant.enableAutoActivation(true);
        assistant.setAutoActivationDelay(300);
        assistant.setInformationControlCreator(parentShell -> new org.eclipse.jface.text.DefaultInformationControl(parentShell));
        viewer.configure(new SourceViewerConfiguration() {
            @Override
            public IContentAssistant getContentAssistant(ISourceViewer sourceViewer) {
                return assistant;
            }

            @Override
            public IPresentationReconciler getPresentationReconciler(ISourceViewer sourceViewer) {
                PresentationReconciler r = new PresentationReconciler();
                Colouring c = new Colouring();
                r.setDamager(c, IDocument.DEFAULT_CONTENT_TYPE);
                r.setRepairer(c, IDocument.DEFAULT_CONTENT_TYPE);
                return r;
            }
        });
        viewer.setDocument(document);
        StyledText text = viewer.getTextWidget();
        text.setFont(res.mono());
        GridData gd = new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1);
        gd.heightHint = 60;
        viewer.getControl().setLayoutData(gd);
        viewer.appendVerifyKeyListener(e -> {
            if ((e.stateMask & SWT.MOD1) != 0 && e.keyCode == ' ') {
                e.doit = false;
                showAssist();
            } else if ((e.stateMask & SWT.MOD1) != 0 && (e.keyCode == 'a' || e.keyCode == 'A')) {
                e.doit = false;
                viewer.getTextWidget().selectAll();
            }
        });
        text.addListener(SWT.FocusOut, e -> {
            if (session.document() != null) {
                session.document().closeMerge();
            }
        });
        document.addDocumentListener(new IDocumentListener() {
            @Override
            public void documentAboutToBeChanged(DocumentEvent event) {
            }

            @Override
            public void documentChanged(DocumentEvent event) {
                if (!updating) {
                    commit();
                }
            }
        });

        message = new Label(this, SWT.WRAP);
        message.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));

        listener = new WorkbenchSession.Listener() {
            @Override
            public void documentChanged(ProjectDocument now) {
                showTarget(null);
            }

            @Override
            public void projectChanged(ProjectDocument d, ProjectDocument.Change change) {
                refresh();
            }

            @Override
            public void activeMappingChanged(String mappingId) {
                showTarget(null);
            }

            @Override
            public void selectionChanged(Selection s, Object origin) {
                if (s instanceof Selection.TargetField t) {
                    showTarget(t.fieldId());
                } else if (s instanceof Selection.Line l) {
                    showTarget(l.targetFieldId());
                }
            }
        };
        session.addListener(listener);
        addListener(SWT.Dispose, e -> session.removeListener(listener));
        showTarget(null);
    }

    /** @return the viewer, for focus handling and tests */
    public SourceViewer viewer() {
        return viewer;
    }

    public ContentAssistant assistant() {
        return assistant;
    }

    /** @return the target field being edited, or null */
    public String targetFieldId() {
        return targetFieldId;
    }

    /** @return the message line: the compile error, or what the expression reads */
    public String messageText() {
        return message.getText();
    }

    /** Opens the content assist popup at the caret. */
    public void showAssist() {
        if (viewer.canDoOperation(ISourceViewer.CONTENTASSIST_PROPOSALS)) {
            viewer.doOperation(ISourceViewer.CONTENTASSIST_PROPOSALS);
        }
    }

    /** Shows the expression of a target field of the active mapping (null: none) and focuses nothing. */
    public void showTarget(String fieldId) {
        if (isDisposed()) {
            return;
        }
        if (session.document() != null) {
            session.document().closeMerge();
        }
        targetFieldId = fieldId;
        refresh();
    }

    /** Moves the keyboard focus into the text, caret at the end. */
    public void focusText() {
        StyledText t = viewer.getTextWidget();
        t.setFocus();
        t.setCaretOffset(t.getCharCount());
    }

    private MappingModel model() {
        try {
            return session.activeModel();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private org.mapwright.engine.expr.Scope scope() {
        MappingModel m = model();
        return m == null ? null : m.scope();
    }

    private Field target(MappingModel m) {
        return m == null || targetFieldId == null ? null : m.mapping().targetSchema().byId(targetFieldId).orElse(null);
    }

    private void refresh() {
        if (isDisposed()) {
            return;
        }
        MappingModel m = model();
        Field f = target(m);
        if (f == null) {
            targetFieldId = null;
            title.setText("Expression");
            setText("");
            viewer.setEditable(false);
            setMessage("Select a target field or a mapping line to edit its expression.", null);
            layout(true, true);
            return;
        }
        title.setText(m.mapping().targetSchema().pathOf(f.id()).orElse(f.name()) + " : " + f.type().id()
                + (f.nullable() ? "" : " (required)") + "  =");
        viewer.setEditable(true);
        String expr = m.expression(f.id());
        if (!document.get().equals(expr == null ? "" : expr)) {
            setText(expr == null ? "" : expr);
        }
        List<Problem> problems = m.problems(f.id());
        if (!problems.isEmpty()) {
            Problem p = problems.get(0);
            setMessage((p.isError() ? "✗ " : "⚠ ") + p.message() + (p.hint() == null ? "" : " — " + p.hint()),
                    p.isError() ? res.rgb(198, 40, 40) : res.rgb(180, 110, 0));
        } else if (expr == null) {
            setMessage("Not mapped: type an expression (Ctrl+Space lists fields and functions), or drag a source field onto "
                    + f.name() + ".", res.rgb(110, 117, 125));
        } else {
            var compiled = m.plan().expression(f.id());
            String reads = m.linesTo(f.id()).stream().map(l -> l.ref().qualifiedPath()).distinct().collect(Collectors.joining(", "));
            String type = compiled.map(c -> c.type().id()).orElse(f.type().id());
            setMessage("✓ " + type + (reads.isEmpty() ? " · constant" : " · reads " + reads), res.rgb(46, 125, 50));
        }
        viewer.invalidateTextPresentation();
        layout(true, true);
    }

    private void setMessage(String text, Color color) {
        message.setText(text);
        message.setForeground(color);
    }

    private void setText(String text) {
        updating = true;
        try {
            document.set(text);
        } finally {
            updating = false;
        }
        // Text the program shows (another field, an undone project edit) is not something to undo with Ctrl+Z.
        TextUndo history = TextUndo.of(viewer.getTextWidget());
        if (history != null) {
            history.reset();
        }
    }

    private void commit() {
        MappingModel m = model();
        Field f = target(m);
        if (f == null) {
            return;
        }
        String mappingId = m.mapping().id();
        try {
            session.execute("Edit expression of " + f.name(), "expr:" + mappingId + ":" + f.id(),
                    ProjectEdits.setExpression(mappingId, f.id(), document.get()));
        } catch (IllegalArgumentException e) {
            setMessage(e.getMessage(), res.rgb(198, 40, 40));
        }
    }

    private Menu paletteMenu() {
        Menu menu = new Menu(getShell(), SWT.POP_UP);
        for (FunctionCategory c : FunctionCategory.values()) {
            List<FunctionInfo> list = functions.inCategory(c);
            if (list.isEmpty()) {
                continue;
            }
            MenuItem cat = new MenuItem(menu, SWT.CASCADE);
            cat.setText(c.title());
            Menu sub = new Menu(cat);
            cat.setMenu(sub);
            for (FunctionInfo fi : list) {
                MenuItem item = new MenuItem(sub, SWT.PUSH);
                item.setText(fi.name() + " — " + fi.doc());
                item.addListener(SWT.Selection, e -> insertFunction(fi));
            }
        }
        addListener(SWT.Dispose, e -> menu.dispose());
        return menu;
    }

    /** Inserts {@code name()} at the caret, caret between the parentheses. */
    public void insertFunction(FunctionInfo f) {
        if (!viewer.isEditable()) {
            return;
        }
        StyledText t = viewer.getTextWidget();
        int at = t.getCaretOffset();
        String insert = f.name() + "()";
        t.insert(insert);
        t.setCaretOffset(at + insert.length() - (f.maxArity() == 0 ? 0 : 1));
        t.setFocus();
    }

    /** Colours tokens and underlines the compiler's error range; always repaints the whole (short) text. */
    private final class Colouring implements IPresentationDamager, IPresentationRepairer {
        private IDocument doc;

        @Override
        public void setDocument(IDocument d) {
            doc = d;
        }

        @Override
        public IRegion getDamageRegion(ITypedRegion partition, DocumentEvent event, boolean partitioningChanged) {
            return new Region(0, doc.getLength());
        }

        @Override
        public void createPresentation(TextPresentation presentation, ITypedRegion damage) {
            String text = doc.get();
            Map<TokenKind, Color> colours = Map.of(TokenKind.KEYWORD, res.rgb(0, 51, 153), TokenKind.IDENTIFIER, res.rgb(0, 105, 92),
                    TokenKind.FUNCTION, res.rgb(142, 68, 173), TokenKind.STRING, res.rgb(46, 125, 50), TokenKind.NUMBER,
                    res.rgb(21, 101, 192), TokenKind.OPERATOR, res.rgb(90, 90, 90), TokenKind.COMMENT, res.rgb(130, 130, 130),
                    TokenKind.ERROR, res.rgb(198, 40, 40));
            List<StyleRange> ranges = new ArrayList<>();
            for (Token t : ExpressionTokens.tokenize(text)) {
                StyleRange r = new StyleRange(t.start(), t.end() - t.start(), colours.get(t.kind()), null);
                if (t.kind() == TokenKind.KEYWORD || t.kind() == TokenKind.FUNCTION) {
                    r.fontStyle = SWT.BOLD;
                } else if (t.kind() == TokenKind.COMMENT) {
                    r.fontStyle = SWT.ITALIC;
                }
                ranges.add(r);
            }
            ranges.forEach(presentation::addStyleRange);
            MappingModel m = model();
            if (m != null && targetFieldId != null && m.expression(targetFieldId) != null && m.expression(targetFieldId).equals(text)) {
                for (Problem p : m.problems(targetFieldId)) {
                    if (!p.location().hasRange() || text.isEmpty()) {
                        continue;
                    }
                    int start = Math.min(p.location().start(), text.length());
                    int end = Math.min(Math.max(p.location().end(), start), text.length());
                    if (end == start) {
                        start = Math.max(0, start - 1);
                        end = Math.min(text.length(), start + 1);
                    }
                    StyleRange u = new StyleRange(start, end - start, null, null);
                    u.underline = true;
                    u.underlineStyle = SWT.UNDERLINE_SQUIGGLE;
                    u.underlineColor = p.isError() ? res.rgb(211, 47, 47) : res.rgb(245, 166, 35);
                    presentation.mergeStyleRange(u);
                }
            }
        }
    }
}
