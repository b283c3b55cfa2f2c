package org.mapwright.internal.engine.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.mapwright.core.MappingDef;
import org.mapwright.core.Project;
import org.mapwright.core.Schema;
import org.mapwright.core.SourceDef;
import org.mapwright.engine.JoinPlan;
import org.mapwright.engine.MappingPlan;
import org.mapwright.engine.Problem;
import org.mapwright.engine.expr.CompiledExpression;
import org.mapwright.engine.expr.RowScope;

/**
 * The executable form of a mapping, produced by {@link PlanCompiler}. When {@link #hasErrors()},
 * the executable parts may be incomplete and the plan must not run.
 */
public final class CompiledPlan implements MappingPlan {

    final Project project;
    final MappingDef mapping;
    final List<Problem> problems;
    final SourceDef primary;
    final RowScope scope;
    final List<JoinSpec> joins;
    final CompiledExpression filter;
    final TargetNode[] targets;
    final boolean aggregating;
    final CompiledExpression outputFilter;
    final List<RuleSpec> rules;
    final List<FunctionLookup> lookups;
    final Map<String, CompiledExpression> expressions;

    CompiledPlan(Project project, MappingDef mapping, List<Problem> problems, SourceDef primary, RowScope scope,
            List<JoinSpec> joins, CompiledExpression filter, TargetNode[] targets, boolean aggregating,
            CompiledExpression outputFilter, List<RuleSpec> rules, List<FunctionLookup> lookups,
            Map<String, CompiledExpression> expressions) {
        this.project = project;
        this.mapping = mapping;
        this.problems = List.copyOf(problems);
        this.primary = primary;
        this.scope = scope;
        this.joins = List.copyOf(joins);
        this.filter = filter;
        this.targets = targets;
        this.aggregating = aggregating;
        this.outputFilter = outputFilter;
        this.rules = List.copyOf(rules);
        this.lookups = List.copyOf(lookups);
        this.expressions = Map.copyOf(expressions);
    }

    @Override
    public Project project() {
        return project;
    }

    @Override
    public MappingDef mapping() {
        return mapping;
    }

    @Override
    public List<Problem> problems() {
        return problems;
    }

    @Override
    public RowScope sourceScope() {
        return scope;
    }

    @Override
    public Schema targetSchema() {
        return mapping.targetSchema();
    }

    @Override
    public Optional<CompiledExpression> expression(String targetFieldId) {
        return Optional.ofNullable(expressions.get(targetFieldId));
    }

    @Override
    public boolean isAggregating() {
        return aggregating;
    }

    /**
     * @return every source a run of this plan reads, once each in the order it reads them: the
     *         primary source, joined sources, {@code lookup()} tables, sources of reference rules
     */
    public List<SourceDef> sourcesRead() {
        Map<String, SourceDef> out = new LinkedHashMap<>();
        if (primary != null) {
            out.put(primary.id(), primary);
        }
        for (JoinSpec j : joins) {
            out.putIfAbsent(j.source.id(), j.source);
        }
        for (FunctionLookup l : lookups) {
            out.putIfAbsent(l.source.id(), l.source);
        }
        for (RuleSpec r : rules) {
            if (r.referenceSource() != null) {
                out.putIfAbsent(r.referenceSource().id(), r.referenceSource());
            }
        }
        return new ArrayList<>(out.values());
    }

    @Override
    public Optional<SourceDef> source() {
        return Optional.ofNullable(primary);
    }

    @Override
    public List<JoinPlan> joins() {
        List<JoinPlan> out = new ArrayList<>(joins.size());
        for (JoinSpec j : joins) {
            out.add(new JoinPlan(j.index, j.source, j.kind, List.of(j.left), List.of(j.right)));
        }
        return out;
    }

    @Override
    public Optional<CompiledExpression> filter() {
        return Optional.ofNullable(filter);
    }

    @Override
    public Optional<CompiledExpression> outputFilter() {
        return Optional.ofNullable(outputFilter);
    }

    /** @return the first error as one line, for run reports of plans that cannot run */
    public String firstError() {
        for (Problem p : problems) {
            if (p.isError()) {
                long errors = problems.stream().filter(Problem::isError).count();
                return "mapping '" + mapping.name() + "' is invalid: " + p + (errors > 1 ? " (and " + (errors - 1) + " more errors)" : "");
            }
        }
        return null;
    }
}
