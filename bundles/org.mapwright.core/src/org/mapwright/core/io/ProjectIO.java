package org.mapwright.core.io;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
import org.mapwright.core.connector.Limits;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads and writes the canonical project format: one UTF-8 JSON file {@value #FILE_NAME} in the
 * project folder, with {@code formatVersion}, keys in a fixed order, two-space indent, LF line
 * ends and a final newline, so saving an unchanged project gives identical bytes and a changed
 * one gives a small, readable diff.
 */
public final class ProjectIO {

    /** The project file inside a project folder. */
    public static final String FILE_NAME = "mapwright.json";

    private final ObjectMapper mapper;

    public ProjectIO() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).maxStringLength(10_000_000).build())
                .build();
        mapper = new ObjectMapper(factory);
    }

    /** @return the project file for a folder, or the path itself if it names a file */
    public static Path projectFile(Path folderOrFile) {
        return Files.isDirectory(folderOrFile) ? folderOrFile.resolve(FILE_NAME) : folderOrFile;
    }

    /** @return the folder relative paths in the project resolve against */
    public static Path projectFolder(Path folderOrFile) {
        Path abs = folderOrFile.toAbsolutePath().normalize();
        return Files.isDirectory(abs) ? abs : abs.getParent();
    }

    /**
     * Reads a project from its folder or file.
     *
     * @throws ProjectFormatException naming the file and JSON path for invalid content
     */
    public Project read(Path folderOrFile) throws IOException {
        Path file = projectFile(folderOrFile);
        if (!Files.isRegularFile(file)) {
            throw new ProjectFormatException(file + ": no Mapwright project here (expected a " + FILE_NAME + " file)");
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
            return parse(text);
        } catch (ProjectFormatException e) {
            throw new ProjectFormatException(file + ": " + e.getMessage(), e.getCause());
        }
    }

    /** Parses project JSON text. */
    public Project parse(String json) throws ProjectFormatException {
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new ProjectFormatException((loc == null ? "" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ": ")
                    + "invalid JSON: " + e.getOriginalMessage(), e);
        }
        Reader r = new Reader();
        return r.project(ProjectMigrations.standard().upgrade(root));
    }

    /** Writes the project atomically (temporary file + rename) into the folder or file. */
    public void write(Project project, Path folderOrFile) throws IOException {
        Path file = projectFile(folderOrFile);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".mapwright", ".tmp");
        try {
            Files.writeString(tmp, toJson(project), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** @return the canonical JSON text of the project */
    public String toJson(Project project) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("formatVersion", Project.FORMAT_VERSION);
        root.put("name", project.name());
        ArrayNode sources = root.putArray("sources");
        for (SourceDef s : project.sources()) {
            ObjectNode n = sources.addObject();
            n.put("id", s.id());
            n.put("name", s.name());
            n.put("connector", s.connector());
            n.set("settings", settings(s.settings()));
            n.set("schema", schema(s.schema()));
        }
        ArrayNode mappings = root.putArray("mappings");
        for (MappingDef m : project.mappings()) {
            mappings.add(mapping(m));
        }
        // Only limits that differ from the defaults, so files of projects that never set one stay as they were.
        if (!project.limits().overrides().isEmpty()) {
            ObjectNode limits = root.putObject("limits");
            project.limits().overrides().forEach(limits::put);
        }
        return pretty(root);
    }

    /** @return canonical JSON of a schema ({@code {"fields": [...]}}), the form used inside projects */
    public String toJson(Schema schema) {
        return pretty(schema(schema));
    }

    private String pretty(JsonNode node) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(new DefaultIndenter("  ", "\n"));
        printer.indentArraysWith(new DefaultIndenter("  ", "\n"));
        StringWriter out = new StringWriter();
        try (JsonGenerator g = mapper.getFactory().createGenerator(out)) {
            g.setPrettyPrinter(printer);
            mapper.writeTree(g, node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out + "\n";
    }

    private static ObjectNode mapping(MappingDef m) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("id", m.id());
        n.put("name", m.name());
        n.put("source", m.sourceId());
        ArrayNode joins = n.putArray("joins");
        for (JoinDef j : m.joins()) {
            ObjectNode jn = joins.addObject();
            jn.put("source", j.sourceId());
            jn.put("kind", j.kind().name().toLowerCase(java.util.Locale.ROOT));
            ArrayNode keys = jn.putArray("keys");
            for (JoinDef.Key k : j.keys()) {
                keys.addObject().put("left", k.left()).put("right", k.right());
            }
        }
        if (m.filter() != null) {
            n.put("filter", m.filter());
        }
        n.set("target", schema(m.targetSchema()));
        ArrayNode fms = n.putArray("fieldMappings");
        for (FieldMapping fm : m.fieldMappings()) {
            fms.addObject().put("target", fm.targetFieldId()).put("expression", fm.expression());
        }
        if (m.outputFilter() != null) {
            n.put("outputFilter", m.outputFilter());
        }
        ArrayNode rules = n.putArray("rules");
        for (RuleDef r : m.rules()) {
            ObjectNode rn = rules.addObject();
            rn.put("id", r.id());
            rn.put("target", r.targetFieldId());
            rn.put("kind", r.kind().id());
            rn.set("settings", settings(r.settings()));
            rn.put("action", r.action().id());
        }
        if (m.maxRejectedRows() >= 0) {
            n.put("maxRejectedRows", m.maxRejectedRows());
        }
        if (m.maxRejectedPercent() >= 0) {
            n.put("maxRejectedPercent", m.maxRejectedPercent());
        }
        ArrayNode outputs = n.putArray("outputs");
        for (OutputDef o : m.outputs()) {
            ObjectNode on = outputs.addObject();
            on.put("id", o.id());
            on.put("connector", o.connector());
            on.set("settings", settings(o.settings()));
        }
        return n;
    }

    private static ObjectNode settings(Settings s) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        s.asMap().forEach((k, v) -> {
            if (v instanceof Long l) {
                n.put(k, l);
            } else if (v instanceof BigDecimal d) {
                n.put(k, d);
            } else if (v instanceof Boolean b) {
                n.put(k, b);
            } else {
                n.put(k, v.toString());
            }
        });
        return n;
    }

    private static ObjectNode schema(Schema schema) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.set("fields", fields(schema.fields()));
        return n;
    }

    private static ArrayNode fields(List<Field> fields) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (Field f : fields) {
            ObjectNode n = a.addObject();
            n.put("id", f.id());
            n.put("name", f.name());
            n.put("type", f.type().id());
            n.put("nullable", f.nullable());
            n.put("key", f.key());
            if (f.format() != null) {
                n.put("format", f.format());
            }
            if (f.repeated()) {
                n.put("repeated", true);
            }
            if (f.isRecord()) {
                n.set("children", fields(f.children()));
            }
        }
        return a;
    }

    /** Tree-to-model reader that tracks the JSON path for error messages. */
    private static final class Reader {

        Project project(JsonNode root) throws ProjectFormatException {
            requireObject(root, "$");
            JsonNode version = root.get("formatVersion");
            if (version == null || !version.canConvertToInt()) {
                throw new ProjectFormatException("$.formatVersion: missing; this is not a Mapwright project file");
            }
            if (version.intValue() > Project.FORMAT_VERSION) {
                throw new ProjectFormatException("$.formatVersion: " + version.intValue()
                        + " is newer than this Mapwright understands (" + Project.FORMAT_VERSION + "); update Mapwright");
            }
            String name = text(root, "$", "name", true);
            List<SourceDef> sources = new ArrayList<>();
            JsonNode sa = array(root, "$", "sources");
            for (int i = 0; i < sa.size(); i++) {
                String p = "$.sources[" + i + "]";
                JsonNode s = sa.get(i);
                requireObject(s, p);
                sources.add(new SourceDef(text(s, p, "id", true), text(s, p, "name", true), text(s, p, "connector", true),
                        settings(s.get("settings"), p + ".settings"), schema(s.get("schema"), p + ".schema")));
            }
            List<MappingDef> mappings = new ArrayList<>();
            JsonNode ma = array(root, "$", "mappings");
            for (int i = 0; i < ma.size(); i++) {
                mappings.add(mapping(ma.get(i), "$.mappings[" + i + "]"));
            }
            return new Project(name, sources, mappings, limits(root.get("limits")));
        }

        Limits limits(JsonNode n) throws ProjectFormatException {
            if (n == null || n.isNull()) {
                return Limits.DEFAULTS;
            }
            requireObject(n, "$.limits");
            Limits out = Limits.DEFAULTS;
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                String p = "$.limits." + e.getKey();
                if (!e.getValue().canConvertToLong() || !e.getValue().isIntegralNumber()) {
                    throw new ProjectFormatException(p + ": must be a whole number");
                }
                try {
                    out = out.with(e.getKey(), e.getValue().longValue());
                } catch (IllegalArgumentException ex) {
                    throw new ProjectFormatException(p + ": " + ex.getMessage());
                }
            }
            return out;
        }

        MappingDef mapping(JsonNode m, String p) throws ProjectFormatException {
            requireObject(m, p);
            List<JoinDef> joins = new ArrayList<>();
            JsonNode ja = array(m, p, "joins");
            for (int i = 0; i < ja.size(); i++) {
                String jp = p + ".joins[" + i + "]";
                JsonNode j = ja.get(i);
                requireObject(j, jp);
                List<JoinDef.Key> keys = new ArrayList<>();
                JsonNode ka = array(j, jp, "keys");
                for (int k = 0; k < ka.size(); k++) {
                    String kp = jp + ".keys[" + k + "]";
                    keys.add(new JoinDef.Key(text(ka.get(k), kp, "left", true), text(ka.get(k), kp, "right", true)));
                }
                JoinDef.Kind kind;
                String kindText = text(j, jp, "kind", true);
                try {
                    kind = JoinDef.Kind.valueOf(kindText.toUpperCase(java.util.Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new ProjectFormatException(jp + ".kind: '" + kindText + "' is not a join kind (inner, left)");
                }
                if (keys.isEmpty()) {
                    throw new ProjectFormatException(jp + ".keys: a join needs at least one key");
                }
                joins.add(new JoinDef(text(j, jp, "source", true), kind, keys));
            }
            List<FieldMapping> fms = new ArrayList<>();
            JsonNode fa = array(m, p, "fieldMappings");
            for (int i = 0; i < fa.size(); i++) {
                String fp = p + ".fieldMappings[" + i + "]";
                fms.add(new FieldMapping(text(fa.get(i), fp, "target", true), text(fa.get(i), fp, "expression", true)));
            }
            List<RuleDef> rules = new ArrayList<>();
            JsonNode ra = array(m, p, "rules");
            for (int i = 0; i < ra.size(); i++) {
                String rp = p + ".rules[" + i + "]";
                JsonNode r = ra.get(i);
                RuleDef.Kind kind;
                RuleDef.Action action;
                try {
                    kind = RuleDef.Kind.parse(text(r, rp, "kind", true));
                } catch (IllegalArgumentException e) {
                    throw new ProjectFormatException(rp + ".kind: unknown rule kind (not-null, unique, range, regex, allowed, reference)");
                }
                try {
                    String a = text(r, rp, "action", false);
                    action = a == null ? RuleDef.Action.REJECT : RuleDef.Action.parse(a);
                } catch (IllegalArgumentException e) {
                    throw new ProjectFormatException(rp + ".action: unknown action (reject, warn, fail)");
                }
                rules.add(new RuleDef(text(r, rp, "id", true), text(r, rp, "target", true), kind,
                        settings(r.get("settings"), rp + ".settings"), action));
            }
            List<OutputDef> outputs = new ArrayList<>();
            JsonNode oa = array(m, p, "outputs");
            for (int i = 0; i < oa.size(); i++) {
                String op = p + ".outputs[" + i + "]";
                outputs.add(new OutputDef(text(oa.get(i), op, "id", true), text(oa.get(i), op, "connector", true),
                        settings(oa.get(i).get("settings"), op + ".settings")));
            }
            JsonNode maxRows = m.get("maxRejectedRows");
            JsonNode maxPct = m.get("maxRejectedPercent");
            return new MappingDef(text(m, p, "id", true), text(m, p, "name", true), text(m, p, "source", true), joins,
                    text(m, p, "filter", false), schema(m.get("target"), p + ".target"), fms, text(m, p, "outputFilter", false),
                    rules, maxRows == null ? -1 : maxRows.asLong(), maxPct == null ? -1 : maxPct.asDouble(), outputs);
        }

        Schema schema(JsonNode n, String p) throws ProjectFormatException {
            if (n == null || n.isNull()) {
                return Schema.empty();
            }
            requireObject(n, p);
            try {
                return Schema.of(fields(array(n, p, "fields"), p + ".fields"));
            } catch (IllegalArgumentException e) {
                throw new ProjectFormatException(p + ": " + e.getMessage());
            }
        }

        List<Field> fields(JsonNode a, String p) throws ProjectFormatException {
            List<Field> out = new ArrayList<>();
            for (int i = 0; i < a.size(); i++) {
                String fp = p + "[" + i + "]";
                JsonNode f = a.get(i);
                requireObject(f, fp);
                DataType type;
                String typeText = text(f, fp, "type", true);
                try {
                    type = DataType.parse(typeText);
                } catch (IllegalArgumentException e) {
                    throw new ProjectFormatException(fp + ".type: " + e.getMessage());
                }
                List<Field> children = f.has("children") ? fields(array(f, fp, "children"), fp + ".children") : List.of();
                try {
                    out.add(new Field(text(f, fp, "id", true), text(f, fp, "name", true), type, bool(f, "nullable", true),
                            bool(f, "key", false), text(f, fp, "format", false), bool(f, "repeated", false), children));
                } catch (IllegalArgumentException e) {
                    throw new ProjectFormatException(fp + ": " + e.getMessage());
                }
            }
            return out;
        }

        Settings settings(JsonNode n, String p) throws ProjectFormatException {
            if (n == null || n.isNull()) {
                return Settings.empty();
            }
            requireObject(n, p);
            Map<String, Object> values = new TreeMap<>();
            for (var it = n.fields(); it.hasNext();) {
                var e = it.next();
                JsonNode v = e.getValue();
                if (v.isIntegralNumber() && v.canConvertToLong()) {
                    values.put(e.getKey(), v.longValue());
                } else if (v.isNumber()) {
                    values.put(e.getKey(), v.decimalValue());
                } else if (v.isBoolean()) {
                    values.put(e.getKey(), v.booleanValue());
                } else if (v.isTextual()) {
                    values.put(e.getKey(), v.textValue());
                } else if (!v.isNull()) {
                    throw new ProjectFormatException(p + "." + e.getKey() + ": must be text, number or boolean");
                }
            }
            return Settings.of(values);
        }

        static boolean bool(JsonNode n, String key, boolean defaultValue) {
            JsonNode v = n.get(key);
            return v == null || v.isNull() ? defaultValue : v.asBoolean();
        }

        static String text(JsonNode n, String p, String key, boolean required) throws ProjectFormatException {
            JsonNode v = n.get(key);
            if (v == null || v.isNull()) {
                if (required) {
                    throw new ProjectFormatException(p + "." + key + ": missing");
                }
                return null;
            }
            if (!v.isTextual()) {
                throw new ProjectFormatException(p + "." + key + ": must be text");
            }
            return v.textValue();
        }

        static JsonNode array(JsonNode n, String p, String key) throws ProjectFormatException {
            JsonNode v = n.get(key);
            if (v == null || v.isNull()) {
                return JsonNodeFactory.instance.arrayNode();
            }
            if (!v.isArray()) {
                throw new ProjectFormatException(p + "." + key + ": must be an array");
            }
            return v;
        }

        static void requireObject(JsonNode n, String p) throws ProjectFormatException {
            if (n == null || !n.isObject()) {
                throw new ProjectFormatException(p + ": must be an object");
            }
        }
    }
}
