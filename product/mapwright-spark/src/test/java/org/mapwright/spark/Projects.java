package org.mapwright.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.mapwright.core.io.ProjectIO;

/** Small projects for tests, written as a project folder. */
final class Projects {

    private Projects() {
    }

    static Field field(String name, DataType type) {
        return Field.of("f_" + name, name, type);
    }

    static SourceDef csv(String name, String path, Field... fields) {
        return new SourceDef("s_" + name, name, "csv", Settings.of(Map.of("path", path, "header", true, "delimiter", ",")),
                Schema.of(List.of(fields)));
    }

    static OutputDef output(String id, String connector, String path) {
        return new OutputDef(id, connector, Settings.of(Map.of("path", path)));
    }

    /** A mapping under construction: target fields with their expressions, in order. */
    static final class Mapping {
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

        Mapping(String name, SourceDef source) {
            this.name = name;
            this.sourceId = source.id();
        }

        Mapping target(String name, DataType type, String expression) {
            targets.put(Field.of("t_" + name, name, type), expression);
            return this;
        }

        Mapping target(Field f, String expression) {
            targets.put(f, expression);
            return this;
        }

        Mapping join(SourceDef lookup, JoinDef.Kind kind, String left, String right) {
            joins.add(new JoinDef(lookup.id(), kind, List.of(new JoinDef.Key(left, right))));
            return this;
        }

        Mapping filter(String f) {
            filter = f;
            return this;
        }

        Mapping outputFilter(String f) {
            outputFilter = f;
            return this;
        }

        Mapping rule(String id, String target, RuleDef.Kind kind, RuleDef.Action action, Map<String, ?> settings) {
            rules.add(new RuleDef(id, "t_" + target, kind, Settings.of(settings), action));
            return this;
        }

        Mapping output(OutputDef o) {
            outputs.add(o);
            return this;
        }

        Mapping thresholds(long rows, double percent) {
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
            return new MappingDef("m_" + name.replace(' ', '_'), name, sourceId, joins, filter, Schema.of(new ArrayList<>(targets.keySet())),
                    fms, outputFilter, rules, maxRows, maxPercent, outputs);
        }
    }

    static Mapping mapping(String name, SourceDef source) {
        return new Mapping(name, source);
    }

    /** Writes the project and its data files into a new folder. */
    static Path write(Path dir, List<SourceDef> sources, List<MappingDef> mappings, Map<String, String> files) throws IOException {
        Files.createDirectories(dir);
        new ProjectIO().write(new Project("test", sources, mappings), dir);
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
        }
        return dir;
    }
}
