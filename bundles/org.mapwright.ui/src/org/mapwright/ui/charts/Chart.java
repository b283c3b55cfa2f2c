package org.mapwright.ui.charts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.DoubleFunction;

import org.eclipse.swt.SWT;
import org.eclipse.swt.accessibility.AccessibleAdapter;
import org.eclipse.swt.accessibility.AccessibleEvent;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;

/**
 * A chart of line and bar series over a row of categories (run numbers, value buckets), drawn
 * with the control's font so it reads like the rest of the workbench. The left axis measures
 * every series unless a series asks for the right one; both axes start at zero for positive data
 * and tick at round steps. Hovering a category highlights it and shows every series' value there
 * as the tooltip; clicking or the arrow keys select a category and fire {@link SWT#Selection}
 * with {@link Event#index} set to it. With no categories the chart shows its empty message.
 * <p>
 * {@link #paint(GC, Rectangle)} draws into any GC, so a chart can be rendered into an image.
 * UI thread only, like every widget.
 */
public final class Chart extends Canvas {

    private static final int MARGIN = 8;
    private static final int TICK = 4;
    private static final RGB AXIS = new RGB(120, 124, 130);
    private static final RGB GRID = new RGB(228, 231, 235);
    private static final RGB HOVER = new RGB(238, 241, 245);
    private static final RGB SELECTED = new RGB(212, 228, 247);
    private static final RGB TEXT = new RGB(33, 37, 41);

    private List<String> categories = List.of();
    private List<ChartSeries> series = List.of();
    private String title;
    private String xLabel;
    private String leftLabel;
    private String rightLabel;
    /** Shown instead of a plot when the chart has data but too little room to draw it. */
    public static final String TOO_SMALL = "Enlarge the view to see the chart";

    private String emptyMessage = "No data";
    private DoubleFunction<String> valueFormat = Chart::defaultFormat;
    private int hover = -1;
    private int selection = -1;

    /**
     * How the chart is laid out in an area: the plot rectangle, the scales and the width of one
     * category slot.
     *
     * @param plot       the rectangle the series are drawn in
     * @param left       the left axis
     * @param right      the right axis, or null when no series uses it
     * @param slot       the width of one category, in pixels
     * @param labelEvery every how many categories a label is written, so labels never overlap
     * @param legend     where each series' legend entry is, in series order
     */
    public record Layout(Rectangle plot, AxisScale left, AxisScale right, double slot, int labelEvery, List<Rectangle> legend) {

        /** @return the x of a category's centre */
        public int x(int category) {
            return plot.x + (int) Math.round(slot * (category + 0.5));
        }

        /** @return the y of a value on the left or right axis */
        public int y(double value, boolean onRight) {
            AxisScale s = onRight && right != null ? right : left;
            return plot.y + plot.height - (int) Math.round(plot.height * s.fraction(value));
        }

        /** @return the category under an x, or -1 outside the plot */
        public int category(int px, int count) {
            if (px < plot.x || px >= plot.x + plot.width || slot <= 0) {
                return -1;
            }
            int c = (int) ((px - plot.x) / slot);
            return c < count ? c : -1;
        }
    }

    public Chart(Composite parent, int style) {
        super(parent, style | SWT.DOUBLE_BUFFERED);
        addListener(SWT.Paint, e -> paint(e.gc, getClientArea()));
        addListener(SWT.Resize, e -> redraw());
        addListener(SWT.MouseMove, e -> setHover(categoryAt(e.x, e.y)));
        addListener(SWT.MouseExit, e -> setHover(-1));
        addListener(SWT.MouseDown, e -> {
            // Take the focus so the arrow keys move the selection from here.
            forceFocus();
            int c = categoryAt(e.x, e.y);
            if (e.button == 1 && c >= 0) {
                select(c);
            }
        });
        addListener(SWT.KeyDown, e -> {
            if (categories.isEmpty()) {
                return;
            }
            if (e.keyCode == SWT.ARROW_LEFT) {
                select(Math.max(0, selection < 0 ? categories.size() - 1 : selection - 1));
            } else if (e.keyCode == SWT.ARROW_RIGHT) {
                select(Math.min(categories.size() - 1, selection + 1));
            }
        });
        addListener(SWT.Traverse, e -> {
            if (e.detail == SWT.TRAVERSE_TAB_NEXT || e.detail == SWT.TRAVERSE_TAB_PREVIOUS) {
                e.doit = true;
            }
        });
        getAccessible().addAccessibleListener(new AccessibleAdapter() {
            @Override
            public void getName(AccessibleEvent e) {
                e.result = title != null ? title : emptyMessage;
            }
        });
    }

    /**
     * Replaces the data.
     *
     * @param categoryLabels one label per category, left to right
     * @param data           the series; each has (up to) one value per category
     */
    public void setData(List<String> categoryLabels, List<ChartSeries> data) {
        checkWidget();
        categories = List.copyOf(categoryLabels);
        series = List.copyOf(data);
        hover = -1;
        if (selection >= categories.size()) {
            selection = -1;
        }
        setToolTipText(null);
        redraw();
    }

    /** @param text the heading above the plot, or null for none */
    public void setTitle(String text) {
        checkWidget();
        title = text;
        redraw();
    }

    /**
     * @param x     the text under the category labels, or null
     * @param left  the unit of the left axis, written above it, or null
     * @param right the unit of the right axis, or null
     */
    public void setAxisLabels(String x, String left, String right) {
        checkWidget();
        xLabel = x;
        leftLabel = left;
        rightLabel = right;
        redraw();
    }

    /** @param text what the chart says when it has no categories */
    public void setEmptyMessage(String text) {
        checkWidget();
        emptyMessage = Objects.requireNonNull(text);
        redraw();
    }

    /** @param format how hover values are written; the default writes integers with grouping */
    public void setValueFormat(DoubleFunction<String> format) {
        checkWidget();
        valueFormat = Objects.requireNonNull(format);
    }

    public List<String> getCategories() {
        checkWidget();
        return categories;
    }

    public List<ChartSeries> getSeries() {
        checkWidget();
        return series;
    }

    /** @return the selected category, or -1 */
    public int getSelection() {
        checkWidget();
        return selection;
    }

    /** Selects a category without firing {@link SWT#Selection}; -1 clears. */
    public void setSelection(int category) {
        checkWidget();
        selection = category >= 0 && category < categories.size() ? category : -1;
        redraw();
    }

    /** @return the hovered category, or -1 */
    public int getHover() {
        checkWidget();
        return hover;
    }

    /** @return the category under a point of the control, or -1 */
    public int categoryAt(int x, int y) {
        checkWidget();
        Layout l = computeLayout();
        if (l == null || y < l.plot().y || y > l.plot().y + l.plot().height) {
            return -1;
        }
        return l.category(x, categories.size());
    }

    /**
     * The hover text of a category: its label, then one line per series with a value there.
     *
     * @return the text, or null for a category out of range
     */
    public String hoverText(int category) {
        checkWidget();
        if (category < 0 || category >= categories.size()) {
            return null;
        }
        StringBuilder b = new StringBuilder(categories.get(category));
        for (ChartSeries s : series) {
            double v = s.value(category);
            if (!Double.isNaN(v)) {
                b.append('\n').append(s.name()).append(": ").append(valueFormat.apply(v));
            }
        }
        return b.toString();
    }

    /** @return the layout in the current client area, or null when there is nothing to plot */
    public Layout computeLayout() {
        checkWidget();
        GC gc = new GC(this);
        try {
            return layout(gc, getClientArea());
        } finally {
            gc.dispose();
        }
    }

    @Override
    public Point computeSize(int wHint, int hHint, boolean changed) {
        GC gc = new GC(this);
        int h = gc.getFontMetrics().getHeight();
        gc.dispose();
        return new Point(wHint == SWT.DEFAULT ? 320 : wHint, hHint == SWT.DEFAULT ? Math.max(160, h * 12) : hHint);
    }

    /**
     * Lays the chart out in an area with the GC's font.
     *
     * @return the layout, or null when there are no categories or the area is too small
     */
    public Layout layout(GC gc, Rectangle area) {
        if (categories.isEmpty()) {
            return null;
        }
        gc.setFont(getFont());
        int fh = gc.getFontMetrics().getHeight();
        boolean compact = compact(area, fh);
        int top = area.y + MARGIN;
        int lx = area.x + MARGIN;
        if (title != null) {
            if (compact && !series.isEmpty()) {
                lx += gc.textExtent(title).x + 16; // the legend follows the title on its line
            } else {
                top += fh + 4;
            }
        }
        List<Rectangle> legend = new ArrayList<>();
        int rowH = fh + 2;
        for (ChartSeries s : series) {
            int w = fh / 2 + 8 + gc.textExtent(s.name()).x;
            if (lx + w > area.x + area.width - MARGIN && lx > area.x + MARGIN) {
                lx = area.x + MARGIN;
                top += rowH;
            }
            legend.add(new Rectangle(lx, top, w, fh));
            lx += w + 12;
        }
        if (!series.isEmpty()) {
            top += rowH + 4;
        }
        if (!compact && (leftLabel != null || rightLabel != null)) {
            top += fh + 2;
        }
        int bottom = area.y + area.height - MARGIN - fh - TICK - 2;
        if (xLabel != null) {
            bottom -= fh + 2;
        }
        int plotH = bottom - top;
        if (plotH < fh || area.width < 4 * MARGIN) {
            return null;
        }
        int intervals = Math.max(1, Math.min(10, plotH / (fh * 2 + 4)));
        AxisScale left = scale(false, intervals);
        AxisScale right = series.stream().anyMatch(ChartSeries::right) ? scale(true, intervals) : null;
        int leftW = labelWidth(gc, left) + TICK + 4;
        int rightW = right == null ? 0 : labelWidth(gc, right) + TICK + 4;
        int plotX = area.x + MARGIN + leftW;
        int plotW = area.x + area.width - MARGIN - rightW - plotX - (right == null ? gc.textExtent("0").x : 0);
        if (plotW < categories.size() && plotW < 8) {
            return null;
        }
        double slot = (double) plotW / categories.size();
        int widest = 0;
        for (String c : categories) {
            widest = Math.max(widest, gc.textExtent(c).x);
        }
        int every = Math.max(1, (int) Math.ceil((widest + 8) / Math.max(1, slot)));
        return new Layout(new Rectangle(plotX, top, plotW, plotH), left, right, slot, every, legend);
    }

    /**
     * @return whether the area is so low that the legend shares the title's line and the axis
     *         labels are left out (their units are in the tooltips), so a short view still plots
     */
    private static boolean compact(Rectangle area, int fontHeight) {
        return area.height < 9 * fontHeight;
    }

    /** Draws the chart into an area of any GC. */
    public void paint(GC gc, Rectangle area) {
        gc.setFont(getFont());
        gc.setBackground(getBackground());
        gc.fillRectangle(area);
        gc.setAntialias(SWT.ON);
        gc.setTextAntialias(SWT.ON);
        int fh = gc.getFontMetrics().getHeight();
        gc.setForeground(new Color(TEXT));
        if (title != null) {
            gc.drawText(title, area.x + MARGIN, area.y + MARGIN, true);
        }
        Layout l = layout(gc, area);
        if (l == null) {
            // with data but no room for a plot, saying "no data" would mislead
            String message = categories.isEmpty() ? emptyMessage : TOO_SMALL;
            Point e = gc.textExtent(message);
            gc.setForeground(new Color(AXIS));
            gc.drawText(message, area.x + (area.width - e.x) / 2, area.y + (area.height - e.y) / 2, true);
            return;
        }
        Rectangle p = l.plot();
        for (int i = 0; i < series.size(); i++) {
            Rectangle r = l.legend().get(i);
            gc.setBackground(new Color(series.get(i).color()));
            gc.fillRectangle(r.x, r.y + fh / 4, fh / 2 + 2, fh / 2 + 2);
            gc.setForeground(new Color(TEXT));
            gc.drawText(series.get(i).name(), r.x + fh / 2 + 8, r.y, true);
        }
        highlight(gc, l, selection, SELECTED);
        if (hover != selection) {
            highlight(gc, l, hover, HOVER);
        }
        gc.setLineWidth(1);
        for (double t : l.left().ticks()) {
            int y = l.y(t, false);
            gc.setForeground(new Color(GRID));
            gc.drawLine(p.x, y, p.x + p.width, y);
            gc.setForeground(new Color(TEXT));
            String s = l.left().label(t);
            Point e = gc.textExtent(s);
            gc.drawText(s, p.x - TICK - 2 - e.x, y - e.y / 2, true);
        }
        if (l.right() != null) {
            for (double t : l.right().ticks()) {
                int y = l.y(t, true);
                gc.setForeground(new Color(AXIS));
                gc.drawLine(p.x + p.width, y, p.x + p.width + TICK, y);
                gc.setForeground(new Color(TEXT));
                String s = l.right().label(t);
                gc.drawText(s, p.x + p.width + TICK + 2, y - gc.textExtent(s).y / 2, true);
            }
        }
        gc.setForeground(new Color(TEXT));
        boolean compact = compact(area, fh);
        if (leftLabel != null && !compact) {
            gc.drawText(leftLabel, area.x + MARGIN, p.y - fh - 2 - fh / 2, true);
        }
        if (rightLabel != null && !compact) {
            gc.drawText(rightLabel, area.x + area.width - MARGIN - gc.textExtent(rightLabel).x, p.y - fh - 2 - fh / 2, true);
        }
        drawBars(gc, l);
        drawLines(gc, l, fh);
        gc.setForeground(new Color(AXIS));
        int zero = Math.min(p.y + p.height, Math.max(p.y, l.y(0, false)));
        gc.drawLine(p.x, p.y, p.x, p.y + p.height);
        gc.drawLine(p.x, zero, p.x + p.width, zero);
        if (l.right() != null) {
            gc.drawLine(p.x + p.width, p.y, p.x + p.width, p.y + p.height);
        }
        gc.setForeground(new Color(TEXT));
        for (int c = 0; c < categories.size(); c += l.labelEvery()) {
            String s = categories.get(c);
            Point e = gc.textExtent(s);
            int x = l.x(c);
            gc.setForeground(new Color(AXIS));
            gc.drawLine(x, p.y + p.height, x, p.y + p.height + TICK);
            gc.setForeground(new Color(TEXT));
            gc.drawText(s, x - e.x / 2, p.y + p.height + TICK + 1, true);
        }
        if (xLabel != null) {
            Point e = gc.textExtent(xLabel);
            gc.drawText(xLabel, p.x + (p.width - e.x) / 2, p.y + p.height + TICK + 2 + fh, true);
        }
    }

    private void highlight(GC gc, Layout l, int category, RGB rgb) {
        if (category < 0 || category >= categories.size()) {
            return;
        }
        Rectangle p = l.plot();
        int x0 = p.x + (int) Math.round(l.slot() * category);
        int x1 = p.x + (int) Math.round(l.slot() * (category + 1));
        gc.setBackground(new Color(rgb));
        gc.fillRectangle(x0, p.y, Math.max(1, x1 - x0), p.height);
    }

    private void drawBars(GC gc, Layout l) {
        List<ChartSeries> bars = series.stream().filter(s -> s.kind() == ChartSeries.Kind.BAR).toList();
        if (bars.isEmpty()) {
            return;
        }
        double group = l.slot() * 0.8;
        double width = group / bars.size();
        for (int c = 0; c < categories.size(); c++) {
            double start = l.plot().x + l.slot() * c + (l.slot() - group) / 2;
            for (int b = 0; b < bars.size(); b++) {
                ChartSeries s = bars.get(b);
                double v = s.value(c);
                if (Double.isNaN(v)) {
                    continue;
                }
                int x0 = (int) Math.round(start + width * b);
                int x1 = (int) Math.round(start + width * (b + 1));
                int y0 = l.y(0, s.right());
                int y1 = l.y(v, s.right());
                gc.setBackground(new Color(s.color()));
                gc.fillRectangle(x0, Math.min(y0, y1), Math.max(1, x1 - x0 - (x1 - x0 > 3 ? 1 : 0)), Math.max(1, Math.abs(y0 - y1)));
            }
        }
    }

    private void drawLines(GC gc, Layout l, int fh) {
        int dot = Math.max(4, fh / 3);
        gc.setLineWidth(2);
        for (ChartSeries s : series) {
            if (s.kind() != ChartSeries.Kind.LINE) {
                continue;
            }
            Color color = new Color(s.color());
            gc.setForeground(color);
            gc.setBackground(color);
            int px = Integer.MIN_VALUE;
            int py = 0;
            for (int c = 0; c < categories.size(); c++) {
                double v = s.value(c);
                if (Double.isNaN(v)) {
                    px = Integer.MIN_VALUE;
                    continue;
                }
                int x = l.x(c);
                int y = l.y(v, s.right());
                if (px != Integer.MIN_VALUE) {
                    gc.drawLine(px, py, x, y);
                }
                if (l.slot() >= dot * 2 || c == hover || c == selection) {
                    gc.fillOval(x - dot / 2, y - dot / 2, dot, dot);
                }
                px = x;
                py = y;
            }
        }
        gc.setLineWidth(1);
    }

    private AxisScale scale(boolean right, int intervals) {
        double lo = Double.NaN;
        double hi = Double.NaN;
        for (ChartSeries s : series) {
            if (s.right() != right) {
                continue;
            }
            for (double v : s.values()) {
                if (!Double.isNaN(v) && !Double.isInfinite(v)) {
                    lo = Double.isNaN(lo) ? v : Math.min(lo, v);
                    hi = Double.isNaN(hi) ? v : Math.max(hi, v);
                }
            }
        }
        return AxisScale.of(lo, hi, intervals);
    }

    private static int labelWidth(GC gc, AxisScale s) {
        int w = 0;
        for (double t : s.ticks()) {
            w = Math.max(w, gc.textExtent(s.label(t)).x);
        }
        return w;
    }

    private void setHover(int category) {
        if (category == hover) {
            return;
        }
        hover = category;
        setToolTipText(hoverText(category));
        redraw();
    }

    private void select(int category) {
        selection = category;
        redraw();
        Event e = new Event();
        e.index = category;
        notifyListeners(SWT.Selection, e);
    }

    private static String defaultFormat(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        return String.format(Locale.ROOT, "%,.2f", v);
    }
}
