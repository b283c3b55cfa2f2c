package org.mapwright.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.JoinDef;
import org.mapwright.core.MappingDef;
import org.mapwright.core.OutputDef;
import org.mapwright.core.Project;
import org.mapwright.core.RuleDef;
import org.mapwright.core.Schema;
import org.mapwright.core.Settings;
import org.mapwright.core.SourceDef;

class ProjectIOTest {

    private final ProjectIO io = new ProjectIO();

    static Project sample() {
        Schema source = Schema.of(List.of(Field.of("f_id", "id", DataType.INTEGER).withKey(true).withNullable(false),
                Field.of("f_name", "full name", DataType.TEXT),
                Field.of("f_born", "born", DataType.DATE).withFormat("dd/MM/yyyy"),
                new Field("f_addr", "address", DataType.RECORD, true, false, null, false,
                        List.of(Field.of("f_city", "city", DataType.TEXT)))));
        Schema target = Schema.of(List.of(Field.of("t_id", "customer_id", DataType.INTEGER).withKey(true),
                Field.of("t_name", "name", DataType.TEXT)));
        MappingDef m = MappingDef.simple("m_1", "customers", "src_1", target)
                .withFieldMapping("t_id", "id")
                .withFieldMapping("t_name", "upper(\"full name\")")
                .withFilter("id > 0")
                .withJoins(List.of(new JoinDef("src_2", JoinDef.Kind.LEFT, List.of(new JoinDef.Key("id", "customer")))))
                .withRules(List.of(new RuleDef("r_1", "t_name", RuleDef.Kind.NOT_NULL, Settings.empty(), RuleDef.Action.WARN)))
                .withThresholds(10, 2.5)
                .withOutputs(List.of(new OutputDef("o_1", "csv", Settings.of(Map.of("path", "out/customers.csv", "header", true)))));
        return new Project("Sample", List.of(
                new SourceDef("src_1", "customers", "csv", Settings.of(Map.of("path", "customers.csv", "delimiter", ";", "skipLines", 2L, "ratio", new BigDecimal("0.5"))), source)),
                List.of(m));
    }

    @Test
    void roundTripKeepsEveryValue() throws Exception {
        Project p = sample();
        Project back = io.parse(io.toJson(p));
        assertEquals(p, back);
    }

    @Test
    void writingTwiceGivesIdenticalBytesWithStableKeyOrder(@TempDir Path dir) throws Exception {
        io.write(sample(), dir);
        byte[] first = Files.readAllBytes(dir.resolve(ProjectIO.FILE_NAME));
        io.write(io.read(dir), dir);
        byte[] second = Files.readAllBytes(dir.resolve(ProjectIO.FILE_NAME));
        assertEquals(new String(first, StandardCharsets.UTF_8), new String(second, StandardCharsets.UTF_8));
        String text = new String(first, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("{\n  \"formatVersion\": 1,\n  \"name\": \"Sample\",\n"), text);
        assertTrue(text.endsWith("}\n"));
        assertFalse(text.contains("\r"));
        assertTrue(text.indexOf("\"delimiter\"") < text.indexOf("\"path\""), "settings keys are sorted");
        assertTrue(text.contains("\"skipLines\": 2"), "numbers stay JSON numbers");
        assertTrue(text.contains("\"header\": true"), "booleans stay JSON booleans");
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void rejectsMissingFieldNamingItsJsonPath() {
        String json = io.toJson(sample()).replace("\"type\": \"date\",", "");
        var e = assertThrows(ProjectFormatException.class, () -> io.parse(json));
        assertEquals("$.sources[0].schema.fields[2].type: missing", e.getMessage());
    }

    @Test
    void rejectsNewerFormatVersionWithAdvice() {
        var e = assertThrows(ProjectFormatException.class, () -> io.parse("{\"formatVersion\": 99, \"name\": \"x\"}"));
        assertTrue(e.getMessage().contains("newer than this Mapwright understands"), e.getMessage());
    }

    @Test
    void reportsLineAndColumnOfInvalidJson() {
        var e = assertThrows(ProjectFormatException.class, () -> io.parse("{\n  \"formatVersion\": 1,\n  \"name\": }"));
        assertTrue(e.getMessage().startsWith("line 3, column"), e.getMessage());
    }

    @Test
    void rejectsDuplicateFieldIds() {
        String json = io.toJson(sample()).replace("\"id\": \"f_name\"", "\"id\": \"f_id\"");
        var e = assertThrows(ProjectFormatException.class, () -> io.parse(json));
        assertTrue(e.getMessage().contains("duplicate field id 'f_id'"), e.getMessage());
    }

    @Test
    void readingAFolderWithoutProjectSaysSo(@TempDir Path dir) {
        var e = assertThrows(ProjectFormatException.class, () -> io.read(dir));
        assertTrue(e.getMessage().contains("no Mapwright project here"), e.getMessage());
    }

    @Test
    void limitsRoundTripAndOnlyThoseDifferingFromTheDefaultsAreWritten() throws Exception {
        Project p = sample().withLimits(org.mapwright.core.connector.Limits.DEFAULTS.with("maxFieldChars", 5_000_000));
        String json = io.toJson(p);
        assertTrue(json.endsWith("  \"limits\": {\n    \"maxFieldChars\": 5000000\n  }\n}\n"), json);
        assertEquals(p, io.parse(json));
        assertEquals(5_000_000, io.parse(json).limits().maxFieldChars());
        assertFalse(io.toJson(sample()).contains("limits"), "no key while every limit is the default");
    }

    @Test
    void rejectsAnUnknownOrInvalidLimitNamingItsJsonPath() {
        String base = io.toJson(sample());
        String unknown = base.substring(0, base.lastIndexOf('}')) + ", \"limits\": {\"maxRows\": 5}}";
        var e = assertThrows(ProjectFormatException.class, () -> io.parse(unknown));
        assertTrue(e.getMessage().contains("$.limits.maxRows: unknown limit 'maxRows' (limits: maxFieldChars"), e.getMessage());
        String zero = base.substring(0, base.lastIndexOf('}')) + ", \"limits\": {\"maxNestingDepth\": 0}}";
        e = assertThrows(ProjectFormatException.class, () -> io.parse(zero));
        assertTrue(e.getMessage().contains("$.limits.maxNestingDepth: limit maxNestingDepth must be at least 1"), e.getMessage());
    }
}
