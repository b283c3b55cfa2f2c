/**
 * A small, dependency-free SWT chart: line and bar series over categories (a run number, a value
 * bucket), a value axis with round ticks on the left and optionally a second one on the right,
 * a legend, and hover values. {@link org.mapwright.ui.charts.Chart} is the widget;
 * {@link org.mapwright.ui.charts.ChartSeries} one series of values;
 * {@link org.mapwright.ui.charts.AxisScale} the tick arithmetic, which has no SWT in it.
 */
package org.mapwright.ui.charts;
