package org.mapwright.drift;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A validator for the part of JSON Schema (draft 2020-12) the project schema uses: {@code type},
 * {@code properties}, {@code required}, {@code additionalProperties}, {@code items},
 * {@code enum}, {@code const}, {@code pattern}, {@code minItems}, {@code minimum} and local
 * {@code $ref}s into {@code $defs}. Any other keyword is an error, so the schema cannot use
 * something this validator would silently ignore.
 */
final class JsonSchemaSubset {

    private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "title", "description", "$defs");

    private final JsonNode root;
    private final Set<String> seen = new LinkedHashSet<>();

    JsonSchemaSubset(JsonNode root) {
        this.root = root;
    }

    /** @return one message per violation, with the JSON path of the value; empty when valid */
    List<String> validate(JsonNode instance) {
        List<String> errors = new ArrayList<>();
        check(root, "#", instance, "$", errors);
        return errors;
    }

    /** @return {@code definition.property} for every declared property some validated value had */
    Set<String> seenProperties() {
        return seen;
    }

    /** @return {@code definition.property} for every property the schema declares */
    Set<String> declaredProperties() {
        Set<String> out = new LinkedHashSet<>();
        declared("#", root, out);
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("$defs").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            declared("#/$defs/" + e.getKey(), e.getValue(), out);
        }
        return out;
    }

    private static void declared(String name, JsonNode schema, Set<String> out) {
        schema.path("properties").fieldNames().forEachRemaining(p -> out.add(name + "." + p));
        JsonNode items = schema.path("properties");
        items.fields().forEachRemaining(e -> {
            JsonNode inner = e.getValue().path("items");
            if (inner.has("properties")) {
                declared(name + "." + e.getKey() + "[]", inner, out);
            }
        });
    }

    private void check(JsonNode schema, String name, JsonNode value, String path, List<String> errors) {
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String keyword = e.getKey();
            JsonNode arg = e.getValue();
            if (ANNOTATIONS.contains(keyword)) {
                continue;
            }
            switch (keyword) {
                case "$ref": {
                    String ref = arg.asText();
                    if (!ref.startsWith("#/$defs/")) {
                        throw new IllegalStateException("only local $defs references are supported: " + ref);
                    }
                    JsonNode target = root.path("$defs").path(ref.substring("#/$defs/".length()));
                    if (target.isMissingNode()) {
                        throw new IllegalStateException("unresolved " + ref);
                    }
                    check(target, ref, value, path, errors);
                    break;
                }
                case "type": {
                    boolean ok = false;
                    if (arg.isArray()) {
                        for (JsonNode t : arg) {
                            ok |= hasType(value, t.asText());
                        }
                    } else {
                        ok = hasType(value, arg.asText());
                    }
                    if (!ok) {
                        errors.add(path + ": expected " + arg + ", got " + value.getNodeType());
                    }
                    break;
                }
                case "properties":
                    if (value.isObject()) {
                        arg.fields().forEachRemaining(p -> {
                            if (value.has(p.getKey())) {
                                seen.add(name + "." + p.getKey());
                                check(p.getValue(), name + "." + p.getKey(), value.get(p.getKey()), path + "." + p.getKey(), errors);
                            }
                        });
                    }
                    break;
                case "required":
                    if (value.isObject()) {
                        for (JsonNode r : arg) {
                            if (!value.has(r.asText())) {
                                errors.add(path + ": missing required '" + r.asText() + "'");
                            }
                        }
                    }
                    break;
                case "additionalProperties":
                    if (value.isObject()) {
                        JsonNode declared = schema.path("properties");
                        value.fields().forEachRemaining(p -> {
                            if (declared.has(p.getKey())) {
                                return;
                            }
                            if (arg.isBoolean()) {
                                if (!arg.booleanValue()) {
                                    errors.add(path + ": '" + p.getKey() + "' is not declared by the schema");
                                }
                            } else {
                                check(arg, name + ".*", p.getValue(), path + "." + p.getKey(), errors);
                            }
                        });
                    }
                    break;
                case "items":
                    if (value.isArray()) {
                        for (int i = 0; i < value.size(); i++) {
                            check(arg, name + "[]", value.get(i), path + "[" + i + "]", errors);
                        }
                    }
                    break;
                case "enum": {
                    boolean found = false;
                    for (JsonNode option : arg) {
                        found |= option.equals(value);
                    }
                    if (!found) {
                        errors.add(path + ": " + value + " is not one of " + arg);
                    }
                    break;
                }
                case "const":
                    if (!arg.equals(value)) {
                        errors.add(path + ": " + value + " is not " + arg);
                    }
                    break;
                case "pattern":
                    if (value.isTextual() && !Pattern.compile(arg.asText()).matcher(value.textValue()).find()) {
                        errors.add(path + ": '" + value.textValue() + "' does not match " + arg.asText());
                    }
                    break;
                case "minItems":
                    if (value.isArray() && value.size() < arg.asInt()) {
                        errors.add(path + ": fewer than " + arg.asInt() + " items");
                    }
                    break;
                case "minimum":
                    if (value.isNumber() && value.decimalValue().compareTo(arg.decimalValue()) < 0) {
                        errors.add(path + ": " + value + " is below " + arg);
                    }
                    break;
                default:
                    throw new IllegalStateException("keyword '" + keyword + "' (in " + name + ") is not supported by this validator");
            }
        }
    }

    private static boolean hasType(JsonNode v, String type) {
        switch (type) {
            case "object":
                return v.isObject();
            case "array":
                return v.isArray();
            case "string":
                return v.isTextual();
            case "number":
                return v.isNumber();
            case "integer":
                return v.isIntegralNumber();
            case "boolean":
                return v.isBoolean();
            case "null":
                return v.isNull();
            default:
                throw new IllegalStateException("unknown type " + type);
        }
    }
}
