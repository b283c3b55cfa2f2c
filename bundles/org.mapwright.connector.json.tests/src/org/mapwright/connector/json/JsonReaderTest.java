package org.mapwright.connector.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.Schema;
import org.mapwright.core.Settings;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.Limits;
import org.mapwright.core.connector.RecordReader;

class JsonReaderTest {

    private static final Path DATA = Path.of(System.getProperty("mapwright.testdata",
            "/work/main/bundles/org.mapwright.connector.json.tests/data"));

    @TempDir
    Path dir;

    private static Field scalar(String id, String name, DataType type) {
        return Field.of(id, name, type);
    }

    private static Field record(String id, String name, boolean repeated, Field... children) {
        return new Field(id, name, DataType.RECORD, true, false, null, repeated, List.of(children));
    }

    private static Field list(String id, String name, DataType type) {
        return Field.of(id, name, type).withRepeated(true);
    }

    private ConnectorContext ctx() {
        return JsonFixtures.context(dir);
    }

    @Test
    void readsASubsetOfFieldsInAnotherOrderWithNestedRecordsAndLists() throws Exception {
        Schema schema = Schema.of(List.of(
                record("f1", "orders", true, scalar("f2", "qty", DataType.INTEGER), scalar("f3", "sku", DataType.TEXT)),
                scalar("f4", "name", DataType.TEXT),
                record("f5", "address", false, scalar("f6", "zip", DataType.TEXT)),
                list("f7", "tags", DataType.TEXT),
                scalar("f8", "missing", DataType.TEXT)));
        JsonFixtures.Outcome out = JsonFixtures.readAll(JsonFixtures.context(DATA),
                JsonFixtures.settings("path", "customers.json"), schema);

        assertEquals(3, out.records().size());
        Object[] ada = out.records().get(0);
        assertEquals(5, ada.length);
        List<?> orders = (List<?>) ada[0];
        assertEquals(2, orders.size());
        assertArrayEquals(new Object[] {2L, "A-1"}, (Object[]) orders.get(0));
        assertArrayEquals(new Object[] {1L, "B-7"}, (Object[]) orders.get(1));
        assertEquals("Ada Lovelace", ada[1]);
        assertArrayEquals(new Object[] {"W1"}, (Object[]) ada[2]);
        assertEquals(List.of("vip", "early"), ada[3]);
        assertNull(ada[4]);

        Object[] grace = out.records().get(1);
        assertArrayEquals(new Object[] {null}, (Object[]) grace[2], "missing member is null");
        assertEquals(List.of(), grace[3]);
    }

    @Test
    void convertsValuesToTheRequestedTypes() throws Exception {
        JsonFixtures.write(dir, "v.ndjson", "{\"i\": 42, \"big\": 123456789012345678901234567890, \"d\": 1.50, \"n\": 7, "
                + "\"t\": 3.0e2, \"b\": true, \"bt\": false, \"day\": \"2024-03-01\", \"obj\": {\"x\": [1, 2.50]}, "
                + "\"one\": 5, \"id\": 2.0, \"frac\": 2.5, \"any\": 9}\n");
        Schema schema = Schema.of(List.of(
                scalar("a", "i", DataType.INTEGER), scalar("b", "big", DataType.DECIMAL), scalar("c", "d", DataType.DECIMAL),
                scalar("d", "n", DataType.DECIMAL), scalar("e", "t", DataType.TEXT), scalar("f", "b", DataType.BOOLEAN),
                scalar("g", "bt", DataType.TEXT), scalar("h", "day", DataType.DATE), scalar("i", "obj", DataType.TEXT),
                list("j", "one", DataType.INTEGER), scalar("k", "id", DataType.INTEGER), scalar("l", "frac", DataType.INTEGER),
                scalar("m", "any", DataType.ANY)));
        Object[] r = JsonFixtures.readAll(ctx(), JsonFixtures.settings("path", "v.ndjson"), schema).records().get(0);
        assertEquals(42L, r[0]);
        assertEquals(new BigDecimal("123456789012345678901234567890"), r[1]);
        assertEquals(new BigDecimal("1.50"), r[2]);
        assertEquals(new BigDecimal("7"), r[3]);
        assertEquals("3.0e2", r[4], "a number read as text keeps its literal");
        assertEquals(Boolean.TRUE, r[5]);
        assertEquals("false", r[6]);
        assertEquals("2024-03-01", r[7], "dates are handed to the engine as text to parse with the field format");
        assertEquals("{\"x\":[1,2.50]}", r[8], "nested data in a text field is compact JSON");
        assertEquals(List.of(5L), r[9], "a single value where a list is expected is a one-element list");
        assertEquals(2L, r[10], "an integral decimal fits an integer field");
        assertEquals("2.5", r[11], "a fraction for an integer field goes to the engine as text and fails there");
        assertEquals(9L, r[12]);
    }

    @Test
    void readsNonObjectRecordsAsTheFieldValue() throws Exception {
        JsonFixtures.write(dir, "s.json", "[1, \"two\", [3], {\"value\": 4, \"other\": 5}]");
        Schema schema = Schema.of(List.of(scalar("v", "value", DataType.TEXT)));
        JsonFixtures.Outcome out = JsonFixtures.readAll(ctx(), JsonFixtures.settings("path", "s.json"), schema);
        assertEquals(List.of("1", "two", "[3]", "4"), out.records().stream().map(r -> r[0]).toList());
    }

    @Test
    void rejectsABadNdjsonLineAndKeepsReading() throws Exception {
        Schema schema = Schema.of(List.of(scalar("k", "kind", DataType.TEXT)));
        try (RecordReader reader = JsonFixtures.connector().open(JsonFixtures.context(DATA),
                JsonFixtures.settings("path", "events.ndjson"), schema)) {
            assertEquals("login", reader.next()[0]);
            assertEquals(1, reader.location().line());
            assertEquals("view", reader.next()[0]);
            assertEquals(3, reader.location().line(), "blank line 2 is skipped but counted");
            DataException bad = assertThrows(DataException.class, reader::next);
            assertTrue(bad.recoverable());
            assertEquals("events.ndjson", bad.location().file());
            assertEquals(4, bad.location().line());
            assertEquals(3, bad.location().record());
            assertEquals("$.user.name", bad.location().column());
            assertTrue(bad.reason().startsWith("invalid JSON at column 74: Unrecognized token 'broken'"), bad.reason());
            assertTrue(bad.rawText().contains("broken"));
            assertEquals("logout", reader.next()[0]);
            assertEquals(4, reader.location().record());
            assertNull(reader.next());
        }
    }

    @Test
    void stopsAtTheFirstBadLineWhenOnErrorIsFail() throws Exception {
        Schema schema = Schema.of(List.of(scalar("k", "kind", DataType.TEXT)));
        try (RecordReader reader = JsonFixtures.connector().open(JsonFixtures.context(DATA),
                JsonFixtures.settings("path", "events.ndjson", "onError", "fail"), schema)) {
            reader.next();
            reader.next();
            DataException bad = assertThrows(DataException.class, reader::next);
            assertFalse(bad.recoverable());
            assertSame(bad, assertThrows(DataException.class, reader::next), "a failed reader stays failed");
        }
    }

    @Test
    void rejectsTrailingContentOnAnNdjsonLine() throws Exception {
        JsonFixtures.write(dir, "t.ndjson", "{\"a\": 1} {\"a\": 2}\n{\"a\": 3}\n");
        JsonFixtures.Outcome out = JsonFixtures.readAll(ctx(), JsonFixtures.settings("path", "t.ndjson", "format", "ndjson"),
                Schema.of(List.of(scalar("a", "a", DataType.INTEGER))));
        assertEquals(1, out.rejected().size());
        assertTrue(out.rejected().get(0).reason().contains("exactly one value"), out.rejected().get(0).reason());
        assertEquals(3L, out.records().get(0)[0]);
    }

    @Test
    void rejectsAValueOfTheWrongKindInAnArrayAndKeepsReading() throws Exception {
        JsonFixtures.write(dir, "w.json", "[\n{\"id\": 1, \"address\": {\"city\": \"A\"}},\n{\"id\": 2, \"address\": \"nowhere\","
                + " \"more\": {\"deep\": [1, {\"x\": 2}]}},\n{\"id\": 3, \"address\": {\"city\": \"C\"}}\n]");
        Schema schema = Schema.of(List.of(scalar("i", "id", DataType.INTEGER),
                record("a", "address", false, scalar("c", "city", DataType.TEXT))));
        JsonFixtures.Outcome out = JsonFixtures.readAll(ctx(), JsonFixtures.settings("path", "w.json"), schema);
        assertEquals(List.of(1L, 3L), out.records().stream().map(r -> r[0]).toList());
        DataException bad = out.rejected().get(0);
        assertEquals(3, bad.location().line());
        assertEquals(2, bad.location().record());
        assertEquals("$.address", bad.location().column());
        assertEquals("expected an object but found a string", bad.reason());
    }

    @Test
    void rejectsNestedDataWhereANumberIsExpected() throws Exception {
        JsonFixtures.write(dir, "n.ndjson", "{\"items\": [1, {\"x\": 1}, 3]}\n");
        JsonFixtures.Outcome out = JsonFixtures.readAll(ctx(), JsonFixtures.settings("path", "n.ndjson"),
                Schema.of(List.of(list("i", "items", DataType.INTEGER))));
        assertEquals("$.items[1]", out.rejected().get(0).location().column());
        assertTrue(out.rejected().get(0).reason().contains("expected a number but found an object"));
    }

    @Test
    void failsOnATruncatedArrayNamingTheLine() throws Exception {
        JsonFixtures.write(dir, "cut.json", "[\n{\"a\": 1},\n{\"a\": 2},\n{\"a\": ");
        Schema schema = Schema.of(List.of(scalar("a", "a", DataType.INTEGER)));
        try (RecordReader reader = JsonFixtures.connector().open(ctx(), JsonFixtures.settings("path", "cut.json"), schema)) {
            assertEquals(1L, reader.next()[0]);
            assertEquals(2L, reader.next()[0]);
            DataException e = assertThrows(DataException.class, reader::next);
            assertFalse(e.recoverable(), "a broken document cannot be resynchronised");
            assertEquals(4, e.location().line());
            assertEquals(3, e.location().record());
            assertTrue(e.reason().startsWith("unexpected end of input at line 4"), e.reason());
            assertThrows(DataException.class, reader::next);
        }
    }

    @Test
    void failsOnContentAfterTheTopLevelArray() throws Exception {
        JsonFixtures.write(dir, "two.json", "[{\"a\": 1}]\n[{\"a\": 2}]\n");
        DataException e = assertThrows(DataException.class, () -> JsonFixtures.readAll(ctx(),
                JsonFixtures.settings("path", "two.json", "format", "array"), Schema.of(List.of(scalar("a", "a", DataType.INTEGER)))));
        assertTrue(e.reason().contains("format 'ndjson'"), e.reason());
        assertEquals(2, e.location().line());
    }

    @Test
    void failsWhenAnArrayFileDoesNotStartWithAnArray() throws Exception {
        JsonFixtures.write(dir, "o.json", "{\"a\": 1}");
        DataException e = assertThrows(DataException.class, () -> JsonFixtures.readAll(ctx(),
                JsonFixtures.settings("path", "o.json", "format", "array"), Schema.empty()));
        assertTrue(e.reason().contains("expected a top-level array"), e.reason());
    }

    @Test
    void readsTheRecordsAtARecordPathAndChecksTheRestOfTheDocument() throws Exception {
        Schema schema = Schema.of(List.of(scalar("o", "order", DataType.TEXT), scalar("t", "total", DataType.DECIMAL)));
        JsonFixtures.Outcome out = JsonFixtures.readAll(JsonFixtures.context(DATA),
                JsonFixtures.settings("path", "orders.json", "format", "document", "recordPath", "$.data.items"), schema);
        assertEquals(2, out.records().size());
        assertArrayEquals(new Object[] {"O-2", new BigDecimal("5")}, out.records().get(1));

        String cut = Files.readString(DATA.resolve("orders.json")).replace("\"links\": {\"next\": null}\n}", "\"links\": {");
        Files.writeString(dir.resolve("cut.json"), cut);
        DataException e = assertThrows(DataException.class, () -> JsonFixtures.readAll(ctx(),
                JsonFixtures.settings("path", "cut.json", "recordPath", "$.data.items"), schema));
        assertTrue(e.reason().contains("unexpected end of input"), "truncation after the records is still reported: " + e.reason());
    }

    @Test
    void readsAnObjectAtTheRecordPathAsOneRecordAndAcceptsQuotedNames() throws Exception {
        Schema schema = Schema.of(List.of(scalar("s", "source", DataType.TEXT)));
        JsonFixtures.Outcome out = JsonFixtures.readAll(JsonFixtures.context(DATA),
                JsonFixtures.settings("path", "orders.json", "recordPath", "$['meta']"), schema);
        assertEquals(1, out.records().size());
        assertEquals("shop", out.records().get(0)[0]);
    }

    @Test
    void failsWhenTheRecordPathIsNotThere() throws Exception {
        DataException e = assertThrows(DataException.class, () -> JsonFixtures.readAll(JsonFixtures.context(DATA),
                JsonFixtures.settings("path", "orders.json", "recordPath", "$.data.rows"), Schema.empty()));
        assertEquals("record path $.data.rows not found: $.data has no member 'rows'", e.reason());
    }

    @Test
    void failsOnNestingDeeperThanTheLimit() throws Exception {
        JsonFixtures.write(dir, "deep.json", "[{\"a\": " + "[".repeat(10) + "]".repeat(10) + "}]");
        ConnectorContext limited = JsonFixtures.context(dir, new Limits(1000, 10_000, 5, 100));
        DataException e = assertThrows(DataException.class, () -> JsonFixtures.readAll(limited,
                JsonFixtures.settings("path", "deep.json"), Schema.of(List.of(scalar("a", "a", DataType.TEXT)))));
        assertFalse(e.recoverable());
        assertTrue(e.reason().startsWith("nesting deeper than 5 levels " + Limits.hit(Limits.MAX_NESTING_DEPTH)), e.reason());
    }

    @Test
    void rejectsLinesWithTextNumbersOrRecordsOverTheLimits() throws Exception {
        JsonFixtures.write(dir, "big.ndjson", String.join("\n",
                "{\"a\": \"" + "x".repeat(50) + "\"}",
                "{\"a\": " + "9".repeat(30) + "}",
                "{\"a\": \"" + "y".repeat(20) + "\", \"pad\": \"" + "z".repeat(50) + "\"}",
                "{\"a\": 1e999}",
                "{\"a\": \"ok\"}"));
        ConnectorContext limited = JsonFixtures.context(dir, new Limits(40, 80, 10, 20));
        JsonFixtures.Outcome out = JsonFixtures.readAll(limited, JsonFixtures.settings("path", "big.ndjson"),
                Schema.of(List.of(scalar("a", "a", DataType.ANY))));
        assertEquals(1, out.records().size());
        assertEquals("ok", out.records().get(0)[0]);
        List<String> reasons = out.rejected().stream().map(DataException::reason).toList();
        assertEquals(4, reasons.size(), reasons.toString());
        assertTrue(reasons.get(0).startsWith("text value longer than 40 characters " + Limits.hit(Limits.MAX_FIELD_CHARS)), reasons.get(0));
        assertTrue(reasons.get(1).startsWith("number longer than 20 characters " + Limits.hit(Limits.MAX_NUMBER_CHARS)), reasons.get(1));
        assertTrue(reasons.get(2).startsWith("line is longer than 80 characters " + Limits.hit(Limits.MAX_RECORD_CHARS)), reasons.get(2));
        assertTrue(reasons.get(3).contains("more than 20 digits"), reasons.get(3));
    }

    @Test
    void rejectsArrayRecordsLongerThanTheRecordLimitAndKeepsReading() throws Exception {
        JsonFixtures.write(dir, "long.json", "[{\"a\": 1, \"skip\": \"" + "s".repeat(30) + "\", \"more\": \"" + "m".repeat(30)
                + "\"},\n{\"a\": 2}]");
        ConnectorContext limited = JsonFixtures.context(dir, new Limits(40, 60, 10, 20));
        JsonFixtures.Outcome out = JsonFixtures.readAll(limited, JsonFixtures.settings("path", "long.json"),
                Schema.of(List.of(scalar("a", "a", DataType.INTEGER))));
        assertEquals(1, out.rejected().size());
        assertTrue(out.rejected().get(0).reason().contains("limit maxRecordChars"));
        assertEquals(2L, out.records().get(0)[0]);
    }

    @Test
    void rejectsNestedTextLongerThanTheFieldLimit() throws Exception {
        JsonFixtures.write(dir, "nest.json", "[{\"a\": {\"long\": \"" + "x".repeat(30) + "\", \"more\": [\"" + "y".repeat(30)
                + "\"]}},\n{\"a\": {\"b\": 1}}]");
        ConnectorContext limited = JsonFixtures.context(dir, new Limits(40, 1000, 10, 20));
        JsonFixtures.Outcome out = JsonFixtures.readAll(limited, JsonFixtures.settings("path", "nest.json"),
                Schema.of(List.of(scalar("a", "a", DataType.TEXT))));
        assertEquals(1, out.rejected().size());
        assertEquals("$.a", out.rejected().get(0).location().column());
        assertTrue(out.rejected().get(0).reason().contains("limit maxFieldChars"));
        assertEquals("{\"b\":1}", out.records().get(0)[0]);
    }

    @Test
    void failsOnBytesThatAreNotValidInTheEncoding() throws Exception {
        Files.write(dir.resolve("latin1.json"), new byte[] {'[', '{', '"', 'a', '"', ':', '"', (byte) 0xE9, '"', '}', ']'});
        DataException e = assertThrows(DataException.class, () -> JsonFixtures.readAll(ctx(),
                JsonFixtures.settings("path", "latin1.json"), Schema.of(List.of(scalar("a", "a", DataType.TEXT)))));
        assertTrue(e.reason().contains("not valid UTF-8") && e.reason().contains("'encoding'"), e.reason());

        JsonFixtures.Outcome out = JsonFixtures.readAll(ctx(), JsonFixtures.settings("path", "latin1.json", "encoding", "ISO-8859-1"),
                Schema.of(List.of(scalar("a", "a", DataType.TEXT))));
        assertEquals("é", out.records().get(0)[0]);
    }

    @Test
    void reportsMissingFilesAndBadSettingsAsDataExceptions() {
        Schema none = Schema.empty();
        DataException missing = assertThrows(DataException.class,
                () -> JsonFixtures.connector().open(ctx(), JsonFixtures.settings("path", "nope.json"), none));
        assertTrue(missing.reason().startsWith("file not found"), missing.reason());
        DataException format = assertThrows(DataException.class,
                () -> JsonFixtures.connector().open(ctx(), JsonFixtures.settings("path", "x.json", "format", "xml"), none));
        assertEquals("setting 'format' must be array, ndjson or document, not 'xml'", format.reason());
        DataException path = assertThrows(DataException.class,
                () -> JsonFixtures.connector().open(ctx(), JsonFixtures.settings("path", "x.json", "recordPath", "$.a[0]"), none));
        assertTrue(path.reason().contains("not supported"), path.reason());
        assertThrows(DataException.class, () -> JsonFixtures.connector().open(ctx(), Settings.empty(), none));
    }

    @Test
    void reportsProgressInBytes() throws Exception {
        try (RecordReader reader = JsonFixtures.connector().open(JsonFixtures.context(DATA),
                JsonFixtures.settings("path", "customers.json"), Schema.empty())) {
            while (reader.next() != null) {
                assertTrue(reader.bytesRead() > 0);
            }
            assertEquals(Files.size(DATA.resolve("customers.json")), reader.totalBytes());
            assertEquals(reader.totalBytes(), reader.bytesRead());
        }
    }
}
