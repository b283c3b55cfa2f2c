package org.mapwright.ui.parts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.mapwright.core.Field;
import org.mapwright.core.Schema;
import org.mapwright.core.value.Values;
import org.mapwright.engine.PreviewResult;
import org.mapwright.engine.expr.Explanation;
import org.mapwright.engine.expr.RowScope;
import org.mapwright.internal.ui.AnalysisService;
import org.mapwright.internal.ui.UiResources;
import org.mapwright.ui.model.WorkbenchSession;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * Shows the first target rows of the active mapping as the engine computes them from the current,
 * unsaved project, recomputed in the background after every edit (see {@link AnalysisService}).
 * Rejected rows follow in red with their reason; a toggle switches to the source rows behind them;
 * clicking a cell explains its value. The grid is a virtual SWT table: items are filled only when
 * they become visible.
 */
public class PreviewPart {

    @Inject
    private AnalysisService analysis;
    @Inject
    private UiResources res;
    @Inject
    @Optional
    private WorkbenchSession session;

    private Label header;
    private Button targetMode;
    private Button sourceMode;
    private Table table;
    private Label why;
    private AnalysisService.Preview preview;
    private boolean showSource;
    private final Map<String, Integer> widths = new HashMap<>();
    private static final String REASON = "Status";
    /** Cell margins and the sort/resize handle around the widest status text. */
    private static final int STATUS_PADDING = 24;
    private static final int MAX_STATUS_WIDTH = 240;
    /** Columns before the values: row number and status. */
    private static final int FIRST_VALUE = 2;
    private final AnalysisService.Listener listener = new AnalysisService.Listener() {
        @Override
        public void analysisScheduled() {
            if (header != null && !header.isDisposed() && !header.getText().endsWith("(updating…)")) {
                header.setText(header.getText() + "  (updating…)");
                header.getParent().layout(true);
            }
        }

        @Override
        public void previewUpdated(AnalysisService.Preview p) {
            show(p);
        }
    };

    /** One displayed line of the grid: a target row or a rejected row. */
    private record Line(PreviewResult.Row row, PreviewResult.RejectedRow reject) {
    }

    private List<Line> lines = List.of();

    /** @return the source record a line comes from; lines without one go last */
    private static long order(Line l) {
        long record = l.row() != null ? l.row().record() : l.reject().reject().record();
        return record < 0 ? Long.MAX_VALUE : record;
    }

    @PostConstruct
    public void create(Composite parent) {
        GridLayout layout = new GridLayout(4, false);
        layout.marginWidth = 6;
        layout.marginHeight = 4;
        parent.setLayout(layout);
        targetMode = new Button(parent, SWT.RADIO);
        targetMode.setText("Target rows");
        targetMode.setSelection(true);
        sourceMode = new Button(parent, SWT.RADIO);
        sourceMode.setText("Source rows");
        targetMode.addListener(SWT.Selection, e -> setShowSource(false));
        sourceMode.addListener(SWT.Selection, e -> setShowSource(true));
        Button refresh = new Button(parent, SWT.PUSH);
        refresh.setText("Refresh");
        refresh.addListener(SWT.Selection, e -> analysis.refresh());
        header = new Label(parent, SWT.NONE);
        GridData hd = new GridData(SWT.FILL, SWT.CENTER, true, false);
        hd.horizontalIndent = 12;
        header.setLayoutData(hd);

        table = new Table(parent, SWT.VIRTUAL | SWT.BORDER | SWT.FULL_SELECTION | SWT.MULTI);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 4, 1));
        table.addListener(SWT.SetData, e -> fill((TableItem) e.item, table.indexOf((TableItem) e.item)));
        table.addListener(SWT.MouseDown, e -> explainAt(new Point(e.x, e.y)));
        table.addListener(SWT.MouseHover, e -> table.setToolTipText(statusToolTip(new Point(e.x, e.y))));
        why = new Label(parent, SWT.WRAP);
        why.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 4, 1));
        why.setText("Click a cell to see why it has its value.");

        analysis.addListener(listener);
        show(analysis.preview());
    }

    @PreDestroy
    public void dispose() {
        analysis.removeListener(listener);
    }

    @Focus
    public void focus() {
        table.setFocus();
    }

    /** Switches between target rows and the source rows behind them. */
    public void setShowSource(boolean source) {
        showSource = source;
        targetMode.setSelection(!source);
        sourceMode.setSelection(source);
        show(preview);
    }

    public Table table() {
        return table;
    }

    public String headerText() {
        return header.getText();
    }

    public String whyText() {
        return why.getText();
    }

    /** @return the preview shown, or null */
    public AnalysisService.Preview preview() {
        return preview;
    }

    private void show(AnalysisService.Preview p) {
        if (table == null || table.isDisposed()) {
            return;
        }
        preview = p;
        table.setRedraw(false);
        try {
            for (TableColumn c : table.getColumns()) {
                // A table in a hidden tab reports zero widths; only remember what the user could see.
                if (c.getWidth() > 0 && !REASON.equals(c.getText())) {
                    widths.put(c.getText(), c.getWidth());
                }
                c.dispose();
            }
            table.setItemCount(0);
            if (p == null) {
                header.setText("Computing preview…");
                lines = List.of();
                return;
            }
            PreviewResult r = p.result();
            if (r == null) {
                header.setText(p.failure());
                header.setForeground(res.rgb(198, 40, 40));
                lines = List.of();
                return;
            }
            List<Line> out = new ArrayList<>();
            r.rows().forEach(row -> out.add(new Line(row, null)));
            r.rejects().forEach(rej -> out.add(new Line(null, rej)));
            // Rejects sit where they are in the source, so the grid reads like the file.
            out.sort(java.util.Comparator.comparingLong(PreviewPart::order));
            lines = out;
            column("#", 56);
            column(REASON, statusWidth(out));
            for (String name : columnNames(r)) {
                column(name, 110);
            }
            table.setItemCount(lines.size());
            header.setText(summary(r, p.rows()));
            header.setForeground(r.error() == null ? null : res.rgb(198, 40, 40));
        } finally {
            table.setRedraw(true);
            header.getParent().layout(true);
        }
    }

    private static String summary(PreviewResult r, int limit) {
        StringBuilder b = new StringBuilder(r.plan().mapping().name()).append(" — ");
        if (r.error() != null) {
            b.append(r.error()).append(" — ");
        }
        b.append(r.rows().size()).append(r.rows().size() == limit ? " rows (limit)" : " rows")
                .append(" · read ").append(r.rowsRead())
                .append(" · filtered ").append(r.rowsFiltered())
                .append(" · rejected ").append(r.rowsRejected())
                .append(r.complete() ? " · whole source" : " · first part of the source");
        if (!r.warnings().isEmpty()) {
            b.append(" · ⚠ ").append(r.warnings().get(0));
        }
        return b.toString();
    }

    private List<String> columnNames(PreviewResult r) {
        List<String> names = new ArrayList<>();
        if (showSource) {
            RowScope scope = r.plan().sourceScope();
            for (String q : scope.qualifiers()) {
                r.plan().project().sourceByName(q).ifPresent(s -> s.schema().fields().forEach(f -> names.add(q + "." + f.name())));
            }
        } else {
            r.targetSchema().fields().forEach(f -> names.add(f.name()));
        }
        return names;
    }

    /**
     * Widest status text of the lines (with the header), capped so a long reason does not push the
     * values out of sight; the whole reason shows as the cell's tool tip and in the "why" panel.
     */
    private int statusWidth(List<Line> shown) {
        GC gc = new GC(table);
        try {
            gc.setFont(table.getFont());
            int w = gc.textExtent(REASON).x;
            w = Math.max(w, gc.textExtent("ok").x);
            for (Line l : shown) {
                if (l.reject() != null) {
                    w = Math.max(w, gc.textExtent("✗ " + reason(l.reject())).x);
                }
            }
            return Math.min(w + STATUS_PADDING, MAX_STATUS_WIDTH);
        } finally {
            gc.dispose();
        }
    }

    /** @return the whole status of the row under the point when it is a reject, whose reason the column may cut; else null */
    public String statusToolTip(Point p) {
        TableItem item = table.getItem(p);
        if (item == null || table.getColumnCount() <= 1 || !item.getBounds(1).contains(p)) {
            return null;
        }
        String text = item.getText(1);
        return text.startsWith("✗") ? text : null;
    }

    /** @return the width of a column by its header text, -1 when there is none (for tests) */
    public int columnWidth(String name) {
        for (TableColumn c : table.getColumns()) {
            if (c.getText().equals(name)) {
                return c.getWidth();
            }
        }
        return -1;
    }

    private void column(String name, int defaultWidth) {
        TableColumn c = new TableColumn(table, SWT.LEFT);
        c.setText(name);
        c.setWidth(Math.max(24, widths.getOrDefault(name, defaultWidth)));
        c.setMoveable(true);
    }

    private void fill(TableItem item, int index) {
        if (index < 0 || index >= lines.size()) {
            return;
        }
        Line l = lines.get(index);
        int cols = table.getColumnCount();
        String[] text = new String[cols];
        Arrays.fill(text, "");
        Object[] values;
        if (l.row() != null) {
            text[0] = l.row().record() < 0 ? String.valueOf(index + 1) : String.valueOf(l.row().record());
            text[1] = "ok";
            values = showSource ? l.row().source() : l.row().values();
        } else {
            PreviewResult.RejectedRow rej = l.reject();
            text[0] = rej.reject().record() < 0 ? "" : String.valueOf(rej.reject().record());
            text[1] = "✗ " + reason(rej);
            values = showSource ? rej.source() : rej.values();
            if (values == null && cols > FIRST_VALUE && rej.reject().raw() != null) {
                text[FIRST_VALUE] = "raw: " + rej.reject().raw();
            }
            item.setBackground(res.rgb(255, 235, 238));
            item.setForeground(res.rgb(183, 28, 28));
        }
        if (values != null) {
            for (int i = 0; i < values.length && i + FIRST_VALUE < cols; i++) {
                text[i + FIRST_VALUE] = format(values[i]);
            }
        }
        item.setText(text);
        if (l.row() != null) {
            item.setForeground(1, res.rgb(46, 125, 50));
        }
    }

    private static String reason(PreviewResult.RejectedRow rej) {
        var r = rej.reject();
        StringBuilder b = new StringBuilder();
        if (r.field() != null) {
            b.append(r.field()).append(": ");
        }
        b.append(r.reason());
        if (r.line() >= 0) {
            b.append(" (line ").append(r.line()).append(')');
        }
        return b.toString();
    }

    private static String format(Object v) {
        if (v instanceof Object[] nested) {
            List<String> parts = new ArrayList<>();
            for (Object o : nested) {
                parts.add(format(o));
            }
            return "{" + String.join(", ", parts) + "}";
        }
        if (v instanceof List<?> list) {
            return "[" + String.join(", ", list.stream().map(PreviewPart::format).toList()) + "]";
        }
        return v == null ? "∅" : Values.format(v);
    }

    private void explainAt(Point p) {
        TableItem item = table.getItem(p);
        if (item == null || preview == null || preview.result() == null) {
            return;
        }
        int index = table.indexOf(item);
        int column = -1;
        for (int c = 0; c < table.getColumnCount(); c++) {
            if (item.getBounds(c).contains(p)) {
                column = c;
            }
        }
        if (index < 0 || index >= lines.size()) {
            return;
        }
        if (column < FIRST_VALUE || showSource) {
            PreviewResult.RejectedRow rej = lines.get(index).reject();
            why.setText(rej != null ? "Rejected: " + reason(rej) : "Click a target value to see why it has its value.");
            return;
        }
        explain(index, column - FIRST_VALUE);
    }

    /**
     * Shows why a target cell has its value.
     *
     * @param lineIndex index of the grid line
     * @param field     index of the top-level target field
     */
    public void explain(int lineIndex, int field) {
        PreviewResult r = preview == null ? null : preview.result();
        if (r == null || lineIndex < 0 || lineIndex >= lines.size()) {
            return;
        }
        Schema schema = r.targetSchema();
        if (field < 0 || field >= schema.size()) {
            return;
        }
        Field f = schema.fields().get(field);
        Line l = lines.get(lineIndex);
        java.util.Optional<Explanation> e = l.row() != null ? r.explain(l.row(), f.id()) : r.explain(l.reject());
        if (e.isEmpty()) {
            why.setText(f.name() + ": not mapped" + (l.reject() != null ? " — rejected: " + reason(l.reject()) : ""));
        } else {
            why.setText(f.name() + " = " + render(e.get(), 0));
        }
        why.getParent().layout(true);
    }

    /** Renders the evaluation tree in one line: {@code round(amount * quantity, 2) → 25.00 [amount = 12.5, ...]}. */
    private static String render(Explanation e, int depth) {
        StringBuilder b = new StringBuilder(e.text()).append(" → ");
        b.append(e.failed() ? "error: " + e.error() : e.evaluated() ? format(e.value()) : "not evaluated");
        List<String> leaves = new ArrayList<>();
        collectLeaves(e, leaves);
        if (depth == 0 && !leaves.isEmpty() && !(leaves.size() == 1 && e.children().isEmpty())) {
            b.append("   where ").append(String.join(", ", leaves));
        }
        return b.toString();
    }

    private static void collectLeaves(Explanation e, List<String> out) {
        for (Explanation c : e.children()) {
            if (c.children().isEmpty()) {
                if (c.evaluated() && !c.text().startsWith("'") && !Character.isDigit(c.text().isEmpty() ? '0' : c.text().charAt(0))) {
                    out.add(c.text() + " = " + (c.failed() ? "error: " + c.error() : format(c.value())));
                }
            } else {
                collectLeaves(c, out);
            }
        }
    }
}
