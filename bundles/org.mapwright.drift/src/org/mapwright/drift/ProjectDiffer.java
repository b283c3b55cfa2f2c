package org.mapwright.drift;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import org.mapwright.core.Field;
import org.mapwright.core.FieldMapping;
import org.mapwright.core.JoinDef;
import org.mapwright.core.MappingDef;
import org.mapwright.core.OutputDef;
import org.mapwright.core.Project;
import org.mapwright.core.RuleDef;
import org.mapwright.core.Schema;
import org.mapwright.core.Settings;
import org.mapwright.core.SourceDef;

/**
 * Compares two versions of a project by meaning rather than by text: elements are matched by
 * their stable ids, so reordering keys or renaming a field shows as what it is. Stateless.
 */
public final class ProjectDiffer {

    /** @return the changes that turn {@code a} into {@code b}, in project order; empty when they mean the same */
    public ProjectDiff diff(Project a, Project b) {
        List<ProjectChange> out = new ArrayList<>();
        if (!a.name().equals(b.name())) {
            out.add(new ProjectChange("project", "name", ProjectChange.Kind.RENAMED, "project name", a.name(), b.name()));
        }
        order(out, "project", "sources", "source order", a.sources(), b.sources(), SourceDef::id, SourceDef::name);
        for (SourceDef s : a.sources()) {
            if (b.source(s.id()).isEmpty()) {
                out.add(new ProjectChange("source " + s.name(), "sources[" + s.id() + "]", ProjectChange.Kind.REMOVED,
                        "source " + s.name() + " (" + s.id() + ")", s.connector() + " " + s.settings(), null));
            }
        }
        for (SourceDef s : b.sources()) {
            SourceDef old = a.source(s.id()).orElse(null);
            if (old == null) {
                out.add(new ProjectChange("source " + s.name(), "sources[" + s.id() + "]", ProjectChange.Kind.ADDED,
                        "source " + s.name() + " (" + s.id() + ")", null, s.connector() + " " + s.settings() + ", "
                                + s.schema().allFields().size() + " fields"));
            } else {
                source(out, old, s);
            }
        }
        order(out, "project", "mappings", "mapping order", a.mappings(), b.mappings(), MappingDef::id, MappingDef::name);
        for (MappingDef m : a.mappings()) {
            if (b.mapping(m.id()).isEmpty()) {
                out.add(new ProjectChange("mapping " + m.name(), "mappings[" + m.id() + "]", ProjectChange.Kind.REMOVED,
                        "mapping " + m.name() + " (" + m.id() + ")", null, null));
            }
        }
        for (MappingDef m : b.mappings()) {
            MappingDef old = a.mapping(m.id()).orElse(null);
            if (old == null) {
                out.add(new ProjectChange("mapping " + m.name(), "mappings[" + m.id() + "]", ProjectChange.Kind.ADDED,
                        "mapping " + m.name() + " (" + m.id() + ")", null, "from " + sourceName(b, m.sourceId()) + ", "
                                + m.fieldMappings().size() + " field mappings"));
            } else {
                mapping(out, a, b, old, m);
            }
        }
        return new ProjectDiff(out);
    }

    private static void source(List<ProjectChange> out, SourceDef a, SourceDef b) {
        String scope = "source " + b.name();
        String base = "sources[" + b.id() + "]";
        if (!a.name().equals(b.name())) {
            out.add(new ProjectChange(scope, base + ".name", ProjectChange.Kind.RENAMED, "source name", a.name(), b.name()));
        }
        if (!a.connector().equals(b.connector())) {
            out.add(new ProjectChange(scope, base + ".connector", ProjectChange.Kind.CHANGED, "connector", a.connector(), b.connector()));
        }
        settings(out, scope, base + ".settings", "setting ", a.settings(), b.settings());
        schema(out, scope, base + ".schema", "field", a.schema(), b.schema());
    }

    private static void settings(List<ProjectChange> out, String scope, String base, String label, Settings a, Settings b) {
        Set<String> keys = new TreeSet<>(a.asMap().keySet());
        keys.addAll(b.asMap().keySet());
        for (String k : keys) {
            Object va = a.asMap().get(k);
            Object vb = b.asMap().get(k);
            if (Objects.equals(va, vb)) {
                continue;
            }
            ProjectChange.Kind kind = va == null ? ProjectChange.Kind.ADDED : vb == null ? ProjectChange.Kind.REMOVED : ProjectChange.Kind.CHANGED;
            out.add(new ProjectChange(scope, base + "." + k, kind, label + k, va == null ? null : va.toString(),
                    vb == null ? null : vb.toString()));
        }
    }

    /** Fields matched by id anywhere in the tree. */
    private static void schema(List<ProjectChange> out, String scope, String base, String what, Schema a, Schema b) {
        Map<String, String> parentA = parents(a.fields(), null, new HashMap<>());
        Map<String, String> parentB = parents(b.fields(), null, new HashMap<>());
        for (Field f : a.allFields()) {
            if (b.byId(f.id()).isEmpty()) {
                out.add(new ProjectChange(scope, base + "[" + f.id() + "]", ProjectChange.Kind.REMOVED,
                        what + " " + a.pathOf(f.id()).orElseThrow() + " (" + f.id() + ")", describe(f), null));
            }
        }
        for (Field f : b.allFields()) {
            String path = b.pathOf(f.id()).orElseThrow();
            String subject = what + " " + path + " (" + f.id() + ")";
            String p = base + "[" + f.id() + "]";
            Field old = a.byId(f.id()).orElse(null);
            if (old == null) {
                out.add(new ProjectChange(scope, p, ProjectChange.Kind.ADDED, subject, null, describe(f)));
                continue;
            }
            if (!old.name().equals(f.name())) {
                out.add(new ProjectChange(scope, p + ".name", ProjectChange.Kind.RENAMED, subject, old.name(), f.name()));
            }
            if (!Objects.equals(parentA.get(f.id()), parentB.get(f.id()))) {
                out.add(new ProjectChange(scope, p + ".parent", ProjectChange.Kind.MOVED, subject, a.pathOf(f.id()).orElseThrow(), path));
            }
            if (old.type() != f.type() || !Objects.equals(old.format(), f.format())) {
                out.add(new ProjectChange(scope, p + ".type", ProjectChange.Kind.RETYPED, subject,
                        FieldChange.typeText(old.type(), old.format()), FieldChange.typeText(f.type(), f.format())));
            }
            flag(out, scope, p + ".nullable", subject + " nullable", old.nullable(), f.nullable());
            flag(out, scope, p + ".key", subject + " key", old.key(), f.key());
            flag(out, scope, p + ".repeated", subject + " repeated", old.repeated(), f.repeated());
        }
        order(out, scope, base, what + " order", a.fields(), b.fields(), Field::id, Field::name);
        for (Field f : b.allFields()) {
            Field old = a.byId(f.id()).orElse(null);
            if (old != null && old.isRecord() && f.isRecord()) {
                order(out, scope, base + "[" + f.id() + "].children", what + " order in " + b.pathOf(f.id()).orElseThrow(),
                        old.children(), f.children(), Field::id, Field::name);
            }
        }
    }

    private static void flag(List<ProjectChange> out, String scope, String path, String subject, boolean a, boolean b) {
        if (a != b) {
            out.add(new ProjectChange(scope, path, ProjectChange.Kind.CHANGED, subject, String.valueOf(a), String.valueOf(b)));
        }
    }

    private static String describe(Field f) {
        StringBuilder s = new StringBuilder(FieldChange.typeText(f.type(), f.format()));
        if (f.repeated()) {
            s.append(", repeated");
        }
        if (f.key()) {
            s.append(", key");
        }
        if (!f.nullable()) {
            s.append(", not null");
        }
        return s.toString();
    }

    private static Map<String, String> parents(List<Field> fields, String parent, Map<String, String> out) {
        for (Field f : fields) {
            out.put(f.id(), parent);
            parents(f.children(), f.id(), out);
        }
        return out;
    }

    /** Reports a different order of the elements both versions have. */
    private static <T> void order(List<ProjectChange> out, String scope, String path, String subject, List<T> a, List<T> b,
            Function<T, String> id, Function<T, String> name) {
        Set<String> inB = new LinkedHashSet<>();
        b.forEach(x -> inB.add(id.apply(x)));
        Set<String> inA = new LinkedHashSet<>();
        a.forEach(x -> inA.add(id.apply(x)));
        List<String> before = new ArrayList<>();
        List<String> commonA = new ArrayList<>();
        for (T x : a) {
            if (inB.contains(id.apply(x))) {
                commonA.add(id.apply(x));
                before.add(name.apply(x));
            }
        }
        List<String> after = new ArrayList<>();
        List<String> commonB = new ArrayList<>();
        for (T x : b) {
            if (inA.contains(id.apply(x))) {
                commonB.add(id.apply(x));
                after.add(name.apply(x));
            }
        }
        if (!commonA.equals(commonB)) {
            out.add(new ProjectChange(scope, path + ".order", ProjectChange.Kind.REORDERED, subject, String.join(", ", before),
                    String.join(", ", after)));
        }
    }

    private static void mapping(List<ProjectChange> out, Project pa, Project pb, MappingDef a, MappingDef b) {
        String scope = "mapping " + b.name();
        String base = "mappings[" + b.id() + "]";
        if (!a.name().equals(b.name())) {
            out.add(new ProjectChange(scope, base + ".name", ProjectChange.Kind.RENAMED, "mapping name", a.name(), b.name()));
        }
        if (!a.sourceId().equals(b.sourceId())) {
            out.add(new ProjectChange(scope, base + ".source", ProjectChange.Kind.CHANGED, "primary source", sourceName(pa, a.sourceId()),
                    sourceName(pb, b.sourceId())));
        }
        int joins = Math.max(a.joins().size(), b.joins().size());
        for (int i = 0; i < joins; i++) {
            String ja = i < a.joins().size() ? join(pa, a.joins().get(i)) : null;
            String jb = i < b.joins().size() ? join(pb, b.joins().get(i)) : null;
            text(out, scope, base + ".joins[" + i + "]", "join " + (i + 1), ja, jb);
        }
        text(out, scope, base + ".filter", "filter", a.filter(), b.filter());
        schema(out, scope, base + ".target", "target field", a.targetSchema(), b.targetSchema());
        Set<String> targets = new LinkedHashSet<>();
        a.fieldMappings().forEach(f -> targets.add(f.targetFieldId()));
        b.fieldMappings().forEach(f -> targets.add(f.targetFieldId()));
        for (String t : targets) {
            String path = b.targetSchema().pathOf(t).or(() -> a.targetSchema().pathOf(t)).orElse(t);
            text(out, scope, base + ".fieldMappings[" + t + "]", "field mapping " + path,
                    a.mappingFor(t).map(FieldMapping::expression).orElse(null), b.mappingFor(t).map(FieldMapping::expression).orElse(null));
        }
        text(out, scope, base + ".outputFilter", "output filter", a.outputFilter(), b.outputFilter());
        Set<String> rules = new LinkedHashSet<>();
        a.rules().forEach(r -> rules.add(r.id()));
        b.rules().forEach(r -> rules.add(r.id()));
        for (String id : rules) {
            text(out, scope, base + ".rules[" + id + "]", "rule " + id, rule(a, id), rule(b, id));
        }
        text(out, scope, base + ".maxRejectedRows", "max rejected rows", a.maxRejectedRows() < 0 ? null : String.valueOf(a.maxRejectedRows()),
                b.maxRejectedRows() < 0 ? null : String.valueOf(b.maxRejectedRows()));
        text(out, scope, base + ".maxRejectedPercent", "max rejected percent",
                a.maxRejectedPercent() < 0 ? null : String.valueOf(a.maxRejectedPercent()),
                b.maxRejectedPercent() < 0 ? null : String.valueOf(b.maxRejectedPercent()));
        order(out, scope, base + ".outputs", "output order", a.outputs(), b.outputs(), OutputDef::id, OutputDef::id);
        for (OutputDef o : a.outputs()) {
            if (b.outputs().stream().noneMatch(x -> x.id().equals(o.id()))) {
                out.add(new ProjectChange(scope, base + ".outputs[" + o.id() + "]", ProjectChange.Kind.REMOVED, "output " + o.id(),
                        o.connector() + " " + o.settings(), null));
            }
        }
        for (OutputDef o : b.outputs()) {
            OutputDef old = a.outputs().stream().filter(x -> x.id().equals(o.id())).findFirst().orElse(null);
            String p = base + ".outputs[" + o.id() + "]";
            if (old == null) {
                out.add(new ProjectChange(scope, p, ProjectChange.Kind.ADDED, "output " + o.id(), null, o.connector() + " " + o.settings()));
                continue;
            }
            if (!old.connector().equals(o.connector())) {
                out.add(new ProjectChange(scope, p + ".connector", ProjectChange.Kind.CHANGED, "output " + o.id() + " connector",
                        old.connector(), o.connector()));
            }
            settings(out, scope, p + ".settings", "output " + o.id() + " setting ", old.settings(), o.settings());
        }
    }

    private static void text(List<ProjectChange> out, String scope, String path, String subject, String a, String b) {
        if (Objects.equals(a, b)) {
            return;
        }
        ProjectChange.Kind kind = a == null ? ProjectChange.Kind.ADDED : b == null ? ProjectChange.Kind.REMOVED : ProjectChange.Kind.CHANGED;
        out.add(new ProjectChange(scope, path, kind, subject, a, b));
    }

    private static String join(Project p, JoinDef j) {
        StringBuilder s = new StringBuilder(j.kind().name().toLowerCase(java.util.Locale.ROOT)).append(" join ")
                .append(sourceName(p, j.sourceId())).append(" on ");
        for (int k = 0; k < j.keys().size(); k++) {
            if (k > 0) {
                s.append(" and ");
            }
            s.append(j.keys().get(k).left()).append(" = ").append(j.keys().get(k).right());
        }
        return s.toString();
    }

    private static String rule(MappingDef m, String id) {
        for (RuleDef r : m.rules()) {
            if (r.id().equals(id)) {
                String target = m.targetSchema().pathOf(r.targetFieldId()).orElse(r.targetFieldId());
                return r.kind().id() + " on " + target + (r.settings().asMap().isEmpty() ? "" : " " + r.settings()) + ", " + r.action().id();
            }
        }
        return null;
    }

    private static String sourceName(Project p, String id) {
        return p.source(id).map(SourceDef::name).orElse(id);
    }
}
