package org.mapwright.internal.engine.run;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 *
 * <p>Memory: keyed sources (joins, {@code lookup()} tables, reference values) and groups beyond
 * {@link EngineLimits#memoryRows()} spill to files of a {@link SpillDirectory} that
 * {@link #close()} deletes. A row spilled for aggregation counts as merged until its partition is
 * aggregated, when the first row of each group stops counting as merged and counts with its
 * group.
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

    private final List<JoinTable> joinTables = new ArrayList<>();
    /** Every keyed table loaded (joins, lookup tables, reference values), closed by {@link #close()}. */
    private final List<JoinTable> tables = new ArrayList<>();
    private final SpillDirectory spill;
    private final List<RuleSpec.Check> checks = new ArrayList<>();
    private final int[] required;
    private final Map<Keys.Composite, Group> groups = new LinkedHashMap<>();
    /** Rows of groups that did not fit in memory, or null while all groups do. */
    private GroupSpill groupSpill;
    /** Groups created so far, in memory or from spilled rows. */
    private long groupCount;
    /** Spilled rows counted as merged whose partition has not been aggregated yet. */
    private long spilledUnsettled;
    /** Groups aggregated from spilled rows and not yet emitted. */
    private long spilledGroupsPending;
    private long spillSeq;
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
        this.spill = new SpillDirectory(limits.spillDirectory());
        List<Integer> req = new ArrayList<>();
        for (int i = 0; i < plan.targets.length; i++) {
            if (!plan.targets[i].field.nullable()) {
                req.add(i);
            }
        }
        this.required = req.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Loads the keyed tables before rows flow: joined sources, {@code lookup()} tables, the values
     * of reference rules; each in memory up to the budget, beyond on disk.
     */
    void prepare() throws DataException, LimitExceeded {
        for (JoinSpec j : plan.joins) {
            joinTables.add(loadJoin(j));
        }
        for (FunctionLookup l : plan.lookups) {
            l.fill(loadLookup(l));
        }
        Map<String, JoinTable> references = new HashMap<>();
        for (RuleSpec r : plan.rules) {
            JoinTable values = null;
            if (r.def().kind() == RuleDef.Kind.REFERENCE) {
                String key = r.referenceSource().id() + "\u0000" + r.referenceField();
                values = references.get(key);
                if (values == null) {
                    values = loadReference(r.referenceSource(), r.referenceField());
                    references.put(key, values);
                }
            }
            JoinTable table = values;
            checks.add(r.newCheck(table == null ? null : v -> table.get(v) != null, limits.maxUniqueValues()));
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
                            + " rows (limit maxLookupRows)");
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

    /** What a keyed table keeps of a source row. */
    private interface Entry {
        /** Adds the row's key and kept values to the builder, or nothing (a null key never matches). */
        void add(Object[] row, SourceRow origin, JoinTable.Builder to) throws IOException;
    }

    /**
     * Builds a keyed table of a source in memory, moving it to disk beyond the memory budget.
     * The table is registered for {@link #close()} at once.
     */
    private JoinTable loadTable(SourceDef source, String purpose, Entry entry) throws DataException, LimitExceeded {
        JoinTable.Builder builder = new JoinTable.Builder(limits.memoryRows(), spill);
        JoinTable table;
        try {
            loadSource(source, purpose, (row, origin) -> {
                try {
                    entry.add(row, origin, builder);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            table = builder.build();
        } catch (UncheckedIOException e) {
            builder.discard();
            throw spillFailure(purpose + " '" + source.name() + "'", e.getCause());
        } catch (IOException e) {
            builder.discard();
            throw spillFailure(purpose + " '" + source.name() + "'", e);
        } catch (DataException | LimitExceeded | RuntimeException e) {
            builder.discard();
            throw e;
        }
        tables.add(table);
        if (table.spilled()) {
            warn(purpose + " '" + source.name() + "' has more than " + limits.memoryRows()
                    + " keys (memoryRows); it was moved to a temporary file, which makes lookups in it slower");
        }
        return table;
    }

    private JoinTable loadJoin(JoinSpec j) throws DataException, LimitExceeded {
        JoinTable table = loadTable(j.source, "lookup", (row, origin, to) -> {
            Object key;
            try {
                key = key(j.right, row);
            } catch (EvaluationException e) {
                warn("lookup '" + j.source.name() + "': " + where(origin.reject(null, null, "")) + e.getMessage() + "; row skipped");
                return;
            }
            if (key != null) {
                to.add(key, row);
            }
        });
        if (table.duplicates() > 0) {
            warn("lookup '" + j.source.name() + "' has " + table.duplicates() + " rows whose key an earlier row already has; the first row of each key is used");
        }
        return table;
    }

    private DataException spillFailure(String what, IOException e) {
        Path dir = spill.path();
        return new DataException(null, "cannot spill " + what + " to disk" + (dir == null ? "" : " (" + dir + ")") + ": " + e.getMessage(), e);
    }

    private JoinTable loadLookup(FunctionLookup l) throws DataException, LimitExceeded {
        return loadTable(l.source, "lookup table", (row, origin, to) -> {
            Object k = Keys.normalize(row[l.keyIndex]);
            if (k != null) {
                to.add(k, new Object[] { row[l.valueIndex] });
            }
        });
    }

    private JoinTable loadReference(SourceDef source, String field) throws DataException, LimitExceeded {
        int index = source.schema().indexOf(source.schema().byPath(field).orElseThrow().id());
        Object[] none = new Object[0];
        return loadTable(source, "reference source", (row, origin, to) -> {
            Object v = Keys.normalize(row[index]);
            if (v != null) {
                to.add(v, none);
            }
        });
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
            Object[] match = key == null ? null : joinTables.get(i).get(key);
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

    private void group(SourceRow r, Object[] row) throws IOException, DataException, DataFailure, LimitExceeded {
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
        if (fresh && groups.size() >= limits.memoryRows()) {
            spillRow(new GroupSpill.Row(spillSeq++, key, keyValues, row, r.record, r.file, r.line, r.rawInput()));
            return;
        }
        if (fresh) {
            checkGroupCount();
            g = newGroup(keyValues, row, r);
        }
        if (!accumulate(g, row, r)) {
            return;
        }
        if (fresh) {
            groups.put(key, g);
            groupCount++;
        } else {
            merged++;
        }
    }

    private void checkGroupCount() throws LimitExceeded {
        if (groupCount >= limits.maxGroups()) {
            throw new LimitExceeded("the aggregation has more than " + limits.maxGroups() + " groups (limit maxGroups)");
        }
    }

    private Group newGroup(Object[] keyValues, Object[] row, SourceRow origin) {
        TargetNode[] targets = plan.targets;
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
        return new Group(keyValues, row, origin, acc);
    }

    /** @return false when the row was rejected (the group is unchanged then only if it is fresh) */
    private boolean accumulate(Group g, Object[] row, SourceRow r) throws IOException, DataFailure {
        TargetNode[] targets = plan.targets;
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
                return false;
            }
        }
        return true;
    }

    /** Sends a row of a group that does not fit in memory to the partition files; it counts as merged until aggregated. */
    private void spillRow(GroupSpill.Row row) throws DataException {
        try {
            if (groupSpill == null) {
                groupSpill = new GroupSpill(spill, 0);
                warn("the aggregation has more than " + limits.memoryRows()
                        + " groups (memoryRows); further groups are aggregated from temporary files");
            }
            groupSpill.write(row);
        } catch (IOException e) {
            throw spillFailure("the aggregation", e);
        }
        merged++;
        spilledUnsettled++;
    }

    private static SourceRow origin(long record, String file, long line, String raw) {
        return new SourceRow(null, null, null, raw, file, line, record, null);
    }

    /**
     * Aggregates one partition file of spilled rows. Groups that do not fit in memory here either
     * go one partition level deeper.
     *
     * @return a file of the partition's finished groups in first-seen order
     */
    private Path aggregateSpilled(Path input, int depth) throws IOException, DataException, DataFailure, LimitExceeded {
        Map<Keys.Composite, Group> mem = new LinkedHashMap<>();
        Map<Group, Long> seqs = new HashMap<>();
        GroupSpill deeper = null;
        long n = 0;
        try {
            try (DataInputStream in = GroupSpill.open(input)) {
                GroupSpill.Row s;
                while ((s = GroupSpill.readRow(in)) != null) {
                    if ((++n & 0xFFF) == 0 && monitor.isCanceled()) {
                        throw new CancellationException();
                    }
                    Group g = mem.get(s.key());
                    boolean fresh = g == null;
                    if (fresh && mem.size() >= limits.memoryRows() && depth < GroupSpill.MAX_DEPTH) {
                        if (deeper == null) {
                            deeper = new GroupSpill(spill, depth + 1);
                        }
                        deeper.write(s);
                        continue;
                    }
                    SourceRow origin = origin(s.record(), s.file(), s.line(), s.raw());
                    if (fresh) {
                        checkGroupCount();
                        g = newGroup(s.keyValues(), s.row(), origin);
                    }
                    spilledUnsettled--;
                    if (fresh) {
                        // the first row of a group counts with its group, not as merged
                        merged--;
                    }
                    if (!accumulate(g, s.row(), origin)) {
                        if (!fresh) {
                            merged--;
                        }
                        continue;
                    }
                    if (fresh) {
                        mem.put(s.key(), g);
                        seqs.put(g, s.seq());
                        groupCount++;
                        spilledGroupsPending++;
                    }
                }
            }
            Files.deleteIfExists(input);
            Path result = spill.newFile("result-d" + depth);
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(result), 1 << 15))) {
                for (Group g : mem.values()) {
                    SourceRow o = g.origin;
                    GroupSpill.writeResult(out, new GroupSpill.Result(seqs.get(g), g.keyValues, g.firstRow, o.record, o.file, o.line,
                            o.rawText, results(g)));
                }
                mem.clear();
                seqs.clear();
                if (deeper != null) {
                    List<Path> parts = deeper.finish();
                    deeper = null;
                    List<Path> done = new ArrayList<>();
                    for (Path p : parts) {
                        done.add(aggregateSpilled(p, depth + 1));
                    }
                    GroupSpill.merge(done, r -> {
                        GroupSpill.writeResult(out, r);
                        return true;
                    });
                    for (Path p : done) {
                        Files.deleteIfExists(p);
                    }
                }
            }
            return result;
        } finally {
            if (deeper != null) {
                deeper.discard();
            }
        }
    }

    private static Object[][] results(Group g) {
        Object[][] results = new Object[g.accumulators.length][];
        for (int i = 0; i < results.length; i++) {
            AggregateCall.Accumulator[] acc = g.accumulators[i];
            if (acc != null) {
                results[i] = new Object[acc.length];
                for (int k = 0; k < acc.length; k++) {
                    results[i][k] = acc[k].result();
                }
            }
        }
        return results;
    }

    /** Emits the groups of an aggregating mapping and checks the reject share. */
    void finish() throws DataException, IOException, DataFailure, LimitExceeded {
        if (plan.aggregating) {
            long[] n = {0};
            try {
                Iterator<Group> it = groups.values().iterator();
                while (it.hasNext()) {
                    if (!nextGroup(++n[0])) {
                        break;
                    }
                    Group g = it.next();
                    it.remove();
                    emitGroup(g.keyValues, g.firstRow, g.origin, results(g));
                }
                if (groupSpill != null && !out.full()) {
                    List<Path> parts;
                    try {
                        parts = groupSpill.finish();
                        groupSpill = null;
                        List<Path> done = new ArrayList<>();
                        for (Path p : parts) {
                            done.add(aggregateSpilled(p, 0));
                        }
                        parts = done;
                    } catch (IOException e) {
                        throw spillFailure("the aggregation", e);
                    }
                    GroupSpill.merge(parts, r -> {
                        if (!nextGroup(++n[0])) {
                            return false;
                        }
                        spilledGroupsPending--;
                        emitGroup(r.keyValues(), r.firstRow(), origin(r.record(), r.file(), r.line(), r.raw()), r.results());
                        return true;
                    });
                }
            } finally {
                settleGroups(!out.full());
            }
        }
        double pct = plan.mapping.maxRejectedPercent();
        if (enforce && pct >= 0 && read > 0 && rejected * 100.0 / read > pct) {
            throw new DataFailure(rejected + " of " + read + " rows rejected (" + percent(rejected, read)
                    + "%), more than maxRejectedPercent " + number(pct) + "%");
        }
    }

    /** @return false when the output is full; throws when the run was cancelled */
    private boolean nextGroup(long n) {
        if ((n & 0xFFF) == 0 && monitor.isCanceled()) {
            throw new CancellationException();
        }
        return !out.full();
    }

    private void emitGroup(Object[] keyValues, Object[] firstRow, SourceRow origin, Object[][] results)
            throws DataException, IOException, DataFailure, LimitExceeded {
        TargetNode[] targets = plan.targets;
        Object[] target = keyValues.clone();
        for (int i = 0; i < targets.length; i++) {
            if (results[i] == null) {
                continue;
            }
            try {
                target[i] = targets[i].expression.evaluateGroup(firstRow, results[i]);
            } catch (EvaluationException e) {
                reject(origin.reject(targets[i].field.name(), Reject.EVALUATION_ERROR, e.getMessage()), firstRow,
                        targets[i].field.id(), null, null);
                return;
            }
        }
        long before = accounted();
        try {
            emit(target, origin, firstRow, results);
        } catch (DataException | LimitExceeded | RuntimeException e) {
            if (accounted() == before) {
                failedOn(origin, e);
            }
            throw e;
        }
    }

    /**
     * Counts groups (and spilled rows) the run did not get to write as rejected, with a warning,
     * so the accounting holds; forgets them.
     *
     * @param count false when the output was full (a preview), which leaves the rest uncounted
     */
    private void settleGroups(boolean count) {
        long unfinished = groups.size() + spilledGroupsPending;
        if (count && spilledUnsettled > 0) {
            merged -= spilledUnsettled;
            rejected += spilledUnsettled;
            warn(spilledUnsettled + " rows held in temporary files for the aggregation were not aggregated because the run stopped;"
                    + " they count as rejected");
        }
        if (count && unfinished > 0) {
            rejected += unfinished;
            warn(unfinished + " groups were not written because the run stopped; they count as rejected");
        }
        groups.clear();
        spilledGroupsPending = 0;
        spilledUnsettled = 0;
        if (groupSpill != null) {
            groupSpill.discard();
            groupSpill = null;
        }
    }

    /**
     * Ends an execution that stopped before {@link #finish()} completed: groups still pending
     * count as rejected (with a warning) so the accounting holds.
     */
    void abandon() {
        settleGroups(true);
    }

    /** Releases the spilled joins and deletes every spill file. Call once the reader thread is done. */
    void close() {
        for (JoinTable t : tables) {
            t.close();
        }
        tables.clear();
        joinTables.clear();
        if (groupSpill != null) {
            groupSpill.discard();
            groupSpill = null;
        }
        spill.close();
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
