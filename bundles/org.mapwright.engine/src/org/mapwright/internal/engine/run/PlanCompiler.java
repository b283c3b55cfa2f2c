package org.mapwright.internal.engine.run;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.FieldMapping;
import org.mapwright.core.JoinDef;
import org.mapwright.core.MappingDef;
import org.mapwright.core.OutputDef;
import org.mapwright.core.Project;
import org.mapwright.core.RuleDef;
import org.mapwright.core.SourceDef;
import org.mapwright.core.connector.ConnectorRegistry;
import org.mapwright.engine.Problem;
import org.mapwright.engine.expr.AggregateCall;
import org.mapwright.engine.expr.CompiledExpression;
import org.mapwright.engine.expr.CompilerOptions;
import org.mapwright.engine.expr.ExpressionCompiler;
import org.mapwright.engine.expr.ExpressionException;
import org.mapwright.engine.expr.FieldRef;
import org.mapwright.engine.expr.FunctionRegistry;
import org.mapwright.engine.expr.LookupResolver;
import org.mapwright.engine.expr.RowScope;

/**
 * Compiles a mapping of a project into a {@link CompiledPlan}, collecting every problem instead
 * of stopping at the first: each expression is compiled independently, so a broken filter does
 * not hide a broken field mapping. Does no I/O.
 */
public final class PlanCompiler {

    private final ConnectorRegistry connectors;
    private final FunctionRegistry functions;
    private final Clock clock;

    public PlanCompiler(ConnectorRegistry connectors, FunctionRegistry functions, Clock clock) {
        this.connectors = connectors;
        this.functions = functions;
        this.clock = clock;
    }

    /** @return problems of the project as a whole (not of one mapping) */
    public List<Problem> projectProblems(Project project) {
        List<Problem> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (SourceDef s : project.sources()) {
            if (!ids.add(s.id())) {
                out.add(Problem.error(Problem.Location.of(null, s.id()), "two sources have the id '" + s.id() + "'", "give each source its own id"));
            }
            if (!names.add(s.name())) {
                out.add(Problem.error(Problem.Location.of(null, s.id()), "two sources are named '" + s.name() + "'",
                        "rename one: expressions qualify fields by source name"));
            }
        }
        Set<String> mappingIds = new HashSet<>();
        for (MappingDef m : project.mappings()) {
            if (!mappingIds.add(m.id())) {
                out.add(Problem.error(Problem.Location.of(m.id(), Problem.MAPPING), "two mappings have the id '" + m.id() + "'", null));
            }
        }
        return out;
    }

    public CompiledPlan compile(Project project, MappingDef mapping) {
        return new Run(project, mapping).compile();
    }

    /** The state of compiling one mapping. */
    private final class Run implements LookupResolver {
        private final Project project;
        private final MappingDef m;
        private final List<Problem> problems = new ArrayList<>();
        private final List<FunctionLookup> lookups = new ArrayList<>();
        private final ExpressionCompiler compiler;

        Run(Project project, MappingDef mapping) {
            this.project = project;
            this.m = mapping;
            this.compiler = new ExpressionCompiler(functions, new CompilerOptions(clock, this));
        }

        CompiledPlan compile() {
            SourceDef primary = project.source(m.sourceId()).orElse(null);
            RowScope.Builder scopeBuilder = RowScope.builder();
            List<JoinSpec> joins = new ArrayList<>();
            if (primary == null) {
                error(Problem.SOURCE, "the mapping's source '" + m.sourceId() + "' does not exist", "choose one of: " + sourceNames());
                for (int i = 0; i < m.joins().size(); i++) {
                    String joined = m.joins().get(i).sourceId();
                    if (project.source(joined).isEmpty()) {
                        error(Problem.join(i), "joined source '" + joined + "' does not exist", "choose one of: " + sourceNames());
                    }
                }
            } else {
                checkSource(primary, Problem.SOURCE);
                scopeBuilder.add(primary.name(), primary.schema());
                Set<String> qualifiers = new HashSet<>();
                qualifiers.add(primary.name());
                int offset = primary.schema().size();
                for (int i = 0; i < m.joins().size(); i++) {
                    JoinDef j = m.joins().get(i);
                    String element = Problem.join(i);
                    SourceDef lookup = project.source(j.sourceId()).orElse(null);
                    if (lookup == null) {
                        error(element, "joined source '" + j.sourceId() + "' does not exist", "choose one of: " + sourceNames());
                        continue;
                    }
                    if (!qualifiers.add(lookup.name())) {
                        error(element, "source '" + lookup.name() + "' is already part of this mapping", "join each source once");
                        continue;
                    }
                    checkSource(lookup, element);
                    RowScope sofar = scopeBuilder.build();
                    RowScope own = RowScope.builder().add(lookup.name(), lookup.schema()).build();
                    CompiledExpression[] left = new CompiledExpression[j.keys().size()];
                    CompiledExpression[] right = new CompiledExpression[j.keys().size()];
                    boolean ok = true;
                    for (int k = 0; k < j.keys().size(); k++) {
                        JoinDef.Key key = j.keys().get(k);
                        left[k] = expression(element + ".keys[" + k + "].left", key.left(), sofar, DataType.ANY, false);
                        right[k] = expression(element + ".keys[" + k + "].right", key.right(), own, DataType.ANY, false);
                        if (left[k] == null || right[k] == null) {
                            ok = false;
                        } else if (!comparable(left[k].type(), right[k].type())) {
                            ok = false;
                            error(element, "key " + (k + 1) + " compares " + left[k].type().id() + " `" + key.left() + "` with "
                                    + right[k].type().id() + " `" + key.right() + "`",
                                    "convert one side, e.g. CAST(" + key.left() + " AS " + right[k].type().id() + ")");
                        }
                    }
                    scopeBuilder.add(lookup.name(), lookup.schema());
                    if (ok) {
                        joins.add(new JoinSpec(i, lookup, j.kind(), offset, left, right));
                    }
                    offset += lookup.schema().size();
                }
            }
            RowScope scope = scopeBuilder.build();

            CompiledExpression filter = null;
            if (m.filter() != null && primary != null) {
                filter = expression(Problem.FILTER, m.filter(), scope, DataType.BOOLEAN, false);
            }

            Map<String, CompiledExpression> expressions = new LinkedHashMap<>();
            TargetNode[] targets = targets(scope, primary != null, expressions);
            boolean aggregating = false;
            for (TargetNode t : targets) {
                aggregating |= t.isAggregate();
            }

            CompiledExpression outputFilter = null;
            if (m.outputFilter() != null) {
                outputFilter = expression(Problem.OUTPUT_FILTER, m.outputFilter(), RowScope.of(m.targetSchema()), DataType.BOOLEAN, false);
            }

            List<RuleSpec> rules = rules();
            outputs();
            if (m.maxRejectedPercent() > 100) {
                warning(Problem.MAPPING, "maxRejectedPercent " + m.maxRejectedPercent() + " is above 100 and never reached", "use a value from 0 to 100");
            }
            List<Problem> sorted = new ArrayList<>(problems);
            sorted.sort(Comparator.comparing(Problem::severity));
            return new CompiledPlan(project, m, sorted, primary, scope, joins, filter, targets, aggregating, outputFilter, rules,
                    lookups, expressions);
        }

        private void checkSource(SourceDef s, String element) {
            if (!connectors.sourceKinds().contains(s.connector())) {
                error(element, "source '" + s.name() + "' uses connector '" + s.connector() + "', which is not available",
                        "available: " + String.join(", ", connectors.sourceKinds()));
            }
            if (s.schema().isEmpty()) {
                error(element, "source '" + s.name() + "' has no fields", "inspect the source to read its structure");
            }
        }

        private TargetNode[] targets(RowScope scope, boolean haveSource, Map<String, CompiledExpression> expressions) {
            Set<String> seen = new HashSet<>();
            for (FieldMapping fm : m.fieldMappings()) {
                if (m.targetSchema().byId(fm.targetFieldId()).isEmpty()) {
                    error(fm.targetFieldId(), "a field mapping targets field '" + fm.targetFieldId() + "', which the target schema does not have",
                            "remove the mapping or add the field");
                } else if (!seen.add(fm.targetFieldId())) {
                    error(fm.targetFieldId(), "target field '" + m.targetSchema().pathOf(fm.targetFieldId()).orElse("") + "' is mapped twice",
                            "keep one expression per target field");
                }
            }
            if (m.targetSchema().isEmpty()) {
                error(Problem.MAPPING, "the target schema has no fields", "add target fields or derive them from the source");
            }
            List<Field> fields = m.targetSchema().fields();
            TargetNode[] out = new TargetNode[fields.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = node(fields.get(i), true, scope, haveSource, expressions);
            }
            return out;
        }

        private TargetNode node(Field f, boolean topLevel, RowScope scope, boolean haveSource, Map<String, CompiledExpression> expressions) {
            String text = m.mappingFor(f.id()).map(FieldMapping::expression).orElse(null);
            String path = m.targetSchema().pathOf(f.id()).orElse(f.name());
            if (text != null) {
                if (f.isRecord() && hasMappedDescendant(f)) {
                    error(f.id(), "record field '" + path + "' is mapped as a whole and field by field", "keep one of the two");
                }
                if (!haveSource) {
                    return new TargetNode(f, null, null);
                }
                CompiledExpression e = expression(f.id(), text, scope, f.type(), true);
                if (e == null) {
                    return new TargetNode(f, null, null);
                }
                boolean listValue = e.asFieldReference().map(FieldRef::repeated).orElse(false);
                if (f.repeated() && !listValue) {
                    error(f.id(), "repeated target field '" + path + "' needs a list: map it directly from a repeated source field", null);
                    return new TargetNode(f, null, null);
                }
                if (!f.repeated() && listValue) {
                    error(f.id(), "`" + text + "` is a list but target field '" + path + "' holds one value",
                            "mark the target field repeated, or pick one element");
                    return new TargetNode(f, null, null);
                }
                if (e.isAggregate() && !topLevel) {
                    AggregateCall a = e.aggregates().get(0);
                    problems.add(Problem.error(new Problem.Location(m.id(), f.id(), a.start(), a.end()),
                            "aggregates can only fill top-level target fields, not '" + path + "'", null));
                    return new TargetNode(f, null, null);
                }
                expressions.put(f.id(), e);
                return new TargetNode(f, e, null);
            }
            if (f.isRecord() && hasMappedDescendant(f)) {
                TargetNode[] children = new TargetNode[f.children().size()];
                for (int i = 0; i < children.length; i++) {
                    children[i] = node(f.children().get(i), false, scope, haveSource, expressions);
                }
                return new TargetNode(f, null, children);
            }
            if (!f.nullable()) {
                error(f.id(), "target field '" + path + "' is required (not nullable) but has no mapping, so every row would be rejected",
                        "map it, or make it nullable");
            }
            return new TargetNode(f, null, null);
        }

        private boolean hasMappedDescendant(Field f) {
            for (Field c : f.children()) {
                if (m.mappingFor(c.id()).isPresent() || hasMappedDescendant(c)) {
                    return true;
                }
            }
            return false;
        }

        private List<RuleSpec> rules() {
            List<RuleSpec> out = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (RuleDef r : m.rules()) {
                if (!ids.add(r.id())) {
                    error(r.id(), "two rules have the id '" + r.id() + "'", "give each rule its own id");
                    continue;
                }
                TargetPath path = TargetPath.of(m.targetSchema(), r.targetFieldId());
                if (path == null) {
                    error(r.id(), r.kind().id() + " rule '" + r.id() + "' checks field '" + r.targetFieldId() + "', which the target schema does not have",
                            "point the rule at an existing target field or delete it");
                    continue;
                }
                SourceDef ref = null;
                if (r.kind() == RuleDef.Kind.REFERENCE) {
                    String s = r.settings().getString("source", null);
                    if (s != null) {
                        ref = project.sourceByName(s).or(() -> project.source(s)).orElse(null);
                        if (ref == null) {
                            error(r.id(), "reference rule '" + r.id() + "' names source '" + s + "', which does not exist",
                                    "choose one of: " + sourceNames());
                            continue;
                        }
                        checkSource(ref, r.id());
                    }
                }
                try {
                    out.add(RuleSpec.compile(r, path, ref));
                } catch (RuleSpec.InvalidRule e) {
                    error(r.id(), r.kind().id() + " rule '" + r.id() + "' on '" + path.displayPath() + "': " + e.getMessage(), e.hint());
                }
            }
            return out;
        }

        private void outputs() {
            if (m.outputs().isEmpty()) {
                warning(Problem.MAPPING, "the mapping has no outputs: a run only counts rows and writes rejects", "add an output");
            }
            for (int i = 0; i < m.outputs().size(); i++) {
                OutputDef o = m.outputs().get(i);
                if (!connectors.targetKinds().contains(o.connector())) {
                    error(Problem.output(i), "output '" + o.id() + "' uses connector '" + o.connector() + "', which is not available",
                            "available: " + String.join(", ", connectors.targetKinds()));
                }
            }
        }

        /** @return the compiled expression, or null after recording the problem */
        private CompiledExpression expression(String element, String text, RowScope scope, DataType expected, boolean mayAggregate) {
            try {
                CompiledExpression e = compiler.compile(text, scope, expected);
                if (!mayAggregate && e.isAggregate()) {
                    AggregateCall a = e.aggregates().get(0);
                    problems.add(Problem.error(new Problem.Location(m.id(), element, a.start(), a.end()),
                            "aggregate function " + a.function() + "() cannot be used here", "aggregates belong in field mappings"));
                    return null;
                }
                return e;
            } catch (ExpressionException e) {
                problems.add(Problem.error(new Problem.Location(m.id(), element, e.start(), e.end()), e.reason(), e.hint()));
                return null;
            }
        }

        private void error(String element, String message, String hint) {
            problems.add(Problem.error(Problem.Location.of(m.id(), element), message, hint));
        }

        private void warning(String element, String message, String hint) {
            problems.add(Problem.warning(Problem.Location.of(m.id(), element), message, hint));
        }

        private String sourceNames() {
            return String.join(", ", project.sources().stream().map(SourceDef::name).toList());
        }

        @Override
        public LookupTable open(String table, String keyColumn, String valueColumn) {
            SourceDef s = project.sourceByName(table).or(() -> project.source(table)).orElse(null);
            if (s == null) {
                throw new IllegalArgumentException("no source named '" + table + "' (sources: " + sourceNames() + ")");
            }
            if (!connectors.sourceKinds().contains(s.connector())) {
                throw new IllegalArgumentException("source '" + s.name() + "' uses connector '" + s.connector() + "', which is not available");
            }
            int k = column(s, keyColumn);
            int v = column(s, valueColumn);
            for (FunctionLookup l : lookups) {
                if (l.sameAs(s, k, v)) {
                    return l;
                }
            }
            FunctionLookup l = new FunctionLookup(s, k, v);
            lookups.add(l);
            return l;
        }

        private int column(SourceDef s, String name) {
            List<Field> fields = s.schema().fields();
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i).name().equals(name)) {
                    return i;
                }
            }
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i).name().equalsIgnoreCase(name)) {
                    return i;
                }
            }
            throw new IllegalArgumentException("source '" + s.name() + "' has no field '" + name + "' (fields: "
                    + String.join(", ", fields.stream().map(Field::name).toList()) + ")");
        }
    }

    static boolean comparable(DataType a, DataType b) {
        return a == b || a == DataType.ANY || b == DataType.ANY || (a.isNumeric() && b.isNumeric());
    }
}
