package org.mapwright.connector.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.mapwright.connector.csv.CsvFixtures.context;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.Schema;
import org.mapwright.core.Settings;
import org.mapwright.core.connector.RecordWriter;

/** Byte-exact output of numbers, dates and text whose quoting depends on the dialect. */
class CsvWriterValuesTest {

    @TempDir
    Path dir;

    private static final Schema SCHEMA = Schema.of(List.of(
            Field.of("f1", "n", DataType.INTEGER),
            Field.of("f2", "d", DataType.DATE),
            Field.of("f3", "t", DataType.TEXT),
            Field.of("f4", "x", DataType.DECIMAL)));

    private byte[] write(Object[][] rows, Object... keyValues) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", "o.csv");
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        try (RecordWriter w = new CsvTargetConnector().open(context(dir), Settings.of(m), SCHEMA)) {
            for (Object[] r : rows) {
                w.write(r);
            }
            w.commit();
        }
        return Files.readAllBytes(dir.resolve("o.csv"));
    }

    @Test
    void printsIntegersAndDatesAsTheirCanonicalText() throws Exception {
        byte[] b = write(new Object[][] {
                {0L, LocalDate.of(2024, 2, 29), "a", new BigDecimal("1.50")},
                {Long.MIN_VALUE, LocalDate.of(0, 1, 1), null, null},
                {Long.MAX_VALUE, LocalDate.of(9999, 12, 31), "", null},
                {-7L, LocalDate.of(10000, 1, 1), "b", null},
                {7L, LocalDate.of(-1, 3, 4), "c", null},
                {12L, LocalDate.of(5, 6, 7), "d", null}});
        assertArrayEquals(("n,d,t,x\n0,2024-02-29,a,1.50\n-9223372036854775808,0000-01-01,,\n"
                + "9223372036854775807,9999-12-31,\"\",\n-7,+10000-01-01,b,\n7,-0001-03-04,c,\n12,0005-06-07,d,\n")
                .getBytes(StandardCharsets.UTF_8), b);
    }

    @Test
    void quotesNumbersAndDatesThatCollideWithTheDelimiterOrTheNullText() throws Exception {
        byte[] b = write(new Object[][] {{-5L, LocalDate.of(2024, 1, 2), "x-y", null}, {0L, null, "0", new BigDecimal("0")}},
                "delimiter", "-", "nullValue", "0", "header", false);
        assertArrayEquals("\"-5\"-\"2024-01-02\"-\"x-y\"-0\n\"0\"-0-\"0\"-\"0\"\n".getBytes(StandardCharsets.UTF_8), b);
    }

    @Test
    void quotesTextContainingANonAsciiDelimiterAndEncodesByteExactly() throws Exception {
        byte[] b = write(new Object[][] {{1L, null, "a§b", null}, {2L, null, "é€\uD83D\uDE00", null}},
                "delimiter", "§", "header", false);
        assertArrayEquals("1§§\"a§b\"§\n2§§é€\uD83D\uDE00§\n".getBytes(StandardCharsets.UTF_8), b);
        b = write(new Object[][] {{1L, null, "café;x", null}}, "delimiter", ";", "encoding", "ISO-8859-1", "header", false);
        assertArrayEquals("1;;\"café;x\";\n".getBytes(StandardCharsets.ISO_8859_1), b);
    }

    @Test
    void quotesTextWithLineBreaksQuotesOrOuterWhitespaceOnly() throws Exception {
        byte[] b = write(new Object[][] {{1L, null, "a\rb", null}, {2L, null, "say \"hi\"", null}, {3L, null, "\u00A0x", null},
                {4L, null, "in side", null}, {5L, null, "tab\t", null}}, "header", false);
        assertArrayEquals("1,,\"a\rb\",\n2,,\"say \"\"hi\"\"\",\n3,,\u00A0x,\n4,,in side,\n5,,\"tab\t\",\n"
                .getBytes(StandardCharsets.UTF_8), b);
    }
}
