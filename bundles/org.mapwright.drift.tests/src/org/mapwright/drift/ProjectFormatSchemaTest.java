package org.mapwright.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.FieldMapping;
import org.mapwright.core.JoinDef;
import org.mapwright.core.MappingDef;
import org.mapwright.core.OutputDef;
import org.mapwright.core.Project;
import org.mapwright.core.RuleDef;
import org.mapwright.core.Schema;
import org.mapwright.core.Settings;
import org.mapwright.core.SourceDef;
import org.mapwright.core.io.ProjectFormatException;
import org.mapwright.core.io.ProjectIO;
import org.mapwright.core.io.ProjectMigrations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The published JSON Schema of mapwright.json describes exactly what ProjectIO writes. */
class ProjectFormatSchemaTest {

    private static final Path SCHEMA = DriftFixtures.REPO.resolve("bundles/org.mapwright.core/schema/mapwright-project.schema.json");
    private static final Path DATA = Path.of(System.getProperty("mapwright.testdata", "data"));

    private final ObjectMapper json = new ObjectMapper();
    private final ProjectIO io = new ProjectIO();

    private JsonSchemaSubset schema() throws IOException {
        return new JsonSchemaSubset(json.readTree(Files.readString(SCHEMA, StandardCharsets.UTF_8)));
    }

    /** A project using every optional part of the format. */
    private static Project everything() {
        Field city = Field.of("f_city", "city", DataType.TEXT);
        Field address = new Field("f_addr", "address", DataType.RECORD, true, false, null, false, List.of(city));
        Schema source = Schema.of(List.of(Field.of("f_id", "id", DataType.INTEGER).withKey(true).withNullable(false),
                Field.of("f_born", "born", DataType.DATE).withFormat("dd/MM/yyyy"), Field.of("f_tags", "tags", DataType.TEXT).withRepeated(true),
                address));
        Schema target = Schema.of(List.of(Field.of("t_id", "id", DataType.INTEGER), Field.of("t_city", "city", DataType.TEXT)));
        SourceDef s = new SourceDef("src_a", "a", "json", Settings.of(Map.of("path", "a.json", "onDrift", "warn", "sample", 10L,
                "strict", true, "ratio", new java.math.BigDecimal("0.5"))), source);
        SourceDef lookup = new SourceDef("src_b", "b", "csv", Settings.of(Map.of("path", "b.csv")),
                Schema.of(List.of(Field.of("f_bid", "bid", DataType.INTEGER))));
        MappingDef m = new MappingDef("map_a", "a", "src_a",
                List.of(new JoinDef("src_b", JoinDef.Kind.INNER, List.of(new JoinDef.Key("id", "bid")))), "id > 0", target,
                List.of(new FieldMapping("t_id", "id"), new FieldMapping("t_city", "address.city")), "city <> ''",
                List.of(new RuleDef("r_1", "t_id", RuleDef.Kind.RANGE, Settings.of(Map.of("min", 1L)), RuleDef.Action.FAIL)), 10, 2.5,
                List.of(new OutputDef("out_1", "csv", Settings.of(Map.of("path", "out.csv")))));
        return new Project("everything", List.of(s, lookup), List.of(m), org.mapwright.core.connector.Limits.DEFAULTS
                .with(Map.of("maxFieldChars", 10L, "maxRecordChars", 20L, "maxNestingDepth", 3L, "maxNumberChars", 40L)));
    }

    @Test
    void theSampleAndEveryGoldenProjectValidate() throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(DriftFixtures.SAMPLE.resolve("mapwright.json"));
        Path golden = DriftFixtures.REPO.resolve("bundles/org.mapwright.runtime.tests/data/golden");
        assumeTrue(Files.isDirectory(golden), "golden projects at " + golden);
        try (Stream<Path> dirs = Files.list(golden)) {
            dirs.map(d -> d.resolve("project/mapwright.json")).filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        assertTrue(files.size() > 5, files.toString());
        JsonSchemaSubset validator = schema();
        for (Path f : files) {
            List<String> errors = validator.validate(json.readTree(Files.readString(f, StandardCharsets.UTF_8)));
            assertEquals(List.of(), errors, f.toString());
        }
    }

    @Test
    void everythingProjectIOWritesIsDeclaredAndEveryDeclaredKeyIsWritten() throws IOException {
        JsonSchemaSubset validator = schema();
        String written = io.toJson(everything());
        assertEquals(List.of(), validator.validate(json.readTree(written)), written);
        assertEquals(46, validator.declaredProperties().size(), validator.declaredProperties().toString());
        Set<String> unused = new LinkedHashSet<>(validator.declaredProperties());
        unused.removeAll(validator.seenProperties());
        assertEquals(Set.of(), unused, "the schema declares keys ProjectIO does not write");
    }

    @Test
    void aKeyTheSchemaDoesNotDeclareFailsValidation() throws IOException {
        ObjectNode tree = (ObjectNode) json.readTree(io.toJson(everything()));
        ((ObjectNode) tree.path("sources").get(0).path("schema").path("fields").get(0)).put("colour", "red");
        tree.put("formatVersion", 2);
        ((ObjectNode) tree.path("mappings").get(0).path("joins").get(0)).put("kind", "outer");
        List<String> errors = schema().validate(tree);
        assertTrue(errors.contains("$.sources[0].schema.fields[0]: 'colour' is not declared by the schema"), errors.toString());
        assertTrue(errors.contains("$.formatVersion: 2 is not 1"), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("$.mappings[0].joins[0].kind: \"outer\" is not one of")), errors.toString());
    }

    @Test
    void migrationsUpgradeAnOlderFormatStepByStepBeforeReading() throws IOException {
        String v0 = Files.readString(DATA.resolve("migrations/project-v0.json"), StandardCharsets.UTF_8);
        ProjectMigrations.Step renameKind = new ProjectMigrations.Step() {
            @Override
            public int from() {
                return 0;
            }

            @Override
            public String description() {
                return "sources[].kind is called connector";
            }

            @Override
            public void apply(ObjectNode root) throws ProjectFormatException {
                for (JsonNode s : root.path("sources")) {
                    ObjectNode source = (ObjectNode) s;
                    if (!source.has("kind")) {
                        throw new ProjectFormatException("$.sources: a source without kind");
                    }
                    source.set("connector", source.remove("kind"));
                }
            }
        };
        ProjectMigrations migrations = new ProjectMigrations(1, List.of(renameKind));
        assertEquals(0, migrations.oldestSupported());
        JsonNode upgraded = migrations.upgrade(json.readTree(v0));
        assertEquals(1, upgraded.path("formatVersion").intValue());
        Project p = io.parse(upgraded.toString());
        assertEquals("csv", p.sources().get(0).connector());
        assertEquals(List.of(), new JsonSchemaSubset(json.readTree(Files.readString(SCHEMA))).validate(json.readTree(io.toJson(p))));

        var tooOld = assertThrows(ProjectFormatException.class, () -> io.parse(v0));
        assertTrue(tooOld.getMessage().contains("0 is older than any format this Mapwright can upgrade (1 to 1)"), tooOld.getMessage());
        var newer = assertThrows(ProjectFormatException.class, () -> io.parse(v0.replace("\"formatVersion\": 0", "\"formatVersion\": 2")));
        assertTrue(newer.getMessage().contains("newer than this Mapwright understands"), newer.getMessage());
        var broken = assertThrows(ProjectFormatException.class,
                () -> migrations.upgrade(json.readTree(v0.replace("\"kind\": \"csv\",", ""))));
        assertTrue(broken.getMessage().startsWith("upgrading from format 0 (sources[].kind is called connector): $.sources"),
                broken.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ProjectMigrations(1, List.of(renameKind, renameKind)));
        assertFalse(ProjectMigrations.standard().oldestSupported() < 1, "format 1 is the first released one");
    }
}
