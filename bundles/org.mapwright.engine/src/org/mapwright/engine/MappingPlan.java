package org.mapwright.engine;

import java.util.List;
import java.util.Optional;

import org.mapwright.core.MappingDef;
import org.mapwright.core.Project;
import org.mapwright.core.Schema;
import org.mapwright.core.SourceDef;
import org.mapwright.engine.expr.CompiledExpression;
import org.mapwright.engine.expr.RowScope;

/**
 * A mapping compiled once by {@link MappingEngine#compile}: sources resolved, every expression
 * compiled against the row scope, rules prepared. The same plan drives runs and previews. A plan
 * with errors cannot run; {@link #problems()} says why. Immutable; obtain plans only from
 * {@link MappingEngine}.
 */
public interface MappingPlan {

    /** @return the project the plan was compiled from */
    Project project();

    /** @return the compiled mapping */
    MappingDef mapping();

    /** @return every problem found, errors first in mapping order, then warnings */
    List<Problem> problems();

    /** @return whether any problem is an error */
    default boolean hasErrors() {
        return problems().stream().anyMatch(Problem::isError);
    }

    /**
     * @return the fields expressions can reference: the primary source followed by each joined
     *         source, qualified by source name (empty when the primary source is unknown)
     */
    RowScope sourceScope();

    /** @return the target schema rows are produced in */
    Schema targetSchema();

    /** @return the compiled expression of a target field; empty when unmapped or not compilable */
    Optional<CompiledExpression> expression(String targetFieldId);

    /** @return whether the mapping aggregates (some field mapping calls an aggregate function) */
    boolean isAggregating();

    /** @return the primary source; empty when the mapping's source does not exist */
    Optional<SourceDef> source();

    /**
     * @return the joins that compiled, in mapping order; their fields follow the primary source's
     *         in {@link #sourceScope()}
     */
    List<JoinPlan> joins();

    /** @return the compiled input filter over {@link #sourceScope()}; empty when none (or it does not compile) */
    Optional<CompiledExpression> filter();

    /**
     * @return the compiled output filter over the target fields (a scope of the target schema's
     *         top-level fields); empty when none (or it does not compile)
     */
    Optional<CompiledExpression> outputFilter();
}
