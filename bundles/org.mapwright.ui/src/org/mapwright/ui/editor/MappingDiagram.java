package org.mapwright.ui.editor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Path;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.ScrollBar;
import org.eclipse.swt.widgets.Text;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.SourceDef;
import org.mapwright.core.connector.FieldEvidence;
import org.mapwright.engine.Problem;
import org.mapwright.internal.ui.SourceInsights;
import org.mapwright.internal.ui.UiResources;
import org.mapwright.ui.editor.DiagramRow.Side;
import org.mapwright.ui.model.MappingModel;
import org.mapwright.ui.model.ProjectDocument;
import org.mapwright.ui.model.ProjectEdits;
import org.mapwright.ui.model.Selection;
import org.mapwright.ui.model.WorkbenchSession;

/**
 * The mapping editor's diagram, painted on a {@link Canvas}: the sources in scope as collapsible
 * trees on the left (primary source first, then joined lookups), the target schema on the right,
 * and one line from each source field a target field's expression reads to that target field.
 *
 * <p>Interaction: drag a source field onto a target field to map it; click a line or field to
 * select it; keyboard: arrows move and expand, Enter maps the marked source field to the selected
 * target field (or edits the target's expression), Del removes the selected line's mapping, F2
 * renames the selected target field. Every change goes through the session's command stack.
 */
public final class MappingDiagram extends Canvas {

    private static final int MARGIN = 12;
    private static final int GROUP_GAP = 10;
    private static final int INDENT = 14;
    private static final int BADGE_W = 32;
    private static final int DRAG_THRESHOLD = 4;
    private static final int LINE_HIT = 5;
    /** How far beyond its end points a painted line reaches (its width, the expression dot). */
    private static final int LINE_MARGIN = 8;
    /** Text extents remembered per font before the cache starts over (a few thousand field names fit). */
    private static final int EXTENT_CACHE_LIMIT = 20_000;

    /**
     * A line as laid out for painting and hit testing, in canvas coordinates.
     *
     * @param line     the mapping line
     * @param dashed   whether an end is folded into a collapsed parent or header
     * @param polyline points along the curve, {@code x0, y0, x1, y1, ...}
     */
    public record PaintedLine(MappingModel.Line line, int x1, int y1, int x2, int y2, boolean dashed, int[] polyline) {
    }

    private final WorkbenchSession session;
    private final UiResources res;
    private final SourceInsights insights;
    private final WorkbenchSession.Listener sessionListener;
    private final Set<String> collapsed = new HashSet<>();

    private MappingModel model;
    private String filter = "";
    private boolean unmappedOnly;
    private ModelIndex index = ModelIndex.EMPTY;
    private List<DiagramRow> rows = List.of();
    private Map<String, DiagramRow> rowByKey = Map.of();
    private Map<String, DiagramRow> anchorByKey = Map.of();
    private final Map<Font, Map<String, Point>> extents = new HashMap<>();
    private Set<String> dashedKeys = Set.of();
    private List<PaintedLine> painted = List.of();
    private int contentHeight;
    private int rowHeight;

    private String markedSource;
    private String selectedTarget;
    private MappingModel.Line selectedLine;
    private Side focusSide = Side.SOURCE;
    private String hoverKey;
    private MappingModel.Line hoverLine;

    private String pressSource;
    private Point pressPoint;
    private Point dragPoint;
    private boolean dragging;
    private String dropTarget;

    private Text renameText;
    private Consumer<String> onEditExpression = id -> {
    };
    private java.util.function.Consumer<org.mapwright.ui.dialogs.MappingSettingsDialog.Page> onEditSettings = page -> {
    };
    private Runnable onExport = () -> {
    };
    private Runnable onFocusFilter = () -> {
    };
    private Consumer<String> status = s -> {
    };

    public MappingDiagram(Composite parent, WorkbenchSession session, UiResources res, SourceInsights insights) {
        super(parent, SWT.DOUBLE_BUFFERED | SWT.V_SCROLL | SWT.NO_BACKGROUND);
        this.session = Objects.requireNonNull(session, "session");
        this.res = res;
        this.insights = insights;
        GC gc = new GC(this);
        rowHeight = Math.max(22, gc.getFontMetrics().getHeight() + 8);
        gc.dispose();
        addListener(SWT.Paint, e -> paint(e.gc));
        addListener(SWT.Resize, e -> relayout());
        addListener(SWT.MouseDown, this::mouseDown);
        addListener(SWT.MouseMove, this::mouseMove);
        addListener(SWT.MouseUp, this::mouseUp);
        addListener(SWT.MouseDoubleClick, this::mouseDoubleClick);
        addListener(SWT.MouseExit, e -> {
            hoverKey = null;
            hoverLine = null;
            redraw();
        });
        addListener(SWT.KeyDown, this::keyDown);
        addListener(SWT.Traverse, e -> e.doit = e.detail == SWT.TRAVERSE_TAB_NEXT || e.detail == SWT.TRAVERSE_TAB_PREVIOUS);
        addListener(SWT.FocusIn, e -> redraw());
        addListener(SWT.FocusOut, e -> redraw());
        ScrollBar bar = getVerticalBar();
        bar.addListener(SWT.Selection, e -> {
            cancelRename();
            relayoutLines();
            redraw();
        });
        sessionListener = new WorkbenchSession.Listener() {
            @Override
            public void documentChanged(ProjectDocument now) {
                collapsed.clear();
                clearSelection();
                reload();
            }

            @Override
            public void projectChanged(ProjectDocument document, ProjectDocument.Change change) {
                reload();
            }

            @Override
            public void activeMappingChanged(String mappingId) {
                clearSelection();
                reload();
            }

            @Override
            public void selectionChanged(Selection selection, Object origin) {
                if (origin != MappingDiagram.this) {
                    applySelection(selection);
                }
            }
        };
        session.addListener(sessionListener);
        if (insights != null) {
            SourceInsights.Listener l = id -> redraw();
            insights.addListener(l);
            addListener(SWT.Dispose, e -> insights.removeListener(l));
        }
        addListener(SWT.Dispose, e -> {
            session.removeListener(sessionListener);
            extents.clear();
        });
        setMenu(buildMenu());
        reload();
    }

    /** Called with a target field id when the user wants to edit its expression (double-click, Enter). */
    public void setOnEditExpression(Consumer<String> callback) {
        onEditExpression = Objects.requireNonNull(callback);
    }

    /** Called when the user presses Ctrl+F in the diagram. */
    /** Called with the tab to open when the user picks Joins…, Filters…, Aggregation… or Rules… from the context menu. */
    public void setOnEditSettings(java.util.function.Consumer<org.mapwright.ui.dialogs.MappingSettingsDialog.Page> callback) {
        onEditSettings = Objects.requireNonNull(callback);
    }

    /** Called when the user picks Export Diagram… from the context menu. */
    public void setOnExport(Runnable callback) {
        onExport = Objects.requireNonNull(callback);
    }

    public void setOnFocusFilter(Runnable callback) {
        onFocusFilter = Objects.requireNonNull(callback);
    }

    /** Receives short messages for the user (what was mapped, why an edit failed). */
    public void setStatusSink(Consumer<String> sink) {
        status = Objects.requireNonNull(sink);
    }

    /** @return the model shown, or null */
    public MappingModel model() {
        return model;
    }

    /** Shows only fields whose name contains the text (ignoring case); empty shows all. */
    public void setFilter(String text) {
        filter = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        relayout();
    }

    /** Shows only target fields without mapping. */
    public void setShowUnmappedOnly(boolean on) {
        unmappedOnly = on;
        relayout();
    }

    public boolean isShowUnmappedOnly() {
        return unmappedOnly;
    }

    /** @return the rows as laid out, in content coordinates */
    public List<DiagramRow> rows() {
        return rows;
    }

    /** @return the field row of a source field, or null when not visible */
    public DiagramRow sourceRow(String sourceId, String fieldId) {
        return visibleRow(DiagramRow.sourceKey(sourceId, fieldId));
    }

    /** @return the field row of a target field, or null when not visible */
    public DiagramRow targetRow(String fieldId) {
        return visibleRow(DiagramRow.targetKey(fieldId));
    }

    private DiagramRow visibleRow(String key) {
        return key == null ? null : rowByKey.get(key);
    }

    /** @return the lines as painted (with their on-screen end points), for hit tests and tests */
    public List<PaintedLine> paintedLines() {
        return painted;
    }

    /** @return the vertical scroll offset */
    public int scrollOffset() {
        return getVerticalBar().getSelection();
    }

    /** @return the selected line, or null */
    public MappingModel.Line selectedLine() {
        return selectedLine;
    }

    /** @return the selected target field id, or null */
    public String selectedTarget() {
        return selectedTarget;
    }

    /** @return the marked source field as {@code [sourceId, fieldId]}, or null */
    public String[] markedSource() {
        if (markedSource == null) {
            return null;
        }
        String[] parts = markedSource.split(":", 3);
        return new String[] {parts[1], parts[2]};
    }

    // ---------------------------------------------------------------- model and layout

    private void reload() {
        if (isDisposed()) {
            return;
        }
        MappingModel m;
        try {
            m = session.activeModel();
        } catch (IllegalArgumentException e) {
            m = null;
        }
        model = m;
        index = m == null ? ModelIndex.EMPTY : new ModelIndex(m);
        if (selectedLine != null && (model == null || !model.lines().contains(selectedLine))) {
            selectedLine = findLine(selectedLine);
        }
        relayout();
    }

    private MappingModel.Line findLine(MappingModel.Line old) {
        if (model == null) {
            return null;
        }
        for (MappingModel.Line l : model.lines()) {
            if (l.targetFieldId().equals(old.targetFieldId()) && l.sourceId().equals(old.sourceId())
                    && l.sourceFieldId().equals(old.sourceFieldId())) {
                return l;
            }
        }
        return null;
    }

    private void clearSelection() {
        markedSource = null;
        selectedTarget = null;
        selectedLine = null;
        cancelRename();
    }

    private void relayout() {
        if (isDisposed()) {
            return;
        }
        Rectangle area = getClientArea();
        int colW = columnWidth(area.width);
        List<DiagramRow> out = new ArrayList<>();
        Map<String, DiagramRow> anchors = new HashMap<>();
        Set<String> dashed = new HashSet<>();
        int bottom = MARGIN;
        if (model != null) {
            int y = MARGIN;
            for (MappingModel.SourceEntry e : model.sources()) {
                SourceDef s = e.source();
                boolean open = !collapsed.contains("S:" + s.id());
                DiagramRow header = new DiagramRow(Side.SOURCE, s.id(), null, 0, true, open, MARGIN, y, colW, rowHeight + 6);
                out.add(header);
                y += header.height();
                if (open) {
                    y = layoutFields(Side.SOURCE, s.id(), s.schema().fields(), 0, MARGIN, y, colW, out, anchors, dashed, null);
                } else {
                    collapseAnchors(Side.SOURCE, s.id(), s.schema().fields(), header, anchors, dashed);
                }
                y += GROUP_GAP;
            }
            bottom = y;
            int ty = MARGIN;
            int tx = Math.max(MARGIN + colW + 60, area.width - MARGIN - colW);
            boolean open = !collapsed.contains("T");
            DiagramRow header = new DiagramRow(Side.TARGET, null, null, 0, true, open, tx, ty, colW, rowHeight + 6);
            out.add(header);
            ty += header.height();
            if (open) {
                ty = layoutFields(Side.TARGET, null, model.mapping().targetSchema().fields(), 0, tx, ty, colW, out, anchors, dashed, null);
            } else {
                collapseAnchors(Side.TARGET, null, model.mapping().targetSchema().fields(), header, anchors, dashed);
            }
            bottom = Math.max(bottom, ty) + MARGIN;
        }
        rows = List.copyOf(out);
        Map<String, DiagramRow> byKey = new HashMap<>(out.size() * 2);
        for (DiagramRow r : out) {
            byKey.putIfAbsent(r.key(), r);
        }
        rowByKey = byKey;
        anchorByKey = anchors;
        dashedKeys = dashed;
        contentHeight = bottom;
        ScrollBar bar = getVerticalBar();
        int visible = Math.max(1, area.height);
        bar.setMaximum(Math.max(contentHeight, visible));
        bar.setThumb(Math.min(visible, Math.max(contentHeight, visible)));
        bar.setPageIncrement(Math.max(rowHeight, visible - rowHeight));
        bar.setIncrement(rowHeight);
        bar.setVisible(contentHeight > visible);
        relayoutLines();
        redraw();
    }

    private int columnWidth(int width) {
        int w = Math.max(0, width);
        int col = (int) (w * 0.34);
        col = Math.max(190, Math.min(360, col));
        if (2 * col + 2 * MARGIN + 60 > w) {
            col = Math.max(120, (w - 2 * MARGIN - 60) / 2);
        }
        return col;
    }

    private int layoutFields(Side side, String sourceId, List<Field> fields, int depth, int x, int y, int colW,
            List<DiagramRow> out, Map<String, DiagramRow> anchors, Set<String> dashed, DiagramRow parent) {
        int cy = y;
        for (Field f : fields) {
            if (!shown(side, f)) {
                continue;
            }
            String key = side == Side.TARGET ? DiagramRow.targetKey(f.id()) : DiagramRow.sourceKey(sourceId, f.id());
            boolean expandable = !f.children().isEmpty();
            boolean open = expandable && (!collapsed.contains(key) || !filter.isEmpty());
            DiagramRow row = new DiagramRow(side, sourceId, f, depth, expandable, open, x, cy, colW, rowHeight);
            out.add(row);
            anchors.put(key, row);
            cy += rowHeight;
            if (open) {
                cy = layoutFields(side, sourceId, f.children(), depth + 1, x, cy, colW, out, anchors, dashed, row);
            } else if (expandable) {
                collapseAnchors(side, sourceId, f.children(), row, anchors, dashed);
            }
        }
        return cy;
    }

    private void collapseAnchors(Side side, String sourceId, List<Field> fields, DiagramRow into, Map<String, DiagramRow> anchors,
            Set<String> dashed) {
        for (Field f : fields) {
            String key = side == Side.TARGET ? DiagramRow.targetKey(f.id()) : DiagramRow.sourceKey(sourceId, f.id());
            anchors.put(key, into);
            dashed.add(key);
            collapseAnchors(side, sourceId, f.children(), into, anchors, dashed);
        }
    }

    /** Filter and "unmapped only": a field is shown when it or a descendant passes. */
    private boolean shown(Side side, Field f) {
        boolean passes = (filter.isEmpty() || f.name().toLowerCase(Locale.ROOT).contains(filter))
                && (side == Side.SOURCE || !unmappedOnly || f.children().isEmpty() && !index.isMapped(f.id()));
        if (passes) {
            return true;
        }
        for (Field c : f.children()) {
            if (shown(side, c)) {
                return true;
            }
        }
        return false;
    }

    private void relayoutLines() {
        List<PaintedLine> out = new ArrayList<>();
        if (model != null) {
            int scroll = scrollOffset();
            for (MappingModel.Line l : model.lines()) {
                String sk = DiagramRow.sourceKey(l.sourceId(), l.sourceFieldId());
                String tk = DiagramRow.targetKey(l.targetFieldId());
                DiagramRow s = anchorByKey.get(sk);
                if (s == null) {
                    s = collapsed.contains("S:" + l.sourceId()) ? headerOf(l.sourceId()) : null;
                }
                DiagramRow t = anchorByKey.get(tk);
                if (t == null && collapsed.contains("T")) {
                    t = headerOf(null);
                }
                if (s == null || t == null) {
                    continue;
                }
                boolean dashed = dashedKeys.contains(sk) || dashedKeys.contains(tk) || s.header() || t.header();
                int x1 = s.x() + s.width();
                int y1 = s.centerY() - scroll;
                int x2 = t.x();
                int y2 = t.centerY() - scroll;
                out.add(new PaintedLine(l, x1, y1, x2, y2, dashed, bezierPolyline(x1, y1, x2, y2)));
            }
        }
        painted = List.copyOf(out);
    }

    private DiagramRow headerOf(String sourceId) {
        for (DiagramRow r : rows) {
            if (r.header() && Objects.equals(r.sourceId(), sourceId) && (sourceId != null || r.side() == Side.TARGET)) {
                return r;
            }
        }
        return null;
    }

    private static int[] bezierPolyline(int x1, int y1, int x2, int y2) {
        int steps = 24;
        int[] pts = new int[(steps + 1) * 2];
        double dx = Math.max(40, (x2 - x1) * 0.5);
        double cx1 = x1 + dx;
        double cx2 = x2 - dx;
        for (int i = 0; i <= steps; i++) {
            double t = i / (double) steps;
            double u = 1 - t;
            double x = u * u * u * x1 + 3 * u * u * t * cx1 + 3 * u * t * t * cx2 + t * t * t * x2;
            double y = u * u * u * y1 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t * t * t * y2;
            pts[2 * i] = (int) Math.round(x);
            pts[2 * i + 1] = (int) Math.round(y);
        }
        return pts;
    }

    // ---------------------------------------------------------------- hit testing

    /** @return the row at a point of the canvas (screen coordinates of the control), or null */
    public DiagramRow rowAt(int x, int y) {
        int cy = y + scrollOffset();
        for (DiagramRow r : rows) {
            if (r.contains(x, cy)) {
                return r;
            }
        }
        return null;
    }

    /** @return the line nearest to a point within a few pixels, or null */
    public MappingModel.Line lineAt(int x, int y) {
        PaintedLine best = null;
        double bestD = LINE_HIT + 0.5;
        for (PaintedLine p : painted) {
            double d = distance(p.polyline(), x, y);
            if (d < bestD) {
                bestD = d;
                best = p;
            }
        }
        return best == null ? null : best.line();
    }

    private static double distance(int[] pts, int px, int py) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i + 3 < pts.length; i += 2) {
            best = Math.min(best, segmentDistance(pts[i], pts[i + 1], pts[i + 2], pts[i + 3], px, py));
        }
        return best;
    }

    private static double segmentDistance(int x1, int y1, int x2, int y2, int px, int py) {
        double dx = x2 - x1;
        double dy = y2 - y1;
        double len = dx * dx + dy * dy;
        double t = len == 0 ? 0 : Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / len));
        double cx = x1 + t * dx - px;
        double cy = y1 + t * dy - py;
        return Math.sqrt(cx * cx + cy * cy);
    }

    /** @return whether the point is on the expand triangle of an expandable row */
    private boolean onToggle(DiagramRow r, int x) {
        int tx = r.x() + 6 + r.depth() * INDENT;
        return r.expandable() && x >= tx - 2 && x <= tx + 14;
    }

    // ---------------------------------------------------------------- edits

    /**
     * Maps a source field onto a target field: the target's expression becomes a direct reference
     * to the source field (replacing what it had; undo restores it). This is what a drop and the
     * Enter key do.
     *
     * @return whether the project changed
     */
    public boolean mapField(String sourceId, String sourceFieldId, String targetFieldId) {
        if (model == null) {
            return false;
        }
        String ref = model.referenceText(sourceId, sourceFieldId).orElse(null);
        Field target = model.mapping().targetSchema().byId(targetFieldId).orElse(null);
        if (ref == null || target == null) {
            status.accept("That field is not part of this mapping.");
            return false;
        }
        String mappingId = model.mapping().id();
        String previous = model.expression(targetFieldId);
        boolean changed = session.execute("Map " + ref + " to " + target.name(), ProjectEdits.setExpression(mappingId, targetFieldId, ref));
        if (changed) {
            status.accept("Mapped " + ref + " → " + target.name() + (previous == null ? "" : " (was: " + previous + ")"));
        }
        MappingModel.Line line = null;
        if (model != null) {
            for (MappingModel.Line l : model.linesTo(targetFieldId)) {
                if (l.sourceId().equals(sourceId) && l.sourceFieldId().equals(sourceFieldId)) {
                    line = l;
                }
            }
        }
        markedSource = DiagramRow.sourceKey(sourceId, sourceFieldId);
        selectedTarget = targetFieldId;
        selectedLine = line;
        publishSelection();
        redraw();
        return changed;
    }

    /** Removes the mapping of the selected line's target field (Del). */
    public boolean deleteSelectedLine() {
        MappingModel.Line l = selectedLine;
        if (l == null || model == null) {
            return false;
        }
        return unmap(l.targetFieldId());
    }

    private boolean unmap(String targetFieldId) {
        String name = model.mapping().targetSchema().byId(targetFieldId).map(Field::name).orElse(targetFieldId);
        String expr = model.expression(targetFieldId);
        if (expr == null) {
            return false;
        }
        boolean changed = session.execute("Remove mapping of " + name, ProjectEdits.unmap(model.mapping().id(), targetFieldId));
        if (changed) {
            status.accept("Removed the mapping of " + name + " (was: " + expr + "). Undo with Ctrl+Z.");
            selectedLine = null;
            selectedTarget = targetFieldId;
            publishSelection();
        }
        return changed;
    }

    /** Starts renaming the selected target field in place (F2). */
    public void startRename() {
        if (selectedTarget == null || model == null) {
            return;
        }
        DiagramRow row = targetRow(selectedTarget);
        if (row == null) {
            return;
        }
        reveal(row);
        cancelRename();
        int nameX = row.x() + 8 + row.depth() * INDENT + 16 + BADGE_W + 6;
        Text t = new Text(this, SWT.BORDER | SWT.SINGLE);
        t.setText(row.field().name());
        t.setBounds(nameX - 3, row.y() - scrollOffset() + 1, Math.max(80, row.x() + row.width() - nameX - 24), rowHeight - 2);
        t.selectAll();
        t.setFocus();
        String fieldId = selectedTarget;
        String mappingId = model.mapping().id();
        renameText = t;
        t.addListener(SWT.DefaultSelection, e -> commitRename(t, mappingId, fieldId));
        t.addListener(SWT.FocusOut, e -> commitRename(t, mappingId, fieldId));
        t.addListener(SWT.Traverse, e -> {
            if (e.detail == SWT.TRAVERSE_ESCAPE) {
                e.doit = false;
                cancelRename();
                setFocus();
            }
        });
    }

    /** @return the in-place rename text while renaming, else null */
    public Text renameEditor() {
        return renameText;
    }

    private void commitRename(Text t, String mappingId, String fieldId) {
        if (t.isDisposed() || renameText != t) {
            return;
        }
        String name = t.getText();
        renameText = null;
        t.dispose();
        try {
            if (session.execute("Rename field to " + name.strip(), ProjectEdits.renameTargetField(mappingId, fieldId, name))) {
                status.accept("Renamed to " + name.strip());
            }
        } catch (IllegalArgumentException e) {
            status.accept(e.getMessage());
        }
        if (!isDisposed()) {
            setFocus();
        }
    }

    private void cancelRename() {
        if (renameText != null && !renameText.isDisposed()) {
            Text t = renameText;
            renameText = null;
            t.dispose();
        }
    }

    /** Toggles a header or record row. */
    public void toggle(DiagramRow r) {
        String key = r.header() ? (r.side() == Side.TARGET ? "T" : "S:" + r.sourceId()) : r.key();
        if (!collapsed.remove(key)) {
            collapsed.add(key);
        }
        relayout();
    }

    /** Scrolls so the row is visible. */
    public void reveal(DiagramRow r) {
        ScrollBar bar = getVerticalBar();
        int top = bar.getSelection();
        int h = getClientArea().height;
        int next = top;
        if (r.y() < top) {
            next = Math.max(0, r.y() - rowHeight);
        } else if (r.y() + r.height() > top + h) {
            next = r.y() + r.height() - h + rowHeight;
        }
        if (next != top) {
            bar.setSelection(next);
            relayoutLines();
            redraw();
        }
    }

    // ---------------------------------------------------------------- selection

    private void applySelection(Selection s) {
        if (model == null) {
            return;
        }
        if (s instanceof Selection.TargetField t && t.mappingId().equals(model.mapping().id())) {
            selectedTarget = t.fieldId();
            selectedLine = null;
            focusSide = Side.TARGET;
            expandTo(Side.TARGET, null, t.fieldId());
            DiagramRow r = targetRow(t.fieldId());
            if (r != null) {
                reveal(r);
            }
        } else if (s instanceof Selection.SourceField f) {
            markedSource = DiagramRow.sourceKey(f.sourceId(), f.fieldId());
            selectedLine = null;
            focusSide = Side.SOURCE;
            expandTo(Side.SOURCE, f.sourceId(), f.fieldId());
            DiagramRow r = sourceRow(f.sourceId(), f.fieldId());
            if (r != null) {
                reveal(r);
            }
        } else if (s instanceof Selection.Line l && l.mappingId().equals(model.mapping().id())) {
            for (MappingModel.Line line : model.lines()) {
                if (line.targetFieldId().equals(l.targetFieldId()) && line.sourceId().equals(l.sourceId())
                        && line.sourceFieldId().equals(l.sourceFieldId())) {
                    selectedLine = line;
                    selectedTarget = line.targetFieldId();
                }
            }
        } else if (s instanceof Selection.Nothing) {
            selectedLine = null;
        }
        redraw();
    }

    private void expandTo(Side side, String sourceId, String fieldId) {
        List<Field> top = side == Side.TARGET ? model.mapping().targetSchema().fields()
                : model.sources().stream().filter(e -> e.source().id().equals(sourceId)).findFirst()
                        .map(e -> e.source().schema().fields()).orElse(List.of());
        List<String> chain = new ArrayList<>();
        if (!ancestors(top, fieldId, chain)) {
            return;
        }
        boolean changed = collapsed.remove(side == Side.TARGET ? "T" : "S:" + sourceId);
        for (String id : chain) {
            changed |= collapsed.remove(side == Side.TARGET ? DiagramRow.targetKey(id) : DiagramRow.sourceKey(sourceId, id));
        }
        if (changed) {
            relayout();
        }
    }

    private static boolean ancestors(List<Field> fields, String id, List<String> chain) {
        for (Field f : fields) {
            if (f.id().equals(id)) {
                return true;
            }
            chain.add(f.id());
            if (ancestors(f.children(), id, chain)) {
                return true;
            }
            chain.remove(chain.size() - 1);
        }
        return false;
    }

    private void publishSelection() {
        if (model == null) {
            return;
        }
        String m = model.mapping().id();
        Selection s;
        if (selectedLine != null) {
            s = new Selection.Line(m, selectedLine.targetFieldId(), selectedLine.sourceId(), selectedLine.sourceFieldId());
        } else if (focusSide == Side.TARGET && selectedTarget != null) {
            s = new Selection.TargetField(m, selectedTarget);
        } else if (markedSource != null) {
            String[] p = markedSource();
            s = new Selection.SourceField(p[0], p[1]);
        } else {
            s = new Selection.Mapping(m);
        }
        session.select(s, this);
    }

    private void selectRow(DiagramRow r) {
        if (r.header()) {
            return;
        }
        selectedLine = null;
        if (r.side() == Side.SOURCE) {
            markedSource = r.key();
            focusSide = Side.SOURCE;
        } else {
            selectedTarget = r.field().id();
            focusSide = Side.TARGET;
        }
        reveal(r);
        publishSelection();
        redraw();
    }

    // ---------------------------------------------------------------- mouse and keys

    private void mouseDown(Event e) {
        if (e.button != 1) {
            if (e.button == 3) {
                DiagramRow r = rowAt(e.x, e.y);
                if (r != null && !r.header()) {
                    selectRow(r);
                } else {
                    MappingModel.Line l = lineAt(e.x, e.y);
                    if (l != null) {
                        selectLine(l);
                    }
                }
            }
            return;
        }
        setFocus();
        cancelRename();
        DiagramRow r = rowAt(e.x, e.y);
        if (r != null) {
            if (r.header() || onToggle(r, e.x)) {
                toggle(r);
                return;
            }
            selectRow(r);
            if (r.side() == Side.SOURCE) {
                pressSource = r.key();
                pressPoint = new Point(e.x, e.y);
            }
            return;
        }
        MappingModel.Line l = lineAt(e.x, e.y);
        if (l != null) {
            selectLine(l);
        } else if (selectedLine != null) {
            selectedLine = null;
            publishSelection();
            redraw();
        }
    }

    private void selectLine(MappingModel.Line l) {
        selectedLine = l;
        selectedTarget = l.targetFieldId();
        markedSource = DiagramRow.sourceKey(l.sourceId(), l.sourceFieldId());
        focusSide = Side.TARGET;
        publishSelection();
        redraw();
    }

    private void mouseMove(Event e) {
        if (pressSource != null && (e.stateMask & SWT.BUTTON1) != 0) {
            if (!dragging && Math.abs(e.x - pressPoint.x) + Math.abs(e.y - pressPoint.y) > DRAG_THRESHOLD) {
                dragging = true;
            }
            if (dragging) {
                dragPoint = new Point(e.x, e.y);
                DiagramRow over = rowAt(e.x, e.y);
                dropTarget = over != null && over.side() == Side.TARGET && !over.header() ? over.field().id() : null;
                autoScroll(e.y);
                redraw();
                return;
            }
        }
        DiagramRow r = rowAt(e.x, e.y);
        String key = r == null ? null : r.key();
        MappingModel.Line l = r == null ? lineAt(e.x, e.y) : null;
        if (!Objects.equals(key, hoverKey) || !Objects.equals(l, hoverLine)) {
            hoverKey = key;
            hoverLine = l;
            setToolTipText(tooltip(r, l));
            redraw();
        }
    }

    private void autoScroll(int y) {
        ScrollBar bar = getVerticalBar();
        int h = getClientArea().height;
        int delta = y < rowHeight ? -rowHeight / 2 : y > h - rowHeight ? rowHeight / 2 : 0;
        if (delta != 0 && bar.isVisible()) {
            bar.setSelection(Math.max(0, Math.min(bar.getMaximum() - bar.getThumb(), bar.getSelection() + delta)));
            relayoutLines();
        }
    }

    private void mouseUp(Event e) {
        if (e.button != 1) {
            return;
        }
        String from = pressSource;
        boolean wasDragging = dragging;
        pressSource = null;
        pressPoint = null;
        dragging = false;
        dragPoint = null;
        String target = dropTarget;
        dropTarget = null;
        if (wasDragging && from != null) {
            if (target != null) {
                String[] p = from.split(":", 3);
                mapField(p[1], p[2], target);
            } else {
                status.accept("Drop the field onto a target field on the right to map it.");
            }
        }
        redraw();
    }

    private void mouseDoubleClick(Event e) {
        DiagramRow r = rowAt(e.x, e.y);
        if (r != null && r.side() == Side.TARGET && !r.header()) {
            onEditExpression.accept(r.field().id());
        } else if (r == null) {
            MappingModel.Line l = lineAt(e.x, e.y);
            if (l != null) {
                onEditExpression.accept(l.targetFieldId());
            }
        }
    }

    private void keyDown(Event e) {
        if ((e.stateMask & SWT.MOD1) != 0 && (e.keyCode == 'f' || e.keyCode == 'F')) {
            onFocusFilter.run();
            return;
        }
        switch (e.keyCode) {
            case SWT.ARROW_UP -> moveSelection(-1);
            case SWT.ARROW_DOWN -> moveSelection(1);
            case SWT.ARROW_LEFT, SWT.ARROW_RIGHT -> horizontal(e.keyCode == SWT.ARROW_RIGHT);
            case SWT.CR, SWT.KEYPAD_CR -> enter();
            case SWT.DEL -> {
                if (selectedLine != null) {
                    deleteSelectedLine();
                } else if (focusSide == Side.TARGET && selectedTarget != null) {
                    unmap(selectedTarget);
                }
            }
            case SWT.F2 -> startRename();
            default -> {
                if (e.character == ' ') {
                    DiagramRow r = current();
                    if (r != null && r.expandable()) {
                        toggle(r);
                    }
                }
            }
        }
    }

    /** Enter: map the marked source field onto the selected target field, else edit the target's expression. */
    private void enter() {
        String[] src = markedSource();
        if (src != null && selectedTarget != null && selectedLine == null) {
            mapField(src[0], src[1], selectedTarget);
        } else if (selectedTarget != null) {
            onEditExpression.accept(selectedTarget);
        } else if (src != null) {
            status.accept("Now select a target field on the right (→ and arrows) and press Enter to map " + src[1] + ".");
        }
    }

    private DiagramRow current() {
        String key = focusSide == Side.TARGET ? (selectedTarget == null ? null : DiagramRow.targetKey(selectedTarget)) : markedSource;
        return key == null ? null : visibleRow(key);
    }

    private void moveSelection(int delta) {
        List<DiagramRow> side = rows.stream().filter(r -> r.side() == focusSide && !r.header()).toList();
        if (side.isEmpty()) {
            return;
        }
        DiagramRow cur = current();
        int i = cur == null ? (delta > 0 ? -1 : side.size()) : side.indexOf(cur);
        int next = Math.max(0, Math.min(side.size() - 1, i + delta));
        selectRow(side.get(next));
    }

    private void horizontal(boolean right) {
        DiagramRow cur = current();
        if (cur != null && cur.expandable() && cur.expanded() != right) {
            toggle(cur);
            return;
        }
        Side want = right ? Side.TARGET : Side.SOURCE;
        focusSide = want;
        if (current() == null) {
            rows.stream().filter(r -> r.side() == want && !r.header()).findFirst().ifPresent(this::selectRow);
        } else {
            selectedLine = null;
            publishSelection();
            redraw();
        }
    }

    private String tooltip(DiagramRow r, MappingModel.Line l) {
        if (l != null && model != null) {
            String target = model.mapping().targetSchema().byId(l.targetFieldId()).map(Field::name).orElse("?");
            return l.ref().qualifiedPath() + " → " + target + "\n" + model.expression(l.targetFieldId());
        }
        if (r == null || r.header() || model == null) {
            return null;
        }
        Field f = r.field();
        StringBuilder b = new StringBuilder(f.name()).append(" : ").append(f.type().id());
        b.append(f.nullable() ? ", nullable" : ", required").append(f.key() ? ", key" : "");
        if (f.format() != null) {
            b.append(", format ").append(f.format());
        }
        if (r.side() == Side.SOURCE && insights != null) {
            FieldEvidence ev = insights.evidence(r.sourceId(), f.id());
            if (ev != null && !ev.samples().isEmpty()) {
                b.append("\nsamples: ").append(String.join(", ", ev.samples()));
            }
        } else if (r.side() == Side.TARGET) {
            String expr = model.expression(f.id());
            b.append('\n').append(expr == null ? "not mapped" : "= " + expr);
            for (Problem p : model.problems(f.id())) {
                b.append('\n').append(p.severity().id()).append(": ").append(p.message());
            }
        }
        return b.toString();
    }

    private Menu buildMenu() {
        Menu menu = new Menu(this);
        MenuItem map = item(menu, "&Map Marked Source Field\tEnter", () -> enter());
        MenuItem edit = item(menu, "&Edit Expression", () -> {
            if (selectedTarget != null) {
                onEditExpression.accept(selectedTarget);
            }
        });
        MenuItem del = item(menu, "&Remove Mapping\tDel", () -> {
            if (selectedLine != null) {
                deleteSelectedLine();
            } else if (selectedTarget != null) {
                unmap(selectedTarget);
            }
        });
        new MenuItem(menu, SWT.SEPARATOR);
        MenuItem rename = item(menu, "Re&name Target Field\tF2", this::startRename);
        MenuItem add = item(menu, "&Add Target Field", this::addTargetField);
        MenuItem delete = item(menu, "&Delete Target Field", this::deleteTargetField);
        new MenuItem(menu, SWT.SEPARATOR);
        List<MenuItem> settings = new java.util.ArrayList<>();
        for (var page : org.mapwright.ui.dialogs.MappingSettingsDialog.Page.values()) {
            settings.add(item(menu, page.title() + "…", () -> onEditSettings.accept(page)));
        }
        MenuItem export = item(menu, "Export Diagram…", () -> onExport.run());
        new MenuItem(menu, SWT.SEPARATOR);
        item(menu, "E&xpand All", () -> {
            collapsed.clear();
            relayout();
        });
        menu.addListener(SWT.Show, e -> {
            boolean target = selectedTarget != null;
            map.setEnabled(markedSource != null && target);
            edit.setEnabled(target);
            del.setEnabled(selectedLine != null || target && model != null && model.isMapped(selectedTarget));
            rename.setEnabled(target);
            delete.setEnabled(target);
            add.setEnabled(model != null);
            settings.forEach(i -> i.setEnabled(model != null));
            export.setEnabled(model != null);
        });
        return menu;
    }

    private static MenuItem item(Menu menu, String text, Runnable action) {
        MenuItem i = new MenuItem(menu, SWT.PUSH);
        i.setText(text);
        i.addListener(SWT.Selection, e -> action.run());
        return i;
    }

    /** Adds a text field after the selected target field and starts renaming it. */
    public void addTargetField() {
        if (model == null) {
            return;
        }
        var schema = model.mapping().targetSchema();
        List<String> ids = schema.allFields().stream().map(Field::id).toList();
        String id = new org.mapwright.core.Ids().nextUnique("t", ids);
        String name = ProjectEdits.uniqueFieldName(schema.fields(), "new_field");
        String after = selectedTarget != null && schema.indexOf(selectedTarget) >= 0 ? selectedTarget : null;
        session.execute("Add target field " + name, ProjectEdits.addTargetField(model.mapping().id(), after, Field.of(id, name, DataType.TEXT)));
        selectedTarget = id;
        selectedLine = null;
        focusSide = Side.TARGET;
        publishSelection();
        startRename();
    }

    private void deleteTargetField() {
        if (model == null || selectedTarget == null) {
            return;
        }
        String name = model.mapping().targetSchema().byId(selectedTarget).map(Field::name).orElse("?");
        session.execute("Delete target field " + name, ProjectEdits.deleteTargetField(model.mapping().id(), selectedTarget));
        status.accept("Deleted target field " + name + ". Undo with Ctrl+Z.");
        selectedTarget = null;
        selectedLine = null;
        publishSelection();
    }

    // ---------------------------------------------------------------- painting

    private Color c(int r, int g, int b) {
        return res.rgb(r, g, b);
    }

    private void paint(GC gc) {
        Rectangle area = getClientArea();
        gc.setAdvanced(true);
        gc.setAntialias(SWT.ON);
        gc.setTextAntialias(SWT.ON);
        gc.setBackground(c(246, 247, 249));
        gc.fillRectangle(area);
        if (model == null) {
            String msg = session.document() == null ? "No project is open. Use File › Open Project… or File › New Project…"
                    : "This project has no mapping yet. Add a source with File › Add CSV Source… to start one.";
            gc.setForeground(c(110, 110, 110));
            Point e = extent(gc, msg);
            gc.drawText(msg, Math.max(MARGIN, (area.width - e.x) / 2), Math.max(MARGIN, (area.height - e.y) / 2), true);
            return;
        }
        int scroll = scrollOffset();
        paintGroups(gc, scroll, area.height);
        String hoverRowKey = hoverKey;
        for (PaintedLine p : painted) {
            // A line's curve stays between its end points' heights: one wholly above or below the view is not drawn.
            if (Math.max(p.y1(), p.y2()) >= -LINE_MARGIN && Math.min(p.y1(), p.y2()) <= area.height + LINE_MARGIN) {
                paintLine(gc, p, hoverRowKey, area.height);
            }
        }
        if (dragging && pressSource != null && dragPoint != null) {
            DiagramRow from = visibleRow(pressSource);
            if (from != null) {
                gc.setForeground(c(230, 126, 34));
                gc.setLineWidth(2);
                gc.setLineStyle(SWT.LINE_DASH);
                int[] pts = bezierPolyline(from.x() + from.width(), from.centerY() - scroll, dragPoint.x, dragPoint.y);
                gc.drawPolyline(pts);
                gc.setLineStyle(SWT.LINE_SOLID);
            }
        }
        for (DiagramRow r : rows) {
            if (r.y() - scroll + r.height() < 0 || r.y() - scroll > area.height) {
                continue;
            }
            if (r.header()) {
                paintHeader(gc, r, scroll);
            } else {
                paintField(gc, r, scroll);
            }
        }
    }

    /** White cards behind each source's rows and the target's rows. */
    private void paintGroups(GC gc, int scroll, int height) {
        DiagramRow start = null;
        DiagramRow last = null;
        for (DiagramRow r : rows) {
            if (r.header()) {
                if (start != null) {
                    card(gc, start, last, scroll, height);
                }
                start = r;
            }
            last = r;
        }
        if (start != null) {
            card(gc, start, last, scroll, height);
        }
    }

    private void card(GC gc, DiagramRow first, DiagramRow last, int scroll, int height) {
        int y = first.y() - scroll;
        int bottom = last.y() + last.height() - scroll;
        if (bottom < 0 || y > height) {
            return;
        }
        // Clipped to just beyond the view, so the off-screen rounded ends stay off-screen and a card of
        // thousands of rows is not handed to the graphics system (X11 coordinates end at 32,767).
        y = Math.max(y, -20);
        bottom = Math.min(bottom, height + 20);
        int h = bottom - y;
        gc.setBackground(c(255, 255, 255));
        gc.fillRoundRectangle(first.x(), y, first.width(), h, 8, 8);
        gc.setForeground(c(208, 213, 221));
        gc.setLineWidth(1);
        gc.drawRoundRectangle(first.x(), y, first.width() - 1, h - 1, 8, 8);
    }

    private void paintHeader(GC gc, DiagramRow r, int scroll) {
        int y = r.y() - scroll;
        boolean target = r.side() == Side.TARGET;
        gc.setBackground(target ? c(224, 242, 241) : c(227, 236, 246));
        gc.fillRoundRectangle(r.x() + 1, y + 1, r.width() - 2, r.height() - 2, 8, 8);
        triangle(gc, r.x() + 6, y + r.height() / 2, r.expanded());
        String title;
        String subtitle;
        UiResources.Icon icon;
        if (target) {
            title = model.mapping().name();
            MappingModel.Coverage cov = index.coverage();
            subtitle = "target · " + cov.mapped() + "/" + cov.fields() + " mapped";
            icon = UiResources.Icon.TARGET;
        } else {
            MappingModel.SourceEntry e = model.sources().stream().filter(s -> s.source().id().equals(r.sourceId())).findFirst().orElse(null);
            title = e == null ? "?" : e.source().name();
            subtitle = e == null ? "" : e.source().connector() + (e.primary() ? " · primary" : " · " + e.join().kind().name().toLowerCase(Locale.ROOT) + " join");
            icon = e != null && e.primary() ? UiResources.Icon.SOURCE : UiResources.Icon.LOOKUP;
        }
        gc.drawImage(res.icon(icon), r.x() + 22, y + (r.height() - 16) / 2);
        gc.setFont(res.bold());
        gc.setForeground(c(33, 37, 41));
        Point te = extent(gc, title);
        gc.drawText(title, r.x() + 44, y + (r.height() - te.y) / 2, true);
        gc.setFont(getFont());
        gc.setForeground(c(110, 117, 125));
        Point se = extent(gc, subtitle);
        int sx = Math.max(r.x() + 50 + te.x, r.x() + r.width() - se.x - 10);
        if (sx + se.x < r.x() + r.width()) {
            gc.drawText(subtitle, sx, y + (r.height() - se.y) / 2, true);
        }
        if (r.header() && !target && model.problems(org.mapwright.engine.Problem.SOURCE).stream().anyMatch(Problem::isError)
                && model.sources().stream().anyMatch(s -> s.primary() && s.source().id().equals(r.sourceId()))) {
            gc.drawImage(res.icon(UiResources.Icon.ERROR), r.x() + r.width() - 20, y + (r.height() - 16) / 2);
        }
    }

    private void triangle(GC gc, int x, int cy, boolean open) {
        gc.setBackground(c(96, 103, 112));
        if (open) {
            gc.fillPolygon(new int[] {x, cy - 3, x + 9, cy - 3, x + 4, cy + 3});
        } else {
            gc.fillPolygon(new int[] {x + 2, cy - 5, x + 8, cy, x + 2, cy + 5});
        }
    }

    private void paintField(GC gc, DiagramRow r, int scroll) {
        int y = r.y() - scroll;
        Field f = r.field();
        boolean target = r.side() == Side.TARGET;
        String key = r.key();
        boolean selected = target ? f.id().equals(selectedTarget) && (focusSide == Side.TARGET || selectedLine != null)
                : key.equals(markedSource) && (focusSide == Side.SOURCE || selectedLine != null);
        boolean marked = !target && key.equals(markedSource) && !selected;
        boolean secondary = target && f.id().equals(selectedTarget) && !selected;
        Color bg = null;
        if (target && f.id().equals(dropTarget)) {
            bg = c(212, 245, 212);
        } else if (selected) {
            bg = isFocusControl() ? c(204, 228, 255) : c(222, 234, 248);
        } else if (marked || secondary) {
            bg = c(255, 243, 196);
        } else if (key.equals(hoverKey)) {
            bg = c(241, 245, 249);
        }
        if (bg != null) {
            gc.setBackground(bg);
            gc.fillRectangle(r.x() + 1, y, r.width() - 2, r.height());
        }
        gc.setForeground(c(236, 238, 241));
        gc.drawLine(r.x() + 8, y + r.height() - 1, r.x() + r.width() - 8, y + r.height() - 1);
        int x = r.x() + 8 + r.depth() * INDENT;
        if (r.expandable()) {
            triangle(gc, x - 2, y + r.height() / 2, r.expanded());
        }
        x += 16;
        badge(gc, f.type(), f.repeated(), x, y + (r.height() - 16) / 2);
        x += BADGE_W + 6;
        gc.setFont(f.key() ? res.bold() : getFont());
        gc.setForeground(c(33, 37, 41));
        Point ne = extent(gc, f.name());
        int right = r.x() + r.width() - 12;
        int nameRoom = right - x - 20;
        String name = ellipsize(gc, f.name(), nameRoom);
        gc.drawText(name, x, y + (r.height() - ne.y) / 2, true);
        int after = x + extent(gc, name).x + 4;
        gc.setFont(getFont());
        if (!f.nullable()) {
            gc.setForeground(target && !index.isMapped(f.id()) ? c(211, 47, 47) : c(150, 150, 150));
            gc.drawText("*", after, y + (r.height() - ne.y) / 2, true);
            after += extent(gc, "*").x + 4;
        }
        if (f.key()) {
            gc.drawImage(res.icon(UiResources.Icon.KEY), after, y + (r.height() - 16) / 2);
            after += 18;
        }
        if (target) {
            paintTargetExtras(gc, r, y, after, right);
            boolean mapped = index.isMapped(f.id());
            anchor(gc, r.x(), y + r.height() / 2, mapped ? c(56, 142, 60) : null, !f.nullable() && !mapped ? c(211, 47, 47) : c(176, 180, 186));
        } else {
            paintSourceExtras(gc, r, y, after, right);
            boolean used = index.usedSource(key);
            anchor(gc, r.x() + r.width(), y + r.height() / 2, used ? c(58, 123, 213) : null, c(176, 180, 186));
        }
    }

    private void paintTargetExtras(GC gc, DiagramRow r, int y, int after, int right) {
        Field f = r.field();
        String expr = index.expression(f.id());
        int x = right;
        if (model.hasError(f.id())) {
            x -= 16;
            gc.drawImage(res.icon(UiResources.Icon.ERROR), x, y + (r.height() - 16) / 2);
            x -= 4;
        } else if (!model.problems(f.id()).isEmpty()) {
            x -= 16;
            gc.drawImage(res.icon(UiResources.Icon.WARNING), x, y + (r.height() - 16) / 2);
            x -= 4;
        }
        boolean direct = index.directTarget(f.id());
        if (expr != null && !direct) {
            gc.setFont(res.italic());
            gc.setForeground(c(142, 68, 173));
            String text = ellipsize(gc, "ƒ " + expr.replaceAll("\\s+", " "), x - after - 6);
            Point e = extent(gc, text);
            if (!text.isEmpty()) {
                gc.drawText(text, x - e.x, y + (r.height() - e.y) / 2, true);
            }
            gc.setFont(getFont());
        }
    }

    private void paintSourceExtras(GC gc, DiagramRow r, int y, int after, int right) {
        if (insights == null) {
            return;
        }
        FieldEvidence ev = insights.evidence(r.sourceId(), r.field().id());
        if (ev == null || ev.samples().isEmpty()) {
            return;
        }
        gc.setForeground(c(140, 146, 153));
        String text = ellipsize(gc, ev.samples().get(0), right - after - 16);
        if (!text.isEmpty()) {
            Point e = extent(gc, text);
            gc.drawText(text, right - e.x - 4, y + (r.height() - e.y) / 2, true);
        }
    }

    private void badge(GC gc, DataType type, boolean repeated, int x, int y) {
        gc.setBackground(res.typeColor(type));
        gc.fillRoundRectangle(x, y + 1, BADGE_W, 14, 6, 6);
        gc.setFont(res.small());
        gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_WHITE));
        String label = UiResources.typeLabel(type) + (repeated ? "[]" : "");
        Point e = extent(gc, label);
        gc.drawText(label, x + (BADGE_W - e.x) / 2, y + 1 + (14 - e.y) / 2, true);
        gc.setFont(getFont());
    }

    private void anchor(GC gc, int x, int y, Color fill, Color outline) {
        if (fill != null) {
            gc.setBackground(fill);
            gc.fillOval(x - 4, y - 4, 9, 9);
        } else {
            gc.setBackground(c(255, 255, 255));
            gc.fillOval(x - 4, y - 4, 9, 9);
            gc.setForeground(outline);
            gc.setLineWidth(1);
            gc.drawOval(x - 4, y - 4, 8, 8);
        }
    }

    private void paintLine(GC gc, PaintedLine p, String hoverRowKey, int height) {
        MappingModel.Line l = p.line();
        boolean selected = l.equals(selectedLine);
        String sk = DiagramRow.sourceKey(l.sourceId(), l.sourceFieldId());
        String tk = DiagramRow.targetKey(l.targetFieldId());
        boolean related = l.equals(hoverLine) || sk.equals(hoverRowKey) || tk.equals(hoverRowKey)
                || selectedLine == null && (tk.equals(selectedTarget == null ? null : DiagramRow.targetKey(selectedTarget)) && focusSide == Side.TARGET
                        || sk.equals(markedSource) && focusSide == Side.SOURCE);
        Color color = selected ? c(230, 126, 34) : l.direct() ? c(58, 123, 213) : c(142, 68, 173);
        if (model.hasError(l.targetFieldId()) && !selected) {
            color = c(211, 47, 47);
        }
        gc.setForeground(color);
        gc.setLineWidth(selected ? 3 : related ? 2 : 1);
        gc.setAlpha(selected || related ? 255 : 190);
        gc.setLineStyle(p.dashed() ? SWT.LINE_DASH : SWT.LINE_SOLID);
        Path path = new Path(getDisplay());
        try {
            double dx = Math.max(40, (p.x2() - p.x1()) * 0.5);
            double[] c = {p.x1(), p.y1(), p.x1() + dx, p.y1(), p.x2() - dx, p.y2(), p.x2(), p.y2()};
            if (!p.dashed()) {
                // Only the part in view: a line between rows far apart is mostly off-screen, and the
                // graphics system would flatten and clip all of it on every scroll step. (Dashed lines
                // are few and keep their whole curve, so their dash pattern does not shift.)
                c = visiblePart(c, -LINE_MARGIN, height + LINE_MARGIN);
            }
            path.moveTo((float) c[0], (float) c[1]);
            path.cubicTo((float) c[2], (float) c[3], (float) c[4], (float) c[5], (float) c[6], (float) c[7]);
            gc.drawPath(path);
        } finally {
            path.dispose();
        }
        gc.setLineStyle(SWT.LINE_SOLID);
        gc.setAlpha(255);
        if (!l.direct()) {
            gc.setBackground(color);
            gc.fillOval(p.x2() - 16, p.y2() - 3, 6, 6);
        }
    }

    /**
     * The part of a line's cubic curve between two heights, as a cubic curve of its own (exactly
     * the same points). The curve's control points lie at its end points' heights, so its height
     * runs monotonically from {@code y0} to {@code y3} as {@code y0 + (y3 - y0) * (3t² - 2t³)}.
     *
     * @param c {@code x0, y0, x1, y1, x2, y2, x3, y3} with {@code y1 == y0} and {@code y2 == y3}
     */
    static double[] visiblePart(double[] c, double top, double bottom) {
        double y0 = c[1];
        double y3 = c[7];
        double lo = Math.min(y0, y3);
        double hi = Math.max(y0, y3);
        if (lo >= top && hi <= bottom || hi - lo < 1) {
            return c;
        }
        double ta = smoothstepInverse((Math.max(lo, top) - y0) / (y3 - y0));
        double tb = smoothstepInverse((Math.min(hi, bottom) - y0) / (y3 - y0));
        double t0 = Math.max(0, Math.min(ta, tb));
        double t1 = Math.min(1, Math.max(ta, tb));
        if (t0 <= 0 && t1 >= 1) {
            return c;
        }
        double[] left = split(c, t1, true);
        return t1 <= 0 ? left : split(left, t0 / t1, false);
    }

    /** @return t in [0, 1] with 3t² - 2t³ = s */
    private static double smoothstepInverse(double s) {
        double v = Math.max(0, Math.min(1, s));
        return 0.5 - Math.sin(Math.asin(1 - 2 * v) / 3);
    }

    /** De Casteljau: the part of a cubic before ({@code first}) or after t. */
    private static double[] split(double[] c, double t, boolean first) {
        double[] out = new double[8];
        for (int axis = 0; axis < 2; axis++) {
            double p0 = c[axis];
            double p1 = c[2 + axis];
            double p2 = c[4 + axis];
            double p3 = c[6 + axis];
            double a = p0 + (p1 - p0) * t;
            double b = p1 + (p2 - p1) * t;
            double d = p2 + (p3 - p2) * t;
            double e = a + (b - a) * t;
            double f = b + (d - b) * t;
            double g = e + (f - e) * t;
            double[] part = first ? new double[] {p0, a, e, g} : new double[] {g, f, d, p3};
            for (int i = 0; i < 4; i++) {
                out[2 * i + axis] = part[i];
            }
        }
        return out;
    }

    private String ellipsize(GC gc, String text, int width) {
        if (width <= 10) {
            return "";
        }
        if (extent(gc, text).x <= width) {
            return text;
        }
        String dots = "…";
        int lo = 0;
        int hi = text.length();
        while (lo < hi) {
            int mid = (lo + hi + 1) / 2;
            if (extent(gc, text.substring(0, mid) + dots).x <= width) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo == 0 ? "" : text.substring(0, lo) + dots;
    }

    /**
     * {@link GC#textExtent} of the GC's current font, remembered: measuring text is the costliest
     * part of painting a row, and the same names are painted again on every scroll step.
     */
    private Point extent(GC gc, String text) {
        Font font = gc.getFont();
        Map<String, Point> byText = extents.get(font);
        if (byText == null) {
            // a handful of fonts are painted; more means fonts come and go (zoom): start over
            if (extents.size() >= 16) {
                extents.clear();
            }
            byText = new HashMap<>();
            extents.put(font, byText);
        }
        Point p = byText.get(text);
        if (p == null) {
            if (byText.size() >= EXTENT_CACHE_LIMIT) {
                byText.clear();
            }
            p = gc.textExtent(text);
            byText.put(text, p);
        }
        return p;
    }

    /**
     * What painting asks of the model for every visible row, looked up once per model: the model
     * answers these questions by scanning all field mappings or lines, which is quadratic over a
     * large schema.
     */
    private static final class ModelIndex {

        static final ModelIndex EMPTY = new ModelIndex();

        private final Map<String, String> expressions;
        private final Set<String> usedSources;
        private final Set<String> directTargets;
        private final MappingModel.Coverage coverage;

        private ModelIndex() {
            expressions = Map.of();
            usedSources = Set.of();
            directTargets = Set.of();
            coverage = new MappingModel.Coverage(0, 0, 0, 0);
        }

        ModelIndex(MappingModel m) {
            expressions = new HashMap<>();
            for (var fm : m.mapping().fieldMappings()) {
                expressions.putIfAbsent(fm.targetFieldId(), fm.expression());
            }
            usedSources = new HashSet<>();
            directTargets = new HashSet<>();
            Set<String> seenTargets = new HashSet<>();
            for (MappingModel.Line l : m.lines()) {
                usedSources.add(DiagramRow.sourceKey(l.sourceId(), l.sourceFieldId()));
                // as MappingModel.linesTo(id).get(0).direct(): the first line into a target decides
                if (seenTargets.add(l.targetFieldId()) && l.direct()) {
                    directTargets.add(l.targetFieldId());
                }
            }
            coverage = m.coverage();
        }

        boolean isMapped(String targetFieldId) {
            return expressions.containsKey(targetFieldId);
        }

        String expression(String targetFieldId) {
            return expressions.get(targetFieldId);
        }

        boolean usedSource(String sourceKey) {
            return usedSources.contains(sourceKey);
        }

        boolean directTarget(String targetFieldId) {
            return directTargets.contains(targetFieldId);
        }

        MappingModel.Coverage coverage() {
            return coverage;
        }
    }
}
