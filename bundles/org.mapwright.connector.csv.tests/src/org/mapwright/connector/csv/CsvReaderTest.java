package org.mapwright.connector.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mapwright.connector.csv.CsvFixtures.context;
import static org.mapwright.connector.csv.CsvFixtures.readAll;
import static org.mapwright.connector.csv.CsvFixtures.row;
import static org.mapwright.connector.csv.CsvFixtures.settings;
import static org.mapwright.connector.csv.CsvFixtures.textSchema;
import static org.mapwright.connector.csv.CsvFixtures.write;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.core.Field;
import org.mapwright.core.Schema;
import org.mapwright.core.connector.DataLocation;
import org.mapwright.core.connector.InspectOptions;
import org.mapwright.core.connector.Inspection;
import org.mapwright.core.connector.ProgressMonitor;
import org.mapwright.core.connector.RecordReader;

class CsvReaderTest {

    @TempDir
    Path dir;

    private static final Object[] DIALECT = {"delimiter", ",", "quote", "\"", "header", true, "encoding", "UTF-8"};

    @Test
    void selectsColumnsByNameInSchemaOrder() throws Exception {
        Path f = write(dir, "c.csv", "id,name,email\n1,Ann,a@x.org\n", StandardCharsets.UTF_8);
        assertEquals(List.of(row("a@x.org", "1")), readAll(f, textSchema("email", "id"), DIALECT).records());
    }

    @Test
    void matchesColumnNamesIgnoringCaseWhenThereIsNoExactMatch() throws Exception {
        Path f = write(dir, "c.csv", "ID,Name\n1,Ann\n", StandardCharsets.UTF_8);
        assertEquals(List.of(row("Ann", "1")), readAll(f, textSchema("name", "id"), DIALECT).records());
    }

    @Test
    void emptyUnquotedFieldIsNullAndQuotedEmptyFieldIsEmptyText() throws Exception {
        Path f = write(dir, "n.csv", "a,b,c\n,\"\",x\n", StandardCharsets.UTF_8);
        assertEquals(List.of(row(null, "", "x")), readAll(f, textSchema("a", "b", "c"), DIALECT).records());
    }

    @Test
    void nullValueSettingMakesOnlyUnquotedMatchesNull() throws Exception {
        Path f = write(dir, "n.csv", "a,b,c\nNULL,\"NULL\",\n", StandardCharsets.UTF_8);
        Object[] s = {"delimiter", ",", "quote", "\"", "header", true, "encoding", "UTF-8", "nullValue", "NULL"};
        assertEquals(List.of(row(null, "NULL", "")), readAll(f, textSchema("a", "b", "c"), s).records());
    }

    @Test
    void escapeCharacterMakesTheNextCharacterLiteral() throws Exception {
        Path f = write(dir, "e.csv", "a,b\nx\\,y,\"say \\\"hi\\\"\"\n", StandardCharsets.UTF_8);
        Object[] s = {"delimiter", ",", "quote", "\"", "escape", "\\", "header", true, "encoding", "UTF-8"};
        assertEquals(List.of(row("x,y", "say \"hi\"")), readAll(f, textSchema("a", "b"), s).records());
    }

    @Test
    void renamesBlankAndRepeatedHeaderCells() throws Exception {
        Path f = write(dir, "h.csv", "name,,Name,name\n1,2,3,4\n", StandardCharsets.UTF_8);
        try (RecordReader r = CsvFixtures.connector().open(context(dir), settings(f, DIALECT), Schema.empty())) {
            assertEquals(List.of("name", "column_2", "Name_2", "name_3"), r.schema().fields().stream().map(Field::name).toList());
            assertEquals(List.of("1", "2", "3", "4"), List.of(r.next()));
        }
    }

    @Test
    void recordsCarryTheirStartLineAndNumberAcrossMultiLineValuesAndBlankLines() throws Exception {
        Path f = write(dir, "l.csv", "a,b\r\n1,\"two\r\nlines\"\r\n\r\n2,x\r3,y\n", StandardCharsets.UTF_8);
        List<DataLocation> where = new ArrayList<>();
        List<List<Object>> records = new ArrayList<>();
        try (RecordReader r = CsvFixtures.connector().open(context(dir), settings(f, DIALECT), textSchema("a", "b"))) {
            Object[] row;
            while ((row = r.next()) != null) {
                records.add(List.of(row));
                where.add(r.location());
            }
        }
        assertEquals(List.of(row("1", "two\r\nlines"), row("2", "x"), row("3", "y")), records);
        assertEquals(List.of(new DataLocation("l.csv", 2, 1, null), new DataLocation("l.csv", 5, 2, null),
                new DataLocation("l.csv", 6, 3, null)), where);
    }

    @Test
    void reportsProgressInBytes() throws Exception {
        Path f = write(dir, "p.csv", "a\n" + "1\n".repeat(1000), StandardCharsets.UTF_8);
        try (RecordReader r = CsvFixtures.connector().open(context(dir), settings(f, DIALECT), textSchema("a"))) {
            assertEquals(Files.size(f), r.totalBytes());
            while (r.next() != null) {
                assertTrue(r.bytesRead() > 0);
            }
            assertEquals(Files.size(f), r.bytesRead());
        }
    }

    @Test
    void opensWithoutDialectSettingsByDetectingThem() throws Exception {
        Path f = write(dir, "d.csv", "x;y\n1;2\n", StandardCharsets.UTF_8);
        assertEquals(List.of(row("2", "1")), readAll(f, textSchema("y", "x")).records());
    }

    @Test
    void emptySchemaReadsAllColumnsAsText() throws Exception {
        Path f = write(dir, "all.csv", "a,b\n1,2\n", StandardCharsets.UTF_8);
        try (RecordReader r = CsvFixtures.connector().open(context(dir), settings(f, DIALECT), Schema.empty())) {
            assertEquals(2, r.schema().size());
            assertEquals(List.of("1", "2"), List.of(r.next()));
        }
    }

    @Test
    void inspectionStopsWhenCancelled() throws Exception {
        Path f = write(dir, "c.csv", "a\n" + "1\n".repeat(20_000), StandardCharsets.UTF_8);
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
        assertThrows(CancellationException.class, () -> CsvFixtures.connector().inspect(context(dir), settings(f),
                new InspectOptions(100_000, true, 5), cancelled));
    }

    @Test
    void fullScanInspectionSeesEveryRowAndCanDeclareColumnsNotNullable() throws Exception {
        Path f = write(dir, "full.csv", "a,b\n" + "1,\n".repeat(50) + "2,x\n", StandardCharsets.UTF_8);
        Inspection sampled = CsvFixtures.connector().inspect(context(dir), settings(f), new InspectOptions(10, false, 5),
                ProgressMonitor.NONE);
        assertEquals(10, sampled.rowsSampled());
        assertFalse(sampled.complete());
        assertTrue(sampled.schema().fields().get(0).nullable());
        Inspection full = CsvFixtures.connector().inspect(context(dir), settings(f), new InspectOptions(10, true, 5),
                ProgressMonitor.NONE);
        assertEquals(51, full.rowsSampled());
        assertTrue(full.complete());
        assertFalse(full.schema().fields().get(0).nullable());
        assertEquals(50, full.evidence().get(full.schema().fields().get(1).id()).nullCount());
    }

    @Test
    void readsRecordsThatCrossManyBufferRefills() throws Exception {
        StringBuilder b = new StringBuilder("id,text\n");
        int n = 30_000;
        for (int i = 0; i < n; i++) {
            b.append(i).append(",\"row ").append(i).append(" with \"\"quotes\"\", commas,\nand a line break\"\n");
        }
        Path f = write(dir, "many.csv", b.toString(), StandardCharsets.UTF_8);
        CsvFixtures.Outcome out = readAll(f, textSchema("id", "text"), DIALECT);
        assertEquals(n, out.records().size());
        assertEquals(row("29999", "row 29999 with \"quotes\", commas,\nand a line break"), out.records().get(n - 1));
    }
}
