package org.mapwright.connector.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.core.DataType;

class DatabaseBrowserTest {

    @TempDir
    Path dir;

    private DatabaseBrowser browser;
    private Connection db;

    @BeforeEach
    void open() throws Exception {
        db = JdbcFixtures.h2Connection(dir.resolve("shop"));
        JdbcFixtures.createShop(db, "");
        browser = JdbcFixtures.source().browse(JdbcFixtures.context(dir), JdbcFixtures.h2("shop"));
    }

    @org.junit.jupiter.api.AfterEach
    void close() throws Exception {
        browser.close();
        db.close();
    }

    private TableRef table(String name) throws Exception {
        return browser.findTable(null, name).orElseThrow();
    }

    @Test
    void listsCatalogsAndSchemasWithSystemSchemasLast() throws Exception {
        assertEquals(List.of("SHOP"), browser.catalogs());
        assertEquals(List.of("PUBLIC", "INFORMATION_SCHEMA"), browser.schemas());
        assertEquals("PUBLIC", browser.currentSchema());
    }

    @Test
    void listsTablesAndViewsWithoutSystemTables() throws Exception {
        List<TableRef> tables = browser.tables(null);
        assertEquals(List.of("CUSTOMERS TABLE", "ORDERS TABLE", "VIP_CUSTOMERS VIEW"), tables.stream().map(t -> t.name() + " " + t.kind()).toList());
        assertEquals("PUBLIC.ORDERS", tables.get(1).label());
        assertEquals(tables, browser.tables("PUBLIC"));
    }

    @Test
    void describesColumnsPrimaryKeyAndForeignKeys() throws Exception {
        TableInfo orders = browser.describe(table("orders"));
        assertEquals(List.of("ORDER_ID", "LINE_NO", "CUSTOMER_ID", "AMOUNT"), orders.columns().stream().map(ColumnInfo::name).toList());
        assertEquals(List.of(DataType.INTEGER, DataType.INTEGER, DataType.INTEGER, DataType.DECIMAL),
                orders.columns().stream().map(ColumnInfo::type).toList());
        assertFalse(orders.columns().get(0).nullable());
        assertTrue(orders.columns().get(3).nullable());
        assertEquals(10, orders.columns().get(3).size());
        assertEquals(2, orders.columns().get(3).scale());
        assertEquals(List.of("ORDER_ID", "LINE_NO"), orders.primaryKey());
        assertEquals(1, orders.foreignKeys().size());
        ForeignKey fk = orders.foreignKeys().get(0);
        assertEquals("ORDERS_CUSTOMER_FK", fk.name());
        assertEquals(List.of("CUSTOMER_ID"), fk.columns());
        assertEquals("PUBLIC.CUSTOMERS", fk.referencedTable().label());
        assertEquals(List.of("ID"), fk.referencedColumns());

        TableInfo customers = browser.describe(table("customers"));
        assertEquals(List.of("ID"), customers.primaryKey());
        assertEquals(List.of(), customers.foreignKeys());
    }

    @Test
    void previewsPagesInKeyOrderWithTypedValues() throws Exception {
        TableRef customers = table("customers");
        PreviewPage first = browser.preview(customers, 0, 2);
        assertEquals(2, first.rows().size());
        assertTrue(first.hasMore());
        assertEquals(1L, first.rows().get(0)[0]);
        assertEquals("Ann", first.rows().get(0)[1]);
        assertEquals(LocalDate.of(1980, 2, 29), first.rows().get(0)[4]);
        assertEquals(new BigDecimal("10.50"), first.rows().get(0)[6]);
        assertEquals(7, first.columns().size());

        PreviewPage last = browser.preview(customers, 4, 2);
        assertEquals(1, last.rows().size());
        assertEquals(5L, last.rows().get(0)[0]);
        assertFalse(last.hasMore());
        assertEquals(4, last.offset());

        assertEquals(0, browser.preview(customers, 10, 5).rows().size());
    }

    @Test
    void seesRowsCommittedAfterItOpened() throws Exception {
        TableRef customers = table("customers");
        assertEquals(5, browser.preview(customers, 0, 100).rows().size());
        try (Statement st = db.createStatement()) {
            st.execute("INSERT INTO customers (id, name) VALUES (6, 'Fay')");
        }
        assertEquals(6, browser.preview(customers, 0, 100).rows().size());
    }

    @Test
    void refusesPagesOutOfRange() throws Exception {
        TableRef customers = table("customers");
        assertThrows(IllegalArgumentException.class, () -> browser.preview(customers, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> browser.preview(customers, -1, 10));
        assertThrows(IllegalArgumentException.class, () -> browser.preview(customers, 0, DatabaseBrowser.MAX_PAGE + 1));
    }

    @Test
    void findsTablesIgnoringCaseInANamedSchema() throws Exception {
        assertEquals("CUSTOMERS", browser.findTable("public", "Customers").orElseThrow().name());
        assertTrue(browser.findTable("public", "nothing").isEmpty());
        assertTrue(browser.findTable("nosuchschema", "customers").isEmpty());
    }
}
