package org.mapwright.monitor.history;

/**
 * A compact text chart of a series, one block character per value ({@code ▁▂▃▄▅▆▇█}), scaled
 * between the series' minimum and maximum.
 */
public final class Sparkline {

    private static final char[] BARS = { '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█' };

    private Sparkline() {
    }

    /**
     * @return one character per value; a flat series is drawn at the bottom when all values are 0
     *         and in the middle otherwise, so that "nothing" and "steady" look different
     */
    public static String of(double... values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        StringBuilder b = new StringBuilder(values.length);
        for (double v : values) {
            if (max == min) {
                b.append(max == 0 ? BARS[0] : BARS[BARS.length / 2 - 1]);
            } else {
                b.append(BARS[(int) Math.round((v - min) / (max - min) * (BARS.length - 1))]);
            }
        }
        return b.toString();
    }
}
