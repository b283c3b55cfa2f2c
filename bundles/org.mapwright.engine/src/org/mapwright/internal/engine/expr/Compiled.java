package org.mapwright.internal.engine.expr;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.mapwright.core.DataType;
import org.mapwright.engine.expr.AggregateCall;
import org.mapwright.engine.expr.CompiledExpression;
import org.mapwright.engine.expr.Explanation;
import org.mapwright.engine.expr.ExpressionTree;
import org.mapwright.engine.expr.FieldRef;

/** The compiled form: a tree of evaluator nodes plus what the engine needs to know about it. */
final class Compiled implements CompiledExpression {

    private final String text;
    private final Node root;
    private final Set<FieldRef> fields;
    private final List<AggregateCall> aggregates;
    private final int slotCount;
    private final boolean deterministic;
    private final FieldRef direct;
    private final ExpressionTree tree;

    Compiled(String text, Node root, Set<FieldRef> fields, List<AggregateCallImpl> aggregates, int slotCount,
            boolean deterministic, FieldRef direct, ExpressionTree tree) {
        this.text = text;
        this.root = root;
        this.fields = Collections.unmodifiableSet(new LinkedHashSet<>(fields));
        this.aggregates = List.copyOf(aggregates);
        this.slotCount = slotCount;
        this.deterministic = deterministic;
        this.direct = direct;
        this.tree = tree;
    }

    @Override
    public ExpressionTree tree() {
        return tree;
    }

    @Override
    public String text() {
        return text;
    }

    @Override
    public DataType type() {
        return root.type;
    }

    @Override
    public Object evaluate(Object[] row) {
        if (!aggregates.isEmpty()) {
            throw new IllegalStateException("`" + text + "` aggregates; evaluate it per group with evaluateGroup");
        }
        return root.eval(row);
    }

    @Override
    public Set<FieldRef> fields() {
        return fields;
    }

    @Override
    public Optional<FieldRef> asFieldReference() {
        return Optional.ofNullable(direct);
    }

    @Override
    public boolean isAggregate() {
        return !aggregates.isEmpty();
    }

    @Override
    public boolean isDeterministic() {
        return deterministic;
    }

    @Override
    public boolean isConstant() {
        return root instanceof Node.Const;
    }

    @Override
    public List<AggregateCall> aggregates() {
        return aggregates;
    }

    @Override
    public Object evaluateGroup(Object[] firstRow, Object[] aggregateResults) {
        return root.eval(groupRow(firstRow, aggregateResults));
    }

    private Object[] groupRow(Object[] firstRow, Object[] aggregateResults) {
        if (aggregateResults.length != aggregates.size()) {
            throw new IllegalArgumentException("expected " + aggregates.size() + " aggregate results for `" + text
                    + "` but got " + aggregateResults.length);
        }
        Object[] row = Arrays.copyOf(firstRow, slotCount + aggregateResults.length);
        System.arraycopy(aggregateResults, 0, row, slotCount, aggregateResults.length);
        return row;
    }

    @Override
    public Explanation explain(Object[] row) {
        if (!aggregates.isEmpty()) {
            return root.explain(groupRow(row, new Object[aggregates.size()]));
        }
        return root.explain(row);
    }

    @Override
    public Explanation explainGroup(Object[] firstRow, Object[] aggregateResults) {
        return root.explain(groupRow(firstRow, aggregateResults));
    }

    @Override
    public String toString() {
        return text;
    }
}
