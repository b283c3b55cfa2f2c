package org.mapwright.monitor.lineage;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.FieldMapping;
import org.mapwright.core.JoinDef;
import org.mapwright.core.MappingDef;
import org.mapwright.core.Project;
import org.mapwright.core.RuleDef;
import org.mapwright.core.SourceDef;
import org.mapwright.engine.MappingEngine;
import org.mapwright.engine.MappingPlan;
import org.mapwright.engine.expr.AggregateCall;
import org.mapwright.engine.expr.CompiledExpression;
import org.mapwright.engine.expr.CompilerOptions;
import org.mapwright.engine.expr.ExpressionCompiler;
import org.mapwright.engine.expr.ExpressionException;
import org.mapwright.engine.expr.FieldRef;
import org.mapwright.engine.expr.FunctionRegistry;
import org.mapwright.engine.expr.Functions;
import org.mapwright.engine.expr.LookupResolver;
import org.mapwright.engine.expr.RowScope;
import org.mapwright.engine.expr.Scope;

/**
 * Computes column-level lineage from the compiled mapping plans: every target field's inputs are
 * the fields its compiled expression reads ({@link CompiledExpression#fields()}), classified as
 * identity, transformation or aggregation; join keys, filters, grouping keys and reference rules
 * are indirect inputs of the whole target dataset. Does no I/O. An expression that does not
 * compile contributes nothing (validation reports it). Thread-safe.
 */
public final class LineageAnalyzer {

    private final MappingEngine engine;
    private final FunctionRegistry functions;

    /** An analyzer for the standard functions. */
    public LineageAnalyzer(MappingEngine engine) {
        this(engine, Functions.standard());
    }

    /**
     * @param engine    compiles the mapping plans
     * @param functions the functions expressions may call (the engine's)
     */
    public LineageAnalyzer(MappingEngine engine, FunctionRegistry functions) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.functions = Objects.requireNonNull(functions, "functions");
    }

    /** @return the lineage of every mapping of the project */
    public ProjectLineage analyze(Project project) {
        List<MappingLineage> out = new ArrayList<>();
        for (MappingDef m : project.mappings()) {
            out.add(analyze(project, m));
        }
        return new ProjectLineage(project, out);
    }

    /** @return the lineage of one mapping of the project */
    public MappingLineage analyze(Project project, MappingDef mapping) {
        return new Analysis(project, mapping).run();
    }

    /** A {@code lookup(table, keyColumn, key, valueColumn)} call found while compiling. */
    private record LookupUse(SourceDef source, Field key, Field value) {
    }

    /** The state of analysing one mapping. */
    private final class Analysis {
        private final Project project;
        private final MappingDef m;
        private final LinkedHashSet<SourceDef> sources = new LinkedHashSet<>();
        private final LinkedHashSet<FieldInput> datasetInputs = new LinkedHashSet<>();

        Analysis(Project project, MappingDef mapping) {
            this.project = project;
            this.m = mapping;
        }

        MappingLineage run() {
            MappingPlan plan = engine.compile(project, m.id());
            SourceDef primary = project.source(m.sourceId()).orElse(null);
            RowScope scope = plan.sourceScope();
            if (primary != null) {
                sources.add(primary);
                joins(primary);
                if (m.filter() != null) {
                    compile(m.filter(), scope).ifPresent(c -> indirect(c, Transformation.FILTER, "filter: " + m.filter()));
                }
            }
            List<FieldLineage> fields = new ArrayList<>();
            for (Field f : m.targetSchema().allFields()) {
                fields.add(field(plan, scope, f, primary != null));
            }
            if (m.outputFilter() != null) {
                outputFilter(fields);
            }
            referenceRules();
            return new MappingLineage(m, new ArrayList<>(sources), fields, new ArrayList<>(datasetInputs));
        }

        private void joins(SourceDef primary) {
            RowScope.Builder sofar = RowScope.builder().add(primary.name(), primary.schema());
            Set<String> joined = new HashSet<>();
            joined.add(primary.name());
            for (JoinDef j : m.joins()) {
                SourceDef lookup = project.source(j.sourceId()).orElse(null);
                if (lookup == null || !joined.add(lookup.name())) {
                    continue;
                }
                sources.add(lookup);
                RowScope left = sofar.build();
                RowScope own = RowScope.builder().add(lookup.name(), lookup.schema()).build();
                List<String> conditions = new ArrayList<>();
                for (JoinDef.Key k : j.keys()) {
                    conditions.add(k.left() + " = " + k.right());
                }
                String description = j.kind().name().toLowerCase(Locale.ROOT) + " join " + lookup.name() + " on "
                        + String.join(" and ", conditions);
                for (JoinDef.Key k : j.keys()) {
                    compile(k.left(), left).ifPresent(c -> indirect(c, Transformation.JOIN, description));
                    compile(k.right(), own).ifPresent(c -> indirect(c, Transformation.JOIN, description));
                }
                sofar.add(lookup.name(), lookup.schema());
            }
        }

        private FieldLineage field(MappingPlan plan, RowScope scope, Field f, boolean haveSource) {
            String path = m.targetSchema().pathOf(f.id()).orElse(f.name());
            String text = m.mappingFor(f.id()).map(FieldMapping::expression).orElse(null);
            Optional<CompiledExpression> compiled = plan.expression(f.id());
            if (text == null || compiled.isEmpty() || !haveSource) {
                return new FieldLineage(f, path, text, List.of());
            }
            CompiledExpression e = compiled.get();
            Set<FieldRef> aggregated = new HashSet<>();
            for (AggregateCall call : e.aggregates()) {
                compile(call.text(), scope).ifPresent(c -> aggregated.addAll(c.expression().fields()));
            }
            boolean identity = e.asFieldReference().map(r -> r.type() == e.type() && !e.isAggregate()).orElse(false);
            LinkedHashSet<FieldInput> inputs = new LinkedHashSet<>();
            for (FieldRef ref : e.fields()) {
                String subtype = identity ? Transformation.IDENTITY
                        : aggregated.contains(ref) ? Transformation.AGGREGATION : Transformation.TRANSFORMATION;
                sourceField(ref).ifPresent(sf -> inputs.add(new FieldInput(sf, new Transformation(Transformation.Type.DIRECT, subtype, text))));
            }
            compile(text, scope).ifPresent(c -> {
                for (LookupUse use : c.lookups()) {
                    sources.add(use.source());
                    inputs.add(new FieldInput(field(use.source(), use.value()), new Transformation(Transformation.Type.DIRECT,
                            Transformation.TRANSFORMATION, text)));
                    inputs.add(new FieldInput(field(use.source(), use.key()), new Transformation(Transformation.Type.INDIRECT,
                            Transformation.JOIN, "lookup in " + use.source().name() + " by " + use.key().name())));
                }
            });
            if (plan.isAggregating() && !e.isAggregate()) {
                for (FieldRef ref : e.fields()) {
                    sourceField(ref).ifPresent(sf -> datasetInputs.add(new FieldInput(sf,
                            new Transformation(Transformation.Type.INDIRECT, Transformation.GROUP_BY, "group by " + path))));
                }
            }
            return new FieldLineage(f, path, text, new ArrayList<>(inputs));
        }

        private void outputFilter(List<FieldLineage> fields) {
            Optional<Compiled> c = compile(m.outputFilter(), RowScope.of(m.targetSchema()));
            if (c.isEmpty()) {
                return;
            }
            for (FieldRef ref : c.get().expression().fields()) {
                for (FieldLineage f : fields) {
                    if (f.field().id().equals(ref.fieldId())) {
                        for (SourceField sf : f.sourceFields()) {
                            datasetInputs.add(new FieldInput(sf, new Transformation(Transformation.Type.INDIRECT, Transformation.FILTER,
                                    "output filter: " + m.outputFilter())));
                        }
                    }
                }
            }
        }

        private void referenceRules() {
            for (RuleDef r : m.rules()) {
                if (r.kind() != RuleDef.Kind.REFERENCE || r.action() == RuleDef.Action.WARN) {
                    continue;
                }
                String sourceName = r.settings().getString("source", null);
                String fieldName = r.settings().getString("field", null);
                if (sourceName == null || fieldName == null) {
                    continue;
                }
                SourceDef s = project.sourceByName(sourceName).or(() -> project.source(sourceName)).orElse(null);
                Field f = s == null ? null : s.schema().byPath(fieldName).orElse(null);
                if (f == null) {
                    continue;
                }
                sources.add(s);
                String target = m.targetSchema().pathOf(r.targetFieldId()).orElse(r.targetFieldId());
                datasetInputs.add(new FieldInput(field(s, f), new Transformation(Transformation.Type.INDIRECT, Transformation.FILTER,
                        "reference rule " + r.id() + ": " + target + " must occur in " + s.name() + "." + fieldName)));
            }
        }

        private void indirect(Compiled c, String subtype, String description) {
            for (FieldRef ref : c.expression().fields()) {
                sourceField(ref).ifPresent(sf -> datasetInputs.add(new FieldInput(sf,
                        new Transformation(Transformation.Type.INDIRECT, subtype, description))));
            }
            for (LookupUse use : c.lookups()) {
                sources.add(use.source());
                datasetInputs.add(new FieldInput(field(use.source(), use.key()),
                        new Transformation(Transformation.Type.INDIRECT, subtype, description)));
                datasetInputs.add(new FieldInput(field(use.source(), use.value()),
                        new Transformation(Transformation.Type.INDIRECT, subtype, description)));
            }
        }

        private Optional<SourceField> sourceField(FieldRef ref) {
            Optional<SourceDef> s = ref.qualifier() == null ? project.source(m.sourceId()) : project.sourceByName(ref.qualifier());
            return s.map(source -> new SourceField(source.id(), source.name(), ref.fieldId(), ref.path()));
        }

        private SourceField field(SourceDef s, Field f) {
            return new SourceField(s.id(), s.name(), f.id(), s.schema().pathOf(f.id()).orElse(f.name()));
        }

        /** Compiles with a lookup port that records which tables are used. */
        private Optional<Compiled> compile(String text, Scope scope) {
            List<LookupUse> lookups = new ArrayList<>();
            LookupResolver recorder = (table, keyColumn, valueColumn) -> {
                SourceDef s = project.sourceByName(table).or(() -> project.source(table))
                        .orElseThrow(() -> new IllegalArgumentException("no source named '" + table + "'"));
                Field key = column(s, keyColumn);
                Field value = column(s, valueColumn);
                lookups.add(new LookupUse(s, key, value));
                return new UnusedTable(key.type(), value.type());
            };
            ExpressionCompiler compiler = new ExpressionCompiler(functions, new CompilerOptions(Clock.systemUTC(), recorder));
            try {
                return Optional.of(new Compiled(compiler.compile(text, scope), lookups));
            } catch (ExpressionException e) {
                return Optional.empty();
            }
        }
    }

    private record Compiled(CompiledExpression expression, List<LookupUse> lookups) {
    }

    private static Field column(SourceDef s, String name) {
        for (Field f : s.schema().fields()) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        for (Field f : s.schema().fields()) {
            if (f.name().equalsIgnoreCase(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("source '" + s.name() + "' has no field '" + name + "'");
    }

    /** A lookup table that is only compiled against, never evaluated. */
    private record UnusedTable(DataType keyType, DataType valueType) implements LookupResolver.LookupTable {
        @Override
        public Object get(Object key) {
            throw new IllegalStateException("lineage analysis never evaluates expressions");
        }
    }
}
