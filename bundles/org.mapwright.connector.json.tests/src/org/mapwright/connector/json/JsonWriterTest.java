package org.mapwright.connector.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Assumptions;
import java.util.Set;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.PosixFilePermission;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.Schema;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.Inspection;
import org.mapwright.core.connector.RecordWriter;

class JsonWriterTest {

    @TempDir
    Path dir;

    private final JsonTargetConnector target = new JsonTargetConnector();

    private static final Schema NESTED = Schema.of(List.of(
            new Field("f1", "id", DataType.INTEGER, false, true, null, false, List.of()),
            Field.of("f2", "name", DataType.TEXT),
            new Field("f3", "customer", DataType.RECORD, true, false, null, false, List.of(
                    Field.of("f4", "email", DataType.TEXT),
                    new Field("f5", "address", DataType.RECORD, true, false, null, false, List.of(Field.of("f6", "city", DataType.TEXT))))),
            new Field("f7", "lines", DataType.RECORD, true, false, null, true, List.of(
                    Field.of("f8", "sku", DataType.TEXT), Field.of("f9", "price", DataType.DECIMAL))),
            Field.of("f10", "tags", DataType.TEXT).withRepeated(true),
            Field.of("f11", "paid", DataType.BOOLEAN),
            Field.of("f12", "day", DataType.DATE),
            Field.of("f13", "at", DataType.TIMESTAMP),
            Field.of("f14", "total", DataType.DECIMAL)));

    private static Object[] row(long id) {
        return new Object[] {id, "Name \"" + id + "\"",
                new Object[] {"c" + id + "@example.org", new Object[] {"Zürich"}},
                List.of(new Object[] {"A-1", new BigDecimal("10.50")}, new Object[] {"B-2", null}),
                Arrays.asList("x", null, "y"),
                id % 2 == 0,
                LocalDate.of(2024, 3, (int) id),
                LocalDateTime.of(2024, 3, 1, 10, 30, 0, 500_000_000),
                new BigDecimal("1E+3")};
    }

    private void writeRows(ConnectorContext ctx, String path, Object... extra) throws DataException {
        Object[] settings = new Object[2 + extra.length];
        settings[0] = "path";
        settings[1] = path;
        System.arraycopy(extra, 0, settings, 2, extra.length);
        try (RecordWriter w = target.open(ctx, JsonFixtures.settings(settings), NESTED)) {
            w.write(row(1));
            w.write(row(2));
            w.commit();
        }
    }

    @Test
    void readsBackWhatItWroteIncludingNestedRecordsAndLists() throws Exception {
        ConnectorContext ctx = JsonFixtures.context(dir);
        writeRows(ctx, "out/orders.json");
        JsonFixtures.Outcome out = JsonFixtures.readAll(ctx, JsonFixtures.settings("path", "out/orders.json"), NESTED);
        assertTrue(out.rejected().isEmpty());
        assertEquals(2, out.records().size());
        Object[] r = out.records().get(1);
        assertEquals(2L, r[0]);
        assertEquals("Name \"2\"", r[1]);
        assertArrayEquals(new Object[] {"c2@example.org", new Object[] {"Zürich"}}, (Object[]) r[2]);
        List<?> lines = (List<?>) r[3];
        assertArrayEquals(new Object[] {"A-1", new BigDecimal("10.50")}, (Object[]) lines.get(0));
        assertArrayEquals(new Object[] {"B-2", null}, (Object[]) lines.get(1));
        assertEquals(Arrays.asList("x", null, "y"), r[4]);
        assertEquals(Boolean.TRUE, r[5]);
        assertEquals("2024-03-02", r[6]);
        assertEquals("2024-03-01T10:30:00.5", r[7]);
        assertEquals(new BigDecimal("1000"), r[8], "decimals are plain numbers");
    }

    @Test
    void infersTheWrittenStructureBack() throws Exception {
        ConnectorContext ctx = JsonFixtures.context(dir);
        writeRows(ctx, "o.json");
        Inspection in = JsonFixtures.inspect(ctx, JsonFixtures.settings("path", "o.json"));
        assertEquals("array", in.settings().getString("format", null));
        Schema s = in.schema();
        assertEquals(NESTED.fields().stream().map(Field::name).toList(), s.fields().stream().map(Field::name).toList());
        assertEquals(DataType.RECORD, s.byPath("customer.address").orElseThrow().type());
        assertTrue(s.byPath("lines").orElseThrow().repeated());
        assertEquals(DataType.DECIMAL, s.byPath("lines.price").orElseThrow().type());
        assertEquals(DataType.INTEGER, s.byPath("total").orElseThrow().type(), "1000 is written plainly");
    }

    @Test
    void writesOneRecordPerLineInsideTheArray() throws Exception {
        Schema flat = Schema.of(List.of(Field.of("a", "a", DataType.INTEGER), Field.of("b", "b", DataType.TEXT)));
        try (RecordWriter w = target.open(JsonFixtures.context(dir), JsonFixtures.settings("path", "flat.json"), flat)) {
            w.write(new Object[] {1L, "x"});
            w.write(new Object[] {2L, null});
            w.commit();
        }
        assertEquals("[\n{\"a\":1,\"b\":\"x\"},\n{\"a\":2,\"b\":null}\n]\n", Files.readString(dir.resolve("flat.json")));
    }

    @Test
    void writesNdjsonAndCanOmitNulls() throws Exception {
        Schema flat = Schema.of(List.of(Field.of("a", "a", DataType.INTEGER), Field.of("b", "b", DataType.TEXT)));
        try (RecordWriter w = target.open(JsonFixtures.context(dir),
                JsonFixtures.settings("path", "flat.jsonl", "omitNulls", true), flat)) {
            w.write(new Object[] {1L, "x"});
            w.write(new Object[] {2L, null});
            w.commit();
        }
        assertEquals("{\"a\":1,\"b\":\"x\"}\n{\"a\":2}\n", Files.readString(dir.resolve("flat.jsonl")), "ndjson from the extension");
    }

    @Test
    void writesAnEmptyArrayWhenThereAreNoRows() throws Exception {
        try (RecordWriter w = target.open(JsonFixtures.context(dir), JsonFixtures.settings("path", "none.json"), NESTED)) {
            w.commit();
        }
        assertEquals("[\n]\n", Files.readString(dir.resolve("none.json")));
    }

    @Test
    void showsNothingBeforeCommitAndKeepsTheOldTargetWhenClosedWithoutCommit() throws Exception {
        ConnectorContext ctx = JsonFixtures.context(dir);
        Path out = dir.resolve("keep.json");
        Files.writeString(out, "old");
        try (RecordWriter w = target.open(ctx, JsonFixtures.settings("path", "keep.json"), NESTED)) {
            w.write(row(1));
            assertEquals("old", Files.readString(out), "nothing visible before commit");
        }
        assertEquals("old", Files.readString(out));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(out), files.toList(), "the temporary file is gone");
        }

        writeRows(ctx, "keep.json");
        assertTrue(Files.readString(out).startsWith("[\n{\"id\":1,"));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void failsOnAValueThatDoesNotFitItsFieldAndDiscardsTheOutput() throws Exception {
        Path out = dir.resolve("bad.json");
        try (RecordWriter w = target.open(JsonFixtures.context(dir), JsonFixtures.settings("path", "bad.json"), NESTED)) {
            Object[] bad = row(1);
            bad[2] = "not a record";
            DataException e = assertThrows(DataException.class, () -> w.write(bad));
            assertFalse(e.recoverable());
            assertEquals("$.customer", e.location().column());
            assertEquals(1, e.location().record());
        }
        assertFalse(Files.exists(out));
    }

    @Test
    void rejectsUnknownFormats() {
        DataException e = assertThrows(DataException.class,
                () -> target.open(JsonFixtures.context(dir), JsonFixtures.settings("path", "x.json", "format", "document"), NESTED));
        assertEquals("setting 'format' must be array or ndjson, not 'document'", e.reason());
        assertEquals("json out/x.json", target.describe(JsonFixtures.settings("path", "out/x.json")));
    }

    @Test
    void aReplacedFileKeepsItsPermissionsAndANewOneGetsTheFolderDefault() throws Exception {
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Set<PosixFilePermission> umaskDefault = Files.getPosixFilePermissions(Files.createFile(dir.resolve("probe")));
        writeRows(JsonFixtures.context(dir), "new.json");
        assertEquals(umaskDefault, Files.getPosixFilePermissions(dir.resolve("new.json")), "not owner-only like a temp file");

        Files.writeString(dir.resolve("old.json"), "[]\n");
        Files.setPosixFilePermissions(dir.resolve("old.json"), PosixFilePermissions.fromString("rw-rw-r--"));
        writeRows(JsonFixtures.context(dir), "old.json");
        assertTrue(Files.readString(dir.resolve("old.json")).length() > 3);
        assertEquals(PosixFilePermissions.fromString("rw-rw-r--"), Files.getPosixFilePermissions(dir.resolve("old.json")));
    }
}
