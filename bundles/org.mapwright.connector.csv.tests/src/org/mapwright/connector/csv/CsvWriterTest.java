package org.mapwright.connector.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mapwright.connector.csv.CsvFixtures.context;
import static org.mapwright.connector.csv.CsvFixtures.readAll;
import static org.mapwright.connector.csv.CsvFixtures.row;

import org.junit.jupiter.api.Assumptions;
import java.util.Set;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.PosixFilePermission;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.Schema;
import org.mapwright.core.Settings;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.RecordWriter;

class CsvWriterTest {

    @TempDir
    Path dir;

    private static final Schema SCHEMA = Schema.of(List.of(
            Field.of("f1", "id", DataType.INTEGER),
            Field.of("f2", "name", DataType.TEXT),
            Field.of("f3", "amount", DataType.DECIMAL),
            Field.of("f4", "day", DataType.DATE),
            Field.of("f5", "at", DataType.TIMESTAMP),
            Field.of("f6", "ok", DataType.BOOLEAN)));

    private Settings out(String path, Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", path);
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return Settings.of(m);
    }

    private void write(Settings settings, Schema schema, Object[]... rows) throws DataException {
        try (RecordWriter w = new CsvTargetConnector().open(context(dir), settings, schema)) {
            for (Object[] r : rows) {
                w.write(r);
            }
            w.commit();
        }
    }

    private List<Path> leftovers() throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    @Test
    void roundTripsTypedValuesNullsAndAwkwardTextThroughTheReader() throws Exception {
        Object[][] rows = {
                {1L, "plain", new BigDecimal("12.50"), LocalDate.of(2024, 2, 29), LocalDateTime.of(2024, 1, 2, 3, 4, 5), true},
                {2L, "comma, \"quote\"\nnewline", new BigDecimal("-0.001"), null, null, false},
                {3L, "", null, null, LocalDateTime.of(2024, 1, 2, 3, 4, 5, 120_000_000), null},
                {4L, null, new BigDecimal("1E+3"), null, null, null},
                {5L, "  padded ", null, null, null, null}};
        write(out("out/data.csv"), SCHEMA, rows);
        Path f = dir.resolve("out/data.csv");
        assertEquals("id,name,amount,day,at,ok\n"
                + "1,plain,12.50,2024-02-29,2024-01-02T03:04:05,true\n"
                + "2,\"comma, \"\"quote\"\"\nnewline\",-0.001,,,false\n"
                + "3,\"\",,,2024-01-02T03:04:05.12,\n"
                + "4,,1000,,,\n"
                + "5,\"  padded \",,,,\n", Files.readString(f));
        CsvFixtures.Outcome back = readAll(f, CsvFixtures.textSchema("id", "name", "amount"));
        assertEquals(row("2", "comma, \"quote\"\nnewline", "-0.001"), back.records().get(1));
        assertEquals(row("3", "", null), back.records().get(2));
        assertEquals(row("4", null, "1000"), back.records().get(3));
        assertEquals(row("5", "  padded ", null), back.records().get(4));
        assertEquals(List.of(), back.errors());
    }

    @Test
    void neutralizesFormulaTextButNotNumbers() throws Exception {
        Schema s = Schema.of(List.of(Field.of("a", "text", DataType.TEXT), Field.of("b", "n", DataType.INTEGER)));
        write(out("f.csv"), s, new Object[] {"=SUM(A1:A9)", -5L}, new Object[] {"+49 30 1234", 1L}, new Object[] {"@cmd", 2L},
                new Object[] {"-12.5", 3L}, new Object[] {"\tx", 4L}, new Object[] {"-", 5L}, new Object[] {"a=b", 6L});
        assertEquals("text,n\n'=SUM(A1:A9),-5\n'+49 30 1234,1\n'@cmd,2\n-12.5,3\n'\tx,4\n'-,5\na=b,6\n",
                Files.readString(dir.resolve("f.csv")));
    }

    @Test
    void writesFormulasUnchangedWhenNeutralizationIsOff() throws Exception {
        Schema s = Schema.of(List.of(Field.of("a", "text", DataType.TEXT)));
        write(out("f.csv", "neutralizeFormulas", false), s, new Object[] {"=1+1"});
        assertEquals("text\n=1+1\n", Files.readString(dir.resolve("f.csv")));
    }

    @Test
    void honoursDelimiterQuoteLineSeparatorHeaderNullValueAndBom() throws Exception {
        Schema s = Schema.of(List.of(Field.of("a", "a", DataType.TEXT), Field.of("b", "b", DataType.TEXT)));
        write(out("x.csv", "delimiter", "tab", "lineSeparator", "\\r\\n", "header", false, "nullValue", "\\N", "bom", true,
                "quote", "'"), s, new Object[] {"it's", null}, new Object[] {"a\tb", "\\N"});
        byte[] bytes = Files.readAllBytes(dir.resolve("x.csv"));
        assertArrayEquals(("\uFEFF'it''s'\t\\N\r\n'a\tb'\t'\\N'\r\n").getBytes(StandardCharsets.UTF_8), bytes);
        CsvFixtures.Outcome back = readAll(dir.resolve("x.csv"), CsvFixtures.textSchema("column_1", "column_2"),
                "delimiter", "tab", "quote", "'", "header", false, "nullValue", "\\N");
        assertEquals(List.of(row("it's", null), row("a\tb", "\\N")), back.records());
    }

    @Test
    void writerClosedWithoutCommitLeavesThePreviousFileByteIdenticalAndNoTempFile() throws Exception {
        Path target = dir.resolve("keep.csv");
        byte[] before = "old,content\r\n1,2\r\n".getBytes(StandardCharsets.UTF_8);
        Files.write(target, before);
        try (RecordWriter w = new CsvTargetConnector().open(context(dir), out("keep.csv"), SCHEMA)) {
            w.write(new Object[] {9L, "new", null, null, null, null});
            assertArrayEquals(before, Files.readAllBytes(target));
            assertEquals(1, leftovers().size());
        }
        assertArrayEquals(before, Files.readAllBytes(target));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void commitReplacesTheTargetAtomicallyAndCleansUp() throws Exception {
        Path target = dir.resolve("rep.csv");
        Files.writeString(target, "old\n");
        write(out("rep.csv"), Schema.of(List.of(Field.of("a", "a", DataType.INTEGER))), new Object[] {1L});
        assertEquals("a\n1\n", Files.readString(target));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void createsMissingParentFolders() throws Exception {
        write(out("deep/er/out.csv"), Schema.of(List.of(Field.of("a", "a", DataType.INTEGER))), new Object[] {1L});
        assertTrue(Files.isRegularFile(dir.resolve("deep/er/out.csv")));
    }

    @Test
    void rejectsRowWithCharactersTheEncodingCannotRepresentAndWritesTheRest() throws Exception {
        Schema s = Schema.of(List.of(Field.of("a", "id", DataType.INTEGER), Field.of("b", "price", DataType.TEXT)));
        try (RecordWriter w = new CsvTargetConnector().open(context(dir), out("l1.csv", "encoding", "ISO-8859-1"), s)) {
            w.write(new Object[] {1L, "5 £"});
            DataException e = assertThrows(DataException.class, () -> w.write(new Object[] {2L, "5 €"}));
            assertTrue(e.recoverable());
            assertEquals("price", e.location().column());
            assertEquals(2, e.location().record());
            w.write(new Object[] {3L, "5 EUR"});
            w.commit();
        }
        assertEquals("id,price\n1,5 £\n3,5 EUR\n", Files.readString(dir.resolve("l1.csv"), StandardCharsets.ISO_8859_1));
    }

    @Test
    void writingAfterCommitIsAnError() throws Exception {
        try (RecordWriter w = new CsvTargetConnector().open(context(dir), out("c.csv"), SCHEMA)) {
            w.commit();
            assertThrows(IllegalStateException.class, () -> w.write(new Object[6]));
        }
        assertTrue(Files.exists(dir.resolve("c.csv")));
        assertFalse(new CsvTargetConnector().describe(out("c.csv")).isEmpty());
    }

    @Test
    void aReplacedFileKeepsItsPermissionsAndANewOneGetsTheFolderDefault() throws Exception {
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Schema s = Schema.of(List.of(Field.of("a", "text", DataType.TEXT)));
        Set<PosixFilePermission> umaskDefault = Files.getPosixFilePermissions(Files.createFile(dir.resolve("probe")));
        write(out("new.csv"), s, new Object[] {"x"});
        assertEquals(umaskDefault, Files.getPosixFilePermissions(dir.resolve("new.csv")), "not owner-only like a temp file");

        Files.writeString(dir.resolve("old.csv"), "old\n");
        Files.setPosixFilePermissions(dir.resolve("old.csv"), PosixFilePermissions.fromString("rw-r-----"));
        write(out("old.csv"), s, new Object[] {"y"});
        assertEquals("text\ny\n", Files.readString(dir.resolve("old.csv")));
        assertEquals(PosixFilePermissions.fromString("rw-r-----"), Files.getPosixFilePermissions(dir.resolve("old.csv")));
    }
}
