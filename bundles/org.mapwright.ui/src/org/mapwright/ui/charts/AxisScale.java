package org.mapwright.ui.charts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A value axis with round tick steps (1, 2 or 5 times a power of ten) covering a data range.
 * Plain arithmetic, no SWT, so it is tested without a display.
 *
 * @param min  the axis bottom, a multiple of {@code step}
 * @param max  the axis top, a multiple of {@code step}, greater than {@code min}
 * @param step the distance between ticks, positive
 */
public record AxisScale(double min, double max, double step) {

    /**
     * The smallest round scale holding every value from {@code low} to {@code high} with at most
     * {@code maxTicks} intervals. Bars and counts read best from zero, so a range of positive
     * values starts at 0; an empty or degenerate range still gives a usable axis.
     *
     * @param low      the smallest value, may be NaN when there is no data
     * @param high     the largest value, may be NaN when there is no data
     * @param maxTicks how many intervals fit, at least 1
     * @return the scale
     */
    public static AxisScale of(double low, double high, int maxTicks) {
        if (Double.isNaN(low) || Double.isNaN(high) || Double.isInfinite(low) || Double.isInfinite(high)) {
            return new AxisScale(0, 1, 0.2);
        }
        double lo = Math.min(0, Math.min(low, high));
        double hi = Math.max(0, Math.max(low, high));
        if (hi == lo) {
            hi = lo + 1;
        }
        int intervals = Math.max(1, maxTicks);
        double raw = (hi - lo) / intervals;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude * 10;
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            double candidate = m * magnitude;
            if (Math.ceil(hi / candidate - 1e-9) - Math.floor(lo / candidate + 1e-9) <= intervals) {
                step = candidate;
                break;
            }
        }
        double bottom = Math.floor(lo / step + 1e-9) * step;
        return new AxisScale(bottom, Math.max(Math.ceil(hi / step - 1e-9) * step, bottom + step), step);
    }
    /** @return the tick values from min to max inclusive */
    public List<Double> ticks() {
        List<Double> out = new ArrayList<>();
        long n = Math.round((max - min) / step);
        for (long i = 0; i <= n; i++) {
            out.add(min + i * step);
        }
        return out;
    }

    /** @return where a value falls between min (0) and max (1) */
    public double fraction(double value) {
        return (value - min) / (max - min);
    }

    /**
     * A compact label for a tick or value: thousands as {@code k}, millions as {@code M}, and no
     * more decimals than the step needs.
     */
    public String label(double value) {
        return format(value, step);
    }

    /** Formats a value with as many decimals as a precision of {@code step} needs. */
    public static String format(double value, double step) {
        double a = Math.abs(value);
        if (a >= 1_000_000 && step >= 100_000) {
            return trim(value / 1_000_000, step / 1_000_000) + "M";
        }
        if (a >= 1_000 && step >= 100) {
            return trim(value / 1_000, step / 1_000) + "k";
        }
        return trim(value, step);
    }

    private static String trim(double value, double step) {
        int decimals = 0;
        double scaled = step;
        while (decimals < 6 && step > 0 && Math.abs(scaled - Math.round(scaled)) > 1e-9 * Math.max(1, scaled)) {
            decimals++;
            scaled *= 10;
        }
        String s = String.format(Locale.ROOT, "%." + decimals + "f", value);
        return s.matches("-0(\\.0*)?") ? s.substring(1) : s;
    }
}
