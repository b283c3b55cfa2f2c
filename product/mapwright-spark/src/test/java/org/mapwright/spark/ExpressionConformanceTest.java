package org.mapwright.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.struct;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.Schema;
import org.mapwright.core.value.Values;
import org.mapwright.engine.expr.AggregateCall;
import org.mapwright.engine.expr.CompiledExpression;
import org.mapwright.engine.expr.CompilerOptions;
import org.mapwright.engine.expr.EvaluationException;
import org.mapwright.engine.expr.ExpressionCompiler;
import org.mapwright.engine.expr.ExpressionTree;
import org.mapwright.engine.expr.FieldRef;
import org.mapwright.engine.expr.Functions;
import org.mapwright.engine.expr.RowScope;
import org.mapwright.internal.spark.Aggregates;
import org.mapwright.internal.spark.SparkTypes;
import org.mapwright.internal.spark.SparkValues;
import org.mapwright.internal.spark.TranslationContext;
import org.mapwright.internal.spark.Translator;
import org.mapwright.internal.spark.Val;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every expression of the engine's data-driven cases ({@code eval.json}: every function and
 * operator, their null handling and their errors) evaluated by the local engine and by its Spark
 * translation over the same row: both must give the same value (same type, same canonical text,
 * decimals with the same scale) or fail with the same message. Non-aggregating cases run in a few
 * Spark jobs of many columns; aggregating ones over their rows as one group each.
 */
class ExpressionConformanceTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T13:45:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS);
    private static final int BATCH = 40;

    private static List<JsonNode> cases;
    private static Map<Integer, String> outcomes;

    private final ExpressionCompiler compiler = new ExpressionCompiler(Functions.standard(), CompilerOptions.defaults().withClock(CLOCK));

    @BeforeAll
    static void readCases() throws IOException {
        cases = new ArrayList<>();
        for (JsonNode c : JSON.readTree(Files.readString(TestSpark.repo().resolve("bundles/org.mapwright.engine.tests/data/expressions/eval.json")))) {
            cases.add(c);
        }
        outcomes = new LinkedHashMap<>();
    }

    @TestFactory
    List<DynamicTest> everyEvalCaseGivesTheLocalResultOnSpark() {
        List<DynamicTest> tests = new ArrayList<>();
        List<Integer> rowCases = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            JsonNode c = cases.get(i);
            String text = c.get("expression").asText();
            if (text.contains("lookup(")) {
                continue; // lookup() becomes a join of a source: covered by the mapping tests
            }
            int index = i;
            if (c.has("rows")) {
                tests.add(DynamicTest.dynamicTest("group[" + i + "] " + text, () -> group(index)));
            } else {
                rowCases.add(i);
                tests.add(DynamicTest.dynamicTest("row[" + i + "] " + text, () -> row(index, rowCases)));
            }
        }
        return tests;
    }

    /** Evaluates the row cases in batches (one Spark job per batch), on first need. */
    private void row(int index, List<Integer> rowCases) throws Exception {
        if (!outcomes.containsKey(index)) {
            int at = rowCases.indexOf(index);
            runBatch(rowCases.subList(at, Math.min(at + BATCH, rowCases.size())));
        }
        JsonNode c = cases.get(index);
        String text = c.get("expression").asText();
        CompiledExpression e = compiler.compile(text, RowScope.of(schema(c.get("fields"))));
        String local;
        try {
            local = describe(e.evaluate(row(schema(c.get("fields")), c.get("row"))), e.type());
        } catch (EvaluationException x) {
            local = "error: " + x.getMessage();
        }
        String spark = outcomes.get(index);
        if (!e.isDeterministic()) {
            assertTrue(!spark.startsWith("error:"), text + " failed on Spark: " + spark);
            return;
        }
        assertEquals(local, spark, "`" + text + "` on Spark");
    }

    private void runBatch(List<Integer> batch) throws Exception {
        SparkSession spark = TestSpark.session();
        List<StructField> fields = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        List<Column> select = new ArrayList<>();
        for (int i : batch) {
            JsonNode c = cases.get(i);
            Schema schema = schema(c.get("fields"));
            Object[] row = row(schema, c.get("row"));
            String name = "c" + i;
            fields.add(DataTypes.createStructField(name, schema.isEmpty() ? DataTypes.createStructType(List.of(
                    DataTypes.createStructField("none", DataTypes.StringType, true))) : SparkTypes.struct(schema.fields()), true));
            values.add(schema.isEmpty() ? RowFactory.create((Object) null) : sparkRow(schema.fields(), row));
            CompiledExpression e = compiler.compile(c.get("expression").asText(), RowScope.of(schema));
            Translator t = new Translator(e.text(), ref -> ref(col(name), ref), null, new TranslationContext(CLOCK, null));
            try {
                Val v = t.translate(e.tree());
                select.add(struct(v.value().cast(DataTypes.StringType).as("v"),
                        (v.error() == null ? lit(null).cast("string") : v.error()).as("e")).as("r" + i));
            } catch (RuntimeException x) {
                select.add(struct(lit(null).cast("string").as("v"), lit("no translation: " + x).as("e")).as("r" + i));
            }
        }
        Dataset<Row> df = spark.createDataFrame(List.of(RowFactory.create(values.toArray())), DataTypes.createStructType(fields));
        Row result = df.select(select.toArray(new Column[0])).first();
        for (int k = 0; k < batch.size(); k++) {
            int i = batch.get(k);
            Row r = result.getStruct(k);
            CompiledExpression e = compiler.compile(cases.get(i).get("expression").asText(), RowScope.of(schema(cases.get(i).get("fields"))));
            outcomes.put(i, r.isNullAt(1) ? describeText(r.isNullAt(0) ? null : r.getString(0), e.type()) : "error: " + r.getString(1));
        }
    }

    private static Column ref(Column struct, FieldRef ref) {
        Column c = struct.getField(SparkTypes.child(ref.slot()));
        for (int i : ref.childPath()) {
            c = c.getField(SparkTypes.child(i));
        }
        return c;
    }

    private static Column path(Column c, FieldRef ref) {
        for (int i : ref.childPath()) {
            c = c.getField(SparkTypes.child(i));
        }
        return c;
    }

    /** An aggregating case: its rows as a frame, one group, the outer expression over the aggregates. */
    private void group(int index) throws Exception {
        JsonNode c = cases.get(index);
        String text = c.get("expression").asText();
        Schema schema = schema(c.get("fields"));
        CompiledExpression e = compiler.compile(text, RowScope.of(schema));
        String local;
        try {
            List<AggregateCall> calls = e.aggregates();
            AggregateCall.Accumulator[] acc = new AggregateCall.Accumulator[calls.size()];
            for (int i = 0; i < acc.length; i++) {
                acc[i] = calls.get(i).newAccumulator();
            }
            Object[] first = null;
            for (JsonNode r : c.get("rows")) {
                Object[] row = row(schema, r);
                first = first == null ? row : first;
                for (AggregateCall.Accumulator a : acc) {
                    a.accumulate(row);
                }
            }
            Object[] results = new Object[acc.length];
            for (int i = 0; i < acc.length; i++) {
                results[i] = acc[i].result();
            }
            local = describe(e.evaluateGroup(first == null ? new Object[schema.size()] : first, results), e.type());
        } catch (EvaluationException x) {
            local = "error: " + x.getMessage();
        }
        SparkSession spark = TestSpark.session();
        List<Row> rows = new ArrayList<>();
        long rid = 0;
        for (JsonNode r : c.get("rows")) {
            Row values = sparkRow(schema.fields(), row(schema, r));
            Object[] withId = new Object[values.size() + 1];
            withId[0] = rid++;
            for (int i = 0; i < values.size(); i++) {
                withId[i + 1] = values.get(i);
            }
            rows.add(RowFactory.create(withId));
        }
        List<StructField> structFields = new ArrayList<>();
        structFields.add(DataTypes.createStructField("__rid", DataTypes.LongType, false));
        for (int i = 0; i < schema.size(); i++) {
            structFields.add(DataTypes.createStructField("s" + i, SparkTypes.of(schema.fields().get(i)), true));
        }
        Dataset<Row> df = spark.createDataFrame(rows, DataTypes.createStructType(structFields)).repartition(2);
        List<ExpressionTree.Aggregate> aggregates = new ArrayList<>();
        collect(e.tree(), aggregates);
        TranslationContext context = new TranslationContext(CLOCK, null);
        List<Column> aggs = new ArrayList<>();
        List<Column> scope = new ArrayList<>();
        for (int i = 0; i < schema.size(); i++) {
            scope.add(col("s" + i));
        }
        aggs.add(min_by(struct(scope.toArray(new Column[0])), col("__rid")).as("__first"));
        Map<ExpressionTree.Aggregate, Val> results = new java.util.IdentityHashMap<>();
        for (int k = 0; k < aggregates.size(); k++) {
            ExpressionTree.Aggregate a = aggregates.get(k);
            List<Column> args = new ArrayList<>();
            for (ExpressionTree arg : a.arguments()) {
                args.add(new Translator(text, ref -> path(col("s" + ref.slot()), ref), null, context).translate(arg).value());
            }
            Val av = Aggregates.of(a, text, args, col("__rid"));
            aggs.add(av.value().as("a" + k));
            aggs.add((av.error() == null ? lit(null).cast("string") : av.error()).as("ae" + k));
            results.put(a, new Val(col("a" + k), col("ae" + k)));
        }
        // one group of all rows, also when there are none (as the local accumulators over no values)
        Dataset<Row> grouped = df.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0]));
        Val v = new Translator(text, ref -> path(col("__first").getField("s" + ref.slot()), ref), results::get, context)
                .translate(e.tree());
        Row r = grouped.select(v.value().cast(DataTypes.StringType), v.error() == null ? lit(null).cast("string") : v.error()).first();
        String spark2 = r.isNullAt(1) ? describeText(r.isNullAt(0) ? null : r.getString(0), e.type()) : "error: " + r.getString(1);
        assertEquals(local, spark2, "`" + text + "` on Spark");
    }

    private static void collect(ExpressionTree t, List<ExpressionTree.Aggregate> out) {
        if (t instanceof ExpressionTree.Aggregate a) {
            out.add(a);
            return;
        }
        for (ExpressionTree c : t.children()) {
            collect(c, out);
        }
    }

    // ------------------------------------------------------------------ values

    /** A local value as type and canonical text (decimals keep their scale). */
    private static String describe(Object v, DataType type) {
        if (v == null) {
            return "null";
        }
        String text = v instanceof BigDecimal d ? d.toString() : Values.format(v);
        return type.id() + ":" + text;
    }

    /** A Spark value (cast to text by Spark) in the same form. */
    private static String describeText(String s, DataType type) {
        if (s == null) {
            return "null";
        }
        switch (type) {
            case TIMESTAMP:
                return type.id() + ":" + Values.format(Values.parse(s, DataType.TIMESTAMP, null));
            default:
                return type.id() + ":" + s;
        }
    }

    private static Row sparkRow(List<Field> fields, Object[] values) {
        Object[] out = new Object[fields.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = sparkValue(fields.get(i), values[i], false);
        }
        return RowFactory.create(out);
    }

    private static Object sparkValue(Field f, Object v, boolean element) {
        if (v == null) {
            return null;
        }
        if (f.repeated() && !element) {
            List<Object> out = new ArrayList<>();
            for (Object e : (List<?>) v) {
                out.add(sparkValue(f, e, true));
            }
            return out.toArray();
        }
        if (f.isRecord()) {
            return sparkRow(f.children(), (Object[]) v);
        }
        return SparkValues.toSpark(v, f.type() == DataType.ANY ? DataType.TEXT : f.type());
    }

    static Schema schema(JsonNode fields) {
        return Schema.of(fieldList(fields, new int[] {0}));
    }

    private static List<Field> fieldList(JsonNode fields, int[] counter) {
        List<Field> out = new ArrayList<>();
        if (fields == null) {
            return out;
        }
        for (Map.Entry<String, JsonNode> e : fields.properties()) {
            String id = "f" + counter[0]++;
            if (e.getValue().isObject()) {
                out.add(Field.of(id, e.getKey(), DataType.RECORD).withChildren(fieldList(e.getValue(), counter)));
            } else {
                String spec = e.getValue().asText();
                boolean repeated = spec.endsWith("[]");
                DataType type = DataType.parse(repeated ? spec.substring(0, spec.length() - 2) : spec);
                out.add(Field.of(id, e.getKey(), type).withRepeated(repeated));
            }
        }
        return out;
    }

    static Object[] row(Schema schema, JsonNode row) {
        Object[] out = new Object[schema.size()];
        for (int i = 0; i < out.length; i++) {
            Field f = schema.fields().get(i);
            out[i] = row == null ? null : value(f, row.get(f.name()));
        }
        return out;
    }

    private static Object value(Field f, JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (f.repeated()) {
            List<Object> list = new ArrayList<>();
            Field element = f.withRepeated(false);
            for (JsonNode e : v) {
                list.add(value(element, e));
            }
            return list;
        }
        switch (f.type()) {
            case RECORD: {
                Object[] rec = new Object[f.children().size()];
                for (int i = 0; i < rec.length; i++) {
                    Field child = f.children().get(i);
                    rec[i] = value(child, v.get(child.name()));
                }
                return rec;
            }
            case TEXT:
                return v.asText();
            case INTEGER:
                return v.longValue();
            case DECIMAL:
                return v.isTextual() ? new BigDecimal(v.asText()) : v.decimalValue();
            case BOOLEAN:
                return v.booleanValue();
            case DATE:
                return LocalDate.parse(v.asText());
            case TIMESTAMP:
                return Values.parse(v.asText(), DataType.TIMESTAMP, null);
            default:
                if (v.isTextual()) {
                    return v.asText();
                }
                if (v.isIntegralNumber()) {
                    return v.longValue();
                }
                if (v.isNumber()) {
                    return v.decimalValue();
                }
                if (v.isBoolean()) {
                    return v.booleanValue();
                }
                fail("unsupported any value " + v);
                return null;
        }
    }
}
