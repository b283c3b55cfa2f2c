package org.mapwright.monitor.history;

import java.time.Instant;
import java.util.List;

/**
 * How one quality rule of one mapping fared over recent runs.
 *
 * <p>The pass rate of a run is {@code 1 - violations / rowsChecked}, where the rows checked are the
 * rows that reached the output stage (written or rejected, i.e. not filtered or merged). Rows
 * rejected before the rules (a bad value, an evaluation error) count as checked, so the pass rate
 * is a slight overestimate when such rejects occur.
 *
 * @param mappingId   the mapping's id
 * @param mappingName the mapping's name in the latest run
 * @param ruleId      the rule's id
 * @param kind        the rule kind in the latest run, e.g. {@code not-null}
 * @param field       the checked target field in the latest run
 * @param action      {@code reject}, {@code warn} or {@code fail} in the latest run
 * @param points      one point per run that checked the rule, oldest first
 */
public record RuleSeries(String mappingId, String mappingName, String ruleId, String kind, String field, String action,
        List<Point> points) {

    public RuleSeries {
        points = List.copyOf(points);
    }

    /** The rule's result in one run. */
    public record Point(long runId, Instant start, long rowsChecked, long violations) {

        /** @return the share of checked rows that passed, from 0 to 1; 1 when no row was checked */
        public double passRate() {
            if (rowsChecked <= 0) {
                return violations > 0 ? 0 : 1;
            }
            return (rowsChecked - Math.min(violations, rowsChecked)) / (double) rowsChecked;
        }
    }

    /** @return the pass rate of the newest run, or 1 without points */
    public double lastPassRate() {
        return points.isEmpty() ? 1 : points.get(points.size() - 1).passRate();
    }

    /** @return the mean of the runs' pass rates, or 1 without points */
    public double meanPassRate() {
        return points.stream().mapToDouble(Point::passRate).average().orElse(1);
    }
}
