package org.mapwright.connector.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

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
import org.mapwright.core.connector.RecordWriter;

class H2TargetTest {

    static final Schema PEOPLE = Schema.of(List.of(new Field("k", "id", DataType.INTEGER, false, true, null, false, List.of()),
            Field.of("n", "name", DataType.TEXT)));

    @TempDir
    Path dir;

    private ConnectorContext context;
    private final JdbcTargetConnector target = JdbcFixtures.target();
    /** Held open so the embedded database stays open between the connector's sessions. */
    private Connection db;

    @BeforeEach
    void setUp() throws Exception {
        context = JdbcFixtures.context(dir);
        db = JdbcFixtures.h2Connection(dir.resolve("shop"));
        JdbcFixtures.createShop(db, "");
    }

    @AfterEach
    void tearDown() throws SQLException {
        db.close();
    }

    private Settings out(String table, String mode) {
        return JdbcFixtures.h2("shop").with("table", table).with("mode", mode);
    }

    private void write(Settings settings, Schema schema, List<Object[]> rows) throws DataException {
        try (RecordWriter writer = target.open(context, settings, schema)) {
            for (Object[] row : rows) {
                writer.write(row);
            }
            writer.commit();
        }
    }

    private static List<Object[]> people(int from, int to, String prefix) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            rows.add(new Object[] { (long) i, prefix + i });
        }
        return rows;
    }

    private List<String> rows(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1) + "=" + rs.getString(2));
            }
        }
        return out;
    }

    private List<String> tableNames() throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = db.getMetaData().getTables(null, "PUBLIC", "%", new String[] { "BASE TABLE", "TABLE" })) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME"));
            }
        }
        return names;
    }

    @Test
    void createsAMissingTableFromTheSchemaWithQuotedIdentifiersAndPrimaryKey() throws Exception {
        Schema schema = Schema.of(List.of(new Field("k", "Order \"No\"", DataType.INTEGER, false, true, null, false, List.of()),
                Field.of("t", "select", DataType.TEXT), Field.of("d", "amount", DataType.DECIMAL), Field.of("b", "ok", DataType.BOOLEAN),
                Field.of("dt", "day", DataType.DATE), Field.of("ts", "at", DataType.TIMESTAMP)));
        write(out("Out Table", "append"), schema, List.<Object[]>of(new Object[] { 1L, "x", new BigDecimal("1.5"), true, null, null }));

        {
            DatabaseMetaData meta = db.getMetaData();
            List<String> columns = new ArrayList<>();
            try (ResultSet rs = meta.getColumns(null, "PUBLIC", "Out Table", "%")) {
                while (rs.next()) {
                    columns.add(rs.getString("COLUMN_NAME") + " " + rs.getString("TYPE_NAME") + " " + rs.getString("IS_NULLABLE"));
                }
            }
            assertEquals(List.of("Order \"No\" BIGINT NO", "select CHARACTER VARYING YES", "amount DECFLOAT YES", "ok BOOLEAN YES",
                    "day DATE YES", "at TIMESTAMP YES"), columns);
            try (ResultSet rs = meta.getPrimaryKeys(null, "PUBLIC", "Out Table")) {
                assertTrue(rs.next());
                assertEquals("Order \"No\"", rs.getString("COLUMN_NAME"));
            }
            assertEquals(1, JdbcFixtures.count(db, "\"Out Table\""));
        }
    }

    @Test
    void replaceBuildsTheNewTableAsideAndSwapsItInAtCommit() throws Exception {
        write(out("report", "replace"), PEOPLE, people(1, 3, "old "));
        try (RecordWriter writer = target.open(context, out("report", "replace").with("batchSize", 1L), PEOPLE)) {
            for (Object[] row : people(10, 11, "new ")) {
                writer.write(row);
            }
            assertEquals(List.of("1=old 1", "2=old 2", "3=old 3"), rows("SELECT * FROM \"report\" ORDER BY 1"));
            assertTrue(tableNames().stream().anyMatch(n -> n.startsWith("report__mw_")), tableNames().toString());
            writer.commit();
        }
        assertEquals(List.of("10=new 10", "11=new 11"), rows("SELECT * FROM \"report\" ORDER BY 1"));
        assertFalse(tableNames().stream().anyMatch(n -> n.contains("__mw_")), tableNames().toString());
    }

    @Test
    void replaceWriterClosedWithoutCommitLeavesTheOldTableUntouched() throws Exception {
        write(out("report", "replace"), PEOPLE, people(1, 3, "old "));
        try (RecordWriter writer = target.open(context, out("report", "replace").with("batchSize", 1000L), PEOPLE)) {
            for (Object[] row : people(100, 2600, "new ")) {
                writer.write(row);
            }
        }
        assertEquals(List.of("1=old 1", "2=old 2", "3=old 3"), rows("SELECT * FROM \"report\" ORDER BY 1"));
        assertFalse(tableNames().stream().anyMatch(n -> n.contains("__mw_")), tableNames().toString());
    }

    @Test
    void replaceSwapsByRenameAndLeavesNoMarkerOrOldTable() throws Exception {
        write(out("report", "replace"), PEOPLE, people(1, 3, "old "));
        write(out("report", "replace"), PEOPLE, people(4, 5, "new "));
        assertEquals(List.of("4=new 4", "5=new 5"), rows("SELECT * FROM \"report\" ORDER BY 1"));
        assertEquals(List.of("report"), tableNames().stream().filter(n -> n.startsWith("report")).toList());
        assertEquals(null, remark("report"));
    }

    @Test
    void aReplaceKilledBetweenItsRenamesIsFinishedByTheNextRun() throws Exception {
        write(out("report", "replace"), PEOPLE, people(1, 3, "old "));
        staged("report__mw_aaaaaaaa", "mapwright:complete\nreport\nreport__mw_bbbbbbbb", 10, 11);
        exec("ALTER TABLE \"report\" RENAME TO \"report__mw_bbbbbbbb\"");

        write(out("report", "append"), PEOPLE, people(12, 12, "appended "));

        assertEquals(List.of("10=new 10", "11=new 11", "12=appended 12"), rows("SELECT * FROM \"report\" ORDER BY 1"));
        assertEquals(List.of("report"), tableNames().stream().filter(n -> n.startsWith("report")).toList());
        assertEquals(null, remark("report"));
    }

    @Test
    void aReplaceKilledAfterItsRenamesHasItsOldTableDroppedAndMarkerCleared() throws Exception {
        write(out("report", "replace"), PEOPLE, people(1, 3, "old "));
        exec("ALTER TABLE \"report\" RENAME TO \"report__mw_bbbbbbbb\"");
        staged("report", "mapwright:complete\nreport\nreport__mw_bbbbbbbb", 10, 11);

        write(out("report", "append"), PEOPLE, people(12, 12, "appended "));

        assertEquals(List.of("10=new 10", "11=new 11", "12=appended 12"), rows("SELECT * FROM \"report\" ORDER BY 1"));
        assertEquals(List.of("report"), tableNames().stream().filter(n -> n.startsWith("report")).toList());
        assertEquals(null, remark("report"));
    }

    @Test
    void leftoverStagingTablesOfKilledRunsAreDroppedButLookalikesKept() throws Exception {
        write(out("report", "replace"), PEOPLE, people(1, 3, "old "));
        staged("report__mw_cccccccc", "mapwright:staging\nreport", 20, 21);
        staged("report__mw_dddddddd", "mapwright:complete\nreport\nreport__mw_zzzzzzzz", 30, 31);
        staged("report__mw_eeeeeeee", null, 40, 41);
        staged("report__mw_ffffffff", "a note of the user", 50, 51);
        staged("other__mw_gggggggg", "mapwright:staging\nother", 60, 61);
        staged("report_copy", "mapwright:staging\nreport", 70, 71);

        write(out("report", "replace"), PEOPLE, people(4, 4, "new "));

        assertEquals(List.of("4=new 4"), rows("SELECT * FROM \"report\" ORDER BY 1"));
        assertEquals(List.of("other__mw_gggggggg", "report", "report__mw_eeeeeeee", "report__mw_ffffffff", "report_copy"),
                tableNames().stream().filter(n -> n.startsWith("report") || n.startsWith("other")).sorted().toList());
    }

    /** A table of {@link #PEOPLE} with the given comment, as a killed replace run leaves it. */
    private void staged(String table, String comment, int from, int to) throws SQLException {
        exec("CREATE TABLE \"" + table + "\" (\"id\" BIGINT NOT NULL PRIMARY KEY, \"name\" VARCHAR)");
        for (Object[] row : people(from, to, "new ")) {
            exec("INSERT INTO \"" + table + "\" VALUES (" + row[0] + ", '" + row[1] + "')");
        }
        if (comment != null) {
            exec("COMMENT ON TABLE \"" + table + "\" IS '" + comment + "'");
        }
    }

    private void exec(String sql) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.execute(sql);
        }
    }

    private String remark(String table) throws SQLException {
        try (ResultSet rs = db.getMetaData().getTables(null, "PUBLIC", table, null)) {
            assertTrue(rs.next(), table);
            String remark = rs.getString("REMARKS");
            return remark == null || remark.isEmpty() ? null : remark;
        }
    }

    @Test
    void replaceRecreatesATableWhoseStructureChanged() throws Exception {
        write(out("report", "replace"), PEOPLE, people(1, 3, "old "));
        Schema wider = PEOPLE.insert(2, Field.of("s", "score", DataType.DECIMAL));
        write(out("report", "replace"), wider, List.<Object[]>of(new Object[] { 7L, "seven", new BigDecimal("7.7") }));
        assertEquals(List.of("7=seven"), rows("SELECT * FROM \"report\""));
        assertEquals(List.of("seven=7.7"), rows("SELECT \"name\", \"score\" FROM \"report\""));
    }

    @Test
    void replaceRefusesAViewAndNamesIt() {
        DataException e = assertThrows(DataException.class, () -> target.open(context, out("vip_customers", "replace"), PEOPLE));
        assertTrue(e.reason().contains("PUBLIC.VIP_CUSTOMERS is a view"), e.reason());
    }

    @Test
    void appendCommitsWholeBatchesAndCloseRollsBackOnlyTheOpenOne() throws Exception {
        try (RecordWriter writer = target.open(context, out("log", "append").with("batchSize", 2L), PEOPLE)) {
            for (Object[] row : people(1, 5, "p")) {
                writer.write(row);
            }
        }
        assertEquals(List.of("1=p1", "2=p2", "3=p3", "4=p4"), rows("SELECT * FROM \"log\" ORDER BY 1"));
        write(out("log", "append"), PEOPLE, people(5, 7, "q"));
        assertEquals(7, rows("SELECT * FROM \"log\"").size());
    }

    @Test
    void dropsATableItCreatedWhenClosedBeforeAnyBatch() throws Exception {
        try (RecordWriter writer = target.open(context, out("never", "append"), PEOPLE)) {
            writer.write(new Object[] { 1L, "one" });
        }
        assertFalse(tableNames().contains("never"), tableNames().toString());
    }

    @Test
    void upsertReRunCompletesWithoutDuplicates() throws Exception {
        // A crashed run: batches of two, two batches committed, the fifth row lost.
        try (RecordWriter writer = target.open(context, out("people", "upsert").with("batchSize", 2L), PEOPLE)) {
            for (Object[] row : people(1, 5, "v1 ")) {
                writer.write(row);
            }
        }
        assertEquals(4, rows("SELECT * FROM \"people\"").size());
        write(out("people", "upsert").with("batchSize", 2L), PEOPLE, people(1, 5, "v2 "));
        assertEquals(List.of("1=v2 1", "2=v2 2", "3=v2 3", "4=v2 4", "5=v2 5"), rows("SELECT * FROM \"people\" ORDER BY 1"));
        write(out("people", "upsert"), PEOPLE, people(4, 6, "v3 "));
        assertEquals(List.of("1=v2 1", "2=v2 2", "3=v2 3", "4=v3 4", "5=v3 5", "6=v3 6"), rows("SELECT * FROM \"people\" ORDER BY 1"));
    }

    @Test
    void upsertNeedsKeyFields() {
        Schema noKeys = Schema.of(List.of(Field.of("n", "name", DataType.TEXT)));
        DataException e = assertThrows(DataException.class, () -> target.open(context, out("people", "upsert"), noKeys));
        assertEquals("mode upsert needs key fields in the target schema to match rows by", e.reason());
    }

    @Test
    void upsertRejectsRowsWithAnEmptyKey() throws Exception {
        try (RecordWriter writer = target.open(context, out("people", "upsert"), PEOPLE)) {
            DataException e = assertThrows(DataException.class, () -> writer.write(new Object[] { null, "nobody" }));
            assertTrue(e.recoverable());
            assertEquals("id", e.location().column());
            writer.write(new Object[] { 1L, "one" });
            writer.commit();
        }
        assertEquals(List.of("1=one"), rows("SELECT * FROM \"people\""));
    }

    @Test
    void appendsToAnExistingTableMatchingColumnsIgnoringCaseAndConvertingValues() throws Exception {
        Schema schema = Schema.of(List.of(Field.of("a", "id", DataType.INTEGER), Field.of("b", "name", DataType.TEXT),
                Field.of("c", "balance", DataType.TEXT), Field.of("d", "born", DataType.TEXT)));
        write(out("customers", "append"), schema, List.<Object[]>of(new Object[] { 6L, "Fay", "12.5", "2000-01-02" }));
        assertEquals(List.of("Fay=12.50"), rows("SELECT name, balance FROM customers WHERE id = 6"));
        assertEquals(List.of("Fay=2000-01-02"), rows("SELECT name, born FROM customers WHERE id = 6"));
    }

    @Test
    void namesMissingColumnsOfAnExistingTable() {
        Schema schema = Schema.of(List.of(Field.of("a", "id", DataType.INTEGER), Field.of("b", "nickname", DataType.TEXT)));
        DataException e = assertThrows(DataException.class, () -> target.open(context, out("customers", "append"), schema));
        assertTrue(e.reason().startsWith("table PUBLIC.CUSTOMERS has no column nickname (H2 file " + dir.resolve("shop")), e.reason());
        assertTrue(e.reason().contains("columns: ID, NAME, EMAIL, VIP, BORN, CREATED, BALANCE"), e.reason());
    }

    @Test
    void aValueThatCannotBeStoredIsARecoverableBadRecord() throws Exception {
        Schema schema = Schema.of(List.of(Field.of("a", "id", DataType.INTEGER), Field.of("b", "name", DataType.TEXT),
                Field.of("c", "balance", DataType.TEXT)));
        try (RecordWriter writer = target.open(context, out("customers", "append"), schema)) {
            writer.write(new Object[] { 6L, "Fay", "1.00" });
            DataException e = assertThrows(DataException.class, () -> writer.write(new Object[] { 7L, "Gil", "lots" }));
            assertTrue(e.recoverable());
            assertEquals("PUBLIC.CUSTOMERS, record 2, column 'BALANCE'", e.location().toString());
            assertEquals("'lots' is not a decimal number", e.reason());
            assertEquals("7, Gil, lots", e.rawText());
            writer.write(new Object[] { 8L, "Hal", null });
            writer.commit();
        }
        assertEquals(List.of("6=Fay", "8=Hal"), rows("SELECT id, name FROM customers WHERE id > 5 ORDER BY id"));
    }

    @Test
    void aFailingBatchIsFatalRolledBackAndNamesTableAndConnection() throws Exception {
        Schema schema = Schema.of(List.of(Field.of("a", "id", DataType.INTEGER), Field.of("b", "name", DataType.TEXT)));
        try (RecordWriter writer = target.open(context, out("customers", "append").with("batchSize", 3L), schema)) {
            writer.write(new Object[] { 6L, "Fay" });
            writer.write(new Object[] { 7L, "Gil" });
            DataException e = assertThrows(DataException.class, () -> writer.write(new Object[] { 1L, "Ann again" }));
            assertFalse(e.recoverable());
            assertTrue(e.reason().startsWith("writing rows 1 to 3 to table PUBLIC.CUSTOMERS failed and the batch was rolled back (H2 file "
                    + dir.resolve("shop") + "): "), e.reason());
            DataException after = assertThrows(DataException.class, () -> writer.write(new Object[] { 9L, "Ivy" }));
            assertTrue(after.reason().startsWith("the writer stopped after an earlier error"), after.reason());
            assertThrows(DataException.class, writer::commit);
        }
        assertEquals(5, rows("SELECT id, name FROM customers").size());
    }

    @Test
    void refusesAFieldNameWithAControlCharacter() {
        Schema schema = Schema.of(List.of(Field.of("a", "bad\u0000name", DataType.TEXT)));
        DataException e = assertThrows(DataException.class, () -> target.open(context, out("fresh", "append"), schema));
        assertTrue(e.reason().startsWith("field name 'bad?name' contains the control character U+0000"), e.reason());
    }

    @Test
    void roundTripsEveryDataType() throws Exception {
        TypeRoundTrip.check(JdbcFixtures.source(), target, context, JdbcFixtures.h2("shop").with("table", "all_types"), true);
    }

    @Test
    void describesTheOutputWithoutSecrets() {
        Settings settings = JdbcFixtures.h2("shop").with("table", "report").with("credentialKey", "k");
        assertEquals("jdbc h2 shop, table report (replace)", target.describe(settings));
    }
}
