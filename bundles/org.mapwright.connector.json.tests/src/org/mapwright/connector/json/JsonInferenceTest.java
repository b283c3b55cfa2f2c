package org.mapwright.connector.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.Schema;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.FieldEvidence;
import org.mapwright.core.connector.InspectOptions;
import org.mapwright.core.connector.Inspection;
import org.mapwright.core.connector.ProgressMonitor;

class JsonInferenceTest {

    private static final Path DATA = Path.of(System.getProperty("mapwright.testdata",
            "/work/main/bundles/org.mapwright.connector.json.tests/data"));

    @TempDir
    Path dir;

    private static Field field(Schema schema, String path) {
        return schema.byPath(path).orElseThrow(() -> new AssertionError("no field " + path + " in " + schema));
    }

    private static List<String> names(List<Field> fields) {
        return fields.stream().map(Field::name).toList();
    }

    @Test
    void infersNestedRecordsArraysAndNullabilityInFirstSeenOrder() throws Exception {
        Inspection in = JsonFixtures.inspect(JsonFixtures.context(DATA), JsonFixtures.settings("path", "customers.json"));
        Schema s = in.schema();

        assertEquals("array", in.settings().getString("format", null));
        assertEquals("UTF-8", in.settings().getString("encoding", null));
        assertEquals(List.of("id", "name", "address", "tags", "orders", "score", "code", "active", "note"), names(s.fields()));

        assertEquals(DataType.INTEGER, field(s, "id").type());
        assertFalse(field(s, "id").nullable());
        Field address = field(s, "address");
        assertEquals(DataType.RECORD, address.type());
        assertFalse(address.repeated());
        assertEquals(List.of("city", "zip"), names(address.children()));
        assertFalse(field(s, "address.city").nullable());
        assertTrue(field(s, "address.zip").nullable(), "zip is missing in one address");

        Field tags = field(s, "tags");
        assertEquals(DataType.TEXT, tags.type());
        assertTrue(tags.repeated());

        Field orders = field(s, "orders");
        assertEquals(DataType.RECORD, orders.type());
        assertTrue(orders.repeated());
        assertEquals(List.of("sku", "qty", "price", "gift"), names(orders.children()), "children merged over all elements");
        assertEquals(DataType.DECIMAL, field(s, "orders.price").type(), "10 and 4.5 widen to decimal");
        assertTrue(field(s, "orders.gift").nullable());
        assertFalse(field(s, "orders.sku").nullable());

        assertEquals(DataType.DECIMAL, field(s, "score").type());
        assertEquals(DataType.TEXT, field(s, "code").type(), "numbers and strings widen to text");
        assertEquals(DataType.BOOLEAN, field(s, "active").type());
        assertEquals(DataType.ANY, field(s, "note").type(), "only nulls seen");
        assertTrue(field(s, "note").nullable());

        assertEquals(3, in.rowsSampled());
        assertTrue(in.complete());
        assertTrue(in.warnings().isEmpty());
    }

    @Test
    void recordsEvidenceWithSamplesNullsAndConfidence() throws Exception {
        Inspection in = JsonFixtures.inspect(JsonFixtures.context(DATA), JsonFixtures.settings("path", "customers.json"));
        Schema s = in.schema();
        FieldEvidence name = in.evidence().get(field(s, "name").id());
        assertEquals(List.of("Ada Lovelace", "Grace Hopper", "Alan Turing"), name.samples());
        assertEquals(1.0, name.confidence());
        FieldEvidence code = in.evidence().get(field(s, "code").id());
        assertEquals(2.0 / 3.0, code.confidence(), 1e-9, "two of three codes are numbers");
        FieldEvidence note = in.evidence().get(field(s, "note").id());
        assertEquals(2, note.nullCount());
        assertEquals(s.allFields().size(), in.evidence().size(), "evidence for every field, nested ones included");
    }

    @Test
    void sniffsNdjsonAndReportsTheBadLineAsWarning() throws Exception {
        Inspection in = JsonFixtures.inspect(JsonFixtures.context(DATA), JsonFixtures.settings("path", "events.ndjson"));
        assertEquals("ndjson", in.settings().getString("format", null));
        assertEquals(List.of("ts", "kind", "user", "page"), names(in.schema().fields()));
        assertEquals(List.of("id", "name"), names(field(in.schema(), "user").children()));
        assertEquals(DataType.TIMESTAMP, field(in.schema(), "ts").type());
        assertEquals(null, field(in.schema(), "ts").format(), "ISO timestamps need no format");
        assertTrue(field(in.schema(), "page").nullable());
        assertEquals(1, in.warnings().size());
        DataException bad = in.warnings().get(0);
        assertTrue(bad.recoverable());
        assertEquals(4, bad.location().line());
        assertEquals(3, bad.location().record());
        assertTrue(bad.reason().contains("column"), bad.reason());
        assertEquals(4, in.rowsSampled(), "four records, one of them bad; the blank line is no record");
    }

    @Test
    void sniffsTheRecordPathOfADocument() throws Exception {
        Inspection in = JsonFixtures.inspect(JsonFixtures.context(DATA), JsonFixtures.settings("path", "orders.json"));
        assertEquals("document", in.settings().getString("format", null));
        assertEquals("$.data.items", in.settings().getString("recordPath", null));
        assertEquals(List.of("order", "total", "lines"), names(in.schema().fields()));
        assertEquals(DataType.DECIMAL, field(in.schema(), "total").type());
        assertTrue(field(in.schema(), "lines").repeated());
        assertEquals(DataType.INTEGER, field(in.schema(), "lines.qty").type());
        assertEquals(2, in.rowsSampled());
    }

    @Test
    void readsTheWholeDocumentAsOneRecordAtRootPath() throws Exception {
        Inspection in = JsonFixtures.inspect(JsonFixtures.context(DATA),
                JsonFixtures.settings("path", "orders.json", "recordPath", "$"));
        assertEquals(List.of("meta", "data", "links"), names(in.schema().fields()));
        assertEquals(DataType.RECORD, field(in.schema(), "data.items").type());
        assertEquals(1, in.rowsSampled());
    }

    @Test
    void keepsIdsOfFieldsFoundAtTheSamePath() throws Exception {
        ConnectorContext ctx = JsonFixtures.context(dir);
        JsonFixtures.write(dir, "a.json", "[{\"id\": 1, \"customer\": {\"name\": \"x\", \"city\": \"y\"}}]");
        Inspection first = JsonFixtures.inspect(ctx, JsonFixtures.settings("path", "a.json"));

        JsonFixtures.write(dir, "a.json", "[{\"email\": \"e\", \"customer\": {\"city\": \"y\", \"zip\": \"z\"}, \"id\": 2.5}]");
        Inspection second = new JsonConnector().inspect(ctx, JsonFixtures.settings("path", "a.json"), JsonFixtures.FULL,
                ProgressMonitor.NONE, first.schema());

        Schema a = first.schema();
        Schema b = second.schema();
        assertEquals(field(a, "id").id(), field(b, "id").id(), "retyped field keeps its id");
        assertEquals(field(a, "customer").id(), field(b, "customer").id());
        assertEquals(field(a, "customer.city").id(), field(b, "customer.city").id());
        assertFalse(a.byId(field(b, "email").id()).isPresent(), "new fields get new ids");
        assertFalse(a.byId(field(b, "customer.zip").id()).isPresent());
        assertNotEquals(field(a, "customer.name").id(), field(b, "customer.zip").id(), "a removed field's id is not recycled");
    }

    private Inspection inspectBytes(String name, byte[] bom, String text, java.nio.charset.Charset charset) throws Exception {
        byte[] body = text.getBytes(charset);
        byte[] bytes = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, bytes, 0, bom.length);
        System.arraycopy(body, 0, bytes, bom.length, body.length);
        Files.write(dir.resolve(name), bytes);
        return JsonFixtures.inspect(JsonFixtures.context(dir), JsonFixtures.settings("path", name));
    }

    @Test
    void detectsTheEncodingFromByteOrderMarksAndZeroBytes() throws Exception {
        String json = "[{\"name\": \"Zoë\"}]";
        Inspection le = inspectBytes("le.json", new byte[] {(byte) 0xFF, (byte) 0xFE}, json, StandardCharsets.UTF_16LE);
        assertEquals("UTF-16LE", le.settings().getString("encoding", null));
        JsonFixtures.Outcome out = JsonFixtures.readAll(JsonFixtures.context(dir), le.settings(), le.schema());
        assertEquals("Zoë", out.records().get(0)[0]);

        Inspection be = inspectBytes("be.json", new byte[0], json, StandardCharsets.UTF_16BE);
        assertEquals("UTF-16BE", be.settings().getString("encoding", null), "no BOM: told by the zero bytes");
        Inspection u32 = inspectBytes("u32.json", new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0}, json,
                java.nio.charset.Charset.forName("UTF-32LE"));
        assertEquals("UTF-32LE", u32.settings().getString("encoding", null));
        Inspection bom8 = inspectBytes("bom8.json", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, json, StandardCharsets.UTF_8);
        assertEquals("UTF-8", bom8.settings().getString("encoding", null));
        assertEquals(List.of("name"), names(bom8.schema().fields()), "the BOM is not part of the first field name");
    }

    @Test
    void stopsWhenTheMonitorIsCancelled() throws Exception {
        ProgressMonitor cancelled = new ProgressMonitor() {
            @Override
            public void begin(String task, long totalWork) {
            }

            @Override
            public void worked(long work) {
            }

            @Override
            public boolean isCanceled() {
                return true;
            }
        };
        assertThrows(java.util.concurrent.CancellationException.class, () -> JsonFixtures.connector().inspect(
                JsonFixtures.context(DATA), JsonFixtures.settings("path", "customers.json"), JsonFixtures.FULL, cancelled));
    }

    @Test
    void warnsAboutDuplicateKeys() throws Exception {
        JsonFixtures.write(dir, "dup.ndjson", "{\"a\": 1, \"a\": 2}\n{\"a\": 3}\n");
        Inspection in = JsonFixtures.inspect(JsonFixtures.context(dir), JsonFixtures.settings("path", "dup.ndjson"));
        assertEquals(1, in.warnings().size());
        assertTrue(in.warnings().get(0).reason().contains("last value wins"));
        assertEquals("$.a", in.warnings().get(0).location().column());
        assertFalse(field(in.schema(), "a").nullable(), "a duplicate is not a second occurrence");
        JsonFixtures.Outcome out = JsonFixtures.readAll(JsonFixtures.context(dir), in.settings(), in.schema());
        assertEquals(List.of(2L, 3L), out.records().stream().map(r -> r[0]).toList(), "the last value wins");
    }

    @Test
    void infersRepeatedFieldsFromSingleValuesMixedWithArraysAndTextFromMixedShapes() throws Exception {
        JsonFixtures.write(dir, "mixed.ndjson", String.join("\n",
                "{\"one\": 1, \"grid\": [[1, 2], [3]], \"shape\": {\"x\": 1}, \"empty\": []}",
                "{\"one\": [2, 3], \"grid\": [], \"shape\": \"flat\", \"empty\": []}"));
        Schema s = JsonFixtures.inspect(JsonFixtures.context(dir), JsonFixtures.settings("path", "mixed.ndjson")).schema();
        assertEquals(DataType.INTEGER, field(s, "one").type());
        assertTrue(field(s, "one").repeated());
        assertEquals(DataType.TEXT, field(s, "grid").type(), "arrays of arrays are kept as JSON text");
        assertTrue(field(s, "grid").repeated());
        assertEquals(DataType.TEXT, field(s, "shape").type());
        assertTrue(field(s, "shape").children().isEmpty());
        assertEquals(DataType.ANY, field(s, "empty").type());
        assertTrue(field(s, "empty").repeated());
    }

    @Test
    void infersDatesAndTimestampsFromStringsButKeepsQuotedNumbersAsText() throws Exception {
        JsonFixtures.write(dir, "d.ndjson", String.join("\n",
                "{\"iso\": \"2024-01-31\", \"eu\": \"31/01/2024\", \"at\": \"2024-01-31 10:15:00\", \"zip\": \"01234\", "
                        + "\"qty\": \"12\", \"compact\": \"20240131\", \"mixed\": \"2024-01-31\", \"blank\": \"2024-02-01\"}",
                "{\"iso\": \"2024-02-29\", \"eu\": \"01/02/2024\", \"at\": \"2024-02-01 08:00:00\", \"zip\": \"99999\", "
                        + "\"qty\": \"3\", \"compact\": \"20240201\", \"mixed\": 7, \"blank\": \"\"}"));
        Schema s = JsonFixtures.inspect(JsonFixtures.context(dir), JsonFixtures.settings("path", "d.ndjson")).schema();
        assertEquals(DataType.DATE, field(s, "iso").type());
        assertEquals(null, field(s, "iso").format());
        assertEquals(DataType.DATE, field(s, "eu").type());
        assertEquals("dd/MM/yyyy", field(s, "eu").format());
        assertEquals(DataType.TIMESTAMP, field(s, "at").type());
        assertEquals(DataType.TEXT, field(s, "zip").type());
        assertEquals(DataType.TEXT, field(s, "qty").type(), "a quoted number is the producer's choice");
        assertEquals(DataType.TEXT, field(s, "compact").type(), "8-digit strings are rather identifiers");
        assertEquals(DataType.TEXT, field(s, "mixed").type());
        assertEquals(DataType.DATE, field(s, "blank").type());
        assertTrue(field(s, "blank").nullable(), "a blank date string reads as null");
    }

    @Test
    void samplesOnlyTheRequestedNumberOfRecords() throws Exception {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            b.append("{\"n\": ").append(i).append(i == 40 ? ", \"late\": true" : "").append("}\n");
        }
        JsonFixtures.write(dir, "many.ndjson", b.toString());
        Inspection in = JsonFixtures.connector().inspect(JsonFixtures.context(dir), JsonFixtures.settings("path", "many.ndjson"),
                new InspectOptions(10, false, 3), ProgressMonitor.NONE);
        assertEquals(10, in.rowsSampled());
        assertFalse(in.complete());
        assertEquals(List.of("n"), names(in.schema().fields()));
        assertEquals(3, in.evidence().get(field(in.schema(), "n").id()).samples().size());
    }

    @Test
    void stopsOnObjectsUsedAsMapsWithTooManyDistinctKeys() throws IOException {
        StringBuilder b = new StringBuilder("{\"byId\": {");
        for (int i = 0; i <= 10_000; i++) {
            b.append(i == 0 ? "" : ",").append("\"k").append(i).append("\": 1");
        }
        b.append("}}");
        JsonFixtures.write(dir, "map.json", b.toString());
        DataException e = assertThrows(DataException.class,
                () -> JsonFixtures.inspect(JsonFixtures.context(dir), JsonFixtures.settings("path", "map.json")));
        assertFalse(e.recoverable());
        assertTrue(e.reason().contains("distinct fields"), e.reason());
    }

    @Test
    void treatsAnEmptyFileAsNdjsonWithoutRecords() throws Exception {
        JsonFixtures.write(dir, "empty.json", "\n\n");
        Inspection in = JsonFixtures.inspect(JsonFixtures.context(dir), JsonFixtures.settings("path", "empty.json"));
        assertEquals("ndjson", in.settings().getString("format", null));
        assertTrue(in.schema().isEmpty());
        assertEquals(0, in.rowsSampled());
    }

    @Test
    void evidenceOfADateFieldWarnsAboutStrayStrings() throws Exception {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < 38; i++) {
            json.append("{\"d\": \"").append(LocalDate.of(2024, 1, 1).plusDays(i)).append("\", \"n\": ").append(i).append("},");
        }
        json.append("{\"d\": \"n/a\", \"n\": 38}, {\"d\": \"unknown\", \"n\": 39}]");
        JsonFixtures.write(dir, "stray.json", json.toString());
        Inspection in = JsonFixtures.inspect(JsonFixtures.context(dir), JsonFixtures.settings("path", "stray.json"));
        Field d = field(in.schema(), "d");
        assertEquals(DataType.DATE, d.type());
        FieldEvidence e = in.evidence().get(d.id());
        assertEquals("2 of 40 values are not dates: 'n/a', 'unknown'; 'n/a' looks like a null marker", e.warning());
        assertEquals(List.of("n/a", "unknown"), e.outlierSamples());
        assertNull(in.evidence().get(field(in.schema(), "n").id()).warning());
    }
}
