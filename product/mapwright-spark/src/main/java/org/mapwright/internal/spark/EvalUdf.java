package org.mapwright.internal.spark;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.Schema;
import org.mapwright.engine.expr.CompiledExpression;
import org.mapwright.engine.expr.CompilerOptions;
import org.mapwright.engine.expr.EvaluationException;
import org.mapwright.engine.expr.ExpressionCompiler;
import org.mapwright.engine.expr.ExpressionException;
import org.mapwright.engine.expr.Functions;
import org.mapwright.engine.expr.RowScope;

/**
 * Evaluates part of an expression with Mapwright's own implementation, inside Spark tasks: the
 * translation of what Spark has no exact equivalent for (exact decimal arithmetic, functions such
 * as {@code initcap} whose Spark namesake differs). The part is rewritten as an expression over
 * arguments {@code a0, a1, ...} that Spark computes; each task compiles it once and evaluates it
 * per row, so the results, errors included, are exactly the local engine's.
 *
 * <p>The result is a struct of the value ({@code v}) and the error ({@code e}): the original
 * sub-expression's text and the reason, as in the local engine's rejects.
 */
final class EvalUdf implements UDF1<Row, Row> {

    private static final long serialVersionUID = 1L;

    private final String text;
    private final DataType[] types;
    private final DataType result;
    private final int[] spanStarts;
    private final int[] spanEnds;
    private final String[] originals;
    private transient CompiledExpression compiled;

    /**
     * @param text      the expression over {@code a0..an}
     * @param types     the argument types
     * @param result    the result type
     * @param spans     per generated sub-expression: start and end in {@code text}
     * @param originals per span, the original sub-expression text errors are reported with
     */
    EvalUdf(String text, List<DataType> types, DataType result, List<int[]> spans, List<String> originals) {
        this.text = text;
        this.types = types.toArray(new DataType[0]);
        this.result = result;
        this.spanStarts = new int[spans.size()];
        this.spanEnds = new int[spans.size()];
        for (int i = 0; i < spans.size(); i++) {
            spanStarts[i] = spans.get(i)[0];
            spanEnds[i] = spans.get(i)[1];
        }
        this.originals = originals.toArray(new String[0]);
    }

    /** @return the struct type of the results */
    StructType resultType() {
        return DataTypes.createStructType(List.of(DataTypes.createStructField("v", SparkTypes.scalar(result), true),
                DataTypes.createStructField("e", DataTypes.StringType, true)));
    }

    String text() {
        return text;
    }

    /**
     * Compiles the expression as the executors will; the translator calls it once on the driver so
     * a rewriting mistake is a translation error, not a failed task.
     *
     * @throws ExpressionException when the rewritten expression does not compile
     */
    CompiledExpression compile() throws ExpressionException {
        List<Field> fields = new ArrayList<>(types.length);
        for (int i = 0; i < types.length; i++) {
            fields.add(Field.of("a" + i, "a" + i, types[i]));
        }
        return new ExpressionCompiler(Functions.standard(), CompilerOptions.defaults()).compile(text, RowScope.of(Schema.of(fields)),
                result);
    }

    @Override
    public Row call(Row args) throws Exception {
        if (compiled == null) {
            compiled = compile();
        }
        Object[] row = new Object[types.length];
        for (int i = 0; i < row.length; i++) {
            row[i] = SparkValues.toMapwright(args.get(i), types[i]);
        }
        try {
            return RowFactory.create(SparkValues.toSpark(compiled.evaluate(row), result), null);
        } catch (EvaluationException e) {
            return RowFactory.create(null, original(e.start(), e.end()) + ": " + e.reason());
        }
    }

    /** @return the original text of the smallest rewritten sub-expression containing the span */
    private String original(int start, int end) {
        int best = -1;
        for (int i = 0; i < spanStarts.length; i++) {
            if (spanStarts[i] <= start && end <= spanEnds[i]
                    && (best < 0 || spanEnds[i] - spanStarts[i] < spanEnds[best] - spanStarts[best])) {
                best = i;
            }
        }
        return best < 0 ? text.substring(start, end) : originals[best];
    }
}
