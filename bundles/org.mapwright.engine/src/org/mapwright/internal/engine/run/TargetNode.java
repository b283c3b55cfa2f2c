package org.mapwright.internal.engine.run;

import org.mapwright.core.Field;
import org.mapwright.engine.expr.CompiledExpression;

/**
 * How one target field gets its value: its own compiled expression, or (a record without one)
 * a record built from its children's nodes, or nothing (null).
 */
final class TargetNode {
    final Field field;
    final CompiledExpression expression;
    final TargetNode[] children;

    TargetNode(Field field, CompiledExpression expression, TargetNode[] children) {
        this.field = field;
        this.expression = expression;
        this.children = children;
    }

    boolean isAggregate() {
        return expression != null && expression.isAggregate();
    }

    /**
     * @throws org.mapwright.engine.expr.EvaluationException from the expression
     * @throws FieldFailure wrapping it with the field concerned
     */
    Object evaluate(Object[] row) {
        if (expression != null) {
            try {
                return expression.evaluate(row);
            } catch (org.mapwright.engine.expr.EvaluationException e) {
                throw new FieldFailure(field, e);
            }
        }
        if (children == null) {
            return null;
        }
        Object[] rec = new Object[children.length];
        for (int i = 0; i < children.length; i++) {
            rec[i] = children[i].evaluate(row);
        }
        return rec;
    }

    /** An evaluation failure of one target field's expression. */
    static final class FieldFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Field field;

        FieldFailure(Field field, RuntimeException cause) {
            super(cause.getMessage(), cause, false, false);
            this.field = field;
        }
    }
}
