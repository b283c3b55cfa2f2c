package org.mapwright.internal.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mapwright.core.MappingDef;
import org.mapwright.core.RuleDef;
import org.mapwright.engine.Reject;
import org.mapwright.engine.RunStatus;

/**
 * The counts of a mapping's outcome, and where the local engine would have stopped: at the first
 * row violating a rule with action {@code fail}, or at the reject that exceeds
 * {@code maxRejectedRows}. Counts then cover only the rows up to there, as the local engine's
 * report does; {@code maxRejectedPercent} is checked over the whole input at the end.
 */
final class Result {

    RunStatus status = RunStatus.SUCCEEDED;
    String error;
    long read;
    long written;
    long rejected;
    long filtered;
    long merged;
    long[] violations;
    /** Rows: the last source row processed (inclusive), or null when every row was. */
    Long stop;
    /** Aggregation: the run stopped while grouping, so no group was emitted. */
    boolean groupsStopped;
    /** Aggregation: the last group emitted (by its first row), or null when every group was. */
    Long groupStop;
    RecordNumbers numbers;
    /** Lines of rejected records where they are not record plus offset (JSON arrays). */
    private Map<Long, Long> lines = Map.of();
    private long lineOffset = -1;
    /** The message of where the run stopped, made once lines are known. */
    private java.util.function.Supplier<String> stopError;
    List<Reject> firstRejects = List.of();
    final List<String> warnings = new ArrayList<>();

    private Result() {
    }

    Result withFailure(RunStatus newStatus, String message) {
        status = newStatus;
        error = message;
        return this;
    }

    private static Column st() {
        return col("__o").getField("st");
    }

    private static Column is(int outcome) {
        return when(st().equalTo(outcome), lit(1L)).otherwise(lit(0L));
    }

    static Result compute(MappingJob.Outcome o, MappingDef m) {
        Result r = new Result();
        r.violations = new long[o.flags.size()];
        Dataset<Row> rows = o.sourceRows();
        Column rid = col(SourceFrame.RID);
        // per source partition: rows and outcomes (one pass over the persisted rows)
        List<Column> aggs = new ArrayList<>(List.of(is(MappingJob.WRITTEN), is(MappingJob.REJECTED), is(MappingJob.FILTERED),
                is(MappingJob.GROUPED)));
        List<Column> sums = new ArrayList<>();
        for (Column a : aggs) {
            sums.add(sum(a));
        }
        sums.add(min(when(col("__fail"), rid)));
        boolean plain = o.rows == null;
        if (plain) {
            for (Column f : o.flags) {
                sums.add(sum(f));
            }
        }
        List<Row> perPartition = rows.groupBy(RecordNumbers.partition(rid).as("p"))
                .agg(count(lit(1)), sums.toArray(new Column[0])).collectAsList();
        Map<Long, Long> counts = new TreeMap<>();
        long[] totals = new long[4];
        long[] flags = new long[o.flags.size()];
        Long firstFail = null;
        for (Row p : perPartition) {
            counts.put(p.getLong(0), p.getLong(1));
            for (int i = 0; i < 4; i++) {
                totals[i] += p.getLong(2 + i);
            }
            if (!p.isNullAt(6)) {
                firstFail = firstFail == null ? p.getLong(6) : Math.min(firstFail, p.getLong(6));
            }
            if (plain) {
                for (int k = 0; k < flags.length; k++) {
                    flags[k] += p.getLong(7 + k);
                }
            }
        }
        r.numbers = RecordNumbers.of(counts);
        long read = 0;
        for (long c : counts.values()) {
            read += c;
        }
        r.lineOffset = o.lineOffset;
        if (plain) {
            r.rows(o, m, read, totals, flags, firstFail);
        } else {
            r.groups(o, m, read, totals);
        }
        r.lookUpLines(o);
        if (r.stopError != null) {
            r.error = r.stopError.get();
        }
        if (r.stop == null && r.groupStop == null && !r.groupsStopped && r.status == RunStatus.SUCCEEDED) {
            double pct = m.maxRejectedPercent();
            if (pct >= 0 && r.read > 0 && r.rejected * 100.0 / r.read > pct) {
                r.status = RunStatus.FAILED_DATA;
                r.error = r.rejected + " of " + r.read + " rows rejected (" + percent(r.rejected, r.read)
                        + "%), more than maxRejectedPercent " + number(pct) + "%";
            }
        }
        if (r.rejected > 0) {
            r.firstRejects = first(o, r);
        }
        return r;
    }

    /** The most rejects whose lines a JSON array file is scanned for. */
    private static final int MAX_LOOKED_UP_LINES = 100_000;

    /** Finds the lines of the rejected records of a JSON array file. */
    private void lookUpLines(MappingJob.Outcome o) {
        if (o.jsonArray == null || rejected == 0) {
            return;
        }
        List<Row> ids = o.rejected(this).select(col(SourceFrame.RID)).limit(MAX_LOOKED_UP_LINES).collectAsList();
        long[] records = new long[ids.size()];
        for (int i = 0; i < records.length; i++) {
            records[i] = numbers.record(ids.get(i).getLong(0));
        }
        lines = JsonLines.of(o.frame.sparkSession(), o.jsonArray, o.encoding, records);
    }

    /** @return the line of a record, or -1 when not known */
    long line(long record) {
        if (lineOffset >= 0) {
            return record + lineOffset;
        }
        Long l = lines.get(record);
        return l == null ? -1 : l;
    }

    /** @return the line of a record column, or null where not known */
    Column line(Column record) {
        if (lineOffset >= 0) {
            return record.plus(lineOffset);
        }
        if (lines.isEmpty()) {
            return lit(null).cast("long");
        }
        long[] keys = new long[lines.size()];
        long[] values = new long[lines.size()];
        int i = 0;
        for (Map.Entry<Long, Long> e : lines.entrySet()) {
            keys[i] = e.getKey();
            values[i++] = e.getValue();
        }
        return org.apache.spark.sql.functions.element_at(org.apache.spark.sql.functions.map_from_arrays(lit(keys), lit(values)), record);
    }

    private void rows(MappingJob.Outcome o, MappingDef m, long readAll, long[] totals, long[] flags, Long firstFail) {
        Dataset<Row> f = o.frame;
        Column rid = col(SourceFrame.RID);
        Long cutoff = null;
        long max = m.maxRejectedRows();
        if (max >= 0 && totals[MappingJob.REJECTED] > max) {
            cutoff = nth(f.filter(st().equalTo(MappingJob.REJECTED)), max + 1);
        }
        stop = earliest(firstFail, cutoff);
        if (stop == null) {
            read = readAll;
            written = totals[MappingJob.WRITTEN];
            rejected = totals[MappingJob.REJECTED];
            filtered = totals[MappingJob.FILTERED];
            violations = flags;
            return;
        }
        List<Column> sums = new ArrayList<>(List.of(sum(is(MappingJob.WRITTEN)), sum(is(MappingJob.REJECTED)), sum(is(MappingJob.FILTERED))));
        for (Column c : o.flags) {
            sums.add(sum(c));
        }
        Row c = f.filter(rid.leq(stop)).agg(count(lit(1)), sums.toArray(new Column[0])).first();
        read = c.getLong(0);
        written = c.isNullAt(1) ? 0 : c.getLong(1);
        rejected = c.isNullAt(2) ? 0 : c.getLong(2);
        filtered = c.isNullAt(3) ? 0 : c.getLong(3);
        for (int k = 0; k < violations.length; k++) {
            violations[k] = c.isNullAt(4 + k) ? 0 : c.getLong(4 + k);
        }
        status = RunStatus.FAILED_DATA;
        boolean threshold = cutoff != null && (firstFail == null || cutoff <= firstFail);
        long at = stop;
        stopError = () -> stopMessage(o, m, at, threshold, o.frame);
    }

    private void groups(MappingJob.Outcome o, MappingDef m, long readAll, long[] rowTotals) {
        Column rid = col(SourceFrame.RID);
        long max = m.maxRejectedRows();
        long rowsRejected = rowTotals[MappingJob.REJECTED];
        if (max >= 0 && rowsRejected > max) {
            // the local engine stops while grouping: the groups begun so far count as rejected
            Long cutoff = nth(o.rows.filter(st().equalTo(MappingJob.REJECTED)), max + 1);
            Dataset<Row> seen = o.rows.filter(rid.leq(cutoff));
            Row c = seen.agg(count(lit(1)), sum(is(MappingJob.REJECTED)), sum(is(MappingJob.FILTERED)), sum(is(MappingJob.GROUPED)))
                    .first();
            long groupsBegun = o.groupKeys.isEmpty() ? (c.getLong(3) > 0 ? 1 : 0)
                    : seen.filter(st().equalTo(MappingJob.GROUPED)).agg(countDistinct(struct(o.groupKeys.toArray(new Column[0]))))
                            .first().getLong(0);
            stop = cutoff;
            groupsStopped = true;
            read = c.getLong(0);
            filtered = c.getLong(2);
            merged = c.getLong(3) - groupsBegun;
            rejected = c.getLong(1) + groupsBegun;
            if (groupsBegun > 0) {
                warnings.add(groupsBegun + " groups were not written because the run stopped; they count as rejected");
            }
            status = RunStatus.FAILED_DATA;
            long at = cutoff;
            stopError = () -> stopMessage(o, m, at, true, o.rows);
            return;
        }
        Dataset<Row> g = o.frame;
        List<Column> sums = new ArrayList<>(List.of(sum(is(MappingJob.WRITTEN)), sum(is(MappingJob.REJECTED)), sum(is(MappingJob.FILTERED)),
                min(when(col("__fail"), rid))));
        for (Column c : o.flags) {
            sums.add(sum(c));
        }
        Row all = g.agg(count(lit(1)), sums.toArray(new Column[0])).first();
        long groupCount = all.getLong(0);
        long groupsRejected = all.isNullAt(2) ? 0 : all.getLong(2);
        Long firstFail = all.isNullAt(4) ? null : all.getLong(4);
        Long cutoff = null;
        if (max >= 0 && rowsRejected + groupsRejected > max) {
            cutoff = nth(g.filter(st().equalTo(MappingJob.REJECTED)), max + 1 - rowsRejected);
        }
        groupStop = earliest(firstFail, cutoff);
        read = readAll;
        merged = rowTotals[MappingJob.GROUPED] - groupCount;
        Row c = groupStop == null ? all : g.filter(rid.leq(groupStop)).agg(count(lit(1)), sums.toArray(new Column[0])).first();
        long emitted = c.getLong(0);
        written = c.isNullAt(1) ? 0 : c.getLong(1);
        rejected = rowsRejected + (c.isNullAt(2) ? 0 : c.getLong(2));
        filtered = rowTotals[MappingJob.FILTERED] + (c.isNullAt(3) ? 0 : c.getLong(3));
        for (int k = 0; k < violations.length; k++) {
            violations[k] = c.isNullAt(5 + k) ? 0 : c.getLong(5 + k);
        }
        if (groupStop != null) {
            long unfinished = groupCount - emitted;
            if (unfinished > 0) {
                rejected += unfinished;
                warnings.add(unfinished + " groups were not written because the run stopped; they count as rejected");
            }
            status = RunStatus.FAILED_DATA;
            boolean threshold = cutoff != null && (firstFail == null || cutoff <= firstFail);
            long at = groupStop;
            stopError = () -> stopMessage(o, m, at, threshold, g);
        }
    }

    /** @return the row id of the n-th row of the frame in source order (n from 1) */
    private static Long nth(Dataset<Row> frame, long n) {
        List<Row> ids = frame.select(col(SourceFrame.RID)).orderBy(SourceFrame.RID).limit((int) Math.min(n, Integer.MAX_VALUE)).collectAsList();
        return ids.isEmpty() ? null : ids.get(ids.size() - 1).getLong(0);
    }

    private static Long earliest(Long a, Long b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return Long.valueOf(Math.min(a, b));
    }

    /** The local engine's message for the row it stopped at. */
    private String stopMessage(MappingJob.Outcome o, MappingDef m, long at, boolean threshold, Dataset<Row> frame) {
        Row row = frame.filter(col(SourceFrame.RID).equalTo(at)).select(col("__o").getField("f"), col("__o").getField("r"),
                col("__o").getField("m")).first();
        long record = numbers.record(at);
        long line = line(record);
        String reason = row.getString(2) == null ? "" : row.getString(2).replace(CsvDiagnosis.LINE, Long.toString(line));
        String where = Rejects.where(o.label, line, record, row.getString(0));
        if (threshold) {
            long max = m.maxRejectedRows();
            return "more than " + max + " rows rejected (maxRejectedRows " + max + "); last: " + where + reason;
        }
        String ruleId = row.getString(1);
        for (int k = 0; k < o.rules.size(); k++) {
            RuleDef d = o.rules.get(k).def();
            if (d.id().equals(ruleId)) {
                return "rule '" + d.id() + "' (" + d.kind().id() + "(" + o.rules.get(k).path() + "), action fail) violated at " + where + reason;
            }
        }
        return where + reason;
    }

    /** @return the first rejected rows, as the report lists them (without raw input) */
    private static List<Reject> first(MappingJob.Outcome o, Result r) {
        List<Reject> out = new ArrayList<>();
        for (Row x : o.rejected(r).orderBy(SourceFrame.RID).limit(MappingJob.FIRST_REJECTS).collectAsList()) {
            long record = r.numbers.record(x.getLong(0));
            long line = r.line(record);
            String reason = x.getString(3) == null ? null : x.getString(3).replace(CsvDiagnosis.LINE, Long.toString(line));
            out.add(new Reject(record, o.label, line, x.getString(1), x.getString(2), reason, null));
        }
        return out;
    }

    private static String number(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static String percent(long part, long whole) {
        return String.format(java.util.Locale.ROOT, "%.2f", part * 100.0 / whole);
    }
}
