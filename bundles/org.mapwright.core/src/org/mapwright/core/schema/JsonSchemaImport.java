package org.mapwright.core.schema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.Ids;
import org.mapwright.core.Schema;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Imports a target schema from a JSON Schema document (the subset drafts 07 and 2020-12 share).
 *
 * <p>The root must describe an object; each of its {@code properties} becomes a field, in document
 * order. Types: {@code string} → text ({@code format: date} → date, {@code date-time} → timestamp),
 * {@code integer}, {@code number} → decimal, {@code boolean}, {@code object} → record with its
 * properties as children, {@code array} → a repeated field of its {@code items} (an array of
 * objects is a repeating group). A field is nullable unless it is {@code required} and its type
 * excludes {@code "null"}; {@code "type": ["string", "null"]} and
 * {@code anyOf/oneOf: [{...}, {"type": "null"}]} are nullable. {@code $ref} resolves against the
 * document's own {@code $defs} or {@code definitions} ({@code #/...} pointers only). Annotations
 * ({@code title}, {@code description}, {@code enum}, {@code minimum}, ...) are ignored. JSON Schema
 * has no keys; no field is a key. A property without {@code type} takes it from its {@code enum}
 * or {@code const} values.
 *
 * <p>Every field gets a fresh target-field id ({@code t_...}) from the {@link Ids} given.
 */
public final class JsonSchemaImport {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private final Ids ids;

    /** @param ids source of new field ids (seed it for reproducible ids in tests) */
    public JsonSchemaImport(Ids ids) {
        this.ids = ids;
    }

    /**
     * Reads a JSON Schema file (UTF-8).
     *
     * @throws IOException            when the file cannot be read
     * @throws SchemaImportException  naming the file, line and column of malformed or unsupported content
     */
    public Schema read(Path file) throws IOException, SchemaImportException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /**
     * @param text     the JSON Schema document
     * @param fileName name used in error messages, or null
     * @throws SchemaImportException naming line and column of malformed or unsupported content
     */
    public Schema parse(String text, String fileName) throws SchemaImportException {
        Node root = new Reader(fileName).read(text);
        return new Build(fileName, root, ids).schema();
    }

    /** A JSON value with the position where it starts. */
    private record Node(Object value, int line, int column) {

        @SuppressWarnings("unchecked")
        Map<String, Node> object() {
            return value instanceof Map ? (Map<String, Node>) value : null;
        }

        @SuppressWarnings("unchecked")
        List<Node> array() {
            return value instanceof List ? (List<Node>) value : null;
        }

        String text() {
            return value instanceof String s ? s : null;
        }
    }

    /** Parses JSON into {@link Node}s, keeping positions Jackson's tree model drops. */
    private static final class Reader {
        private final String file;

        Reader(String file) {
            this.file = file;
        }

        Node read(String text) throws SchemaImportException {
            try (JsonParser p = FACTORY.createParser(text)) {
                JsonToken t = p.nextToken();
                if (t == null) {
                    throw new SchemaImportException(file, 1, 1, "the document is empty");
                }
                Node n = value(p, t);
                JsonToken extra = p.nextToken();
                if (extra != null) {
                    JsonLocation l = p.currentTokenLocation();
                    throw new SchemaImportException(file, l.getLineNr(), l.getColumnNr(), "unexpected content after the schema object");
                }
                return n;
            } catch (JsonParseException e) {
                JsonLocation l = e.getLocation();
                throw new SchemaImportException(file, l == null ? 0 : l.getLineNr(), l == null ? 0 : l.getColumnNr(),
                        "malformed JSON: " + e.getOriginalMessage());
            } catch (IOException e) {
                throw new SchemaImportException(file, 0, 0, "malformed JSON: " + e.getMessage());
            }
        }

        private Node value(JsonParser p, JsonToken t) throws IOException {
            JsonLocation l = p.currentTokenLocation();
            int line = l.getLineNr();
            int col = l.getColumnNr();
            switch (t) {
                case START_OBJECT: {
                    Map<String, Node> m = new LinkedHashMap<>();
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        m.put(name, value(p, p.nextToken()));
                    }
                    return new Node(m, line, col);
                }
                case START_ARRAY: {
                    List<Node> a = new ArrayList<>();
                    JsonToken e;
                    while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                        a.add(value(p, e));
                    }
                    return new Node(a, line, col);
                }
                case VALUE_STRING:
                    return new Node(p.getText(), line, col);
                case VALUE_TRUE:
                    return new Node(Boolean.TRUE, line, col);
                case VALUE_FALSE:
                    return new Node(Boolean.FALSE, line, col);
                case VALUE_NULL:
                    return new Node(null, line, col);
                default:
                    return new Node(p.getNumberValue(), line, col);
            }
        }
    }

    /** The type a schema node resolves to. */
    private record Resolved(DataType type, boolean nullable, boolean repeated, List<Field> children) {
    }

    private static final class Build {
        private final String file;
        private final Node root;
        private final Ids ids;
        private final Set<String> taken = new HashSet<>();
        private final Set<String> resolving = new LinkedHashSet<>();

        Build(String file, Node root, Ids ids) {
            this.file = file;
            this.root = root;
            this.ids = ids;
        }

        Schema schema() throws SchemaImportException {
            Map<String, Node> o = root.object();
            if (o == null) {
                throw error(root, "the schema must be a JSON object");
            }
            Node target = deref(root);
            Resolved r = resolve(target, "the root schema");
            if (r.type() != DataType.RECORD || r.repeated()) {
                throw error(target, "the root schema must describe an object (\"type\": \"object\" with \"properties\")");
            }
            if (r.children().isEmpty()) {
                throw error(target, "the root object has no properties; there are no fields to import");
            }
            return Schema.of(r.children());
        }

        private SchemaImportException error(Node n, String reason) {
            return new SchemaImportException(file, n.line(), n.column(), reason);
        }

        /** Follows {@code $ref} chains to the schema node they name. */
        private Node deref(Node n) throws SchemaImportException {
            Node cur = n;
            Set<String> seen = new HashSet<>();
            while (cur.object() != null && cur.object().containsKey("$ref")) {
                Node ref = cur.object().get("$ref");
                String pointer = ref.text();
                if (pointer == null) {
                    throw error(ref, "$ref must be a string");
                }
                if (!seen.add(pointer)) {
                    throw error(ref, "$ref '" + pointer + "' refers to itself");
                }
                cur = lookup(ref, pointer);
            }
            return cur;
        }

        private Node lookup(Node at, String pointer) throws SchemaImportException {
            if (!pointer.startsWith("#")) {
                throw error(at, "$ref '" + pointer + "' points outside this document; only local references (#/$defs/...) are supported");
            }
            Node cur = root;
            String path = pointer.substring(1);
            if (path.isEmpty()) {
                return root;
            }
            if (!path.startsWith("/")) {
                throw error(at, "$ref '" + pointer + "' is not a JSON pointer; use #/$defs/<name>");
            }
            for (String raw : path.substring(1).split("/", -1)) {
                String seg = raw.replace("~1", "/").replace("~0", "~");
                Map<String, Node> o = cur.object();
                Node next = o == null ? null : o.get(seg);
                if (next == null && cur.array() != null && seg.matches("\\d+") && Integer.parseInt(seg) < cur.array().size()) {
                    next = cur.array().get(Integer.parseInt(seg));
                }
                if (next == null) {
                    throw error(at, "$ref '" + pointer + "' does not resolve: no '" + seg + "' in this document");
                }
                cur = next;
            }
            return cur;
        }

        private Resolved resolve(Node raw, String what) throws SchemaImportException {
            Map<String, Node> refObject = raw.object();
            String ref = refObject != null && refObject.get("$ref") != null ? refObject.get("$ref").text() : null;
            if (ref != null && !resolving.add(ref)) {
                throw error(raw, what + " refers to '" + ref + "' recursively; a target schema cannot nest without end");
            }
            try {
                return resolveNode(deref(raw), what);
            } finally {
                if (ref != null) {
                    resolving.remove(ref);
                }
            }
        }

        private Resolved resolveNode(Node n, String what) throws SchemaImportException {
            Map<String, Node> o = n.object();
            if (o == null) {
                throw error(n, what + ": a schema must be a JSON object");
            }
            for (String unsupported : List.of("allOf", "not", "if", "patternProperties")) {
                if (o.containsKey(unsupported)) {
                    throw error(o.get(unsupported), what + " uses '" + unsupported + "', which the import does not support");
                }
            }
            Node alternatives = o.containsKey("anyOf") ? o.get("anyOf") : o.get("oneOf");
            if (alternatives != null) {
                return alternatives(alternatives, what);
            }
            Set<String> types = new LinkedHashSet<>();
            Node typeNode = o.get("type");
            if (typeNode == null) {
                if (o.containsKey("properties")) {
                    types.add("object");
                } else if (o.containsKey("items")) {
                    types.add("array");
                } else if (o.containsKey("enum") || o.containsKey("const")) {
                    types.addAll(valueTypes(n, o));
                } else {
                    throw error(n, what + " has no \"type\"; give one of string, integer, number, boolean, object, array");
                }
            } else if (typeNode.text() != null) {
                types.add(typeNode.text());
            } else if (typeNode.array() != null) {
                for (Node t : typeNode.array()) {
                    if (t.text() == null) {
                        throw error(t, "\"type\" entries must be strings");
                    }
                    types.add(t.text());
                }
            } else {
                throw error(typeNode, "\"type\" must be a string or an array of strings");
            }
            boolean nullable = types.remove("null");
            Node at = typeNode != null ? typeNode : n;
            if (types.isEmpty()) {
                throw error(at, what + " only allows null; give it a type");
            }
            if (types.size() > 1) {
                throw error(at, what + " allows several types " + types + "; a target field has one type (plus \"null\")");
            }
            String type = types.iterator().next();
            switch (type) {
                case "string": {
                    Node format = o.get("format");
                    String f = format == null ? null : format.text();
                    DataType dt = "date".equals(f) ? DataType.DATE : "date-time".equals(f) ? DataType.TIMESTAMP : DataType.TEXT;
                    return new Resolved(dt, nullable, false, List.of());
                }
                case "integer":
                    return new Resolved(DataType.INTEGER, nullable, false, List.of());
                case "number":
                    return new Resolved(DataType.DECIMAL, nullable, false, List.of());
                case "boolean":
                    return new Resolved(DataType.BOOLEAN, nullable, false, List.of());
                case "object":
                    return new Resolved(DataType.RECORD, nullable, false, properties(n, o));
                case "array": {
                    Node items = o.get("items");
                    if (items == null || items.object() == null) {
                        throw error(items == null ? n : items, what + " is an array without an \"items\" schema object; give the type of its elements");
                    }
                    Resolved item = resolve(items, what + " items");
                    if (item.repeated()) {
                        throw error(items, what + " is an array of arrays, which a target schema cannot hold");
                    }
                    return new Resolved(item.type(), nullable, true, item.children());
                }
                default:
                    throw error(at, what + " has unknown type '" + type + "' (expected string, integer, number, boolean, object, array or null)");
            }
        }

        /** @return the JSON types of the values an {@code enum} or {@code const} allows */
        private Set<String> valueTypes(Node n, Map<String, Node> o) throws SchemaImportException {
            List<Node> values = new ArrayList<>();
            if (o.containsKey("const")) {
                values.add(o.get("const"));
            } else if (o.get("enum").array() != null) {
                values.addAll(o.get("enum").array());
            } else {
                throw error(o.get("enum"), "\"enum\" must be an array of values");
            }
            Set<String> types = new LinkedHashSet<>();
            boolean integers = true;
            for (Node v : values) {
                Object x = v.value();
                if (x == null) {
                    types.add("null");
                } else if (x instanceof String) {
                    types.add("string");
                } else if (x instanceof Boolean) {
                    types.add("boolean");
                } else if (x instanceof Number num) {
                    types.add("number");
                    integers &= num instanceof Integer || num instanceof Long || num instanceof java.math.BigInteger;
                } else {
                    throw error(v, "enum values must be strings, numbers, booleans or null");
                }
            }
            if (integers && types.remove("number")) {
                types.add("integer");
            }
            return types;
        }

        private Resolved alternatives(Node alternatives, String what) throws SchemaImportException {
            List<Node> list = alternatives.array();
            if (list == null) {
                throw error(alternatives, "anyOf/oneOf must be an array of schemas");
            }
            Node only = null;
            boolean nullable = false;
            for (Node alt : list) {
                Node d = deref(alt);
                Map<String, Node> ao = d.object();
                if (ao != null && ao.get("type") != null && "null".equals(ao.get("type").text())) {
                    nullable = true;
                } else if (only == null) {
                    only = alt;
                } else {
                    throw error(alternatives, what + " allows several alternative schemas; only one schema plus {\"type\": \"null\"} is supported");
                }
            }
            if (only == null) {
                throw error(alternatives, what + " only allows null; give it a type");
            }
            Resolved r = resolve(only, what);
            return new Resolved(r.type(), r.nullable() || nullable, r.repeated(), r.children());
        }

        private List<Field> properties(Node n, Map<String, Node> o) throws SchemaImportException {
            Node props = o.get("properties");
            if (props == null) {
                return List.of();
            }
            Map<String, Node> p = props.object();
            if (p == null) {
                throw error(props, "\"properties\" must be an object");
            }
            Set<String> required = new HashSet<>();
            Node req = o.get("required");
            if (req != null) {
                if (req.array() == null) {
                    throw error(req, "\"required\" must be an array of property names");
                }
                for (Node r : req.array()) {
                    if (r.text() == null) {
                        throw error(r, "\"required\" entries must be strings");
                    }
                    if (!p.containsKey(r.text())) {
                        throw error(r, "required property '" + r.text() + "' is not among the properties");
                    }
                    required.add(r.text());
                }
            }
            List<Field> fields = new ArrayList<>();
            for (Map.Entry<String, Node> e : p.entrySet()) {
                String name = e.getKey();
                if (name.isBlank()) {
                    throw error(e.getValue(), "a property has an empty name");
                }
                Resolved r = resolve(e.getValue(), "property '" + name + "'");
                if (r.type() == DataType.RECORD && r.children().isEmpty()) {
                    throw error(e.getValue(), "property '" + name + "' is an object without properties; list its properties");
                }
                boolean nullable = r.nullable() || !required.contains(name);
                String id = ids.nextUnique("t", taken);
                taken.add(id);
                fields.add(new Field(id, name, r.type(), nullable, false, null, r.repeated(), r.children()));
            }
            return fields;
        }
    }
}
