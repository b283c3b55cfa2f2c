package org.mapwright.connector.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.Schema;
import org.mapwright.core.Settings;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.InspectOptions;
import org.mapwright.core.connector.Inspection;
import org.mapwright.core.connector.ProgressMonitor;
import org.mapwright.core.connector.RecordReader;
import org.mapwright.core.connector.RecordWriter;

/**
 * Runs against the PostgreSQL server at 127.0.0.1:5432 (database {@code test}, user
 * {@code postgres}, trust authentication); skipped when it is not reachable. Every test uses
 * tables with its own prefix and drops them afterwards.
 */
class PostgresTest {

    @TempDir
    Path dir;

    private String p;
    private ConnectorContext context;
    private final JdbcConnector source = JdbcFixtures.source();
    private final JdbcTargetConnector target = JdbcFixtures.target();

    @BeforeEach
    void createShop() throws Exception {
        JdbcFixtures.assumePostgres();
        p = JdbcFixtures.uniquePrefix();
        context = JdbcFixtures.context(dir);
        try (Connection c = JdbcFixtures.pgConnection()) {
            JdbcFixtures.createShop(c, p);
        }
    }

    @AfterEach
    void dropTables() throws SQLException {
        if (p != null) {
            JdbcFixtures.dropPgTables(p);
        }
    }

    private Settings table(String name) {
        return JdbcFixtures.pg().with("table", p + name);
    }

    private List<String> rows(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = JdbcFixtures.pgConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1) + "=" + rs.getString(2));
            }
        }
        return out;
    }

    private List<String> tablesLike(String pattern) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = JdbcFixtures.pgConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_name LIKE '" + pattern + "'")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private void exec(String sql) throws SQLException {
        try (Connection c = JdbcFixtures.pgConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    @Test
    void inspectsColumnTypesNullabilityAndKeys() throws Exception {
        Inspection inspection = source.inspect(context, table("CUSTOMERS"), InspectOptions.DEFAULTS, ProgressMonitor.NONE);
        assertEquals(p + "customers", inspection.settings().getString("table", null));
        assertEquals("public", inspection.settings().getString("schema", null));
        List<Field> fields = inspection.schema().fields();
        assertEquals(List.of("id", "name", "email", "vip", "born", "created", "balance"), fields.stream().map(Field::name).toList());
        assertEquals(List.of(DataType.INTEGER, DataType.TEXT, DataType.TEXT, DataType.BOOLEAN, DataType.DATE, DataType.TIMESTAMP, DataType.DECIMAL),
                fields.stream().map(Field::type).toList());
        assertTrue(fields.get(0).key());
        assertFalse(fields.get(1).nullable());
        assertTrue(fields.get(2).nullable());
        assertEquals(5, inspection.rowsSampled());
        assertEquals(List.of("true", "false"), inspection.evidence().get(fields.get(3).id()).samples());
    }

    @Test
    void streamsThousandsOfRowsThroughACursorWithCoreJavaTypes() throws Exception {
        exec("CREATE TABLE " + p + "big AS SELECT g AS id, 'row ' || g AS label, (g * 1.25)::numeric(10,2) AS price, g % 2 = 0 AS even,"
                + " DATE '2020-01-01' + g AS due, TIMESTAMP '2020-01-01' + g * INTERVAL '1 minute' AS stamp, g / 4.0::float8 AS ratio,"
                + " (g % 100)::smallint AS small FROM generate_series(1, 5000) g");
        Settings settings = table("big").with("fetchSize", 50L);
        Schema schema = source.inspect(context, settings, InspectOptions.DEFAULTS, ProgressMonitor.NONE).schema();
        assertEquals(List.of(DataType.INTEGER, DataType.TEXT, DataType.DECIMAL, DataType.BOOLEAN, DataType.DATE, DataType.TIMESTAMP,
                DataType.DECIMAL, DataType.INTEGER), schema.fields().stream().map(Field::type).toList());
        long count = 0;
        Object[] last = null;
        try (RecordReader reader = source.open(context, settings, schema)) {
            for (Object[] row = reader.next(); row != null; row = reader.next()) {
                count++;
                last = row.clone();
            }
            assertEquals("public." + p + "big, record 5000", reader.location().toString());
        }
        assertEquals(5000, count);
        assertArrayEquals(new Object[] { 5000L, "row 5000", new BigDecimal("6250.00"), true, LocalDate.of(2020, 1, 1).plusDays(5000),
                LocalDateTime.of(2020, 1, 4, 11, 20), new BigDecimal("1250"), 0L }, last);
    }

    @Test
    void readsAQueryInAReadOnlyTransaction() throws Exception {
        Settings query = JdbcFixtures.pg().with("query", "SELECT c.name, SUM(o.amount) AS total FROM " + p + "customers c JOIN " + p
                + "orders o ON o.customer_id = c.id GROUP BY c.name ORDER BY c.name");
        Inspection inspection = source.inspect(context, query, InspectOptions.DEFAULTS, ProgressMonitor.NONE);
        try (RecordReader reader = source.open(context, query, inspection.schema())) {
            List<Object[]> rows = JdbcFixtures.readAll(reader);
            assertArrayEquals(new Object[] { "Ann", new BigDecimal("29.99") }, rows.get(0));
            assertArrayEquals(new Object[] { "Dan", new BigDecimal("5.50") }, rows.get(1));
        }

        // A function passes the text check but must not be able to write.
        exec("CREATE FUNCTION " + p + "sneaky() RETURNS int LANGUAGE sql AS $$ DELETE FROM " + p + "orders; SELECT 1 $$");
        Settings sneaky = JdbcFixtures.pg().with("query", "SELECT " + p + "sneaky() AS x");
        DataException e = assertThrows(DataException.class, () -> source.inspect(context, sneaky, InspectOptions.DEFAULTS, ProgressMonitor.NONE));
        assertTrue(e.reason().contains("read-only transaction"), e.reason());
        assertEquals(3, rows("SELECT order_id, line_no FROM " + p + "orders").size());
        exec("DROP FUNCTION " + p + "sneaky()");
    }

    @Test
    void browsesSchemasTablesKeysAndPages() throws Exception {
        try (DatabaseBrowser browser = source.browse(context, JdbcFixtures.pg())) {
            assertTrue(browser.schemas().contains("public"));
            assertEquals("public", browser.currentSchema());
            List<TableRef> mine = browser.tables("public").stream().filter(t -> t.name().startsWith(p)).toList();
            assertEquals(List.of(p + "customers TABLE", p + "orders TABLE", p + "vip_customers VIEW"),
                    mine.stream().map(t -> t.name() + " " + t.kind()).toList());

            TableInfo orders = browser.describe(mine.get(1));
            assertEquals(List.of("order_id", "line_no"), orders.primaryKey());
            assertEquals(List.of(DataType.INTEGER, DataType.INTEGER, DataType.INTEGER, DataType.DECIMAL),
                    orders.columns().stream().map(ColumnInfo::type).toList());
            ForeignKey fk = orders.foreignKeys().get(0);
            assertEquals(p + "orders_customer_fk", fk.name());
            assertEquals(List.of("customer_id"), fk.columns());
            assertEquals("public." + p + "customers", fk.referencedTable().label());
            assertEquals(List.of("id"), fk.referencedColumns());

            PreviewPage page = browser.preview(mine.get(0), 1, 3);
            assertEquals(List.of(2L, 3L, 4L), page.rows().stream().map(r -> r[0]).toList());
            assertTrue(page.hasMore());
            assertEquals(Boolean.FALSE, page.rows().get(0)[3]);
            assertFalse(browser.preview(mine.get(0), 3, 3).hasMore());
        }
    }

    @Test
    void replaceIsAtomicAndAWriterClosedWithoutCommitLeavesTheOldTable() throws Exception {
        Settings out = JdbcFixtures.pg().with("table", p + "report").with("batchSize", 1000L);
        try (RecordWriter writer = target.open(context, out, H2TargetTest.PEOPLE)) {
            writer.write(new Object[] { 1L, "old" });
            writer.commit();
        }
        try (RecordWriter writer = target.open(context, out, H2TargetTest.PEOPLE)) {
            for (long i = 1; i <= 2500; i++) {
                writer.write(new Object[] { i, "new " + i });
            }
            assertEquals(List.of("1=old"), rows("SELECT * FROM " + p + "report"));
            assertEquals(1, tablesLike(p + "report\\_\\_mw\\_%").size());
        }
        assertEquals(List.of("1=old"), rows("SELECT * FROM " + p + "report"));
        assertEquals(List.of(), tablesLike(p + "report\\_\\_mw\\_%"));

        try (RecordWriter writer = target.open(context, out, H2TargetTest.PEOPLE)) {
            for (long i = 1; i <= 2500; i++) {
                writer.write(new Object[] { i, "new " + i });
            }
            writer.commit();
        }
        assertEquals(2500, rows("SELECT * FROM " + p + "report").size());
        assertEquals(List.of(), tablesLike(p + "report\\_\\_mw\\_%"));
    }

    @Test
    void appendCommitsWholeBatches() throws Exception {
        Settings out = JdbcFixtures.pg().with("table", p + "log").with("mode", "append").with("batchSize", 2L);
        try (RecordWriter writer = target.open(context, out, H2TargetTest.PEOPLE)) {
            for (long i = 1; i <= 5; i++) {
                writer.write(new Object[] { i, "p" + i });
            }
        }
        assertEquals(List.of("1=p1", "2=p2", "3=p3", "4=p4"), rows("SELECT * FROM " + p + "log ORDER BY 1"));
    }

    @Test
    void upsertReRunCompletesWithoutDuplicates() throws Exception {
        Settings out = JdbcFixtures.pg().with("table", p + "people").with("mode", "upsert").with("batchSize", 2L);
        try (RecordWriter writer = target.open(context, out, H2TargetTest.PEOPLE)) {
            for (long i = 1; i <= 5; i++) {
                writer.write(new Object[] { i, "v1 " + i });
            }
        }
        assertEquals(4, rows("SELECT * FROM " + p + "people").size());
        try (RecordWriter writer = target.open(context, out, H2TargetTest.PEOPLE)) {
            for (long i = 1; i <= 5; i++) {
                writer.write(new Object[] { i, "v2 " + i });
            }
            writer.commit();
        }
        assertEquals(List.of("1=v2 1", "2=v2 2", "3=v2 3", "4=v2 4", "5=v2 5"), rows("SELECT * FROM " + p + "people ORDER BY 1"));
    }

    @Test
    void upsertNeedsAUniqueKeyOnTheKeyFieldsOfAnExistingTable() throws Exception {
        exec("CREATE TABLE " + p + "loose (id BIGINT, name TEXT)");
        Settings out = JdbcFixtures.pg().with("table", p + "loose").with("mode", "upsert");
        DataException e = assertThrows(DataException.class, () -> target.open(context, out, H2TargetTest.PEOPLE));
        assertTrue(e.reason().contains("has no primary key or unique index on exactly these columns"), e.reason());
    }

    @Test
    void writesTextIntoUuidJsonAndZonedTimestampColumns() throws Exception {
        exec("CREATE TABLE " + p + "typed (id uuid PRIMARY KEY, doc jsonb, at timestamptz)");
        Schema schema = Schema.of(List.of(Field.of("a", "id", DataType.TEXT), Field.of("b", "doc", DataType.TEXT), Field.of("c", "at", DataType.TEXT)));
        Settings out = JdbcFixtures.pg().with("table", p + "typed").with("mode", "upsert");
        Schema keyed = schema.replace(schema.fields().get(0).withKey(true));
        try (RecordWriter writer = target.open(context, out, keyed)) {
            writer.write(new Object[] { "7c9e6679-7425-40de-944b-e07fc1f90ae7", "{\"a\": 1}", "2024-01-02 03:04:05+00" });
            writer.write(new Object[] { "8c9e6679-7425-40de-944b-e07fc1f90ae7", null, null });
            writer.commit();
        }
        Inspection inspection = source.inspect(context, out, InspectOptions.DEFAULTS, ProgressMonitor.NONE);
        assertEquals(List.of(DataType.TEXT, DataType.TEXT, DataType.TEXT), inspection.schema().fields().stream().map(Field::type).toList());
        assertEquals(List.of("7c9e6679-7425-40de-944b-e07fc1f90ae7={\"a\": 1}", "8c9e6679-7425-40de-944b-e07fc1f90ae7=null"),
                rows("SELECT id, doc FROM " + p + "typed ORDER BY id"));
    }

    @Test
    void roundTripsEveryDataType() throws Exception {
        TypeRoundTrip.check(source, target, context, JdbcFixtures.pg().with("table", p + "all_types"), false);
    }

    @Test
    void namesConnectionAndTableWhenTheTableIsMissing() {
        DataException e = assertThrows(DataException.class,
                () -> source.inspect(context, table("nothing"), InspectOptions.DEFAULTS, ProgressMonitor.NONE));
        assertTrue(e.reason().startsWith("table '" + p + "nothing' not found in schema 'public' of PostgreSQL postgres@127.0.0.1:5432/test"),
                e.reason());
    }

    @Test
    void explainsAMissingDatabaseAndAnUnreachableServer() {
        Settings noDb = JdbcFixtures.pg().with("database", "mw_no_such_db").with("table", "x");
        DataException e = assertThrows(DataException.class, () -> source.inspect(context, noDb, InspectOptions.DEFAULTS, ProgressMonitor.NONE));
        assertTrue(e.reason().startsWith("cannot connect to PostgreSQL postgres@127.0.0.1:5432/mw_no_such_db: database not found"), e.reason());

        Settings closed = Settings.of(Map.of("driver", "postgresql", "host", "127.0.0.1", "port", 1L, "database", "test", "user", "postgres",
                "properties", "connectTimeout=2", "table", "x"));
        DataException down = assertThrows(DataException.class, () -> source.inspect(context, closed, InspectOptions.DEFAULTS, ProgressMonitor.NONE));
        assertTrue(down.reason().startsWith("cannot connect to PostgreSQL postgres@127.0.0.1:1/test: database unreachable"), down.reason());
        assertEquals("x", down.location().file());
    }

    @Test
    void aServerThatGoesAwayMidReadIsAFatalErrorNamingTheConnection() throws Exception {
        exec("CREATE TABLE " + p + "many AS SELECT g AS id FROM generate_series(1, 2000) g");
        Settings settings = table("many").with("fetchSize", 10L).with("properties", "ApplicationName=" + p + "victim");
        Schema schema = Schema.of(List.of(Field.of("a", "id", DataType.INTEGER)));
        try (RecordReader reader = source.open(context, settings, schema)) {
            reader.next();
            exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '" + p + "victim'");
            DataException e = assertThrows(DataException.class, () -> {
                while (reader.next() != null) {
                    // Drain the fetched rows until the next round trip hits the closed connection.
                }
            });
            assertFalse(e.recoverable());
            assertTrue(e.reason().startsWith("reading public." + p + "many failed (PostgreSQL postgres@127.0.0.1:5432/test): "), e.reason());
        }
    }
}
