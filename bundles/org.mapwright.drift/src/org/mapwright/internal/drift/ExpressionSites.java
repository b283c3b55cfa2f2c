package org.mapwright.internal.drift;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.mapwright.core.FieldMapping;
import org.mapwright.core.JoinDef;
import org.mapwright.core.MappingDef;
import org.mapwright.core.Project;
import org.mapwright.core.SourceDef;
import org.mapwright.engine.Problem;
import org.mapwright.engine.expr.RowScope;

/**
 * The expressions of a mapping that read source fields, each with the scope the engine compiles
 * it against (built the way the plan compiler builds it: the primary source, then each joined
 * source; a join's left key sees the sources before it, its right key only the joined source).
 * The output filter reads target fields and is not a site.
 */
public final class ExpressionSites {

    /**
     * One expression.
     *
     * @param element the element name used in {@link Problem.Location#element()}
     * @param label   the element for people, e.g. {@code field email}, {@code filter}
     * @param text    the expression text
     * @param scope   what its references resolve against
     */
    public record Site(String element, String label, String text, RowScope scope) {
    }

    private ExpressionSites() {
    }

    /** @return the sites in mapping order: join keys, filter, field mappings; empty without primary source */
    public static List<Site> of(Project project, MappingDef m) {
        List<Site> out = new ArrayList<>();
        SourceDef primary = project.source(m.sourceId()).orElse(null);
        if (primary == null) {
            return out;
        }
        RowScope.Builder scope = RowScope.builder().add(primary.name(), primary.schema());
        Set<String> qualifiers = new HashSet<>();
        qualifiers.add(primary.name());
        for (int i = 0; i < m.joins().size(); i++) {
            JoinDef j = m.joins().get(i);
            SourceDef lookup = project.source(j.sourceId()).orElse(null);
            if (lookup == null || !qualifiers.add(lookup.name())) {
                continue;
            }
            RowScope sofar = scope.build();
            RowScope own = RowScope.builder().add(lookup.name(), lookup.schema()).build();
            for (int k = 0; k < j.keys().size(); k++) {
                String base = Problem.join(i) + ".keys[" + k + "]";
                String label = "join " + (i + 1) + " (" + lookup.name() + ") key " + (k + 1);
                out.add(new Site(base + ".left", label + " left", j.keys().get(k).left(), sofar));
                out.add(new Site(base + ".right", label + " right", j.keys().get(k).right(), own));
            }
            scope.add(lookup.name(), lookup.schema());
        }
        RowScope full = scope.build();
        if (m.filter() != null) {
            out.add(new Site(Problem.FILTER, "filter", m.filter(), full));
        }
        for (FieldMapping fm : m.fieldMappings()) {
            String path = m.targetSchema().pathOf(fm.targetFieldId()).orElse(fm.targetFieldId());
            out.add(new Site(fm.targetFieldId(), "field " + path, fm.expression(), full));
        }
        return out;
    }

    /** @return the ids of the sources a mapping reads: primary, joined, and sources named by reference rules */
    public static Set<String> sourcesOf(Project project, MappingDef m) {
        Set<String> ids = new HashSet<>();
        ids.add(m.sourceId());
        for (JoinDef j : m.joins()) {
            ids.add(j.sourceId());
        }
        m.rules().forEach(r -> {
            String s = r.settings().getString("source", null);
            if (s != null) {
                project.sourceByName(s).or(() -> project.source(s)).ifPresent(src -> ids.add(src.id()));
            }
        });
        return ids;
    }
}
