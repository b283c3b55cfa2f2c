package org.mapwright.connector.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mapwright.connector.csv.CsvFixtures.context;
import static org.mapwright.connector.csv.CsvFixtures.readAll;
import static org.mapwright.connector.csv.CsvFixtures.row;
import static org.mapwright.connector.csv.CsvFixtures.settings;
import static org.mapwright.connector.csv.CsvFixtures.textSchema;
import static org.mapwright.connector.csv.CsvFixtures.write;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.core.DataType;
import org.mapwright.core.Schema;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.Inspection;
import org.mapwright.core.connector.Limits;
import org.mapwright.core.connector.RecordReader;

class CsvBadInputTest {

    @TempDir
    Path dir;

    private static final Object[] DIALECT = {"delimiter", ",", "quote", "\"", "header", true, "encoding", "UTF-8"};

    private static Object[] dialect(Object... more) {
        Object[] all = new Object[DIALECT.length + more.length];
        System.arraycopy(DIALECT, 0, all, 0, DIALECT.length);
        System.arraycopy(more, 0, all, DIALECT.length, more.length);
        return all;
    }

    @Test
    void rejectsRowWithUnclosedQuoteAndKeepsReading() throws Exception {
        Path f = write(dir, "q.csv", "id,name\n1,ok\n2,\"broken\n3,fine\n4,also\n", StandardCharsets.UTF_8);
        CsvFixtures.Outcome out = readAll(f, textSchema("id", "name"), DIALECT);
        assertEquals(List.of(row("1", "ok"), row("3", "fine"), row("4", "also")), out.records());
        assertEquals(1, out.errors().size());
        DataException e = out.errors().get(0);
        assertTrue(e.recoverable());
        assertTrue(e.reason().startsWith("unclosed quote: the quoted value opened at line 3, character 3"), e.reason());
        assertEquals(3, e.location().line());
        assertEquals(2, e.location().record());
        assertEquals("name", e.location().column());
        assertEquals("2,\"broken", e.rawText());
        assertTrue(e.getMessage().startsWith("q.csv, line 3, record 2, column 'name': unclosed quote"), e.getMessage());
    }

    @Test
    void unclosedQuoteIsBoundedByTheFieldLimitAndOnlyItsLineIsLost() throws Exception {
        StringBuilder b = new StringBuilder("id,text\n1,\"stray quote\n");
        for (int i = 2; i <= 500; i++) {
            b.append(i).append(",line ").append(i).append('\n');
        }
        Path f = write(dir, "stray.csv", b.toString(), StandardCharsets.UTF_8);
        RecordReader reader = CsvFixtures.connector().open(context(dir, new Limits(200, 10_000, 64, 1000)),
                settings(f, DIALECT), textSchema("id", "text"));
        CsvFixtures.Outcome out = readAll(reader);
        assertEquals(499, out.records().size());
        assertEquals(row("2", "line 2"), out.records().get(0));
        assertEquals(1, out.errors().size());
        assertTrue(out.errors().get(0).reason().contains("longer than 200 characters " + Limits.hit(Limits.MAX_FIELD_CHARS)), out.errors().get(0).reason());
        assertEquals(2, out.errors().get(0).location().line());
    }

    @Test
    void rejectsRaggedRowsNamingExpectedAndActualCounts() throws Exception {
        Path f = write(dir, "r.csv", "a,b,c\n1,2,3\n4,5,6,7\n8,9\n10,11,12\n", StandardCharsets.UTF_8);
        CsvFixtures.Outcome out = readAll(f, textSchema("a", "c"), DIALECT);
        assertEquals(List.of(row("1", "3"), row("10", "12")), out.records());
        assertEquals(List.of("the record has 4 fields, expected 3 as in the header", "the record has 2 fields, expected 3 as in the header"),
                out.reasons());
        assertEquals(3, out.errors().get(0).location().line());
        assertEquals(2, out.errors().get(0).location().record());
        assertEquals("4,5,6,7", out.errors().get(0).rawText());
        assertEquals(4, out.errors().get(1).location().line());
    }

    @Test
    void padsShortRecordsWithNullsWhenAskedAndStillRejectsLongOnes() throws Exception {
        Path f = write(dir, "r.csv", "a,b,c\n1,2\n4,5,6,7\n", StandardCharsets.UTF_8);
        CsvFixtures.Outcome out = readAll(f, textSchema("a", "b", "c"), dialect("padShortRecords", true));
        assertEquals(List.of(row("1", "2", null)), out.records());
        assertEquals(List.of("the record has 4 fields, expected 3 as in the header"), out.reasons());
    }

    @Test
    void rejectsRecordWithMalformedUtf8NamingLineAndBytesAndKeepsReading() throws Exception {
        Path f = CsvFixtures.writeBytes(dir, "bad.csv", "a,b\n1,x\n2,\"multi\nline ".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xC3, 0x28}, "\"\n3,z\n".getBytes(StandardCharsets.UTF_8));
        CsvFixtures.Outcome out = readAll(f, textSchema("a", "b"), DIALECT);
        assertEquals(List.of(row("1", "x"), row("3", "z")), out.records());
        assertEquals(1, out.errors().size());
        DataException e = out.errors().get(0);
        assertTrue(e.recoverable());
        assertEquals(4, e.location().line());
        assertEquals(2, e.location().record());
        assertEquals("b", e.location().column());
        assertTrue(e.reason().contains("0xC3") && e.reason().contains("not valid"), e.reason());
    }

    @Test
    void inspectFallsBackToWindows1252ForInvalidUtf8() throws Exception {
        Path f = CsvFixtures.writeBytes(dir, "w.csv", "name,price\nCaf".getBytes(StandardCharsets.US_ASCII),
                new byte[] {(byte) 0xE9}, ",3\nTea,2\n".getBytes(StandardCharsets.US_ASCII));
        Inspection i = CsvFixtures.inspect(f);
        assertEquals("windows-1252", i.settings().asMap().get("encoding"));
        assertTrue(i.warnings().isEmpty());
        assertEquals(row("Café", "3"), readAll(f, i.schema()).records().get(0));
    }

    @Test
    void inspectingAnEmptyFileIsAClearErrorAndReadingItGivesNoRecords() throws Exception {
        Path f = write(dir, "empty.csv", "", StandardCharsets.UTF_8);
        DataException e = assertThrows(DataException.class, () -> CsvFixtures.inspect(f));
        assertFalse(e.recoverable());
        assertTrue(e.getMessage().contains("empty.csv") && e.reason().contains("empty"), e.getMessage());
        assertEquals(List.of(), readAll(f, textSchema("a"), DIALECT).records());
    }

    @Test
    void headerOnlyFileGivesTextColumnsAndNoRecords() throws Exception {
        Path f = write(dir, "h.csv", "id,name,email\n", StandardCharsets.UTF_8);
        Inspection i = CsvFixtures.inspect(f);
        assertEquals(3, i.schema().size());
        assertTrue(i.schema().fields().stream().allMatch(x -> x.type() == DataType.TEXT && x.nullable()));
        assertEquals(0, i.rowsSampled());
        assertTrue(i.complete());
        CsvFixtures.Outcome out = readAll(f, i.schema(), DIALECT);
        assertEquals(List.of(), out.records());
        assertEquals(List.of(), out.errors());
    }

    @Test
    void rejectsValueOverTheFieldLimitAndReadsOn() throws Exception {
        String huge = "x".repeat(5000);
        Path f = write(dir, "big.csv", "a,b\n1," + huge + "\n2,\"" + huge + "\"\n3,ok\n", StandardCharsets.UTF_8);
        RecordReader reader = CsvFixtures.connector().open(context(dir, new Limits(1000, 100_000, 64, 1000)),
                settings(f, DIALECT), textSchema("a", "b"));
        CsvFixtures.Outcome out = readAll(reader);
        assertEquals(List.of(row("3", "ok")), out.records());
        assertEquals(2, out.errors().size());
        assertEquals("the value is longer than 1000 characters " + Limits.hit(Limits.MAX_FIELD_CHARS), out.errors().get(0).reason());
        assertEquals("b", out.errors().get(0).location().column());
        assertTrue(out.errors().get(1).reason().contains("1000 characters"), out.errors().get(1).reason());
    }

    @Test
    void rejectsRecordOverTheRecordLimitAndSkipsToTheEndOfItsLine() throws Exception {
        String wide = "y,".repeat(3000) + "y";
        Path f = write(dir, "wide.csv", "a,b\n1,2\n" + wide + "\n3,4\n", StandardCharsets.UTF_8);
        RecordReader reader = CsvFixtures.connector().open(context(dir, new Limits(1000, 2000, 64, 1000)),
                settings(f, DIALECT), textSchema("a", "b"));
        CsvFixtures.Outcome out = readAll(reader);
        assertEquals(List.of(row("1", "2"), row("3", "4")), out.records());
        assertEquals(1, out.errors().size());
        assertTrue(out.errors().get(0).reason().contains("longer than 2000 characters " + Limits.hit(Limits.MAX_RECORD_CHARS)), out.errors().get(0).reason());
        assertEquals(3, out.errors().get(0).location().line());
    }

    @Test
    void rejectsLineLongerThanTheBufferWithoutHoldingItAndReadsOn() throws Exception {
        Path f = write(dir, "long.csv", "a,b\n1,2\n" + "z".repeat(1_500_000) + "\n3,4\n", StandardCharsets.UTF_8);
        RecordReader reader = CsvFixtures.connector().open(context(dir, new Limits(1000, 2000, 64, 1000)),
                settings(f, DIALECT), textSchema("a", "b"));
        CsvFixtures.Outcome out = readAll(reader);
        assertEquals(List.of(row("1", "2"), row("3", "4")), out.records());
        assertEquals(1, out.errors().size());
        DataException e = out.errors().get(0);
        assertTrue(e.reason().contains("skipped to the end of its line"), e.reason());
        assertTrue(e.reason().contains("(limit maxRecordChars; raise it with --limit maxRecordChars=N"), "names the limit and how to raise it: " + e.reason());
        assertEquals(3, e.location().line());
        assertTrue(e.rawText().length() <= 65_536);
    }

    @Test
    void missingColumnIsFatalAndNamesItAndTheAvailableColumns() throws Exception {
        Path f = write(dir, "m.csv", "id,name\n1,x\n", StandardCharsets.UTF_8);
        DataException e = assertThrows(DataException.class,
                () -> CsvFixtures.connector().open(context(dir), settings(f, DIALECT), textSchema("id", "email")));
        assertFalse(e.recoverable());
        assertEquals("email", e.location().column());
        assertEquals("column 'email' is not in the file; available columns: id, name", e.reason());
    }

    @Test
    void onErrorFailStopsAtTheFirstBadRecordWhileRejectContinues() throws Exception {
        Path f = write(dir, "f.csv", "a,b\n1,2\n3\n4,5\n", StandardCharsets.UTF_8);
        CsvFixtures.Outcome rejected = readAll(f, textSchema("a", "b"), DIALECT);
        assertEquals(List.of(row("1", "2"), row("4", "5")), rejected.records());
        assertTrue(rejected.errors().get(0).recoverable());

        RecordReader reader = CsvFixtures.connector().open(context(dir), settings(f, dialect("onError", "fail")), textSchema("a", "b"));
        assertEquals(row("1", "2"), List.of(reader.next()));
        DataException e = assertThrows(DataException.class, reader::next);
        assertFalse(e.recoverable());
        assertEquals(3, e.location().line());
        assertEquals("3", e.rawText());
        assertSame(e, assertThrows(DataException.class, reader::next));
        reader.close();
    }

    @Test
    void rejectsTextAfterAClosingQuote() throws Exception {
        Path f = write(dir, "j.csv", "a,b\n1,\"5'11\"\" tall\" or so\n2,x\n", StandardCharsets.UTF_8);
        CsvFixtures.Outcome out = readAll(f, textSchema("a", "b"), DIALECT);
        assertEquals(List.of(row("2", "x")), out.records());
        assertTrue(out.reasons().get(0).startsWith("unexpected character 'o' after the closing quote"), out.reasons().get(0));
    }

    @Test
    void badSettingsAreFatalErrorsNamingTheSetting() throws Exception {
        Path f = write(dir, "s.csv", "a\n1\n", StandardCharsets.UTF_8);
        DataException e = assertThrows(DataException.class,
                () -> CsvFixtures.connector().open(context(dir), settings(f, "delimiter", ";;"), Schema.empty()));
        assertTrue(e.reason().contains("'delimiter'"), e.reason());
        e = assertThrows(DataException.class, () -> CsvFixtures.inspect(f, "encoding", "klingon"));
        assertTrue(e.reason().contains("unknown encoding 'klingon'"), e.reason());
        e = assertThrows(DataException.class, () -> CsvFixtures.inspect(f, "onError", "ignore"));
        assertTrue(e.reason().contains("'onError'"), e.reason());
        e = assertThrows(DataException.class, () -> CsvFixtures.inspect(dir.resolve("nope.csv")));
        assertTrue(e.reason().startsWith("file not found"), e.reason());
    }

    @Test
    void badFirstRecordWithoutHeaderIsReportedAndTheColumnsComeFromTheFirstGoodOne() throws Exception {
        Path f = write(dir, "nh.csv", "1,\"x\"y,3\n4,5,6\n7,8,9\n", StandardCharsets.UTF_8);
        CsvFixtures.Outcome out = readAll(f, textSchema("column_1", "column_3"), "header", false, "delimiter", ",", "quote", "\"",
                "encoding", "UTF-8");
        assertEquals(List.of(row("4", "6"), row("7", "9")), out.records());
        assertEquals(1, out.errors().size());
        assertEquals(1, out.errors().get(0).location().record());
    }

    @Test
    void readerReturnsNullAfterTheEnd() throws Exception {
        Path f = write(dir, "e.csv", "a\n1\n", StandardCharsets.UTF_8);
        try (RecordReader r = CsvFixtures.connector().open(context(dir), settings(f, DIALECT), textSchema("a"))) {
            r.next();
            assertNull(r.next());
            assertNull(r.next());
        }
    }
}
