package org.mapwright.core.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.Ids;
import org.mapwright.core.Schema;
import org.mapwright.core.infer.SchemaIds;

class JsonSchemaImportTest {

    private static final String ORDER = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "title": "Order",
              "type": "object",
              "required": ["id", "placed", "lines"],
              "properties": {
                "id": {"type": "integer"},
                "placed": {"type": "string", "format": "date-time"},
                "due": {"type": ["string", "null"], "format": "date"},
                "note": {"type": "string", "description": "free text"},
                "total": {"type": "number"},
                "paid": {"type": "boolean"},
                "customer": {"$ref": "#/$defs/customer"},
                "lines": {"type": "array", "items": {"$ref": "#/$defs/line"}},
                "tags": {"type": "array", "items": {"type": "string"}},
                "discount": {"anyOf": [{"type": "number"}, {"type": "null"}]}
              },
              "$defs": {
                "customer": {
                  "type": "object",
                  "required": ["name"],
                  "properties": {
                    "name": {"type": "string"},
                    "address": {"type": "object", "properties": {"city": {"type": "string"}}}
                  }
                },
                "line": {
                  "type": "object",
                  "required": ["sku", "qty"],
                  "properties": {"sku": {"type": "string"}, "qty": {"type": "integer"}}
                }
              }
            }
            """;

    private static JsonSchemaImport importer() {
        return new JsonSchemaImport(new Ids(new Random(7)));
    }

    @Test
    void importsTypesNullabilityNestingAndRepeatingGroups() throws SchemaImportException {
        Schema s = importer().parse(ORDER, "order.json");
        assertEquals(List.of("id", "placed", "due", "note", "total", "paid", "customer", "lines", "tags", "discount"),
                s.fields().stream().map(Field::name).toList());
        Field id = s.byPath("id").orElseThrow();
        assertEquals(DataType.INTEGER, id.type());
        assertFalse(id.nullable());
        assertFalse(id.key());
        assertEquals(DataType.TIMESTAMP, s.byPath("placed").orElseThrow().type());
        Field due = s.byPath("due").orElseThrow();
        assertEquals(DataType.DATE, due.type());
        assertTrue(due.nullable());
        assertTrue(s.byPath("note").orElseThrow().nullable(), "not required, so nullable");
        assertEquals(DataType.DECIMAL, s.byPath("total").orElseThrow().type());
        assertEquals(DataType.BOOLEAN, s.byPath("paid").orElseThrow().type());
        Field customer = s.byPath("customer").orElseThrow();
        assertEquals(DataType.RECORD, customer.type());
        assertFalse(customer.repeated());
        assertFalse(s.byPath("customer.name").orElseThrow().nullable());
        assertEquals(DataType.TEXT, s.byPath("customer.address.city").orElseThrow().type());
        Field lines = s.byPath("lines").orElseThrow();
        assertEquals(DataType.RECORD, lines.type());
        assertTrue(lines.repeated());
        assertFalse(lines.nullable());
        assertEquals(DataType.INTEGER, s.byPath("lines.qty").orElseThrow().type());
        Field tags = s.byPath("tags").orElseThrow();
        assertEquals(DataType.TEXT, tags.type());
        assertTrue(tags.repeated());
        Field discount = s.byPath("discount").orElseThrow();
        assertEquals(DataType.DECIMAL, discount.type());
        assertTrue(discount.nullable());
    }

    @Test
    void givesEveryFieldADistinctIdReproducibleWithASeed() throws SchemaImportException {
        Schema a = importer().parse(ORDER, "order.json");
        Schema b = importer().parse(ORDER, "order.json");
        assertEquals(a, b);
        Set<String> seen = new HashSet<>();
        for (Field f : a.allFields()) {
            assertTrue(f.id().startsWith("t_"), f.id());
            assertTrue(seen.add(f.id()), "duplicate id " + f.id());
        }
    }

    @Test
    void reimportKeepsTheIdsOfFieldsThatKeepTheirNames() throws SchemaImportException {
        Schema before = importer().parse(ORDER, "order.json");
        Schema again = new JsonSchemaImport(new Ids(new Random(99))).parse(ORDER.replace("\"paid\"", "\"settled\""), "order.json");
        Schema merged = SchemaIds.carryOver(again, before, new Ids(new Random(1)));
        assertEquals(before.byPath("id").orElseThrow().id(), merged.byPath("id").orElseThrow().id());
        assertEquals(before.byPath("lines.sku").orElseThrow().id(), merged.byPath("lines.sku").orElseThrow().id());
        assertTrue(merged.byPath("settled").isPresent());
    }

    @Test
    void draft07DefinitionsAndTypelessObjectsWork() throws SchemaImportException {
        String doc = """
                {"$schema": "http://json-schema.org/draft-07/schema#",
                 "$ref": "#/definitions/person",
                 "definitions": {"person": {"properties": {"born": {"type": "string", "format": "date"}}}}}
                """;
        Schema s = importer().parse(doc, "p.json");
        assertEquals(DataType.DATE, s.byPath("born").orElseThrow().type());
    }

    @Test
    void typelessEnumsAndConstsTakeTheTypeOfTheirValues() throws SchemaImportException {
        Schema s = importer().parse("""
                {"type": "object", "required": ["status", "level", "v"], "properties": {
                  "status": {"enum": ["open", "closed", null]},
                  "level": {"enum": [1, 2, 3]},
                  "ratio": {"enum": [0.5, 1]},
                  "v": {"const": true}}}
                """, "e.json");
        assertEquals(DataType.TEXT, s.byPath("status").orElseThrow().type());
        assertTrue(s.byPath("status").orElseThrow().nullable(), "null is among the values");
        assertEquals(DataType.INTEGER, s.byPath("level").orElseThrow().type());
        assertFalse(s.byPath("level").orElseThrow().nullable());
        assertEquals(DataType.DECIMAL, s.byPath("ratio").orElseThrow().type());
        assertEquals(DataType.BOOLEAN, s.byPath("v").orElseThrow().type());
        assertTrue(assertThrows(SchemaImportException.class, () -> importer().parse(
                "{\"type\": \"object\", \"properties\": {\"a\": {\"enum\": [\"x\", 1]}}}", "e.json")).reason().contains("several types"));
    }

    @Test
    void reportsMalformedJsonWithLineAndColumn() {
        SchemaImportException e = assertThrows(SchemaImportException.class,
                () -> importer().parse("{\n  \"type\": \"object\",\n  \"properties\": {\"a\": {\"type\": \"string\"}\n", "bad.json"));
        assertEquals("bad.json", e.file());
        assertTrue(e.line() >= 3, e.getMessage());
        assertTrue(e.reason().startsWith("malformed JSON"), e.getMessage());
        assertTrue(e.getMessage().startsWith("bad.json:"), e.getMessage());
    }

    @Test
    void reportsUnknownTypeAtItsPosition() {
        SchemaImportException e = assertThrows(SchemaImportException.class, () -> importer().parse(
                "{\"type\": \"object\",\n \"properties\": {\n  \"a\": {\"type\": \"strng\"}}}", "t.json"));
        assertEquals(3, e.line());
        assertEquals(17, e.column());
        assertTrue(e.reason().contains("unknown type 'strng'") && e.reason().contains("property 'a'"), e.reason());
    }

    @Test
    void refusesUnresolvableExternalAndRecursiveReferences() {
        assertTrue(assertThrows(SchemaImportException.class, () -> importer().parse(
                "{\"type\": \"object\", \"properties\": {\"a\": {\"$ref\": \"#/$defs/nope\"}}}", "r.json")).reason().contains("does not resolve"));
        assertTrue(assertThrows(SchemaImportException.class, () -> importer().parse(
                "{\"type\": \"object\", \"properties\": {\"a\": {\"$ref\": \"other.json#/x\"}}}", "r.json")).reason().contains("only local"));
        String recursive = """
                {"type": "object", "properties": {"node": {"$ref": "#/$defs/node"}},
                 "$defs": {"node": {"type": "object", "properties": {"child": {"$ref": "#/$defs/node"}}}}}
                """;
        assertTrue(assertThrows(SchemaImportException.class, () -> importer().parse(recursive, "r.json")).reason().contains("recursively"));
    }

    @Test
    void refusesRootsThatAreNotObjectsAndAmbiguousTypes() {
        assertTrue(assertThrows(SchemaImportException.class, () -> importer().parse("{\"type\": \"string\"}", "x.json"))
                .reason().contains("must describe an object"));
        assertTrue(assertThrows(SchemaImportException.class, () -> importer().parse(
                "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": [\"string\", \"integer\"]}}}", "x.json")).reason().contains("several types"));
        assertTrue(assertThrows(SchemaImportException.class, () -> importer().parse(
                "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"array\"}}}", "x.json")).reason().contains("items"));
        assertTrue(assertThrows(SchemaImportException.class, () -> importer().parse(
                "{\"type\": \"object\", \"required\": [\"b\"], \"properties\": {\"a\": {\"type\": \"string\"}}}", "x.json")).reason().contains("'b'"));
    }

    @Test
    void readsAFileAndNamesItInErrors(@TempDir Path dir) throws IOException, SchemaImportException {
        Path f = dir.resolve("s.json");
        Files.writeString(f, "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"integer\"}}}");
        assertEquals(DataType.INTEGER, importer().read(f).byPath("a").orElseThrow().type());
        Files.writeString(f, "[1, 2]");
        SchemaImportException e = assertThrows(SchemaImportException.class, () -> importer().read(f));
        assertEquals(f.toString(), e.file());
    }
}
