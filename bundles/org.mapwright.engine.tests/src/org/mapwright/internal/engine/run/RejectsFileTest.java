package org.mapwright.internal.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.util.List;

import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.engine.Reject;

class RejectsFileTest {

    @TempDir
    Path dir;

    private long filesIn(Path d) throws Exception {
        try (Stream<Path> s = Files.list(d)) {
            return s.count();
        }
    }

    @Test
    void quotesCellsThatNeedItAndNeutralisesFormulas() throws Exception {
        Path target = dir.resolve("rejects/m.rejects.csv");
        RejectsFile f = new RejectsFile(target);
        f.write(new Reject(3, "in.csv", 4, "name", "bad-value", "has \"quotes\", commas", "=HYPERLINK(\"x\")"));
        f.write(new Reject(-1, null, -1, null, "bad-record", "multi\nline", "-12.5"));
        f.write(new Reject(5, "in.csv", 6, "x", "r1", " padded", "@SUM(A1)"));
        assertFalse(Files.exists(target), "nothing visible before commit");
        f.commit();
        assertEquals("record,file,line,field,rule,reason,raw\n"
                + "3,in.csv,4,name,bad-value,\"has \"\"quotes\"\", commas\",\"'=HYPERLINK(\"\"x\"\")\"\n"
                + ",,,,bad-record,\"multi\nline\",-12.5\n"
                + "5,in.csv,6,x,r1,\" padded\",'@SUM(A1)\n", Files.readString(target, StandardCharsets.UTF_8));
        assertEquals(1, filesIn(target.getParent()), "no temporary file left");
    }

    @Test
    void discardLeavesNoFileAndKeepsThePreviousOne() throws Exception {
        Path target = dir.resolve("m.rejects.csv");
        Files.writeString(target, "previous");
        RejectsFile f = new RejectsFile(target);
        f.write(new Reject(1, "a", 2, null, "r", "why", "raw"));
        f.discard();
        assertEquals("previous", Files.readString(target));
        assertEquals(1, filesIn(dir));
    }

    @Test
    void commitWithoutRejectsRemovesAStaleFile() throws Exception {
        Path target = dir.resolve("m.rejects.csv");
        Files.writeString(target, "stale");
        new RejectsFile(target).commit();
        assertFalse(Files.exists(target));
    }

    @Test
    void joinsValuesAsCsvInCanonicalForm() {
        assertEquals("1,\"a,b\",,2024-01-02,1.50",
                RejectsFile.joinCsv(new Object[] {1L, "a,b", null, java.time.LocalDate.of(2024, 1, 2), new java.math.BigDecimal("1.50")}, List.of()));
        Field address = new Field("a", "address", DataType.RECORD, true, false, null, false,
                List.of(Field.of("c", "city", DataType.TEXT), Field.of("z", "zip", DataType.INTEGER)));
        Field tags = Field.of("t", "tags", DataType.TEXT).withRepeated(true);
        assertEquals("7,\"{\"\"city\"\":\"\"Q\\\"\"\"\",\"\"zip\"\":null}\",\"[\"\"a\"\",\"\"b\"\"]\"",
                RejectsFile.joinCsv(new Object[] {7L, new Object[] {"Q\"", null}, List.of("a", "b")},
                        List.of(Field.of("i", "id", DataType.INTEGER), address, tags)));
        assertTrue(RejectsFile.neutralise("+1").equals("+1") && RejectsFile.neutralise("+x").equals("'+x"));
    }
}
