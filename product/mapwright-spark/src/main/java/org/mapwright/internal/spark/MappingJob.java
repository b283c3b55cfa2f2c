package org.mapwright.internal.spark;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.MappingDef;
import org.mapwright.core.OutputDef;
import org.mapwright.core.RuleDef;
import org.mapwright.core.SourceDef;
import org.mapwright.core.connector.ConnectorRegistry;
import org.mapwright.core.connector.DataException;
import org.mapwright.engine.JoinPlan;
import org.mapwright.engine.MappingPlan;
import org.mapwright.engine.Problem;
import org.mapwright.engine.Reject;
import org.mapwright.engine.RunReport.MappingReport;
import org.mapwright.engine.RunReport.OutputReport;
import org.mapwright.engine.RunReport.RuleReport;
import org.mapwright.engine.RunRequest;
import org.mapwright.engine.RunStatus;
import org.mapwright.engine.expr.CompiledExpression;
import org.mapwright.engine.expr.ExpressionTree;
import org.mapwright.engine.expr.FieldRef;

/**
 * Runs one compiled mapping on Spark, as the local engine's runner does it row by row: joins,
 * input filter, field mappings or grouping, output filter, required fields and quality rules, then
 * the outputs and the rejects file. Every source row ends as exactly one outcome (written,
 * rejected, filtered, or grouped into a group), decided by the first step that claims it, in the
 * local engine's order, so counts, rejects and reasons are the local engine's.
 *
 * <p>Where the local engine stops at a row (a rule with action {@code fail}, more rejects than
 * {@code maxRejectedRows}) this job finds that row by source position afterwards and reports only
 * what the local engine would have seen up to it.
 */
public final class MappingJob {

    static final int WRITTEN = 0;
    static final int REJECTED = 1;
    static final int FILTERED = 2;
    static final int GROUPED = 3;

    /** Bits of a row id below the partition ({@code monotonically_increasing_id}). */
    static final long ROW_BITS = 33;

    private static final int MAX_WARNINGS = 100;
    /** How many rejected rows the report lists. */
    static final int FIRST_REJECTS = 10;

    private final SparkSession spark;
    private final MappingPlan plan;
    private final MappingDef mapping;
    private final RunRequest request;
    private final Sources sources;
    private final ConnectorRegistry registry;
    private final TranslationContext context;
    private final List<String> warnings = new ArrayList<>();
    private long moreWarnings;

    /** The rows being built; lookup() joins replace it while expressions are translated. */
    private Dataset<Row> df;
    /** The primary source as read: its raw values give the raw input of rejects. */
    private SourceFrame primaryFrame;
    private final List<Column[]> stages = new ArrayList<>();
    private int columns;
    private final Map<ExpressionTree.FunctionCall, Val> lookupColumns = new IdentityHashMap<>();

    public MappingJob(SparkSession spark, MappingPlan plan, RunRequest request, Clock clock, Sources sources, ConnectorRegistry registry) {
        this.spark = spark;
        this.plan = plan;
        this.mapping = plan.mapping();
        this.request = request;
        this.sources = sources;
        this.registry = registry;
        this.context = new TranslationContext(clock, this::lookup);
    }

    // ------------------------------------------------------------------ the run

    /** @return the mapping's report; outputs are committed when its status is succeeded */
    public MappingReport run() {
        long t0 = System.nanoTime();
        List<OutputReport> outputReports = new ArrayList<>();
        for (OutputDef o : mapping.outputs()) {
            outputReports.add(new OutputReport(o.id(), o.connector(), Outputs.describe(registry, o)));
        }
        Outputs outputs = new Outputs(spark, registry, request, mapping.targetSchema());
        Rejects rejects = new Rejects(spark, Rejects.path(request.effectiveOutputDirectory(), mapping.name()));
        Outcome outcome = null;
        try {
            if (plan.hasErrors()) {
                throw new DataException(null, firstError());
            }
            outcome = build();
            outcome.persist();
            request.monitor().begin("Mapping " + mapping.name() + " on Spark", -1);
            Result r = Result.compute(outcome, mapping);
            if (request.monitor().isCanceled()) {
                throw new CancellationException();
            }
            rejects.write(outcome, r);
            if (r.status == RunStatus.SUCCEEDED) {
                try {
                    outputs.write(outcome.written(r), mapping.outputs());
                    outputs.commit();
                } catch (Exception e) { // Spark throws its checked SparkException undeclared
                    outputs.discard();
                    rejects.commit();
                    return report(t0, r.withFailure(RunStatus.FAILED, "committing output failed: " + message(e)), outputReports,
                            rejects, outcome);
                }
            }
            rejects.commit();
            return report(t0, r, outputReports, rejects, outcome);
        } catch (CancellationException e) {
            outputs.discard();
            rejects.discard();
            return failed(t0, RunStatus.CANCELLED, "cancelled", outputReports);
        } catch (DataException e) {
            outputs.discard();
            rejects.discard();
            return failed(t0, RunStatus.FAILED, e.getMessage(), outputReports);
        } catch (LookupFailure e) {
            outputs.discard();
            rejects.discard();
            return failed(t0, RunStatus.FAILED, e.getMessage(), outputReports);
        } catch (java.io.IOException e) {
            outputs.discard();
            rejects.discard();
            return failed(t0, RunStatus.FAILED, "cannot write rejects file " + rejects.target() + ": " + e.getMessage(), outputReports);
        } catch (Exception e) { // also Spark's undeclared checked SparkException, e.g. a cancelled job group
            outputs.discard();
            rejects.discard();
            if (request.monitor().isCanceled()) {
                return failed(t0, RunStatus.CANCELLED, "cancelled", outputReports);
            }
            return failed(t0, RunStatus.FAILED, "unexpected error: " + message(e), outputReports);
        } finally {
            if (outcome != null) {
                outcome.unpersist();
            }
        }
    }

    private static String message(Exception e) {
        Throwable t = e;
        while (t.getCause() != null && t.getMessage() == null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    private String firstError() {
        List<Problem> errors = plan.problems().stream().filter(Problem::isError).toList();
        return "mapping '" + mapping.name() + "' is invalid: " + errors.get(0)
                + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more errors)" : "");
    }

    private MappingReport failed(long t0, RunStatus status, String error, List<OutputReport> outputReports) {
        return new MappingReport(mapping.id(), mapping.name(), status, 0, 0, 0, 0, 0, -1, Duration.ofNanos(System.nanoTime() - t0),
                List.of(), outputReports, null, warnings(), List.of(), error);
    }

    private MappingReport report(long t0, Result r, List<OutputReport> outputReports, Rejects rejects, Outcome outcome) {
        List<RuleReport> rules = new ArrayList<>();
        for (int k = 0; k < outcome.rules.size(); k++) {
            Rules.Compiled rc = outcome.rules.get(k);
            RuleDef d = rc.def();
            rules.add(new RuleReport(d.id(), d.kind().id(), rc.path(), d.action().id(), r.violations[k]));
        }
        for (String w : r.warnings) {
            warn(w);
        }
        return new MappingReport(mapping.id(), mapping.name(), r.status, r.read, r.written, r.rejected, r.filtered, r.merged,
                outcome.bytes, Duration.ofNanos(System.nanoTime() - t0), rules, outputReports,
                r.rejected > 0 ? rejects.target().toString() : null, warnings(), r.firstRejects, r.error);
    }

    void warn(String message) {
        if (warnings.size() < MAX_WARNINGS) {
            warnings.add(message);
        } else {
            moreWarnings++;
        }
    }

    private List<String> warnings() {
        List<String> w = new ArrayList<>(warnings);
        if (moreWarnings > 0) {
            w.add(moreWarnings + " more warnings not shown");
        }
        return w;
    }

    // ------------------------------------------------------------------ building the outcome

    private String fresh(String prefix) {
        return prefix + columns++;
    }

    /** Adds a column holding a value and returns a reference to it. */
    private Column add(String prefix, Column value) {
        String name = fresh(prefix);
        df = df.withColumn(name, value);
        return col(name);
    }

    /** Materializes a translated value and its error as columns of the frame. */
    private Val add(String prefix, Val v) {
        Column value = add(prefix, v.value());
        Column error = v.error() == null ? null : add(prefix + "e", v.error());
        return new Val(value, error);
    }

    private void reject(Column condition, Column field, String rule, Column reason) {
        stages.add(new Column[] {condition, lit(REJECTED), field, lit(rule), reason});
    }

    private void filterOut(Column condition) {
        stages.add(new Column[] {condition, lit(FILTERED), null, null, null});
    }

    /** @return the outcome struct of each row: the first stage that claims it, else {@code otherwise} */
    private Column outcomeColumn(int otherwise) {
        Column c = null;
        for (Column[] s : stages) {
            Column value = struct(s[1].as("st"), (s[2] == null ? Cols.nullOf(DataType.TEXT) : s[2]).as("f"),
                    (s[3] == null ? Cols.nullOf(DataType.TEXT) : s[3]).as("r"), (s[4] == null ? Cols.nullOf(DataType.TEXT) : s[4]).as("m"));
            c = c == null ? when(s[0], value) : c.when(s[0], value);
        }
        Column rest = struct(lit(otherwise).as("st"), Cols.nullOf(DataType.TEXT).as("f"), Cols.nullOf(DataType.TEXT).as("r"),
                Cols.nullOf(DataType.TEXT).as("m"));
        return c == null ? rest : c.otherwise(rest);
    }

    private static Column scopeColumn(FieldRef ref, String prefix) {
        Column c = col(prefix + ref.slot());
        for (int i : ref.childPath()) {
            c = c.getField(SparkTypes.child(i));
        }
        return c;
    }

    private Translator translator(CompiledExpression e, String prefix) {
        return new Translator(e.text(), ref -> scopeColumn(ref, prefix), null, context);
    }

    private Outcome build() throws DataException {
        SourceDef primary = plan.source().orElseThrow();
        SourceFrame frame = sources.read(primary);
        List<Column> select = new ArrayList<>();
        for (String c : List.of(SourceFrame.RID, SourceFrame.BAD, SourceFrame.BAD_FIELD, SourceFrame.ERR_FIELD, SourceFrame.ERR_REASON,
                SourceFrame.CORRUPT_TEXT)) {
            select.add(col(c));
        }
        for (int i = 0; i < primary.schema().size(); i++) {
            select.add(col(SourceFrame.value(i)).as("s" + i));
            select.add(col(SourceFrame.raw(i)));
        }
        this.primaryFrame = frame;
        df = frame.frame().select(select.toArray(new Column[0]));
        reject(col(SourceFrame.BAD).isNotNull(), col(SourceFrame.BAD_FIELD), Reject.BAD_RECORD, col(SourceFrame.BAD));
        reject(col(SourceFrame.ERR_FIELD).isNotNull(), col(SourceFrame.ERR_FIELD), Reject.BAD_VALUE, col(SourceFrame.ERR_REASON));
        int offset = primary.schema().size();
        for (JoinPlan j : plan.joins()) {
            join(j, offset);
            offset += j.source().schema().size();
        }
        Optional<CompiledExpression> filter = plan.filter();
        if (filter.isPresent()) {
            Val f = add("flt", translator(filter.get(), "s").translate(filter.get().tree()));
            if (f.error() != null) {
                reject(f.error().isNotNull(), lit(Problem.FILTER), Reject.EVALUATION_ERROR, f.error());
            }
            filterOut(not(f.value().equalTo(true)).or(f.value().isNull()));
        }
        Outcome out = plan.isAggregating() ? aggregate() : rows();
        out.label = frame.label();
        out.lineOffset = frame.lineOffset();
        out.jsonArray = frame.jsonArray();
        out.encoding = frame.encoding();
        out.bytes = frame.bytes();
        return out;
    }

    // ------------------------------------------------------------------ joins and lookups

    /** Joins a lookup source: its first row per key, broadcast; rows without a match are filtered out by an inner join. */
    private void join(JoinPlan j, int offset) throws DataException {
        int i = j.index();
        SourceFrame lf = sources.read(j.source());
        Dataset<Row> lookup = goodRows(lf, "lookup");
        List<Column> rightKeys = new ArrayList<>();
        Column rightError = null;
        for (int n = 0; n < j.rightKeys().size(); n++) {
            CompiledExpression e = j.rightKeys().get(n);
            Val v = new Translator(e.text(), ref -> scopeColumn(ref, "v"), null, context).translate(e.tree());
            rightKeys.add(Keys.of(v.value(), e.type(), j.leftKeys().get(n).type()));
            rightError = Cols.firstError(rightError, v.error());
        }
        if (rightError != null) {
            for (Row r : lookup.filter(rightError.isNotNull()).select(rightError).limit(MAX_WARNINGS).collectAsList()) {
                warn("lookup '" + j.source().name() + "': " + r.getString(0) + "; row skipped");
            }
            lookup = lookup.filter(rightError.isNull());
        }
        List<Column> keyed = new ArrayList<>();
        Column notNull = lit(true);
        for (int n = 0; n < rightKeys.size(); n++) {
            keyed.add(rightKeys.get(n).as("jk" + i + "_" + n));
            notNull = notNull.and(rightKeys.get(n).isNotNull());
        }
        List<Column> values = new ArrayList<>();
        for (int k = 0; k < j.source().schema().size(); k++) {
            values.add(col(SourceFrame.value(k)).as("v" + k));
        }
        keyed.add(struct(values.toArray(new Column[0])).as("row"));
        keyed.add(col(SourceFrame.RID));
        Dataset<Row> withKeys = lookup.select(keyed.toArray(new Column[0])).filter(notNull);
        List<Column> groupBy = new ArrayList<>();
        for (int n = 0; n < rightKeys.size(); n++) {
            groupBy.add(col("jk" + i + "_" + n));
        }
        Dataset<Row> first = withKeys.groupBy(groupBy.toArray(new Column[0]))
                .agg(min_by(col("row"), col(SourceFrame.RID)).as("jrow" + i), count(lit(1)).as("jn" + i));
        Row extra = first.agg(sum(col("jn" + i).minus(1))).first();
        long duplicates = extra.isNullAt(0) ? 0 : extra.getLong(0);
        if (duplicates > 0) {
            warn("lookup '" + j.source().name() + "' has " + duplicates
                    + " rows whose key an earlier row already has; the first row of each key is used");
        }
        Dataset<Row> right = first.drop("jn" + i).withColumn("jm" + i, lit(true));
        Column condition = null;
        Column leftError = null;
        for (int n = 0; n < j.leftKeys().size(); n++) {
            CompiledExpression e = j.leftKeys().get(n);
            Val v = add("lk", translator(e, "s").translate(e.tree()));
            Column key = add("jl" + i + "_", Keys.of(v.value(), e.type(), j.rightKeys().get(n).type()));
            Column eq = key.equalTo(right.col("jk" + i + "_" + n));
            condition = condition == null ? eq : condition.and(eq);
            leftError = Cols.firstError(leftError, v.error());
        }
        df = df.join(lf.bytes() >= 0 && lf.bytes() <= BROADCAST_BYTES ? broadcast(right) : right, condition, "left");
        for (int k = 0; k < j.source().schema().size(); k++) {
            df = df.withColumn("s" + (offset + k), col("jrow" + i).getField("v" + k));
        }
        for (int n = 0; n < j.rightKeys().size(); n++) {
            df = df.drop("jk" + i + "_" + n);
        }
        df = df.drop("jrow" + i);
        if (leftError != null) {
            reject(leftError.isNotNull(), lit(j.element()), Reject.EVALUATION_ERROR, leftError);
        }
        if (j.kind() == org.mapwright.core.JoinDef.Kind.INNER) {
            filterOut(col("jm" + i).isNull());
        }
    }

    /** Lookups larger than this are joined without broadcasting them (Spark then shuffles both sides). */
    private static final long BROADCAST_BYTES = 256L << 20;

    /** @return the rows of a lookup source that could be read; the others are skipped with a warning each */
    private Dataset<Row> goodRows(SourceFrame lf, String purpose) {
        Dataset<Row> l = lf.frame();
        Column bad = col(SourceFrame.BAD).isNotNull().or(col(SourceFrame.ERR_FIELD).isNotNull());
        List<Row> skipped = l.filter(bad).orderBy(SourceFrame.RID).select(col(SourceFrame.RID), col(SourceFrame.BAD_FIELD),
                col(SourceFrame.BAD), col(SourceFrame.ERR_FIELD), col(SourceFrame.ERR_REASON)).limit(MAX_WARNINGS).collectAsList();
        if (!skipped.isEmpty()) {
            RecordNumbers numbers = RecordNumbers.of(l);
            for (Row r : skipped) {
                long record = numbers.record(r.getLong(0));
                String field = r.isNullAt(3) ? r.getString(1) : r.getString(3);
                String reason = r.isNullAt(3) ? r.getString(2) : r.getString(4);
                long line = lf.lineOffset() < 0 ? -1 : record + lf.lineOffset();
                reason = reason.replace(CsvDiagnosis.LINE, Long.toString(line));
                warn(purpose + " '" + lf.source().name() + "': " + Rejects.where(lf.label(), line, record, field) + reason + "; row skipped");
            }
        }
        return l.filter(not(bad));
    }

    /** Serves a lookup() call: a join of the lookup table's first row per key. */
    private Val lookup(ExpressionTree.FunctionCall call, Translator t) {
        Val done = lookupColumns.get(call);
        if (done != null) {
            return done;
        }
        List<ExpressionTree> a = call.arguments();
        String table = (String) ((ExpressionTree.Literal) a.get(0)).value();
        String keyColumn = (String) ((ExpressionTree.Literal) a.get(1)).value();
        String valueColumn = (String) ((ExpressionTree.Literal) a.get(3)).value();
        SourceDef s = plan.project().sourceByName(table).or(() -> plan.project().source(table)).orElseThrow();
        int k = column(s, keyColumn);
        int v = column(s, valueColumn);
        DataType keyType = s.schema().fields().get(k).type();
        Val key = t.translate(a.get(2));
        Dataset<Row> l;
        try {
            l = goodRows(sources.read(s), "lookup table");
        } catch (DataException e) {
            throw new LookupFailure(e);
        }
        String n = fresh("lu");
        Column normalized = Keys.of(col(SourceFrame.value(k)), keyType, keyType);
        Dataset<Row> right = l.filter(normalized.isNotNull()).select(normalized.as(n + "k"), col(SourceFrame.value(v)).as("val"),
                col(SourceFrame.RID)).groupBy(col(n + "k")).agg(min_by(col("val"), col(SourceFrame.RID)).as(n));
        Column leftKey = add(n + "l", Keys.of(key.value(), a.get(2).type(), keyType));
        df = df.join(broadcast(right), leftKey.equalTo(right.col(n + "k")), "left").drop(n + "k");
        Column value = col(n);
        Column error = key.error();
        if (a.size() > 4) {
            Val dflt = t.translate(a.get(4));
            value = functions.coalesce(value, dflt.value());
            error = Cols.firstError(error, Cols.errorWhen(col(n).isNull(), dflt.error()));
        }
        Val out = new Val(value, error);
        lookupColumns.put(call, out);
        return out;
    }

    /** A lookup() table could not be read; ends the run like a failing source. */
    static final class LookupFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LookupFailure(DataException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private static int column(SourceDef s, String name) {
        List<Field> fields = s.schema().fields();
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(name)) {
                return i;
            }
        }
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("source '" + s.name() + "' has no field '" + name + "'");
    }

    // ------------------------------------------------------------------ row mappings

    /** A target field's value and the errors of its own or its children's expressions, depth first. */
    private record TargetVal(Column value, List<Column[]> errors) {
    }

    /** A target field's value: its expression, or a record of its children's values. */
    private TargetVal target(Field f, Map<String, CompiledExpression> compiled, boolean group) {
        CompiledExpression e = compiled.get(f.id());
        if (e != null) {
            Val v = targetTranslator(e, group).translate(e.tree());
            List<Column[]> errors = new ArrayList<>();
            if (v.error() != null) {
                errors.add(new Column[] {lit(f.name()), v.error()});
            }
            return new TargetVal(v.value(), errors);
        }
        if (f.isRecord() && hasMapped(f, compiled)) {
            List<Column> children = new ArrayList<>();
            List<Column[]> errors = new ArrayList<>();
            for (int i = 0; i < f.children().size(); i++) {
                TargetVal c = target(f.children().get(i), compiled, group);
                children.add(c.value().as(SparkTypes.child(i)));
                errors.addAll(c.errors());
            }
            return new TargetVal(struct(children.toArray(new Column[0])), errors);
        }
        return new TargetVal(nullOf(f), List.of());
    }

    private static Column nullOf(Field f) {
        return lit(null).cast(SparkTypes.of(f));
    }

    private static boolean hasMapped(Field f, Map<String, CompiledExpression> compiled) {
        for (Field c : f.children()) {
            if (compiled.containsKey(c.id()) || hasMapped(c, compiled)) {
                return true;
            }
        }
        return false;
    }

    private Map<String, CompiledExpression> compiledTargets() {
        Map<String, CompiledExpression> out = new java.util.HashMap<>();
        for (Field f : mapping.targetSchema().allFields()) {
            plan.expression(f.id()).ifPresent(e -> out.put(f.id(), e));
        }
        return out;
    }

    /** Adds a target value as column {@code name} and a reject stage per expression that can fail. */
    private void addTarget(String name, TargetVal v) {
        df = df.withColumn(name, v.value());
        for (Column[] e : v.errors()) {
            Column error = add("te", e[1]);
            reject(error.isNotNull(), e[0], Reject.EVALUATION_ERROR, error);
        }
    }

    private Outcome rows() {
        Map<String, CompiledExpression> compiled = compiledTargets();
        List<Field> fields = mapping.targetSchema().fields();
        for (int i = 0; i < fields.size(); i++) {
            addTarget("t" + i, target(fields.get(i), compiled, false));
        }
        raw = primaryFrame.rawText(name -> col(name));
        return finishTargets(col(SourceFrame.RID));
    }

    private Translator targetTranslator(CompiledExpression e, boolean group) {
        if (!group) {
            return translator(e, "s");
        }
        return new Translator(e.text(), ref -> childPath(col("__first").getField("s" + ref.slot()), ref), this::aggregateResult, context);
    }

    private static Column childPath(Column c, FieldRef ref) {
        for (int i : ref.childPath()) {
            c = c.getField(SparkTypes.child(i));
        }
        return c;
    }

    /**
     * Output filter, required fields and rules over the target columns {@code t0..tn}; then the
     * outcome of each row.
     *
     * @param position the column ordering rows (their source position, or a group's first row's)
     */
    private Outcome finishTargets(Column position) {
        Optional<CompiledExpression> of = plan.outputFilter();
        if (of.isPresent()) {
            Val f = add("of", translator(of.get(), "t").translate(of.get().tree()));
            if (f.error() != null) {
                reject(f.error().isNotNull(), lit(Problem.OUTPUT_FILTER), Reject.EVALUATION_ERROR, f.error());
            }
            filterOut(not(f.value().equalTo(true)).or(f.value().isNull()));
        }
        List<Field> fields = mapping.targetSchema().fields();
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            if (!f.nullable()) {
                reject(col("t" + i).isNull(), lit(f.name()), Reject.REQUIRED, lit("no value for required target field '" + f.name() + "'"));
            }
        }
        // The outcome before the rules, computed once: rows that reach the rules are those no step claimed.
        df = df.withColumn("__pre", outcomeColumn(WRITTEN));
        stages.clear();
        Column reached = col("__pre").getField("st").equalTo(WRITTEN);
        stages.add(new Column[] {functions.not(reached), col("__pre").getField("st"), col("__pre").getField("f"),
                col("__pre").getField("r"), col("__pre").getField("m")});
        List<Rules.Compiled> rules = new Rules(mapping.targetSchema(), plan.project(), this::referenced).compile(mapping.rules());
        List<Column> flags = new ArrayList<>();
        Column candidate = reached;
        for (Rules.Compiled r : rules) {
            if (r.unique() == null && r.def().action() != RuleDef.Action.WARN) {
                candidate = candidate.and(functions.coalesce(not(r.violated()), lit(true)));
            }
        }
        Column firstFail = null;
        Column firstReject = null;
        List<Column[]> failReasons = new ArrayList<>();
        List<Column[]> rejectReasons = new ArrayList<>();
        for (int k = 0; k < rules.size(); k++) {
            Rules.Compiled r = rules.get(k);
            Column violated = r.violated();
            if (r.unique() != null) {
                Column key = r.unique();
                Column firstWritten = min(when(candidate.and(key.isNotNull()), position))
                        .over(Window.partitionBy(key));
                violated = key.isNotNull().and(firstWritten.isNotNull()).and(firstWritten.lt(position));
            }
            Column flag = add("rv", when(reached.and(functions.coalesce(violated, lit(false))), lit(1)).otherwise(lit(0)));
            flags.add(flag);
            Column hit = flag.equalTo(1);
            if (r.def().action() == RuleDef.Action.FAIL) {
                failReasons.add(new Column[] {hit, lit(r.path()), lit(r.def().id()), r.reason()});
                firstFail = firstFail == null ? hit : firstFail.or(hit);
            }
            if (r.def().action() != RuleDef.Action.WARN) {
                rejectReasons.add(new Column[] {hit, lit(r.path()), lit(r.def().id()), r.reason()});
                firstReject = firstReject == null ? hit : firstReject.or(hit);
            }
        }
        for (Column[] c : failReasons) {
            stages.add(new Column[] {c[0], lit(REJECTED), c[1], c[2], c[3]});
        }
        for (Column[] c : rejectReasons) {
            stages.add(new Column[] {c[0], lit(REJECTED), c[1], c[2], c[3]});
        }
        df = df.withColumn("__o", outcomeColumn(WRITTEN)).withColumn("__fail", firstFail == null ? lit(false) : firstFail);
        Outcome out = new Outcome();
        out.rules = rules;
        out.flags = flags;
        out.fields = fields.size();
        out.frame = df.select(kept(flags, fields.size(), raw).toArray(new Column[0]));
        return out;
    }

    /** The raw input of rejected rows: the source row's, or for groups their first row's. */
    private Column raw;

    /**
     * @return what later steps read of an outcome (position, outcome, fail flag, rule flags,
     *         targets, the raw input of rejected rows), so persisting it stores nothing more
     */
    private static List<Column> kept(List<Column> flags, int targets, Column raw) {
        List<Column> out = new ArrayList<>(List.of(col(SourceFrame.RID), col("__o"), col("__fail")));
        out.addAll(flags);
        for (int i = 0; i < targets; i++) {
            out.add(col("t" + i));
        }
        out.add(when(col("__o").getField("st").equalTo(REJECTED), raw).as(SourceFrame.RAW));
        return out;
    }

    /** Joins the distinct values of a reference rule's source field; true where the key is among them. */
    private Column referenced(SourceDef source, int field, Column key) {
        Dataset<Row> ref;
        try {
            ref = goodRows(sources.read(source), "reference source");
        } catch (DataException e) {
            throw new LookupFailure(e);
        }
        DataType type = source.schema().fields().get(field).type();
        String n = fresh("ref");
        Column value = Keys.tagged(col(SourceFrame.value(field)), type);
        Dataset<Row> values = ref.filter(col(SourceFrame.value(field)).isNotNull()).select(value.as(n + "k")).distinct()
                .withColumn(n, lit(true));
        Column k = add(n + "l", key);
        df = df.join(broadcast(values), k.equalTo(values.col(n + "k")), "left").drop(n + "k");
        return col(n).isNotNull();
    }

    // ------------------------------------------------------------------ aggregation

    private final Map<Integer, Column> aggregateColumns = new java.util.HashMap<>();
    private final Map<ExpressionTree.Aggregate, Val> aggregateByNode = new IdentityHashMap<>();

    private Val aggregateResult(ExpressionTree.Aggregate a) {
        return aggregateByNode.get(a);
    }

    /**
     * Groups rows by the values of the targets that do not aggregate (compared as keys: numbers
     * by value), in order of each group's first row; then computes the aggregating targets per
     * group.
     */
    private Outcome aggregate() {
        Map<String, CompiledExpression> compiled = compiledTargets();
        List<Field> fields = mapping.targetSchema().fields();
        List<Column> keys = new ArrayList<>();
        List<Column> keyValues = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            CompiledExpression e = compiled.get(f.id());
            if (e != null && e.isAggregate()) {
                continue;
            }
            String name = fresh("gk");
            addTarget(name, target(f, compiled, false));
            Column v = col(name);
            keyValues.add(v.as("k" + i));
            keys.add(add("gn", f.isRecord() || f.repeated() ? functions.to_json(v) : Keys.of(v, f.type(), f.type())));
        }
        // aggregate arguments, per row, in target order
        List<AggregateArgument> arguments = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            CompiledExpression e = compiled.get(f.id());
            if (e == null || !e.isAggregate()) {
                continue;
            }
            List<ExpressionTree.Aggregate> calls = new ArrayList<>();
            collectAggregates(e.tree(), calls);
            Column targetError = null;
            for (ExpressionTree.Aggregate a : calls) {
                List<Column> argumentColumns = new ArrayList<>();
                for (ExpressionTree arg : a.arguments()) {
                    Val v = add("ga", translator(e, "s").translate(arg));
                    argumentColumns.add(v.value());
                    targetError = Cols.firstError(targetError, v.error());
                }
                arguments.add(new AggregateArgument(a, e.text(), argumentColumns));
            }
            if (targetError != null) {
                reject(targetError.isNotNull(), lit(f.name()), Reject.EVALUATION_ERROR, targetError);
            }
        }
        df = df.withColumn("__o", outcomeColumn(GROUPED)).withColumn("__fail", lit(false));
        List<Column> rowColumns = new ArrayList<>(List.of(col(SourceFrame.RID), col("__o"), col("__fail"),
                when(col("__o").getField("st").equalTo(REJECTED), primaryFrame.rawText(name -> col(name))).as(SourceFrame.RAW)));
        rowColumns.addAll(keys);
        Dataset<Row> rows = df.select(rowColumns.toArray(new Column[0]));
        List<Column> rawValues = new ArrayList<>(List.of(col(SourceFrame.CORRUPT_TEXT)));
        for (int j = 0; j < primaryFrame.source().schema().size(); j++) {
            rawValues.add(col(SourceFrame.raw(j)));
        }
        // the groups
        List<Column> scope = new ArrayList<>();
        for (String c : df.columns()) {
            if (c.matches("s[0-9]+")) {
                scope.add(col(c));
            }
        }
        List<Column> aggs = new ArrayList<>();
        aggs.add(min(col(SourceFrame.RID)).as("__grid"));
        aggs.add(count(lit(1)).as("__gsize"));
        aggs.add(min_by(struct(scope.toArray(new Column[0])), col(SourceFrame.RID)).as("__first"));
        aggs.add(min_by(struct(keyValues.toArray(new Column[0])), col(SourceFrame.RID)).as("__keys"));
        aggs.add(min_by(struct(rawValues.toArray(new Column[0])), col(SourceFrame.RID)).as("__rawrow"));
        int n = 0;
        for (AggregateArgument a : arguments) {
            String name = "agg" + n++;
            Val v = Aggregates.of(a.call(), a.text(), a.arguments(), col(SourceFrame.RID));
            aggs.add(v.value().as(name));
            Column error = null;
            if (v.error() != null) {
                aggs.add(v.error().as(name + "e"));
                error = col(name + "e");
            }
            aggregateByNode.put(a.call(), new Val(col(name), error));
        }
        Dataset<Row> grouped = df.filter(col("__o").getField("st").equalTo(GROUPED))
                .groupBy(keys.isEmpty() ? new Column[] {lit("all")} : keys.toArray(new Column[0]))
                .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0]));
        // group rows become the new frame, positioned by their first row
        stages.clear();
        df = grouped.withColumnRenamed("__grid", SourceFrame.RID);
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            CompiledExpression e = compiled.get(f.id());
            if (e != null && e.isAggregate()) {
                Val v = add("gv", targetTranslator(e, true).translate(e.tree()));
                df = df.withColumn("t" + i, v.value());
                if (v.error() != null) {
                    reject(v.error().isNotNull(), lit(f.name()), Reject.EVALUATION_ERROR, v.error());
                }
            } else {
                df = df.withColumn("t" + i, col("__keys").getField("k" + i));
            }
        }
        raw = primaryFrame.rawText(name -> col("__rawrow").getField(name));
        Outcome out = finishTargets(col(SourceFrame.RID));
        out.rows = rows;
        out.groupKeys = keys;
        return out;
    }

    /** An aggregate call, the text of the expression it is in, and its arguments' columns per row. */
    private record AggregateArgument(ExpressionTree.Aggregate call, String text, List<Column> arguments) {
    }

    private static void collectAggregates(ExpressionTree t, List<ExpressionTree.Aggregate> out) {
        if (t instanceof ExpressionTree.Aggregate a) {
            out.add(a);
            return;
        }
        for (ExpressionTree c : t.children()) {
            collectAggregates(c, out);
        }
    }

    // ------------------------------------------------------------------ outcome and counts

    /** The rows of a mapping with their outcome, persisted while counts and outputs are computed. */
    final class Outcome {
        Dataset<Row> frame;
        /** Aggregation: the source rows before grouping (outcome grouped, rejected or filtered). */
        Dataset<Row> rows;
        List<Rules.Compiled> rules;
        /** Per rule, 1 where a row reaching the rules violates it. */
        List<Column> flags;
        /** Aggregation: the columns rows are grouped by. */
        List<Column> groupKeys = List.of();
        int fields;
        String label;
        long lineOffset;
        String jsonArray;
        java.nio.charset.Charset encoding;
        long bytes;

        void persist() {
            frame = frame.persist(StorageLevel.MEMORY_AND_DISK());
            if (rows != null) {
                rows = rows.persist(StorageLevel.MEMORY_AND_DISK());
            }
        }

        void unpersist() {
            frame.unpersist();
            if (rows != null) {
                rows.unpersist();
            }
        }

        /** @return the rows the source produced, each with its outcome */
        Dataset<Row> sourceRows() {
            return rows != null ? rows : frame;
        }

        /** @return the written rows' target values with their position ({@code __rid}), not yet in order */
        Dataset<Row> written(Result r) {
            Column keep = col("__o").getField("st").equalTo(WRITTEN);
            List<Column> targets = new ArrayList<>();
            targets.add(col(SourceFrame.RID));
            for (int i = 0; i < fields; i++) {
                targets.add(col("t" + i));
            }
            return frame.filter(keep).select(targets.toArray(new Column[0]));
        }

        /** @return every rejected row (source rows and groups), with reason, in source order */
        Dataset<Row> rejected(Result r) {
            List<Dataset<Row>> parts = new ArrayList<>();
            Column rid = col(SourceFrame.RID);
            Column base = col("__o").getField("st").equalTo(REJECTED);
            if (rows != null) {
                parts.add(rows.filter(r.stop == null ? base : base.and(rid.leq(r.stop)))
                        .select(rid, col("__o").getField("f").as("f"), col("__o").getField("r").as("r"), col("__o").getField("m").as("m"),
                                col(SourceFrame.RAW)));
                if (r.groupsStopped) {
                    return parts.get(0);
                }
            }
            Column keep = r.stop == null || rows != null ? base : base.and(rid.leq(r.stop));
            if (rows != null && r.groupStop != null) {
                keep = keep.and(rid.leq(r.groupStop));
            }
            parts.add(frame.filter(keep).select(rid, col("__o").getField("f").as("f"), col("__o").getField("r").as("r"),
                    col("__o").getField("m").as("m"), col(SourceFrame.RAW)));
            return parts.size() == 1 ? parts.get(0) : parts.get(0).unionByName(parts.get(1));
        }

    }
}
