package org.mapwright.engine;

import java.util.List;
import java.util.Objects;

import org.mapwright.core.JoinDef;
import org.mapwright.core.SourceDef;
import org.mapwright.engine.expr.CompiledExpression;

/**
 * A compiled join of a {@link MappingPlan}: the lookup source and its key expressions. A row of the
 * rows so far matches a lookup row when every left key equals its right key (numbers by value,
 * {@code 1 = 1.0}); a null key never matches; when several lookup rows share a key the first one in
 * the source's order is used, so a join never multiplies rows.
 *
 * @param index     the join's position in {@link org.mapwright.core.MappingDef#joins()}
 * @param source    the joined (lookup) source
 * @param kind      inner (rows without a match are filtered out) or left
 * @param leftKeys  key expressions over the rows so far: the primary source and the earlier joins,
 *                  in {@link MappingPlan#sourceScope()} layout
 * @param rightKeys key expressions over one row of the lookup source alone, in field order
 */
public record JoinPlan(int index, SourceDef source, JoinDef.Kind kind, List<CompiledExpression> leftKeys,
        List<CompiledExpression> rightKeys) {

    public JoinPlan {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(kind, "kind");
        leftKeys = List.copyOf(leftKeys);
        rightKeys = List.copyOf(rightKeys);
        if (leftKeys.size() != rightKeys.size() || leftKeys.isEmpty()) {
            throw new IllegalArgumentException("a join needs as many left keys as right keys, at least one");
        }
    }

    /** @return the element name problems and rejects use for this join, e.g. {@code join[0]} */
    public String element() {
        return Problem.join(index);
    }
}
