package org.mapwright.internal.engine.run;

import org.mapwright.core.JoinDef;
import org.mapwright.core.SourceDef;
import org.mapwright.engine.expr.CompiledExpression;

/**
 * A compiled join: key expressions on both sides and where the lookup's fields go in the scope
 * row. {@code left} keys read the rows so far; {@code right} keys read one lookup row (laid out
 * as the lookup source alone).
 */
final class JoinSpec {
    final int index;
    final SourceDef source;
    final JoinDef.Kind kind;
    final int offset;
    final int width;
    final CompiledExpression[] left;
    final CompiledExpression[] right;

    JoinSpec(int index, SourceDef source, JoinDef.Kind kind, int offset, CompiledExpression[] left, CompiledExpression[] right) {
        this.index = index;
        this.source = source;
        this.kind = kind;
        this.offset = offset;
        this.width = source.schema().size();
        this.left = left;
        this.right = right;
    }

    String element() {
        return "join[" + index + "]";
    }
}
