package org.mapwright.internal.engine.expr;

import static org.mapwright.core.DataType.ANY;
import static org.mapwright.core.DataType.DECIMAL;
import static org.mapwright.core.DataType.INTEGER;
import static org.mapwright.core.DataType.TEXT;
import static org.mapwright.internal.engine.expr.Library.def;
import static org.mapwright.internal.engine.expr.Library.p;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.mapwright.core.value.Values;
import org.mapwright.engine.expr.FunctionCategory;

/**
 * Aggregate functions. Every aggregate but {@code count(*)} ignores null arguments; over no
 * (non-null) values {@code count} gives 0 and the others null.
 */
final class AggregateFunctions {

    private static final FunctionCategory C = FunctionCategory.AGGREGATE;

    private AggregateFunctions() {
    }

    static final class LongSum implements Library.AggState {
        private long sum;
        private boolean any;

        @Override
        public void add(Object value) {
            sum = Math.addExact(sum, (Long) value);
            any = true;
        }

        @Override
        public Object result() {
            return any ? sum : null;
        }
    }

    static final class DecimalSum implements Library.AggState {
        private BigDecimal sum;

        @Override
        public void add(Object value) {
            sum = sum == null ? (BigDecimal) value : sum.add((BigDecimal) value);
        }

        @Override
        public Object result() {
            return sum;
        }
    }

    static final class Count implements Library.AggState {
        private long count;

        @Override
        public void add(Object value) {
            count++;
        }

        @Override
        public Object result() {
            return count;
        }
    }

    static final class CountDistinct implements Library.AggState {
        private final Set<Object> seen = new HashSet<>();

        @Override
        public void add(Object value) {
            seen.add(Conv.hashKey(value));
        }

        @Override
        public Object result() {
            return (long) seen.size();
        }
    }

    static final class Avg implements Library.AggState {
        private BigDecimal sum = BigDecimal.ZERO;
        private long count;

        @Override
        public void add(Object value) {
            sum = sum.add(Conv.dec(value));
            count++;
        }

        @Override
        public Object result() {
            return count == 0 ? null : Conv.normalize(sum.divide(BigDecimal.valueOf(count), Conv.DIVISION));
        }
    }

    static final class Extreme implements Library.AggState {
        private final boolean max;
        private Object best;

        Extreme(boolean max) {
            this.max = max;
        }

        @Override
        public void add(Object value) {
            if (best == null) {
                best = value;
            } else {
                int c = Conv.compare(value, best);
                if (max ? c > 0 : c < 0) {
                    best = value;
                }
            }
        }

        @Override
        public Object result() {
            return best;
        }
    }

    static final class FirstLast implements Library.AggState {
        private final boolean last;
        private Object value;

        FirstLast(boolean last) {
            this.last = last;
        }

        @Override
        public void add(Object v) {
            if (last || value == null) {
                value = v;
            }
        }

        @Override
        public Object result() {
            return value;
        }
    }

    static final class StringAgg implements Library.AggState {
        private final String separator;
        private StringBuilder sb;

        StringAgg(String separator) {
            this.separator = separator;
        }

        @Override
        public void add(Object value) {
            if (sb == null) {
                sb = new StringBuilder();
            } else {
                sb.append(separator);
            }
            sb.append(Values.format(value));
        }

        @Override
        public Object result() {
            return sb == null ? null : sb.toString();
        }
    }

    static void define(List<Library.Def> d) {
        def(d, "sum", C).doc("The sum of the group's values; integer sums that overflow reject the row.")
                .example("sum(amount) → 1250.40")
                .sig(INTEGER, p("value", INTEGER)).aggregate((site, a) -> new Library.AggSpec(INTEGER, LongSum::new))
                .sig(DECIMAL, p("value", DECIMAL)).aggregate((site, a) -> new Library.AggSpec(DECIMAL, DecimalSum::new));
        def(d, "count", C).doc("count(*) counts the group's rows; count(value) its non-null values; "
                + "count(DISTINCT value) its distinct non-null values.")
                .example("count(*) → 12")
                .sig(INTEGER).aggregate((site, a) -> new Library.AggSpec(INTEGER, Count::new))
                .sig(INTEGER, p("value", ANY)).aggregate((site, a) -> new Library.AggSpec(INTEGER, Count::new));
        def(d, "count_distinct", C).doc("The number of distinct non-null values (numbers compare by value).")
                .example("count_distinct(customer_id) → 7")
                .sig(INTEGER, p("value", ANY)).aggregate((site, a) -> new Library.AggSpec(INTEGER, CountDistinct::new));
        def(d, "min", C).doc("The smallest value of the group (numbers, text, dates...).").example("min(order_date) → 2024-01-02")
                .sig(ANY, p("value", ANY)).aggregate((site, a) -> new Library.AggSpec(a[0].type, () -> new Extreme(false)));
        def(d, "max", C).doc("The largest value of the group (numbers, text, dates...).").example("max(amount) → 990.00")
                .sig(ANY, p("value", ANY)).aggregate((site, a) -> new Library.AggSpec(a[0].type, () -> new Extreme(true)));
        def(d, "avg", C).alias("mean").doc("The arithmetic mean of the group's values, to 34 significant digits.")
                .example("avg(qty) → 2.5")
                .sig(DECIMAL, p("value", DECIMAL)).aggregate((site, a) -> new Library.AggSpec(DECIMAL, Avg::new));
        def(d, "first", C).doc("The first non-null value of the group in input order.").example("first(name) → 'Ada'")
                .sig(ANY, p("value", ANY)).aggregate((site, a) -> new Library.AggSpec(a[0].type, () -> new FirstLast(false)));
        def(d, "last", C).doc("The last non-null value of the group in input order.").example("last(status) → 'shipped'")
                .sig(ANY, p("value", ANY)).aggregate((site, a) -> new Library.AggSpec(a[0].type, () -> new FirstLast(true)));
        def(d, "string_agg", C).alias("listagg", "group_concat")
                .doc("The group's non-null values as text joined with a separator literal, in input order.")
                .example("string_agg(sku, ', ') → 'A1, B7'")
                .sig(TEXT, p("value", ANY), p("separator", TEXT)).aggregate((site, a) -> {
                    if (!site.isConstant(1) || site.constant(1) == null) {
                        throw site.error(1, "the separator of string_agg() must be a text literal", "write it in quotes: ', '");
                    }
                    String sep = (String) site.constant(1);
                    return new Library.AggSpec(TEXT, () -> new StringAgg(sep));
                });
    }
}
