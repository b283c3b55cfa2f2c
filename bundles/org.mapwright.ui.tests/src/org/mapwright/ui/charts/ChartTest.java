package org.mapwright.ui.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChartTest {

    private static final RGB RED = new RGB(220, 0, 0);
    private static final RGB BLUE = new RGB(0, 0, 220);

    private Display display;
    private Shell shell;
    private Chart chart;

    @BeforeEach
    void open() {
        display = Display.getCurrent() != null ? Display.getCurrent() : new Display();
        shell = new Shell(display);
        shell.setLayout(new FillLayout());
        shell.setSize(480, 320);
        chart = new Chart(shell, SWT.NONE);
        chart.setBackground(display.getSystemColor(SWT.COLOR_WHITE));
        shell.open();
        spin();
    }

    @AfterEach
    void close() {
        shell.dispose();
        spin();
    }

    private void spin() {
        while (display.readAndDispatch()) {
            // drain
        }
    }

    private ImageData render() {
        Rectangle area = chart.getClientArea();
        Image image = new Image(display, area.width, area.height);
        GC gc = new GC(image);
        try {
            chart.paint(gc, new Rectangle(0, 0, area.width, area.height));
        } finally {
            gc.dispose();
        }
        ImageData data = image.getImageData();
        image.dispose();
        return data;
    }

    private static RGB pixel(ImageData d, int x, int y) {
        return d.palette.getRGB(d.getPixel(x, y));
    }

    private static boolean near(RGB a, RGB b) {
        return Math.abs(a.red - b.red) + Math.abs(a.green - b.green) + Math.abs(a.blue - b.blue) < 40;
    }

    @Test
    void paintsBarsToTheirValueAndNothingWhereAValueIsMissing() {
        chart.setData(List.of("#1", "#2", "#3"), List.of(ChartSeries.bar("Rows", RED, 70, Double.NaN, 40)));
        Chart.Layout l = chart.computeLayout();
        assertNotNull(l);
        ImageData d = render();
        int mid40 = l.y(20, false);
        assertEquals(80, l.left().max());
        assertTrue(near(pixel(d, l.x(0), l.y(68, false)), RED), "bar 1 reaches 70");
        assertFalse(near(pixel(d, l.x(0), l.y(74, false)), RED), "bar 1 stops at 70");
        assertFalse(near(pixel(d, l.x(1), mid40), RED), "no bar where the value is missing");
        assertTrue(near(pixel(d, l.x(2), mid40), RED), "bar 3 reaches 20");
        assertFalse(near(pixel(d, l.x(2), l.y(60, false)), RED), "bar 3 stops at 40");
    }

    @Test
    void paintsLinesThroughTheCategoryCentres() {
        chart.setData(List.of("a", "b"), List.of(ChartSeries.line("Rate", BLUE, 10, 10)));
        Chart.Layout l = chart.computeLayout();
        ImageData d = render();
        int y = l.y(10, false);
        int between = (l.x(0) + l.x(1)) / 2;
        assertTrue(near(pixel(d, between, y), BLUE), "the line joins the points");
        assertFalse(near(pixel(d, between, y - 12), BLUE));
    }

    @Test
    void measuresRightAxisSeriesOnTheirOwnScale() {
        chart.setData(List.of("1", "2"),
                List.of(ChartSeries.bar("Rows", RED, 1000, 2000), ChartSeries.line("Seconds", BLUE, 2, 4).onRightAxis()));
        Chart.Layout l = chart.computeLayout();
        assertNotNull(l.right());
        assertTrue(l.left().max() >= 2000 && l.right().max() >= 4 && l.right().max() < 100, l.toString());
        assertEquals(l.y(l.left().max(), false), l.y(l.right().max(), true), "both axes share the plot height");
    }

    /** A chart low enough to sit in a bottom view still plots: legend beside the title, no axis captions. */
    @Test
    void aLowChartStillPlotsItsData() {
        chart.setTitle("Rows per run");
        chart.setAxisLabels(null, "rows", null);
        chart.setData(List.of("#1"), List.of(ChartSeries.bar("Written", RED, 34), ChartSeries.bar("Rejected", BLUE, 2)));
        shell.setSize(480, 120);
        spin();
        Chart.Layout l = chart.computeLayout();
        assertNotNull(l, "a 120 px chart with data has a plot");
        assertTrue(l.legend().get(0).y < l.plot().y && l.legend().get(0).x > 40, "the legend shares the title's line: " + l);
        ImageData d = render();
        boolean red = false;
        for (int x = l.plot().x; x < l.plot().x + l.plot().width && !red; x++) {
            red = near(pixel(d, x, l.y(l.left().max() / 4, false)), RED);
        }
        assertTrue(red, "the bar is drawn");
    }

    @Test
    void showsTheEmptyMessageWithoutCategories() {
        chart.setData(List.of(), List.of());
        assertNull(chart.computeLayout());
        assertEquals(-1, chart.categoryAt(100, 100));
        ImageData d = render();
        boolean ink = false;
        for (int x = 0; x < d.width && !ink; x++) {
            ink = !near(pixel(d, x, d.height / 2), new RGB(255, 255, 255));
        }
        assertTrue(ink, "the empty message is written across the middle");
    }

    @Test
    void hoverShowsEveryValueOfTheCategoryAsTooltip() {
        chart.setData(List.of("run 7", "run 8"),
                List.of(ChartSeries.bar("Written", RED, 1200, 900), ChartSeries.line("Rejected", BLUE, 3, Double.NaN)));
        Chart.Layout l = chart.computeLayout();
        Event e = new Event();
        e.x = l.x(0);
        e.y = l.plot().y + l.plot().height / 2;
        chart.notifyListeners(SWT.MouseMove, e);
        assertEquals(0, chart.getHover());
        assertEquals("run 7\nWritten: 1,200\nRejected: 3", chart.getToolTipText());
        e.x = l.x(1);
        chart.notifyListeners(SWT.MouseMove, e);
        assertEquals("run 8\nWritten: 900", chart.getToolTipText(), "a missing value is left out");
        chart.notifyListeners(SWT.MouseExit, new Event());
        assertEquals(-1, chart.getHover());
        assertNull(chart.getToolTipText());
    }

    @Test
    void clickAndArrowKeysSelectACategoryAndNotify() {
        chart.setData(List.of("1", "2", "3"), List.of(ChartSeries.bar("Rows", RED, 1, 2, 3)));
        List<Integer> fired = new ArrayList<>();
        chart.addListener(SWT.Selection, ev -> fired.add(ev.index));
        Chart.Layout l = chart.computeLayout();
        Event e = new Event();
        e.button = 1;
        e.x = l.x(1);
        e.y = l.plot().y + 2;
        chart.notifyListeners(SWT.MouseDown, e);
        Event k = new Event();
        k.keyCode = SWT.ARROW_RIGHT;
        chart.notifyListeners(SWT.KeyDown, k);
        chart.notifyListeners(SWT.KeyDown, k);
        assertEquals(List.of(1, 2, 2), fired);
        assertEquals(2, chart.getSelection());
        chart.setValueFormat(v -> v + " s");
        assertEquals("3\nRows: 3.0 s", chart.hoverText(2));
    }

    @Test
    void thinsCategoryLabelsSoTheyNeverOverlap() {
        List<String> many = IntStream.rangeClosed(1, 200).mapToObj(i -> "run " + i).toList();
        chart.setData(many, List.of(ChartSeries.line("Rows", BLUE, IntStream.rangeClosed(1, 200).asDoubleStream().toArray())));
        Chart.Layout l = chart.computeLayout();
        GC gc = new GC(chart);
        int widest = gc.textExtent("run 200").x;
        gc.dispose();
        assertTrue(l.labelEvery() > 1);
        assertTrue(l.slot() * l.labelEvery() >= widest, "labels every " + l.labelEvery() + " slots of " + l.slot());
        assertEquals(199, l.category(l.plot().x + l.plot().width - 1, 200));
    }
}
