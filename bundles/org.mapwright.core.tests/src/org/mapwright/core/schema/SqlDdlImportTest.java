package org.mapwright.core.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.Ids;
import org.mapwright.core.Schema;

class SqlDdlImportTest {

    private static SqlDdlImport importer() {
        return new SqlDdlImport(new Ids(new Random(3)));
    }

    private static List<String> names(Schema s) {
        return s.fields().stream().map(Field::name).toList();
    }

    @Test
    void importsPostgresTypesNotNullAndInlinePrimaryKey() throws SchemaImportException {
        String ddl = """
                -- customers
                CREATE TABLE IF NOT EXISTS public.customers (
                  id bigserial PRIMARY KEY,
                  "Full Name" character varying(200) NOT NULL,
                  email text UNIQUE,
                  born date,
                  created timestamp with time zone NOT NULL DEFAULT now(),
                  balance numeric(12, 2) DEFAULT 0.00 CHECK (balance >= 0),
                  ratio double precision,
                  active boolean NOT NULL DEFAULT true,
                  tags text[],
                  ref uuid REFERENCES other(id),
                  opens time without time zone
                );
                CREATE INDEX customers_email ON public.customers (email);
                """;
        Schema s = importer().parse(ddl, "pg.sql", null);
        assertEquals(List.of("id", "Full Name", "email", "born", "created", "balance", "ratio", "active", "tags", "ref", "opens"), names(s));
        Field id = s.byPath("id").orElseThrow();
        assertTrue(id.key());
        assertFalse(id.nullable());
        assertEquals(DataType.INTEGER, id.type());
        assertFalse(s.byPath("Full Name").orElseThrow().nullable());
        assertEquals(DataType.TEXT, s.byPath("Full Name").orElseThrow().type());
        assertTrue(s.byPath("email").orElseThrow().nullable());
        assertEquals(DataType.DATE, s.byPath("born").orElseThrow().type());
        assertEquals(DataType.TIMESTAMP, s.byPath("created").orElseThrow().type());
        assertEquals(DataType.DECIMAL, s.byPath("balance").orElseThrow().type());
        assertEquals(DataType.DECIMAL, s.byPath("ratio").orElseThrow().type());
        assertEquals(DataType.BOOLEAN, s.byPath("active").orElseThrow().type());
        assertTrue(s.byPath("tags").orElseThrow().repeated());
        assertEquals(DataType.TEXT, s.byPath("ref").orElseThrow().type());
        assertEquals(DataType.TEXT, s.byPath("opens").orElseThrow().type());
        assertFalse(s.byPath("ref").orElseThrow().key());
    }

    @Test
    void importsMySqlTableWithBacktickNamesAndTableLevelCompositeKey() throws SchemaImportException {
        String ddl = """
                /* dump */
                CREATE TABLE `order_lines` (
                  `order_id` int(11) unsigned NOT NULL,
                  `line` smallint NOT NULL,
                  `sku` varchar(32) COLLATE utf8mb4_bin NOT NULL COMMENT 'stock unit',
                  `qty` int NOT NULL DEFAULT '1',
                  `price` decimal(10,2) DEFAULT NULL,
                  `flag` bit(1) DEFAULT b'0',
                  `at` datetime(3) DEFAULT CURRENT_TIMESTAMP(3),
                  `key` int,
                  `state` enum('new','done') NOT NULL,
                  PRIMARY KEY (`order_id`, `line`),
                  UNIQUE KEY `uq_sku` (`sku`),
                  KEY `idx_at` (`at`),
                  CONSTRAINT `fk_order` FOREIGN KEY (`order_id`) REFERENCES `orders` (`id`)
                ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
                """;
        Schema s = importer().parse(ddl, "my.sql", "ORDER_LINES");
        assertEquals(List.of("order_id", "line", "sku", "qty", "price", "flag", "at", "key", "state"), names(s));
        assertTrue(s.byPath("order_id").orElseThrow().key());
        assertTrue(s.byPath("line").orElseThrow().key());
        assertFalse(s.byPath("sku").orElseThrow().key());
        assertEquals(DataType.BOOLEAN, s.byPath("flag").orElseThrow().type());
        assertEquals(DataType.TIMESTAMP, s.byPath("at").orElseThrow().type());
        assertEquals(DataType.INTEGER, s.byPath("key").orElseThrow().type());
        assertTrue(s.byPath("price").orElseThrow().nullable());
        assertFalse(s.byPath("state").orElseThrow().nullable());
    }

    @Test
    void picksOneOfSeveralTablesByNameAndListsThem() throws SchemaImportException {
        String ddl = """
                CREATE TABLE A (X INT);
                create cached table "Mixed" (ID INTEGER NOT NULL, CONSTRAINT PK_M PRIMARY KEY (ID), V VARCHAR_IGNORECASE,
                  NUMS INTEGER ARRAY[5]);
                INSERT INTO A VALUES (1);
                """;
        assertEquals(List.of("A", "Mixed"), importer().tables(ddl, "h2.sql"));
        Schema m = importer().parse(ddl, "h2.sql", "mixed");
        assertEquals(List.of("ID", "V", "NUMS"), names(m));
        assertTrue(m.byPath("ID").orElseThrow().key());
        assertEquals(DataType.TEXT, m.byPath("V").orElseThrow().type());
        assertTrue(m.byPath("NUMS").orElseThrow().repeated());
        assertEquals(DataType.INTEGER, m.byPath("NUMS").orElseThrow().type());
        SchemaImportException several = assertThrows(SchemaImportException.class, () -> importer().parse(ddl, "h2.sql", null));
        assertTrue(several.reason().contains("several tables (A, Mixed)"), several.reason());
        SchemaImportException none = assertThrows(SchemaImportException.class, () -> importer().parse(ddl, "h2.sql", "b"));
        assertTrue(none.reason().contains("no table 'b'"), none.reason());
    }

    @Test
    void reportsUnknownTypeWithLineAndColumn() {
        SchemaImportException e = assertThrows(SchemaImportException.class,
                () -> importer().parse("CREATE TABLE t (\n  a int,\n  b wibble(3)\n);", "t.sql", null));
        assertEquals("t.sql", e.file());
        assertEquals(3, e.line());
        assertEquals(5, e.column());
        assertTrue(e.reason().contains("unknown type 'wibble'"), e.reason());
        assertTrue(e.getMessage().startsWith("t.sql:3:5: "), e.getMessage());
    }

    @Test
    void reportsMalformedStatementsAndUnsupportedColumns() {
        SchemaImportException unclosed = assertThrows(SchemaImportException.class,
                () -> importer().parse("CREATE TABLE t (a int, b varchar(3)", "t.sql", null));
        assertTrue(unclosed.reason().contains("unexpected end of the script"), unclosed.reason());
        SchemaImportException binary = assertThrows(SchemaImportException.class,
                () -> importer().parse("CREATE TABLE t (a bytea)", "t.sql", null));
        assertTrue(binary.reason().contains("binary"), binary.reason());
        SchemaImportException badKey = assertThrows(SchemaImportException.class,
                () -> importer().parse("CREATE TABLE t (a int, PRIMARY KEY (b))", "t.sql", null));
        assertTrue(badKey.reason().contains("'b'"), badKey.reason());
        SchemaImportException quote = assertThrows(SchemaImportException.class,
                () -> importer().parse("CREATE TABLE \"t (a int)", "t.sql", null));
        assertTrue(quote.reason().contains("unclosed"), quote.reason());
        SchemaImportException empty = assertThrows(SchemaImportException.class,
                () -> importer().parse("-- nothing here\n", "t.sql", null));
        assertTrue(empty.reason().contains("no CREATE TABLE"), empty.reason());
        SchemaImportException twice = assertThrows(SchemaImportException.class,
                () -> importer().parse("CREATE TABLE t (a int, A text)", "t.sql", null));
        assertTrue(twice.reason().contains("defined twice"), twice.reason());
    }
}
