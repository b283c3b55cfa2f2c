package org.mapwright.engine;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.mapwright.core.Schema;
import org.mapwright.engine.expr.CompiledExpression;
import org.mapwright.engine.expr.Explanation;

/**
 * The outcome of a preview: the first target rows, the rejected rows with their reasons, the
 * source rows behind both, counts, and "why this value" explanations per cell. Created by
 * {@link MappingEngine#preview}.
 *
 * @param plan         the plan that produced it (for explanations)
 * @param rows         the first target rows, in output order
 * @param rejects      the first rejected rows
 * @param rowsRead     source rows read
 * @param rowsFiltered rows removed by filters or inner joins
 * @param rowsRejected rows rejected (may exceed {@code rejects().size()})
 * @param complete     whether the whole source was read (else the preview stopped at its row limits or was cancelled)
 * @param error        why the preview could not run to its end (source missing, plan invalid), or null
 * @param warnings     things the user should know, e.g. duplicate lookup keys
 */
public record PreviewResult(MappingPlan plan, List<Row> rows, List<RejectedRow> rejects, long rowsRead,
        long rowsFiltered, long rowsRejected, boolean complete, String error, List<String> warnings) {

    public PreviewResult {
        Objects.requireNonNull(plan, "plan");
        rows = List.copyOf(rows);
        rejects = List.copyOf(rejects);
        warnings = List.copyOf(warnings);
    }

    /** @return the schema of {@link Row#values()} */
    public Schema targetSchema() {
        return plan.targetSchema();
    }

    /**
     * @return why a cell has its value: the target field expression's evaluation tree over the
     *         row's source; empty for an unmapped field
     */
    public Optional<Explanation> explain(Row row, String targetFieldId) {
        Optional<CompiledExpression> e = plan.expression(targetFieldId);
        if (e.isEmpty() || row.source() == null) {
            return Optional.empty();
        }
        CompiledExpression x = e.get();
        if (x.isAggregate()) {
            Object[] results = row.aggregateResults() == null ? null : row.aggregateResults()[plan.targetSchema().indexOf(targetFieldId)];
            return results == null ? Optional.of(x.explain(row.source())) : Optional.of(x.explainGroup(row.source(), results));
        }
        return Optional.of(x.explain(row.source()));
    }

    /** @return the evaluation tree of the rejecting target field over the rejected row's source, when both are known */
    public Optional<Explanation> explain(RejectedRow reject) {
        if (reject.targetFieldId() == null || reject.source() == null) {
            return Optional.empty();
        }
        return plan.expression(reject.targetFieldId()).filter(x -> !x.isAggregate()).map(x -> x.explain(reject.source()));
    }

    /**
     * One target row and where it came from.
     *
     * @param values           target values in target schema order (top-level fields)
     * @param source           the row the expressions read: primary source fields, then each joined
     *                         source's (for an aggregating mapping, the group's first row), laid out
     *                         like {@link MappingPlan#sourceScope()}
     * @param record           1-based record number in the primary source (a group's first row), or -1
     * @param line             1-based line, or -1
     * @param aggregateResults for an aggregating mapping, per top-level target field the results of its
     *                         aggregate calls (null for group keys); null otherwise
     */
    public record Row(Object[] values, Object[] source, long record, long line, Object[][] aggregateResults) {
        public Row {
            Objects.requireNonNull(values, "values");
        }
    }

    /**
     * A rejected row.
     *
     * @param reject        the reason, as it would appear in the rejects file
     * @param source        the scope row (as in {@link Row#source()}) when the source values
     *                      could be read, else null ({@link Reject#raw()} has the raw text)
     * @param targetFieldId the target field whose expression or rule rejected it, or null
     * @param ruleId        the violated rule, or null
     * @param values        the target row when it was computed (rule violations), else null
     */
    public record RejectedRow(Reject reject, Object[] source, String targetFieldId, String ruleId, Object[] values) {
        public RejectedRow {
            Objects.requireNonNull(reject, "reject");
        }
    }
}
