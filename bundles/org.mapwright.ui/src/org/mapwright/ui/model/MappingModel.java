package org.mapwright.ui.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.mapwright.core.Field;
import org.mapwright.core.FieldMapping;
import org.mapwright.core.JoinDef;
import org.mapwright.core.MappingDef;
import org.mapwright.core.Project;
import org.mapwright.core.SourceDef;
import org.mapwright.engine.MappingEngine;
import org.mapwright.engine.MappingPlan;
import org.mapwright.engine.Problem;
import org.mapwright.engine.expr.CompiledExpression;
import org.mapwright.engine.expr.ExpressionTokens;
import org.mapwright.engine.expr.FieldRef;
import org.mapwright.engine.expr.RowScope;
import org.mapwright.engine.expr.Scope;
import org.mapwright.engine.expr.Token;
import org.mapwright.engine.expr.TokenKind;

/**
 * One mapping of a project as the editor shows it: the sources in scope (primary first, then the
 * joined lookups), the mapping lines from source fields to target fields, and the problems the
 * engine's compiler finds. Built from the engine's plan, so the editor draws exactly what a run
 * would read. Compiling does no I/O and takes well under a millisecond per expression, so the
 * model is rebuilt after every edit. Immutable.
 */
public final class MappingModel {

    /**
     * A source in the mapping's scope.
     *
     * @param source the source
     * @param join   the join that brings it in, or null for the primary source
     */
    public record SourceEntry(SourceDef source, JoinDef join) {
        public boolean primary() {
            return join == null;
        }
    }

    /**
     * One mapping line.
     *
     * @param targetFieldId the target field whose expression reads the source field
     * @param sourceId      the source of the read field
     * @param ref           the resolved reference
     * @param direct        whether the expression is just this reference (a plain copy)
     */
    public record Line(String targetFieldId, String sourceId, FieldRef ref, boolean direct) {
        public String sourceFieldId() {
            return ref.fieldId();
        }
    }

    /**
     * How much of the target schema is mapped.
     *
     * @param fields         target fields that take a value (records with children excluded)
     * @param mapped         of those, fields with an expression (directly or through their record)
     * @param required       fields that are not nullable
     * @param requiredMapped required fields with an expression
     */
    public record Coverage(int fields, int mapped, int required, int requiredMapped) {
        /** @return the share of required fields that are mapped, 1 when none is required */
        public double requiredRatio() {
            return required == 0 ? 1 : (double) requiredMapped / required;
        }
    }

    private final Project project;
    private final MappingDef mapping;
    private final MappingPlan plan;
    private final List<SourceEntry> sources;
    private final List<Line> lines;
    private final Map<String, List<Problem>> problemsByElement;

    private MappingModel(Project project, MappingDef mapping, MappingPlan plan) {
        this.project = project;
        this.mapping = mapping;
        this.plan = plan;
        List<SourceEntry> entries = new ArrayList<>();
        project.source(mapping.sourceId()).ifPresent(s -> entries.add(new SourceEntry(s, null)));
        for (JoinDef j : mapping.joins()) {
            project.source(j.sourceId()).ifPresent(s -> entries.add(new SourceEntry(s, j)));
        }
        this.sources = List.copyOf(entries);
        Map<String, List<Problem>> byElement = new LinkedHashMap<>();
        for (Problem p : plan.problems()) {
            String element = p.location().element() == null ? Problem.MAPPING : p.location().element();
            byElement.computeIfAbsent(element, k -> new ArrayList<>()).add(p);
        }
        this.problemsByElement = Collections.unmodifiableMap(byElement);
        this.lines = List.copyOf(computeLines());
    }

    /**
     * @throws IllegalArgumentException if the project has no such mapping
     */
    public static MappingModel of(MappingEngine engine, Project project, String mappingId) {
        MappingPlan plan = engine.compile(project, mappingId);
        return new MappingModel(project, plan.mapping(), plan);
    }

    public Project project() {
        return project;
    }

    public MappingDef mapping() {
        return mapping;
    }

    public MappingPlan plan() {
        return plan;
    }

    /** @return the scope expressions of this mapping are compiled against */
    public RowScope scope() {
        return plan.sourceScope();
    }

    /** @return primary source first, then joined sources in join order (missing ones left out) */
    public List<SourceEntry> sources() {
        return sources;
    }

    public List<Line> lines() {
        return lines;
    }

    /** @return the lines into one target field */
    public List<Line> linesTo(String targetFieldId) {
        return lines.stream().filter(l -> l.targetFieldId().equals(targetFieldId)).toList();
    }

    /** @return the lines out of one source field */
    public List<Line> linesFrom(String sourceId, String sourceFieldId) {
        return lines.stream().filter(l -> l.sourceId().equals(sourceId) && l.sourceFieldId().equals(sourceFieldId)).toList();
    }

    /** @return the expression of a target field, or null when unmapped */
    public String expression(String targetFieldId) {
        return mapping.mappingFor(targetFieldId).map(FieldMapping::expression).orElse(null);
    }

    public boolean isMapped(String targetFieldId) {
        return mapping.mappingFor(targetFieldId).isPresent();
    }

    /** @return problems of one element (a target field id, {@link Problem#FILTER}, ...) */
    public List<Problem> problems(String element) {
        return problemsByElement.getOrDefault(element, List.of());
    }

    /** @return whether the element has an error (not only warnings) */
    public boolean hasError(String element) {
        return problems(element).stream().anyMatch(Problem::isError);
    }

    /**
     * @return the text of a direct reference to a source field as it should be written in this
     *         mapping's expressions: unqualified when that resolves to the same field, else
     *         qualified with the source name; empty when the field is not in scope
     */
    public Optional<String> referenceText(String sourceId, String fieldId) {
        for (SourceEntry e : sources) {
            if (!e.source().id().equals(sourceId)) {
                continue;
            }
            List<String> segments = segments(e.source().schema().fields(), fieldId);
            if (segments.isEmpty()) {
                return Optional.empty();
            }
            Scope.Resolution r = scope().resolve(segments);
            if (r.isFound() && r.field().fieldId().equals(fieldId)) {
                return Optional.of(ExpressionTokens.quotePath(segments));
            }
            List<String> qualified = new ArrayList<>();
            qualified.add(e.source().name());
            qualified.addAll(segments);
            return Optional.of(ExpressionTokens.quotePath(qualified));
        }
        return Optional.empty();
    }

    /** @return the names from a top-level field down to the field with this id, or empty */
    public static List<String> segments(List<Field> fields, String fieldId) {
        for (Field f : fields) {
            if (f.id().equals(fieldId)) {
                return List.of(f.name());
            }
            List<String> inner = segments(f.children(), fieldId);
            if (!inner.isEmpty()) {
                List<String> out = new ArrayList<>();
                out.add(f.name());
                out.addAll(inner);
                return out;
            }
        }
        return List.of();
    }

    public Coverage coverage() {
        int fields = 0;
        int mapped = 0;
        int required = 0;
        int requiredMapped = 0;
        for (Field f : mapping.targetSchema().fields()) {
            int[] c = count(f, false);
            fields += c[0];
            mapped += c[1];
            required += c[2];
            requiredMapped += c[3];
        }
        return new Coverage(fields, mapped, required, requiredMapped);
    }

    private int[] count(Field f, boolean parentMapped) {
        boolean mappedHere = parentMapped || isMapped(f.id());
        if (f.children().isEmpty()) {
            boolean req = !f.nullable();
            return new int[] {1, mappedHere ? 1 : 0, req ? 1 : 0, req && mappedHere ? 1 : 0};
        }
        int[] sum = new int[4];
        for (Field c : f.children()) {
            int[] x = count(c, mappedHere);
            for (int i = 0; i < 4; i++) {
                sum[i] += x[i];
            }
        }
        return sum;
    }

    private List<Line> computeLines() {
        List<Line> out = new ArrayList<>();
        for (FieldMapping fm : mapping.fieldMappings()) {
            Optional<CompiledExpression> compiled = plan.expression(fm.targetFieldId());
            Set<FieldRef> refs;
            boolean direct;
            if (compiled.isPresent()) {
                refs = compiled.get().fields();
                direct = compiled.get().asFieldReference().isPresent();
            } else {
                refs = referencesByTokens(fm.expression(), scope());
                direct = false;
            }
            for (FieldRef r : refs) {
                String sourceId = sourceIdOf(r);
                if (sourceId != null) {
                    out.add(new Line(fm.targetFieldId(), sourceId, r, direct));
                }
            }
        }
        return out;
    }

    private String sourceIdOf(FieldRef r) {
        if (r.qualifier() == null) {
            return sources.isEmpty() ? null : sources.get(0).source().id();
        }
        for (SourceEntry e : sources) {
            if (e.source().name().equals(r.qualifier())) {
                return e.source().id();
            }
        }
        return null;
    }

    /**
     * The references of an expression that does not compile (a typo elsewhere, a type error):
     * every dotted name that resolves in the scope, so its lines stay visible while the user
     * fixes it.
     */
    static Set<FieldRef> referencesByTokens(String text, Scope scope) {
        Set<FieldRef> out = new LinkedHashSet<>();
        List<Token> tokens = ExpressionTokens.tokenize(text);
        List<String> path = new ArrayList<>();
        boolean expectSegment = true;
        for (Token t : tokens) {
            if (t.kind() == TokenKind.IDENTIFIER && expectSegment) {
                path.add(unquote(t.text()));
                expectSegment = false;
            } else if (t.kind() == TokenKind.OPERATOR && t.text().equals(".") && !path.isEmpty() && !expectSegment) {
                expectSegment = true;
            } else {
                resolveInto(path, scope, out);
                path.clear();
                expectSegment = true;
                if (t.kind() == TokenKind.IDENTIFIER) {
                    path.add(unquote(t.text()));
                    expectSegment = false;
                }
            }
        }
        resolveInto(path, scope, out);
        return out;
    }

    private static void resolveInto(List<String> path, Scope scope, Set<FieldRef> out) {
        if (path.isEmpty()) {
            return;
        }
        Scope.Resolution r = scope.resolve(List.copyOf(path));
        if (r.isFound()) {
            out.add(r.field());
        }
    }

    private static String unquote(String text) {
        if (text.length() >= 2 && text.charAt(0) == '"' && text.charAt(text.length() - 1) == '"') {
            return text.substring(1, text.length() - 1).replace("\"\"", "\"");
        }
        return text;
    }
}
