package org.mapwright.systemtests.fuzz;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.Schema;
import org.mapwright.engine.expr.AggregateCall;
import org.mapwright.engine.expr.CompiledExpression;
import org.mapwright.engine.expr.CompilerOptions;
import org.mapwright.engine.expr.EvaluationException;
import org.mapwright.engine.expr.ExpressionCompiler;
import org.mapwright.engine.expr.ExpressionException;
import org.mapwright.engine.expr.Functions;
import org.mapwright.engine.expr.RowScope;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the expression language: text through the parser and type checker
 * ({@link ExpressionCompiler#compile}) against a scope of two sources with every field type, a
 * record, a list and names that need quoting; what compiles is then evaluated on a full row and an
 * all-null row, explained, and (when aggregating) accumulated. Allowed outcomes:
 * {@link ExpressionException} from compiling, {@link EvaluationException} from evaluating, values of
 * the compiled type, and {@code explain} never throwing. Regression inputs:
 * {@code src/test/resources/org/mapwright/systemtests/fuzz/ExpressionFuzzITInputs/compilesAnyText/}.
 */
class ExpressionFuzzIT {

    private static final ExpressionCompiler COMPILER = new ExpressionCompiler(Functions.standard(),
            CompilerOptions.defaults().withClock(Clock.fixed(Instant.parse("2024-05-06T07:08:09Z"), ZoneOffset.UTC)));

    private static final Schema ORDERS = Schema.of(List.of(
            Field.of("f_id", "id", DataType.INTEGER),
            Field.of("f_name", "name", DataType.TEXT),
            Field.of("f_first", "first name", DataType.TEXT),
            Field.of("f_amount", "amount", DataType.DECIMAL),
            Field.of("f_day", "day", DataType.DATE).withFormat("dd/MM/yyyy"),
            Field.of("f_ts", "ts", DataType.TIMESTAMP),
            Field.of("f_flag", "flag", DataType.BOOLEAN),
            Field.of("f_tags", "tags", DataType.TEXT).withRepeated(true),
            Field.of("f_addr", "address", DataType.RECORD).withChildren(List.of(
                    Field.of("f_city", "city", DataType.TEXT), Field.of("f_zip", "zip", DataType.INTEGER))),
            Field.of("f_raw", "raw", DataType.ANY)));
    private static final Schema CUSTOMERS = Schema.of(List.of(
            Field.of("c_id", "id", DataType.INTEGER),
            Field.of("c_name", "Name", DataType.TEXT)));
    private static final RowScope SCOPE = RowScope.builder().add("orders", ORDERS).add("customers", CUSTOMERS).build();

    private static final Object[] FULL = { 42L, "Ann \u00e9 \uD83D\uDE00", "ann", new BigDecimal("-12.50"), LocalDate.of(1899, 12, 31),
            LocalDateTime.of(2024, 2, 29, 23, 59, 59, 999_999_999), Boolean.TRUE, List.of("a", "", "c"),
            new Object[] { "Z\u00fcrich", 8001L }, "17", Long.MIN_VALUE, "" };
    private static final Object[] NULLS = new Object[SCOPE.slotCount()];

    private static final DataType[] EXPECTED = DataType.values();

    @FuzzTest(maxDuration = "2m")
    void compilesAnyText(FuzzedDataProvider data) {
        DataType expected = data.pickValue(EXPECTED);
        String text = data.consumeRemainingAsString();
        CompiledExpression e;
        try {
            e = COMPILER.compile(text, SCOPE, expected);
        } catch (ExpressionException ex) {
            if (ex.getMessage() == null || ex.getMessage().isBlank()) {
                throw new AssertionError("expression error without a message", ex);
            }
            if (ex.start() > ex.end() || ex.end() > text.length() || ex.line() < 1 || ex.column() < 1) {
                throw new AssertionError("bad error position " + ex.start() + ".." + ex.end() + " in a text of " + text.length(), ex);
            }
            return;
        }
        if (expected != DataType.ANY && e.type() != expected && e.type() != DataType.ANY) {
            throw new AssertionError("compiled for " + expected + " but has type " + e.type());
        }
        for (Object[] row : new Object[][] { FULL, NULLS }) {
            e.explain(row);
            if (e.isAggregate()) {
                aggregate(e, row);
            } else {
                try {
                    check(e, e.evaluate(row));
                } catch (EvaluationException ok) {
                    // a bad row for this expression: the engine rejects the row
                }
            }
        }
    }

    private static void aggregate(CompiledExpression e, Object[] row) {
        List<AggregateCall> calls = e.aggregates();
        Object[] results = new Object[calls.size()];
        try {
            for (int i = 0; i < results.length; i++) {
                AggregateCall.Accumulator a = calls.get(i).newAccumulator();
                a.accumulate(row);
                a.accumulate(row);
                results[i] = a.result();
            }
            e.explainGroup(row, results);
            check(e, e.evaluateGroup(row, results));
        } catch (EvaluationException ok) {
            // bad group values: the engine reports the group
        }
    }

    private static void check(CompiledExpression e, Object value) {
        if (value != null && e.type() != DataType.ANY && !e.type().javaType().isInstance(value)) {
            throw new AssertionError(e.text() + " has type " + e.type() + " but evaluated to a " + value.getClass().getName());
        }
    }
}
