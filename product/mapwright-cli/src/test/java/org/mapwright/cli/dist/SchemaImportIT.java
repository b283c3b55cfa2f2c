package org.mapwright.cli.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mapwright schema import} from the assembled distribution, on a copy of the sample project. */
class SchemaImportIT {

    private static final Path SAMPLE = Path.of(System.getProperty("mapwright.repo", "../.."))
            .resolve("bundles/org.mapwright.app/sample-project");

    @Test
    void importsADdlTableIntoAMappingKeepingTheIdsOfFieldsThatKeepTheirNames(@TempDir Path dir) throws Exception {
        Path project = dir.resolve("project");
        Files.createDirectories(project);
        try (var files = Files.list(SAMPLE)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, project.resolve(f.getFileName()));
            }
        }
        String before = Files.readString(project.resolve("mapwright.json"));
        assertTrue(before.contains("\"t_id8k3m2q\""), "the sample's customer_id field id");
        Files.writeString(dir.resolve("target.sql"), "CREATE TABLE other (x INT);\n"
                + "CREATE TABLE customers_out (customer_id BIGINT PRIMARY KEY, \"full_name\" VARCHAR(100) NOT NULL, loyalty DATE);\n");

        CommandLineIT.Result several = CommandLineIT.mapwright(dir, "schema", "import", "--ddl", "target.sql", "--into", "project",
                "--mapping", "map_customers");
        assertEquals(2, several.exit(), several.out());
        assertTrue(several.err().contains("several tables (other, customers_out)"), several.err());

        CommandLineIT.Result r = CommandLineIT.mapwright(dir, "schema", "import", "--ddl", "target.sql", "--table", "customers_out",
                "--into", "project", "--mapping", "map_customers");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("3 fields (2 kept their ids, 1 new"), r.out());
        String after = Files.readString(project.resolve("mapwright.json"));
        assertTrue(after.contains("\"t_id8k3m2q\""), "customer_id keeps its id");
        assertTrue(after.contains("\"loyalty\""), after);
        assertTrue(before.contains("\"t_em9s3v6w\""), "the sample's target email field id");
        assertFalse(after.contains("\"t_em9s3v6w\""), "target fields gone from the DDL are removed, with their mappings");

        Files.writeString(dir.resolve("bad.json"), "{\"type\": \"object\",\n \"properties\": {\"a\": {\"type\": \"strng\"}}}");
        CommandLineIT.Result bad = CommandLineIT.mapwright(dir, "schema", "import", "--json-schema", "bad.json");
        assertEquals(2, bad.exit(), bad.out());
        assertTrue(bad.err().contains("bad.json:2:") && bad.err().contains("unknown type 'strng'"), bad.err());
    }
}
