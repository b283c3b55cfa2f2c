package org.mapwright.internal.drift;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.mapwright.core.Field;
import org.mapwright.core.FieldMapping;
import org.mapwright.core.JoinDef;
import org.mapwright.core.MappingDef;
import org.mapwright.core.Project;
import org.mapwright.core.RuleDef;
import org.mapwright.core.Schema;
import org.mapwright.core.SourceDef;
import org.mapwright.drift.ExpressionEdit;
import org.mapwright.engine.Problem;
import org.mapwright.engine.expr.ExpressionTokens;
import org.mapwright.engine.expr.FieldRef;
import org.mapwright.engine.expr.RowScope;
import org.mapwright.engine.expr.Scope;

/**
 * Re-binds the field references of a project's mappings after source structures changed while
 * field ids were kept: each reference is resolved against the old structures (with the engine's
 * scope rules), and when the field it denotes now has another path it is rewritten to that path.
 * Only identifier tokens change — string literals, comments and the spacing elsewhere stay as
 * written — and names are quoted where the expression language needs it. A reference that would
 * become ambiguous unqualified is qualified with its source name.
 */
public final class Rebinder {

    private final Project before;
    private final Project after;
    private final Map<String, Set<String>> rewritable;
    private final Map<String, Map<String, List<String>>> oldNames = new HashMap<>();
    private final Map<String, Map<String, List<String>>> oldIdPaths = new HashMap<>();
    private final Map<String, Map<String, List<String>>> newNames = new HashMap<>();

    /**
     * @param before     the project the expressions were written against
     * @param after      the same project with changed source structures (same sources and mappings)
     * @param rewritable per source id, the field ids whose new path may be written (a reference is
     *                   rewritten when its field or one of its parent records is listed)
     */
    public Rebinder(Project before, Project after, Map<String, Set<String>> rewritable) {
        this.before = before;
        this.after = after;
        this.rewritable = rewritable;
        for (SourceDef s : before.sources()) {
            Map<String, List<String>> names = new HashMap<>();
            Map<String, List<String>> idPaths = new HashMap<>();
            paths(s.schema().fields(), List.of(), List.of(), names, idPaths);
            oldNames.put(s.id(), names);
            oldIdPaths.put(s.id(), idPaths);
        }
        for (SourceDef s : after.sources()) {
            Map<String, List<String>> names = new HashMap<>();
            paths(s.schema().fields(), List.of(), List.of(), names, new HashMap<>());
            newNames.put(s.id(), names);
        }
    }

    private static void paths(List<Field> fields, List<String> prefix, List<String> idPrefix, Map<String, List<String>> names,
            Map<String, List<String>> ids) {
        for (Field f : fields) {
            List<String> p = new ArrayList<>(prefix);
            p.add(f.name());
            List<String> i = new ArrayList<>(idPrefix);
            i.add(f.id());
            names.put(f.id(), p);
            ids.put(f.id(), i);
            paths(f.children(), p, i, names, ids);
        }
    }

    /**
     * @param edits receives one entry per changed element
     * @return the mapping with re-bound expressions (the same instance when nothing changed)
     */
    public MappingDef rewrite(MappingDef m, List<ExpressionEdit> edits) {
        List<ExpressionSites.Site> oldSites = ExpressionSites.of(before, m);
        List<ExpressionSites.Site> newSites = ExpressionSites.of(after, m);
        Map<String, String> changed = new HashMap<>();
        for (int i = 0; i < oldSites.size() && i < newSites.size(); i++) {
            ExpressionSites.Site o = oldSites.get(i);
            String text = rewrite(o.text(), o.scope(), newSites.get(i).scope());
            if (!text.equals(o.text())) {
                changed.put(o.element(), text);
                edits.add(new ExpressionEdit(m.id(), m.name(), o.element(), o.label(), o.text(), text));
            }
        }
        List<RuleDef> rules = new ArrayList<>();
        boolean rulesChanged = false;
        for (RuleDef r : m.rules()) {
            RuleDef nr = rewriteRule(r);
            if (nr != r) {
                rulesChanged = true;
                edits.add(new ExpressionEdit(m.id(), m.name(), r.id(), "rule " + r.id() + " field",
                        r.settings().getString("field", ""), nr.settings().getString("field", "")));
            }
            rules.add(nr);
        }
        if (changed.isEmpty() && !rulesChanged) {
            return m;
        }
        List<JoinDef> joins = new ArrayList<>();
        for (int i = 0; i < m.joins().size(); i++) {
            JoinDef j = m.joins().get(i);
            List<JoinDef.Key> keys = new ArrayList<>();
            for (int k = 0; k < j.keys().size(); k++) {
                String base = Problem.join(i) + ".keys[" + k + "]";
                JoinDef.Key key = j.keys().get(k);
                keys.add(new JoinDef.Key(changed.getOrDefault(base + ".left", key.left()), changed.getOrDefault(base + ".right", key.right())));
            }
            joins.add(new JoinDef(j.sourceId(), j.kind(), keys));
        }
        List<FieldMapping> fms = new ArrayList<>();
        for (FieldMapping fm : m.fieldMappings()) {
            fms.add(new FieldMapping(fm.targetFieldId(), changed.getOrDefault(fm.targetFieldId(), fm.expression())));
        }
        String filter = m.filter() == null ? null : changed.getOrDefault(Problem.FILTER, m.filter());
        return new MappingDef(m.id(), m.name(), m.sourceId(), joins, filter, m.targetSchema(), fms, m.outputFilter(), rules,
                m.maxRejectedRows(), m.maxRejectedPercent(), m.outputs());
    }

    private String rewrite(String text, RowScope oldScope, RowScope newScope) {
        List<References.Ref> refs = References.scan(text);
        StringBuilder out = new StringBuilder(text);
        for (int i = refs.size() - 1; i >= 0; i--) {
            References.Ref ref = refs.get(i);
            String replacement = replacement(ref, oldScope, newScope);
            if (replacement != null) {
                out.replace(ref.start(), ref.end(), replacement);
            }
        }
        return out.toString();
    }

    private String replacement(References.Ref ref, RowScope oldScope, RowScope newScope) {
        Scope.Resolution res = oldScope.resolve(ref.segments());
        if (!res.isFound()) {
            return null;
        }
        FieldRef field = res.field();
        SourceDef source = field.qualifier() == null ? null : before.sourceByName(field.qualifier()).orElse(null);
        if (source == null || !mayRewrite(source.id(), field.fieldId())) {
            return null;
        }
        List<String> was = oldNames.get(source.id()).get(field.fieldId());
        List<String> now = newNames.getOrDefault(source.id(), Map.of()).get(field.fieldId());
        if (was == null || now == null || was.equals(now)) {
            return null;
        }
        boolean qualified = ref.segments().size() == was.size() + 1;
        if (qualified) {
            return ref.tokens().get(0).text() + "." + ExpressionTokens.quotePath(now);
        }
        Scope.Resolution check = newScope.resolve(now);
        if (check.isFound() && check.field().fieldId().equals(field.fieldId()) && source.name().equals(check.field().qualifier())) {
            return ExpressionTokens.quotePath(now);
        }
        List<String> withSource = new ArrayList<>();
        withSource.add(source.name());
        withSource.addAll(now);
        return ExpressionTokens.quotePath(withSource);
    }

    private boolean mayRewrite(String sourceId, String fieldId) {
        Set<String> ids = rewritable.get(sourceId);
        if (ids == null) {
            return false;
        }
        for (String id : oldIdPaths.get(sourceId).getOrDefault(fieldId, List.of())) {
            if (ids.contains(id)) {
                return true;
            }
        }
        return false;
    }

    private RuleDef rewriteRule(RuleDef r) {
        if (r.kind() != RuleDef.Kind.REFERENCE) {
            return r;
        }
        String sourceRef = r.settings().getString("source", null);
        String fieldName = r.settings().getString("field", null);
        if (sourceRef == null || fieldName == null) {
            return r;
        }
        SourceDef source = before.sourceByName(sourceRef).or(() -> before.source(sourceRef)).orElse(null);
        if (source == null) {
            return r;
        }
        Field f = source.schema().byPath(fieldName).orElse(null);
        if (f == null || !mayRewrite(source.id(), f.id())) {
            return r;
        }
        Schema now = after.source(source.id()).map(SourceDef::schema).orElse(Schema.empty());
        return now.byId(f.id()).filter(n -> !n.name().equals(fieldName) && now.indexOf(n.id()) >= 0)
                .map(n -> new RuleDef(r.id(), r.targetFieldId(), r.kind(), r.settings().with("field", n.name()), r.action()))
                .orElse(r);
    }
}
