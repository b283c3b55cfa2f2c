package org.mapwright.ui.editor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The diagram paints only the part of a mapping line that is in view; that part must be the same curve. */
class LineClippingTest {

    private static double[] line(double x0, double y0, double x3, double y3) {
        double dx = Math.max(40, (x3 - x0) * 0.5);
        return new double[] {x0, y0, x0 + dx, y0, x3 - dx, y3, x3, y3};
    }

    private static double[] at(double[] c, double t) {
        double u = 1 - t;
        double[] p = new double[2];
        for (int a = 0; a < 2; a++) {
            p[a] = u * u * u * c[a] + 3 * u * u * t * c[2 + a] + 3 * u * t * t * c[4 + a] + t * t * t * c[6 + a];
        }
        return p;
    }

    /** t where the curve reaches height y, by bisection (the height is monotonic in t). */
    private static double tAt(double[] c, double y) {
        double lo = 0;
        double hi = 1;
        boolean down = c[7] > c[1];
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            if (at(c, mid)[1] < y == down) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    @Test
    void aLineInViewIsDrawnWhole() {
        double[] c = line(300, 100, 900, 400);
        assertArrayEquals(c, MappingDiagram.visiblePart(c, -8, 608));
        double[] flat = line(300, 5000, 900, 5000);
        assertArrayEquals(flat, MappingDiagram.visiblePart(flat, -8, 608));
    }

    @Test
    void theVisiblePartLiesOnTheWholeCurve() {
        Random random = new Random(7);
        for (int i = 0; i < 500; i++) {
            double top = -8;
            double bottom = 608;
            double y0 = random.nextInt(40_000) - 20_000;
            double y3 = random.nextInt(40_000) - 20_000;
            if (Math.max(y0, y3) < top || Math.min(y0, y3) > bottom) {
                continue;
            }
            double[] c = line(312, y0, 900 + random.nextInt(300), y3);
            double[] part = MappingDiagram.visiblePart(c, top, bottom);
            double ta = Math.min(y0, y3) >= top && Math.max(y0, y3) <= bottom ? 0 : tAt(c, Math.max(Math.min(y0, y3), top));
            double tb = Math.min(y0, y3) >= top && Math.max(y0, y3) <= bottom ? 1 : tAt(c, Math.min(Math.max(y0, y3), bottom));
            double t0 = Math.min(ta, tb);
            double t1 = Math.max(ta, tb);
            for (double s = 0; s <= 1.0001; s += 0.125) {
                double[] expected = at(c, t0 + (t1 - t0) * s);
                double[] actual = at(part, s);
                assertEquals(expected[0], actual[0], 0.01, "x at " + s + " of line " + i);
                assertEquals(expected[1], actual[1], 0.01, "y at " + s + " of line " + i);
            }
            double[] start = at(part, 0);
            double[] end = at(part, 1);
            double lo = Math.min(start[1], end[1]);
            double hi = Math.max(start[1], end[1]);
            assertEquals(Math.max(Math.min(y0, y3), top), lo, 0.01, "starts at the top of the view or the line's end");
            assertEquals(Math.min(Math.max(y0, y3), bottom), hi, 0.01, "ends at the bottom of the view or the line's end");
        }
    }
}
