package org.mapwright.ui.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class AxisScaleTest {

    @Test
    void coversPositiveDataFromZeroWithRoundSteps() {
        AxisScale s = AxisScale.of(12, 97, 5);
        assertEquals(0, s.min());
        assertEquals(100, s.max());
        assertEquals(20, s.step());
        assertEquals(List.of(0.0, 20.0, 40.0, 60.0, 80.0, 100.0), s.ticks());
    }

    @Test
    void neverExceedsTheIntervalsAsked() {
        for (double hi : new double[] {1, 3, 7, 9.5, 11, 99, 101, 12345, 0.37}) {
            for (int n = 1; n <= 10; n++) {
                AxisScale s = AxisScale.of(0, hi, n);
                assertTrue(s.max() >= hi, s + " covers " + hi);
                assertTrue(s.ticks().size() - 1 <= n, s + " has at most " + n + " intervals");
            }
        }
    }

    @Test
    void spansNegativeValuesAndZero() {
        AxisScale s = AxisScale.of(-35, 60, 5);
        assertTrue(s.min() <= -35 && s.max() >= 60);
        assertTrue(s.ticks().contains(0.0));
    }

    @Test
    void givesAUsableAxisWithoutData() {
        AxisScale empty = AxisScale.of(Double.NaN, Double.NaN, 5);
        assertEquals(0, empty.min());
        assertTrue(empty.max() > 0);
        AxisScale flat = AxisScale.of(0, 0, 4);
        assertTrue(flat.max() > flat.min());
    }

    @Test
    void labelsAreCompactWithTheDecimalsTheStepNeeds() {
        assertEquals("1.5k", AxisScale.format(1500, 500));
        assertEquals("2M", AxisScale.format(2_000_000, 1_000_000));
        assertEquals("0.25", AxisScale.format(0.25, 0.25));
        assertEquals("0.4", AxisScale.format(0.4, 0.2));
        assertEquals("40", AxisScale.format(40, 20));
        assertEquals("0.0", AxisScale.format(-0.0001, 0.2), "no negative zero");
        assertEquals(0.5, AxisScale.of(0, 10, 5).fraction(5), 1e-9);
    }
}
