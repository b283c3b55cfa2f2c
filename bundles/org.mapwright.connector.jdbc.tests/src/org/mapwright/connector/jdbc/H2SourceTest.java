package org.mapwright.connector.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Properties;

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

class H2SourceTest {

    @TempDir
    Path dir;

    private ConnectorContext context;
    private final JdbcConnector connector = JdbcFixtures.source();

    /** Held open so the embedded database stays open between the connector's sessions. */
    private Connection db;

    @BeforeEach
    void createShop() throws Exception {
        context = JdbcFixtures.context(dir);
        db = JdbcFixtures.h2Connection(dir.resolve("data/shop"));
        JdbcFixtures.createShop(db, "");
    }

    @AfterEach
    void closeShop() throws Exception {
        db.close();
    }

    private Settings table(String table) {
        return JdbcFixtures.h2("data/shop").with("table", table);
    }

    private Inspection inspect(Settings settings) throws DataException {
        return connector.inspect(context, settings, InspectOptions.DEFAULTS, ProgressMonitor.NONE);
    }

    @Test
    void inspectsColumnTypesNullabilityKeysAndSamples() throws Exception {
        Inspection inspection = inspect(table("customers"));

        assertEquals("CUSTOMERS", inspection.settings().getString("table", null));
        assertEquals("PUBLIC", inspection.settings().getString("schema", null));
        List<Field> fields = inspection.schema().fields();
        assertEquals(List.of("ID", "NAME", "EMAIL", "VIP", "BORN", "CREATED", "BALANCE"), fields.stream().map(Field::name).toList());
        assertEquals(List.of(DataType.INTEGER, DataType.TEXT, DataType.TEXT, DataType.BOOLEAN, DataType.DATE, DataType.TIMESTAMP, DataType.DECIMAL),
                fields.stream().map(Field::type).toList());
        assertTrue(fields.get(0).key());
        assertFalse(fields.get(0).nullable());
        assertFalse(fields.get(1).nullable());
        assertFalse(fields.get(1).key());
        assertTrue(fields.get(2).nullable());
        assertEquals(5, inspection.rowsSampled());
        assertTrue(inspection.complete());
        assertEquals(List.of("Ann", "Bob", "Chloé", "Dan", "Eve"), inspection.evidence().get(fields.get(1).id()).samples());
        assertEquals(1, inspection.evidence().get(fields.get(2).id()).nullCount());
        assertEquals(List.of("10.50", "-3.00", "1234567890.99", "0.01"), inspection.evidence().get(fields.get(6).id()).samples());
        assertEquals(1.0, inspection.evidence().get(fields.get(0).id()).confidence());
    }

    @Test
    void samplesOnlyTheFirstRowsUnlessFullScan() throws Exception {
        Inspection sampled = connector.inspect(context, table("customers"), new InspectOptions(2, false, 5), ProgressMonitor.NONE);
        assertEquals(2, sampled.rowsSampled());
        assertFalse(sampled.complete());

        Inspection full = connector.inspect(context, table("customers"), new InspectOptions(2, true, 5), ProgressMonitor.NONE);
        assertEquals(5, full.rowsSampled());
        assertTrue(full.complete());
    }

    @Test
    void keepsFieldIdsOfThePreviousSchema() throws Exception {
        Schema previous = Schema.of(List.of(Field.of("f_kept1234", "NAME", DataType.TEXT)));
        Inspection inspection = connector.inspect(context, table("customers"), InspectOptions.DEFAULTS, ProgressMonitor.NONE, previous);
        assertEquals("f_kept1234", inspection.schema().byPath("NAME").orElseThrow().id());
    }

    @Test
    void streamsThousandsOfRowsWithCoreJavaTypes() throws Exception {
        try (Statement st = db.createStatement()) {
            st.execute("CREATE TABLE big (id BIGINT PRIMARY KEY, label VARCHAR(20), price NUMERIC(10,2), even BOOLEAN, due DATE, stamp TIMESTAMP, ratio DOUBLE)");
            st.execute("INSERT INTO big SELECT X, 'row ' || X, X * 1.25, MOD(X, 2) = 0, DATE '2020-01-01' + CAST(X AS INT),"
                    + " TIMESTAMP '2020-01-01 00:00:00' + X * INTERVAL '1' MINUTE, X / 4.0E0 FROM SYSTEM_RANGE(1, 5000)");
        }
        Settings settings = table("BIG").with("fetchSize", 100L);
        Schema schema = inspect(settings).schema();
        long count = 0;
        Object[] last = null;
        try (RecordReader reader = connector.open(context, settings, schema)) {
            for (Object[] row = reader.next(); row != null; row = reader.next()) {
                count++;
                assertEquals(count, row[0]);
                last = row.clone();
            }
            assertEquals(5000, reader.location().record());
            assertEquals("PUBLIC.BIG", reader.location().file());
        }
        assertEquals(5000, count);
        assertArrayEquals(new Object[] { 5000L, "row 5000", new BigDecimal("6250.00"), true, LocalDate.of(2020, 1, 1).plusDays(5000),
                LocalDateTime.of(2020, 1, 4, 11, 20), new BigDecimal("1250.0") }, last);
    }

    @Test
    void selectsColumnsByNameIgnoringCaseInSchemaOrder() throws Exception {
        Schema schema = Schema.of(List.of(Field.of("a", "name", DataType.TEXT), Field.of("b", "id", DataType.INTEGER)));
        try (RecordReader reader = connector.open(context, table("customers"), schema)) {
            List<Object[]> rows = JdbcFixtures.readAll(reader);
            assertArrayEquals(new Object[] { "Ann", 1L }, rows.get(0));
            assertEquals(5, rows.size());
        }
    }

    @Test
    void givesColumnTextWhenTheFieldTypeDiffersAndWidensNumbers() throws Exception {
        Schema schema = Schema.of(List.of(Field.of("a", "BORN", DataType.TEXT), Field.of("b", "ID", DataType.DECIMAL),
                Field.of("c", "NAME", DataType.INTEGER), Field.of("d", "BORN", DataType.TIMESTAMP).withName("born")));
        try (RecordReader reader = connector.open(context, table("customers"), schema)) {
            Object[] row = reader.next();
            assertEquals("1980-02-29", row[0]);
            assertEquals(new BigDecimal(1), row[1]);
            assertEquals("Ann", row[2]);
            assertEquals(LocalDateTime.of(1980, 2, 29, 0, 0), row[3]);
        }
    }

    @Test
    void readsViews() throws Exception {
        Inspection inspection = inspect(table("vip_customers"));
        assertEquals(List.of("ID", "NAME"), inspection.schema().fields().stream().map(Field::name).toList());
        try (RecordReader reader = connector.open(context, table("vip_customers"), inspection.schema())) {
            assertEquals(2, JdbcFixtures.readAll(reader).size());
        }
    }

    @Test
    void inspectsAndReadsAQuerySource() throws Exception {
        Settings settings = JdbcFixtures.h2("data/shop").with("query", "SELECT c.name, SUM(o.amount) AS total FROM customers c"
                + " JOIN orders o ON o.customer_id = c.id GROUP BY c.name ORDER BY c.name;");
        Inspection inspection = inspect(settings);
        assertEquals(List.of("NAME", "TOTAL"), inspection.schema().fields().stream().map(Field::name).toList());
        assertEquals(DataType.DECIMAL, inspection.schema().fields().get(1).type());
        assertFalse(inspection.settings().has("table"));
        try (RecordReader reader = connector.open(context, settings, inspection.schema())) {
            List<Object[]> rows = JdbcFixtures.readAll(reader);
            assertEquals(2, rows.size());
            assertArrayEquals(new Object[] { "Ann", new BigDecimal("29.99") }, rows.get(0));
            assertEquals("query, record 2", reader.location().toString());
        }
    }

    @Test
    void refusesAQueryThatIsNotASelectBeforeConnecting() throws Exception {
        JdbcFixtures.CountingDrivers drivers = new JdbcFixtures.CountingDrivers();
        Settings settings = JdbcFixtures.h2("data/shop").with("query", "DELETE FROM customers");
        DataException e = assertThrows(DataException.class,
                () -> JdbcFixtures.source(drivers).inspect(context, settings, InspectOptions.DEFAULTS, ProgressMonitor.NONE));
        assertEquals("refused source settings: a query source must be a SELECT, not DELETE", e.reason());
        assertEquals(0, drivers.calls.get());
        assertEquals(5, JdbcFixtures.count(db, "customers"));
    }

    @Test
    void namesConnectionAndKnownTablesWhenTheTableIsMissing() {
        DataException e = assertThrows(DataException.class, () -> inspect(table("custmers")));
        assertTrue(e.getMessage().contains("table 'custmers' not found in schema 'PUBLIC' of H2 file " + dir.resolve("data/shop")),
                e.getMessage());
        assertTrue(e.getMessage().contains("tables there: CUSTOMERS, ORDERS, VIP_CUSTOMERS"), e.getMessage());
        assertFalse(e.recoverable());
    }

    @Test
    void namesTheMissingColumnAndTheAvailableOnes() {
        Schema schema = Schema.of(List.of(Field.of("a", "nickname", DataType.TEXT)));
        DataException e = assertThrows(DataException.class, () -> connector.open(context, table("customers"), schema));
        assertEquals("nickname", e.location().column());
        assertTrue(e.reason().startsWith("column 'nickname' not found in table PUBLIC.CUSTOMERS"), e.reason());
        assertTrue(e.reason().contains("columns: ID, NAME, EMAIL"), e.reason());
    }

    @Test
    void doesNotCreateAMissingDatabaseFileWhenReading() {
        DataException e = assertThrows(DataException.class, () -> inspect(JdbcFixtures.h2("data/nope").with("table", "x")));
        assertTrue(e.getMessage().contains("cannot connect to H2 file " + dir.resolve("data/nope")), e.getMessage());
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("data/nope.mv.db")));
    }

    @Test
    void refusesAmbiguousCaseInsensitiveTableNames() throws Exception {
        try (Statement st = db.createStatement()) {
            st.execute("CREATE TABLE \"Mixed\" (a INT)");
            st.execute("CREATE TABLE \"mixed \" (a INT)");
            st.execute("CREATE TABLE \"MiXeD\" (a INT)");
        }
        assertEquals("Mixed", inspect(table("Mixed")).settings().getString("table", null));
        DataException e = assertThrows(DataException.class, () -> inspect(table("MIXED")));
        assertTrue(e.getMessage().contains("differ only in case"), e.getMessage());
    }

    @Test
    void refusesRecordFieldsForReading() {
        Schema schema = Schema.of(List.of(new Field("r", "address", DataType.RECORD, true, false, null, false,
                List.of(Field.of("c", "city", DataType.TEXT)))));
        DataException e = assertThrows(DataException.class, () -> connector.open(context, table("customers"), schema));
        assertTrue(e.reason().contains("is a record"), e.reason());
    }

    @Test
    void readsAnEncryptedDatabaseWithPasswordsFromTheCredentialStore() throws Exception {
        Properties p = new Properties();
        p.setProperty("user", "ann");
        p.setProperty("password", "file-secret user-secret");
        try (Connection c = new org.h2.Driver().connect("jdbc:h2:file:" + dir.resolve("vault") + ";CIPHER=AES", p);
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE secrets (id INT PRIMARY KEY, note VARCHAR(20))");
            st.execute("INSERT INTO secrets VALUES (1, 'hidden')");
        }
        ConnectorContext withSecrets = JdbcFixtures.context(dir, Map.of("vault/file", "file-secret", "vault/ann", "user-secret"));
        Settings settings = Settings.of(Map.of("driver", "h2", "path", "vault", "cipher", true, "fileCredentialKey", "vault/file",
                "user", "ann", "credentialKey", "vault/ann", "table", "secrets"));
        Inspection inspection = connector.inspect(withSecrets, settings, InspectOptions.DEFAULTS, ProgressMonitor.NONE);
        try (RecordReader reader = connector.open(withSecrets, settings, inspection.schema())) {
            assertArrayEquals(new Object[] { 1L, "hidden" }, reader.next());
            assertNull(reader.next());
        }
        DataException missing = assertThrows(DataException.class,
                () -> connector.inspect(context, settings, InspectOptions.DEFAULTS, ProgressMonitor.NONE));
        assertTrue(missing.reason().contains("no password stored under credential key 'vault/ann'"), missing.reason());
    }

    @Test
    void readerLocationCountsRecords() throws Exception {
        Schema schema = inspect(table("customers")).schema();
        try (RecordReader reader = connector.open(context, table("customers"), schema)) {
            reader.next();
            reader.next();
            assertEquals("PUBLIC.CUSTOMERS, record 2", reader.location().toString());
            assertInstanceOf(Long.class, reader.next()[0]);
        }
    }
}
