package org.mapwright.internal.spark;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.mapwright.core.DataType;
import org.mapwright.engine.expr.ExpressionTree;

/**
 * The aggregate functions as Spark aggregates with the local engine's semantics: nulls ignored,
 * {@code first}, {@code last} and {@code string_agg} in input order, numbers by value in
 * {@code count(DISTINCT)}, exact decimals ({@link DecimalAggregator}).
 */
public final class Aggregates {

    private Aggregates() {
    }

    /**
     * @param call      the aggregate call
     * @param text      the text of the expression the call is in (errors quote the call)
     * @param arguments its arguments' columns, per row
     * @param rid       the rows' positions in the source (order of first, last, string_agg; ties of min, max)
     * @return the aggregate's value and error columns in an {@code agg(...)} of the group
     */
    public static Val of(ExpressionTree.Aggregate call, String text, List<Column> arguments, Column rid) {
        if (call.function().equals("sum") && call.type() == DataType.INTEGER) {
            Column exact = sum(arguments.get(0).cast(DataTypes.createDecimalType(38, 0)));
            Column fits = exact.between(lit(Long.MIN_VALUE), lit(Long.MAX_VALUE));
            return new Val(when(fits, exact.cast(DataTypes.LongType)), when(exact.isNotNull().and(functions.not(fits)),
                    lit(text.substring(call.start(), call.end()) + ": integer overflow: the sum is beyond ±9223372036854775807; use decimals")));
        }
        return Val.of(value(call, arguments, rid));
    }

    private static Column value(ExpressionTree.Aggregate call, List<Column> arguments, Column rid) {
        String f = call.function();
        Column x = arguments.isEmpty() ? null : arguments.get(0);
        DataType t = call.arguments().isEmpty() ? DataType.ANY : call.arguments().get(0).type();
        switch (f) {
            case "count":
                return x == null ? count(lit(1)) : count(x);
            case "count_distinct":
                return countDistinct(Keys.of(x, t, t));
            case "sum":
                return decimal(DecimalAggregator.Kind.SUM, x, rid);
            case "avg":
                return decimal(DecimalAggregator.Kind.AVG, x, rid);
            case "min": case "max":
                if (t == DataType.DECIMAL) {
                    return decimal(f.equals("min") ? DecimalAggregator.Kind.MIN : DecimalAggregator.Kind.MAX, x, rid);
                }
                return f.equals("min") ? min(x) : max(x);
            case "first":
                return min_by(x, when(x.isNotNull(), rid));
            case "last":
                return functions.max_by(x, when(x.isNotNull(), rid));
            case "string_agg": {
                String sep = (String) ((ExpressionTree.Literal) call.arguments().get(1)).value();
                Column parts = array_sort(collect_list(when(x.isNotNull(), struct(rid.as("p"), Cols.text(x, t).as("v")))));
                return when(functions.size(parts).gt(0), array_join(functions.transform(parts, e -> e.getField("v")), sep));
            }
            default:
                throw new IllegalStateException("no Spark aggregate for " + f + "()");
        }
    }

    private static Column decimal(DecimalAggregator.Kind kind, Column x, Column rid) {
        return functions.udaf(new DecimalAggregator(kind), DecimalAggregator.inputEncoder()).apply(x, rid);
    }

}
