package org.mapwright.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mapwright.core.DataType;
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

/** Builders for small projects over {@link MemoryConnectors}. */
final class Fixtures {

    private Fixtures() {
    }

    static Field text(String name) {
        return Field.of("f_" + name, name, DataType.TEXT);
    }

    static Field integer(String name) {
        return Field.of("f_" + name, name, DataType.INTEGER);
    }

    static Field decimal(String name) {
        return Field.of("f_" + name, name, DataType.DECIMAL);
    }

    static Field date(String name) {
        return Field.of("f_" + name, name, DataType.DATE);
    }

    static SourceDef source(String name, Field... fields) {
        return new SourceDef("s_" + name, name, "mem", Settings.of(Map.of("table", name)), Schema.of(List.of(fields)));
    }

    static OutputDef output(String name) {
        return new OutputDef("o_" + name, "mem", Settings.of(Map.of("name", name)));
    }

    static RuleDef rule(String id, String field, RuleDef.Kind kind, RuleDef.Action action, Map<String, ?> settings) {
        return new RuleDef(id, "t_" + field, kind, Settings.of(settings), action);
    }

    static Object[] row(Object... values) {
        return values;
    }

    /** @return the rows as a list (List.of would spread a single row into its values) */
    static List<Object> rows(Object[]... rows) {
        List<Object> out = new ArrayList<>();
        for (Object r : rows) {
            out.add(r);
        }
        return out;
    }

    /** A mapping under construction: target fields with their expressions, in order. */
    static final class MappingBuilder {
        private final String name;
        private final String sourceId;
        private final Map<Field, String> targets = new LinkedHashMap<>();
        private final List<JoinDef> joins = new ArrayList<>();
        private final List<RuleDef> rules = new ArrayList<>();
        private final List<OutputDef> outputs = new ArrayList<>();
        private String filter;
        private String outputFilter;
        private long maxRows = -1;
        private double maxPercent = -1;

        MappingBuilder(String name, SourceDef source) {
            this.name = name;
            this.sourceId = source.id();
        }

        /** Adds target field {@code t_<name>} filled by {@code expression} (null leaves it unmapped). */
        MappingBuilder field(String name, DataType type, String expression) {
            targets.put(Field.of("t_" + name, name, type), expression);
            return this;
        }

        MappingBuilder field(Field f, String expression) {
            targets.put(f, expression);
            return this;
        }

        MappingBuilder join(SourceDef lookup, JoinDef.Kind kind, String left, String right) {
            joins.add(new JoinDef(lookup.id(), kind, List.of(new JoinDef.Key(left, right))));
            return this;
        }

        MappingBuilder filter(String f) {
            filter = f;
            return this;
        }

        MappingBuilder outputFilter(String f) {
            outputFilter = f;
            return this;
        }

        MappingBuilder rule(RuleDef r) {
            rules.add(r);
            return this;
        }

        MappingBuilder output(String outputName) {
            outputs.add(Fixtures.output(outputName));
            return this;
        }

        MappingBuilder thresholds(long rows, double percent) {
            maxRows = rows;
            maxPercent = percent;
            return this;
        }

        MappingDef build() {
            List<FieldMapping> fms = new ArrayList<>();
            targets.forEach((f, e) -> {
                if (e != null) {
                    fms.add(new FieldMapping(f.id(), e));
                }
            });
            return new MappingDef("m_" + name, name, sourceId, joins, filter, Schema.of(new ArrayList<>(targets.keySet())), fms,
                    outputFilter, rules, maxRows, maxPercent, outputs);
        }
    }

    static MappingBuilder mapping(String name, SourceDef source) {
        return new MappingBuilder(name, source);
    }

    static Project project(List<SourceDef> sources, MappingDef... mappings) {
        return new Project("test", sources, List.of(mappings));
    }
}
