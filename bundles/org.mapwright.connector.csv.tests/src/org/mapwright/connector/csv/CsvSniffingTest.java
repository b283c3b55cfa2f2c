package org.mapwright.connector.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mapwright.connector.csv.CsvFixtures.inspect;
import static org.mapwright.connector.csv.CsvFixtures.readAll;
import static org.mapwright.connector.csv.CsvFixtures.row;
import static org.mapwright.connector.csv.CsvFixtures.write;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.connector.FieldEvidence;
import org.mapwright.core.connector.Inspection;
import org.mapwright.core.connector.RecordReader;

class CsvSniffingTest {

    @TempDir
    Path dir;

    private static List<String> names(Inspection i) {
        return i.schema().fields().stream().map(Field::name).toList();
    }

    private static Object setting(Inspection i, String key) {
        return i.settings().asMap().get(key);
    }

    @Test
    void detectsSemicolonsAndWindows1252InLatin1FileWithUmlautsAndDecimalCommas() throws Exception {
        Path f = write(dir, "de.csv", "Name;Stadt;Betrag\nMüller;Köln;12,50\nJürgen;Düsseldorf;3,75\nÖzil;Gießen;1,00\n",
                StandardCharsets.ISO_8859_1);
        Inspection i = inspect(f);
        assertEquals("windows-1252", setting(i, "encoding"));
        assertEquals(";", setting(i, "delimiter"));
        assertEquals(true, setting(i, "header"));
        assertEquals(List.of("Name", "Stadt", "Betrag"), names(i));
        CsvFixtures.Outcome out = readAll(f, i.schema(), "encoding", "windows-1252", "delimiter", ";", "header", true);
        assertEquals(row("Müller", "Köln", "12,50"), out.records().get(0));
        assertEquals(row("Özil", "Gießen", "1,00"), out.records().get(2));
    }

    @Test
    void prefersSemicolonOverCommaWhenCommasAreDecimalCommasWithoutHeader() throws Exception {
        Path f = write(dir, "nums.csv", "1,5;2,25\n3,75;4,5\n0,5;1,0\n", StandardCharsets.UTF_8);
        Inspection i = inspect(f);
        assertEquals(";", setting(i, "delimiter"));
        assertEquals(2, i.schema().size());
    }

    @Test
    void detectsTabDelimiterAndReportsItAsTab() throws Exception {
        Path f = write(dir, "t.tsv", "id\tname\tnote\n1\tAnn\ta, b; c\n2\tBob\tx | y\n", StandardCharsets.UTF_8);
        Inspection i = inspect(f);
        assertEquals("tab", setting(i, "delimiter"));
        assertEquals(List.of("id", "name", "note"), names(i));
        assertEquals(DataType.INTEGER, i.schema().fields().get(0).type());
        CsvFixtures.Outcome out = readAll(f, i.schema(), "delimiter", "\\t");
        assertEquals(row("2", "Bob", "x | y"), out.records().get(1));
    }

    @Test
    void detectsPipeDelimiter() throws Exception {
        Path f = write(dir, "p.txt", "code|label|price\nA1|Chair, oak|12.5\nB2|Table|99.0\n", StandardCharsets.UTF_8);
        Inspection i = inspect(f);
        assertEquals("|", setting(i, "delimiter"));
        assertEquals(DataType.DECIMAL, i.schema().fields().get(2).type());
    }

    @Test
    void readsUtf16LittleAndBigEndianWithByteOrderMark() throws Exception {
        String text = "name,city\nZoë,Łódź\n";
        Path le = CsvFixtures.writeBytes(dir, "le.csv", new byte[] {(byte) 0xFF, (byte) 0xFE}, text.getBytes(StandardCharsets.UTF_16LE));
        Path be = CsvFixtures.writeBytes(dir, "be.csv", new byte[] {(byte) 0xFE, (byte) 0xFF}, text.getBytes(StandardCharsets.UTF_16BE));
        Inspection l = inspect(le);
        Inspection b = inspect(be);
        assertEquals("UTF-16LE", setting(l, "encoding"));
        assertEquals("UTF-16BE", setting(b, "encoding"));
        assertEquals(List.of("name", "city"), names(l));
        assertEquals(List.of(row("Zoë", "Łódź")), readAll(le, l.schema()).records());
        assertEquals(List.of(row("Zoë", "Łódź")), readAll(be, b.schema()).records());
    }

    @Test
    void detectsUtf16WithoutByteOrderMark() throws Exception {
        Path f = CsvFixtures.writeBytes(dir, "le.csv", "a,b\n1,2\n3,4\n".getBytes(StandardCharsets.UTF_16LE));
        Inspection i = inspect(f);
        assertEquals("UTF-16LE", setting(i, "encoding"));
        assertEquals(List.of("a", "b"), names(i));
    }

    @Test
    void skipsUtf8ByteOrderMarkSoTheFirstColumnNameIsClean() throws Exception {
        Path f = CsvFixtures.writeBytes(dir, "bom.csv", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                "id,name\n1,x\n".getBytes(StandardCharsets.UTF_8));
        Inspection i = inspect(f);
        assertEquals("UTF-8", setting(i, "encoding"));
        assertEquals(List.of("id", "name"), names(i));
        assertEquals(List.of(row("1", "x")), readAll(f, i.schema()).records());
    }

    @Test
    void detectsMissingHeaderFromTypedFirstRowAndNamesColumnsByPosition() throws Exception {
        Path f = write(dir, "nohead.csv", "1,2024-01-05,4.5\n2,2024-02-06,5.5\n3,2024-03-07,6\n", StandardCharsets.UTF_8);
        Inspection i = inspect(f);
        assertEquals(false, setting(i, "header"));
        assertEquals(List.of("column_1", "column_2", "column_3"), names(i));
        assertEquals(DataType.DATE, i.schema().fields().get(1).type());
        assertEquals(3, i.rowsSampled());
        assertEquals(3, readAll(f, i.schema(), "header", false).records().size());
    }

    @Test
    void detectsHeaderAboveTypedData() throws Exception {
        Path f = write(dir, "head.csv", "id,born,score\n1,2024-01-05,4.5\n2,2024-02-06,5.5\n", StandardCharsets.UTF_8);
        assertEquals(true, setting(inspect(f), "header"));
    }

    @Test
    void detectsNoHeaderWhenFirstTextRowRepeatsAsData() throws Exception {
        Path f = write(dir, "cities.csv", "Berlin,DE\nParis,FR\nBerlin,DE\n", StandardCharsets.UTF_8);
        assertEquals(false, setting(inspect(f), "header"));
    }

    @Test
    void detectsCrLfAndLfLineSeparatorsAndReadsBothAlike() throws Exception {
        Path crlf = write(dir, "crlf.csv", "a,b\r\n1,2\r\n3,4\r\n", StandardCharsets.UTF_8);
        Path lf = write(dir, "lf.csv", "a,b\n1,2\n3,4\n", StandardCharsets.UTF_8);
        Inspection c = inspect(crlf);
        Inspection l = inspect(lf);
        assertEquals("\r\n", setting(c, "lineSeparator"));
        assertEquals("\n", setting(l, "lineSeparator"));
        assertEquals(readAll(lf, l.schema()).records(), readAll(crlf, c.schema()).records());
    }

    @Test
    void respectsQuotesWhenCountingDelimiters() throws Exception {
        Path f = write(dir, "q.csv", "name,comment\n\"Smith; John\",\"a;b;c;d\"\n\"Doe; Jane\",\"e;f\"\nMax,plain\n",
                StandardCharsets.UTF_8);
        Inspection i = inspect(f);
        assertEquals(",", setting(i, "delimiter"));
        assertEquals(row("Smith; John", "a;b;c;d"), readAll(f, i.schema()).records().get(0));
    }

    @Test
    void detectsSingleQuoteAsQuoteCharacter() throws Exception {
        Path f = write(dir, "sq.csv", "id,name\n1,'Smith, John'\n2,'Doe, Jane'\n", StandardCharsets.UTF_8);
        Inspection i = inspect(f);
        assertEquals("'", setting(i, "quote"));
        assertEquals(row("1", "Smith, John"), readAll(f, i.schema(), "quote", "'").records().get(0));
    }

    @Test
    void userSettingsWinOverDetection() throws Exception {
        Path f = write(dir, "u.csv", "a;b\n1;2\n", StandardCharsets.UTF_8);
        Inspection i = inspect(f, "delimiter", ",", "header", false, "encoding", "ISO-8859-1");
        assertEquals(",", setting(i, "delimiter"));
        assertEquals(false, setting(i, "header"));
        assertEquals("ISO-8859-1", setting(i, "encoding"));
        assertEquals(List.of("column_1"), names(i));
    }

    @Test
    void skipsTitleLinesBeforeTheHeader() throws Exception {
        Path f = write(dir, "report.csv", "Sales report, all regions\nGenerated 2024-05-01\nregion;amount\nNorth;10\nSouth;20\n",
                StandardCharsets.UTF_8);
        Inspection i = inspect(f, "skipLines", 2);
        assertEquals(";", setting(i, "delimiter"));
        assertEquals(List.of("region", "amount"), names(i));
        assertEquals(DataType.INTEGER, i.schema().fields().get(1).type());
        CsvFixtures.Outcome out = readAll(f, i.schema(), "skipLines", 2);
        assertEquals(List.of(row("North", "10"), row("South", "20")), out.records());
        try (RecordReader r = CsvFixtures.connector().open(CsvFixtures.context(dir), CsvFixtures.settings(f, "skipLines", 2), i.schema())) {
            r.next();
            assertEquals(4, r.location().line());
            assertEquals(1, r.location().record());
        }
    }

    @Test
    void readsGermanWindows1252FixtureWithQuotedSemicolonsAndLineBreaks() throws Exception {
        Path data = Path.of(System.getProperty("mapwright.testdata", "data"));
        Path fixture = data.resolve("bestellungen-cp1252.csv");
        Assumptions.assumeTrue(Files.isRegularFile(fixture), "test data not found at " + data + "; set -Dmapwright.testdata");
        Path f = Files.copy(fixture, dir.resolve(fixture.getFileName()));
        Inspection i = inspect(f);
        assertEquals("windows-1252", setting(i, "encoding"));
        assertEquals(";", setting(i, "delimiter"));
        assertEquals("\r\n", setting(i, "lineSeparator"));
        assertEquals(List.of("Bestellnr", "Kunde", "Straße", "Betrag", "Datum"), names(i));
        assertEquals(List.of(DataType.INTEGER, DataType.TEXT, DataType.TEXT, DataType.TEXT, DataType.DATE),
                i.schema().fields().stream().map(Field::type).toList());
        assertEquals("dd.MM.yyyy", i.schema().fields().get(4).format());
        CsvFixtures.Outcome out = readAll(f, i.schema(), "encoding", "windows-1252", "delimiter", ";", "header", true);
        assertEquals(row("1003", "Café \"Zur Börse\"", "Marktplatz 3\r\n2. Etage", "0,99", "15.02.2024"), out.records().get(2));
    }

    @Test
    void inspectionReportsEvidenceAndCompleteness() throws Exception {
        Path f = write(dir, "e.csv", "id,name\n1,Ann\n2,\n3,Cy\n", StandardCharsets.UTF_8);
        Inspection i = inspect(f);
        assertTrue(i.complete());
        assertEquals(3, i.rowsSampled());
        Field name = i.schema().fields().get(1);
        assertEquals(1, i.evidence().get(name.id()).nullCount());
        assertEquals(List.of("Ann", "Cy"), i.evidence().get(name.id()).samples());
    }

    @Test
    void inspectionWarnsAboutStrayValuesOfAToleratedType() throws Exception {
        StringBuilder csv = new StringBuilder("id,signup\n");
        for (int i = 0; i < 38; i++) {
            csv.append(i).append(',').append(String.format("%02d/01/2024", i % 28 + 1)).append('\n');
        }
        csv.append("38,n/a\n39,unknown\n");
        Path f = write(dir, "stray.csv", csv.toString(), StandardCharsets.UTF_8);
        Inspection i = inspect(f);
        Field signup = i.schema().fields().get(1);
        assertEquals(DataType.DATE, signup.type());
        assertEquals("dd/MM/yyyy", signup.format());
        FieldEvidence e = i.evidence().get(signup.id());
        assertEquals("2 of 40 values are not dates (dd/MM/yyyy): 'n/a', 'unknown'; 'n/a' looks like a null marker", e.warning());
        assertEquals(List.of("n/a", "unknown"), e.outlierSamples());
        FieldEvidence id = i.evidence().get(i.schema().fields().get(0).id());
        assertNull(id.warning());
        assertEquals(List.of(), id.outlierSamples());
    }
}
