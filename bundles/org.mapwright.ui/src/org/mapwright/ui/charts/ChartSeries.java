package org.mapwright.ui.charts;

import java.util.Arrays;
import java.util.Objects;

import org.eclipse.swt.graphics.RGB;

/**
 * One named series of values, one value per category of the chart, drawn as a line or as bars
 * against the left or the right value axis. A {@link Double#NaN} value means "no value for this
 * category": a line breaks there and no bar is drawn. Immutable.
 *
 * @param name   the legend and hover text, e.g. {@code "Rows written"}
 * @param kind   how the series is drawn
 * @param color  its colour
 * @param values one value per category; copied
 * @param right  whether it is measured against the right-hand axis (e.g. a duration beside row
 *               counts)
 */
public record ChartSeries(String name, Kind kind, RGB color, double[] values, boolean right) {

    /** How a series is drawn. */
    public enum Kind {
        /** Points at the category centres joined by a line. */
        LINE,
        /** One bar per category; bar series share the category's width side by side. */
        BAR
    }

    /**
     * @throws NullPointerException if name, kind, color or values is null
     */
    public ChartSeries {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(color, "color");
        values = values.clone();
    }

    /** @return a line series on the left axis */
    public static ChartSeries line(String name, RGB color, double... values) {
        return new ChartSeries(name, Kind.LINE, color, values, false);
    }

    /** @return a bar series on the left axis */
    public static ChartSeries bar(String name, RGB color, double... values) {
        return new ChartSeries(name, Kind.BAR, color, values, false);
    }

    /** @return this series measured against the right-hand axis */
    public ChartSeries onRightAxis() {
        return new ChartSeries(name, kind, color, values, true);
    }

    /** @return the value at a category, NaN when absent or beyond the end */
    public double value(int category) {
        return category >= 0 && category < values.length ? values[category] : Double.NaN;
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChartSeries s && s.name.equals(name) && s.kind == kind && s.color.equals(color) && s.right == right
                && Arrays.equals(s.values, values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, kind, color, right, Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return name + " " + kind + (right ? " (right) " : " ") + Arrays.toString(values);
    }
}
