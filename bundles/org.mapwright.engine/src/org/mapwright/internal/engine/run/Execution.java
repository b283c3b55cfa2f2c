package org.mapwright.internal.engine.run;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;

import org.mapwright.core.JoinDef;
import org.mapwright.core.RuleDef;
import org.mapwright.core.SourceDef;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.ConnectorRegistry;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.ProgressMonitor;
import org.mapwright.engine.EngineLimits;
import org.mapwright.engine.Problem;
import org.mapwright.engine.Reject;
import org.mapwright.engine.RunReport;
import org.mapwright.engine.expr.AggregateCall;
import org.mapwright.engine.expr.CompiledExpression;
import org.mapwright.engine.expr.EvaluationException;

/**
 * Runs a {@link CompiledPlan} over rows of its primary source: joins, input filter, field
 * mappings (or grouping), output filter, required fields and quality rules, then hands each row
 * to an {@link Output}. Shared by runs and previews so both behave identically. Not thread-safe:
 * one execution per run, driven by one thread; only {@link #evaluate} may run on another (the
 * reader's) thread, ahead of {@link #process}.
 *
 * <p>Accounting: every row passed to {@link #process} ends as exactly one of written, rejected,
 * filtered or merged (into an existing group), so read = written + rejected + filtered + merged.
 */
final class Execution {

    /** Where the rows of an execution go. */
    interface Output {
        /**
         * Receives a row that passed every check.
         *
         * @throws DataException recoverable when the row was refused and nothing of it was written
         *         (it is then rejected); otherwise the run stops
         */
        void write(Object[] target, SourceRow origin, Object[] scopeRow, Object[][] aggregateResults) throws DataException;

        /** Receives a rejected row. */
        void reject(Reject reject, Object[] scopeRow, String targetFieldId, String ruleId, Object[] target) throws IOException;

        /** @return whether the output wants no more rows (a full preview) */
        default boolean full() {
            return false;
        }
    }

    private final CompiledPlan plan;
    private final ConnectorRegistry registry;
    private final ConnectorContext context;
    private final EngineLimits limits;
    private final ProgressMonitor monitor;
    private final Output out;
    private final boolean enforce;

    private final List<Map<Object, Object[]>> joinMaps = new ArrayList<>();
    private final List<RuleSpec.Check> checks = new ArrayList<>();
    private final int[] required;
    private final Map<Keys.Composite, Group> groups = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<Reject> firstRejects = new ArrayList<>();
    private long moreWarnings;

    long read;
    long written;
    long rejected;
    long filtered;
    long merged;

    /**
     * @param enforce true for runs: rules with action fail and the reject thresholds stop the run;
     *                false for previews, which show such rows as rejected and go on
     */
    Execution(CompiledPlan plan, ConnectorRegistry registry, ConnectorContext context, EngineLimits limits,
            ProgressMonitor monitor, Output out, boolean enforce) {
        this.plan = plan;
        this.registry = registry;
        this.context = context;
        this.limits = limits;
        this.monitor = monitor;
        this.out = out;
        this.enforce = enforce;
        List<Integer> req = new ArrayList<>();
        for (int i = 0; i < plan.targets.length; i++) {
            if (!plan.targets[i].field.nullable()) {
                req.add(i);
            }
        }
        this.required = req.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Loads everything held in memory before rows flow: joined sources, {@code lookup()} tables,
     * the values of reference rules.
     */
    void prepare() throws DataException, LimitExceeded {
        for (JoinSpec j : plan.joins) {
            joinMaps.add(loadJoin(j));
        }
        for (FunctionLookup l : plan.lookups) {
            l.fill(loadLookup(l));
        }
        Map<String, Set<Object>> references = new HashMap<>();
        for (RuleSpec r : plan.rules) {
            Set<Object> values = null;
            if (r.def().kind() == RuleDef.Kind.REFERENCE) {
                String key = r.referenceSource().id() + "\u0000" + r.referenceField();
                values = references.get(key);
                if (values == null) {
                    values = loadReference(r.referenceSource(), r.referenceField());
                    references.put(key, values);
                }
            }
            checks.add(r.newCheck(values, limits.maxUniqueValues()));
        }
    }

    private interface RowConsumer {
        void accept(Object[] row, SourceRow origin) throws LimitExceeded;
    }

    private void loadSource(SourceDef source, String purpose, RowConsumer consumer) throws DataException, LimitExceeded {
        try (SourceAccess access = new SourceAccess(registry, context, source, 0, source.schema().size())) {
            long rows = 0;
            SourceRow r;
            while ((r = access.next()) != null) {
                if ((++rows & 0xFFF) == 0 && monitor.isCanceled()) {
                    throw new CancellationException();
                }
                if (rows > limits.maxLookupRows()) {
                    throw new LimitExceeded(purpose + " '" + source.name() + "' has more than " + limits.maxLookupRows()
                            + " rows, too many to hold in memory (limit maxLookupRows)");
                }
                if (r.reject != null) {
                    warn(purpose + " '" + source.name() + "': " + where(r.reject) + r.reject.reason() + "; row skipped");
                    continue;
                }
                consumer.accept(r.row, r);
            }
        } catch (IOException e) {
            warn("closing " + purpose + " '" + source.name() + "': " + e.getMessage());
        }
    }

    private Map<Object, Object[]> loadJoin(JoinSpec j) throws DataException, LimitExceeded {
        Map<Object, Object[]> map = new HashMap<>();
        long[] duplicates = {0};
        loadSource(j.source, "lookup", (row, origin) -> {
            Object key;
            try {
                key = key(j.right, row);
            } catch (EvaluationException e) {
                warn("lookup '" + j.source.name() + "': " + where(origin.reject(null, null, "")) + e.getMessage() + "; row skipped");
                return;
            }
            if (key != null && map.putIfAbsent(key, row) != null) {
                duplicates[0]++;
            }
        });
        if (duplicates[0] > 0) {
            warn("lookup '" + j.source.name() + "' has " + duplicates[0] + " rows whose key an earlier row already has; the first row of each key is used");
        }
        return map;
    }

    private Map<Object, Object> loadLookup(FunctionLookup l) throws DataException, LimitExceeded {
        Map<Object, Object> map = new HashMap<>();
        loadSource(l.source, "lookup table", (row, origin) -> {
            Object k = Keys.normalize(row[l.keyIndex]);
            if (k != null && !map.containsKey(k)) {
                map.put(k, row[l.valueIndex]);
            }
        });
        return map;
    }

    private Set<Object> loadReference(SourceDef source, String field) throws DataException, LimitExceeded {
        Set<Object> set = new HashSet<>();
        int index = source.schema().indexOf(source.schema().byPath(field).orElseThrow().id());
        loadSource(source, "reference source", (row, origin) -> {
            Object v = Keys.normalize(row[index]);
            if (v != null) {
                set.add(v);
            }
        });
        return set;
    }

    private static Object key(CompiledExpression[] parts, Object[] row) {
        if (parts.length == 1) {
            return Keys.normalize(parts[0].evaluate(row));
        }
        Object[] values = new Object[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = parts[i].evaluate(row);
        }
        return Keys.composite(values);
    }

    /**
     * Processes one record of the primary source. When the run fails on it, the record is counted
     * (and listed) as rejected with {@link Reject#RUN_ERROR} so the accounting still holds.
     */
    void process(SourceRow r) throws DataException, IOException, DataFailure, LimitExceeded {
        long before = accounted();
        try {
            processRow(r);
        } catch (DataException | LimitExceeded | RuntimeException e) {
            if (accounted() == before) {
                failedOn(r, e);
            }
            throw e;
        }
    }

    private long accounted() {
        return written + rejected + filtered + merged;
    }

    private void failedOn(SourceRow r, Exception e) {
        rejected++;
        String reason = e instanceof DataException d ? d.reason() : e.getMessage();
        Reject rj = r.reject(null, Reject.RUN_ERROR, "the run failed on this row: " + reason);
        if (firstRejects.size() < limits.firstRejects()) {
            firstRejects.add(new Reject(rj.record(), rj.file(), rj.line(), rj.field(), rj.rule(), rj.reason(), null));
        }
        try {
            out.reject(rj, r.row, null, null, null);
        } catch (IOException | RuntimeException ignored) {
            // the run is failing already; its error is what the report shows
        }
    }

    /**
     * What the stateless part of the transform made of a row: a target row to emit, a reject, a
     * filtered row, a row that passed the input filter (aggregating mappings), or a failure to
     * rethrow when the row's turn comes.
     */
    static final class Evaluated {
        static final Evaluated FILTERED = new Evaluated(null, null, null, null);
        static final Evaluated PASSED = new Evaluated(null, null, null, null);

        final Object[] target;
        final Reject reject;
        final String targetFieldId;
        final RuntimeException failure;

        Evaluated(Object[] target, Reject reject, String targetFieldId, RuntimeException failure) {
            this.target = target;
            this.reject = reject;
            this.targetFieldId = targetFieldId;
            this.failure = failure;
        }
    }

    /**
     * Runs joins, input filter and (unless aggregating) the field expressions of a record the
     * reader accepted. Touches no state of this execution but the join maps filled by
     * {@link #prepare()}, so it may run on another thread than {@link #process}, ahead of it.
     * Fills the joined slots of the record's row.
     */
    Evaluated evaluate(SourceRow r) {
        try {
            return evaluateRow(r);
        } catch (RuntimeException e) {
            return new Evaluated(null, null, null, e);
        }
    }

    private Evaluated evaluateRow(SourceRow r) {
        Object[] row = r.row;
        for (int i = 0; i < plan.joins.size(); i++) {
            JoinSpec j = plan.joins.get(i);
            Object key;
            try {
                key = key(j.left, row);
            } catch (EvaluationException e) {
                return new Evaluated(null, r.reject(j.element(), Reject.EVALUATION_ERROR, e.getMessage()), null, null);
            }
            Object[] match = key == null ? null : joinMaps.get(i).get(key);
            if (match != null) {
                System.arraycopy(match, 0, row, j.offset, j.width);
            } else if (j.kind == JoinDef.Kind.INNER) {
                return Evaluated.FILTERED;
            }
        }
        if (plan.filter != null) {
            Object v;
            try {
                v = plan.filter.evaluate(row);
            } catch (EvaluationException e) {
                return new Evaluated(null, r.reject(Problem.FILTER, Reject.EVALUATION_ERROR, e.getMessage()), null, null);
            }
            if (!Boolean.TRUE.equals(v)) {
                return Evaluated.FILTERED;
            }
        }
        if (plan.aggregating) {
            return Evaluated.PASSED;
        }
        TargetNode[] targets = plan.targets;
        Object[] target = new Object[targets.length];
        for (int i = 0; i < targets.length; i++) {
            try {
                target[i] = targets[i].evaluate(row);
            } catch (TargetNode.FieldFailure f) {
                return new Evaluated(null, r.reject(f.field.name(), Reject.EVALUATION_ERROR, f.getMessage()), f.field.id(), null);
            }
        }
        return new Evaluated(target, null, null, null);
    }

    private void processRow(SourceRow r) throws DataException, IOException, DataFailure, LimitExceeded {
        read++;
        if (r.reject != null) {
            reject(r.reject, null, null, null, null);
            return;
        }
        Evaluated e = r.evaluated != null ? r.evaluated : evaluateRow(r);
        if (e.failure != null) {
            throw e.failure;
        }
        if (e == Evaluated.FILTERED) {
            filtered++;
            return;
        }
        if (e.reject != null) {
            reject(e.reject, r.row, e.targetFieldId, null, null);
            return;
        }
        if (e == Evaluated.PASSED) {
            group(r, r.row);
            return;
        }
        emit(e.target, r, r.row, null);
    }

    /** A group of an aggregating mapping: its key values, first row and accumulators. */
    private static final class Group {
        final Object[] keyValues;
        final Object[] firstRow;
        final SourceRow origin;
        final AggregateCall.Accumulator[][] accumulators;

        Group(Object[] keyValues, Object[] firstRow, SourceRow origin, AggregateCall.Accumulator[][] accumulators) {
            this.keyValues = keyValues;
            this.firstRow = firstRow;
            this.origin = origin;
            this.accumulators = accumulators;
        }
    }

    private void group(SourceRow r, Object[] row) throws IOException, DataFailure, LimitExceeded {
        TargetNode[] targets = plan.targets;
        Object[] keyValues = new Object[targets.length];
        Object[] normalized = new Object[targets.length];
        for (int i = 0; i < targets.length; i++) {
            if (!targets[i].isAggregate()) {
                try {
                    keyValues[i] = targets[i].evaluate(row);
                } catch (TargetNode.FieldFailure f) {
                    reject(r.reject(f.field.name(), Reject.EVALUATION_ERROR, f.getMessage()), row, f.field.id(), null, null);
                    return;
                }
                normalized[i] = Keys.normalize(keyValues[i]);
            }
        }
        Keys.Composite key = new Keys.Composite(normalized);
        Group g = groups.get(key);
        boolean fresh = g == null;
        if (fresh) {
            if (groups.size() >= limits.maxGroups()) {
                throw new LimitExceeded("the aggregation has more than " + limits.maxGroups()
                        + " groups, too many to hold in memory (limit maxGroups)");
            }
            AggregateCall.Accumulator[][] acc = new AggregateCall.Accumulator[targets.length][];
            for (int i = 0; i < targets.length; i++) {
                if (targets[i].isAggregate()) {
                    List<AggregateCall> calls = targets[i].expression.aggregates();
                    acc[i] = new AggregateCall.Accumulator[calls.size()];
                    for (int k = 0; k < acc[i].length; k++) {
                        acc[i][k] = calls.get(k).newAccumulator();
                    }
                }
            }
            g = new Group(keyValues, row, r, acc);
        }
        for (int i = 0; i < targets.length; i++) {
            AggregateCall.Accumulator[] acc = g.accumulators[i];
            if (acc == null) {
                continue;
            }
            try {
                for (AggregateCall.Accumulator a : acc) {
                    a.accumulate(row);
                }
            } catch (EvaluationException e) {
                reject(r.reject(targets[i].field.name(), Reject.EVALUATION_ERROR, e.getMessage()), row, targets[i].field.id(), null, null);
                return;
            }
        }
        if (fresh) {
            groups.put(key, g);
        } else {
            merged++;
        }
    }

    /** Emits the groups of an aggregating mapping and checks the reject share. */
    void finish() throws DataException, IOException, DataFailure, LimitExceeded {
        if (plan.aggregating) {
            TargetNode[] targets = plan.targets;
            long n = 0;
            long done = 0;
            try {
                groups:
                for (Group g : groups.values()) {
                    if ((++n & 0xFFF) == 0 && monitor.isCanceled()) {
                        throw new CancellationException();
                    }
                    if (out.full()) {
                        break;
                    }
                    done++;
                    Object[] target = g.keyValues.clone();
                    Object[][] results = new Object[targets.length][];
                    for (int i = 0; i < targets.length; i++) {
                        AggregateCall.Accumulator[] acc = g.accumulators[i];
                        if (acc == null) {
                            continue;
                        }
                        results[i] = new Object[acc.length];
                        for (int k = 0; k < acc.length; k++) {
                            results[i][k] = acc[k].result();
                        }
                        try {
                            target[i] = targets[i].expression.evaluateGroup(g.firstRow, results[i]);
                        } catch (EvaluationException e) {
                            reject(g.origin.reject(targets[i].field.name(), Reject.EVALUATION_ERROR, e.getMessage()), g.firstRow,
                                    targets[i].field.id(), null, null);
                            continue groups;
                        }
                    }
                    long before = accounted();
                    try {
                        emit(target, g.origin, g.firstRow, results);
                    } catch (DataException | LimitExceeded | RuntimeException e) {
                        if (accounted() == before) {
                            failedOn(g.origin, e);
                        }
                        throw e;
                    }
                }
            } finally {
                long unfinished = groups.size() - done;
                if (unfinished > 0 && !out.full()) {
                    // the run stopped while writing groups: count the rest so the accounting holds
                    rejected += unfinished;
                    warn(unfinished + " groups were not written because the run stopped; they count as rejected");
                }
                groups.clear();
            }
        }
        double pct = plan.mapping.maxRejectedPercent();
        if (enforce && pct >= 0 && read > 0 && rejected * 100.0 / read > pct) {
            throw new DataFailure(rejected + " of " + read + " rows rejected (" + percent(rejected, read)
                    + "%), more than maxRejectedPercent " + number(pct) + "%");
        }
    }

    /**
     * Ends an execution that stopped before {@link #finish()} completed: groups still pending
     * count as rejected (with a warning) so the accounting holds.
     */
    void abandon() {
        if (!groups.isEmpty()) {
            rejected += groups.size();
            warn(groups.size() + " groups were not written because the run stopped; they count as rejected");
            groups.clear();
        }
    }

    private static String number(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static String percent(long part, long whole) {
        return String.format(java.util.Locale.ROOT, "%.2f", part * 100.0 / whole);
    }

    private void emit(Object[] target, SourceRow origin, Object[] row, Object[][] aggregates)
            throws DataException, IOException, DataFailure, LimitExceeded {
        if (plan.outputFilter != null) {
            Object v;
            try {
                v = plan.outputFilter.evaluate(target);
            } catch (EvaluationException e) {
                reject(origin.reject(Problem.OUTPUT_FILTER, Reject.EVALUATION_ERROR, e.getMessage()), row, null, null, target);
                return;
            }
            if (!Boolean.TRUE.equals(v)) {
                filtered++;
                return;
            }
        }
        for (int i : required) {
            if (target[i] == null) {
                var f = plan.targets[i].field;
                reject(origin.reject(f.name(), Reject.REQUIRED, "no value for required target field '" + f.name() + "'"), row, f.id(), null, target);
                return;
            }
        }
        Reject first = null;
        RuleSpec firstRule = null;
        Reject failed = null;
        for (RuleSpec.Check c : checks) {
            String reason = c.check(target);
            if (reason == null) {
                continue;
            }
            RuleSpec spec = c.spec();
            RuleDef.Action action = spec.def().action();
            if (action == RuleDef.Action.WARN) {
                continue;
            }
            Reject rj = origin.reject(spec.path().displayPath(), spec.def().id(), reason);
            if (action == RuleDef.Action.FAIL && enforce && failed == null) {
                failed = rj;
                firstRule = spec;
            }
            if (first == null) {
                first = rj;
                if (failed == null) {
                    firstRule = spec;
                }
            }
        }
        if (failed != null) {
            reject(failed, row, firstRule.def().targetFieldId(), firstRule.def().id(), target);
            throw new DataFailure("rule '" + firstRule.def().id() + "' (" + firstRule.describe() + ", action fail) violated at "
                    + where(failed) + failed.reason());
        }
        if (first != null) {
            reject(first, row, firstRule.def().targetFieldId(), firstRule.def().id(), target);
            return;
        }
        try {
            out.write(target, origin, row, aggregates);
        } catch (DataException e) {
            if (!e.recoverable()) {
                throw e;
            }
            String column = e.location() == null ? null : e.location().column();
            reject(origin.reject(column, Reject.OUTPUT_ERROR, e.reason()), row, null, null, target);
            return;
        }
        for (RuleSpec.Check c : checks) {
            c.accept(target);
        }
        written++;
    }

    private void reject(Reject r, Object[] row, String targetFieldId, String ruleId, Object[] target) throws IOException, DataFailure {
        rejected++;
        if (firstRejects.size() < limits.firstRejects()) {
            firstRejects.add(new Reject(r.record(), r.file(), r.line(), r.field(), r.rule(), r.reason(), null));
        }
        out.reject(r, row, targetFieldId, ruleId, target);
        long max = plan.mapping.maxRejectedRows();
        if (enforce && max >= 0 && rejected > max) {
            throw new DataFailure("more than " + max + " rows rejected (maxRejectedRows " + max + "); last: " + where(r) + r.reason());
        }
    }

    private static String where(Reject r) {
        StringBuilder b = new StringBuilder();
        if (r.file() != null) {
            b.append(r.file());
        }
        if (r.line() >= 0) {
            b.append(b.length() > 0 ? ", " : "").append("line ").append(r.line());
        }
        if (r.record() >= 0) {
            b.append(b.length() > 0 ? ", " : "").append("record ").append(r.record());
        }
        if (r.field() != null && !r.field().isEmpty()) {
            b.append(b.length() > 0 ? ", " : "").append("field '").append(r.field()).append('\'');
        }
        return b.length() == 0 ? "" : b.append(": ").toString();
    }

    void warn(String message) {
        if (warnings.size() < limits.maxWarnings()) {
            warnings.add(message);
        } else {
            moreWarnings++;
        }
    }

    List<String> warnings() {
        List<String> w = new ArrayList<>(warnings);
        if (moreWarnings > 0) {
            w.add(moreWarnings + " more warnings not shown");
        }
        return w;
    }

    List<Reject> firstRejects() {
        return firstRejects;
    }

    List<RunReport.RuleReport> ruleReports() {
        List<RunReport.RuleReport> out = new ArrayList<>();
        for (RuleSpec.Check c : checks) {
            RuleDef d = c.spec().def();
            out.add(new RunReport.RuleReport(d.id(), d.kind().id(), c.spec().path().displayPath(), d.action().id(), c.violations()));
        }
        return out;
    }
}
