package org.mapwright.ui.sources;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import org.junit.jupiter.api.Assumptions;

/** Real databases for the tests: an H2 file made in the test, and the PostgreSQL test server when it is reachable. */
public final class Databases {

    /** The password of the test databases; tests check it never reaches a project file. */
    public static final String CANARY = "Canary-Pw-93b1e7";
    public static final String PG_HOST = "127.0.0.1";
    public static final int PG_PORT = 5432;
    public static final String PG_DATABASE = "test";
    public static final String PG_USER = "postgres";

    private Databases() {
    }

    /**
     * Creates an H2 file database with user {@code sa} and password {@link #CANARY}: CUSTOMERS
     * (3 rows, primary key ID), ORDERS ({@code orders} rows, primary key ID, foreign key
     * CUSTOMER_ID) and the view BIG_ORDERS.
     *
     * @param file the database file without {@code .mv.db}
     */
    public static void createShop(Path file, int orders) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "sa");
        p.setProperty("password", CANARY);
        try (Connection c = new org.h2.Driver().connect("jdbc:h2:file:" + file, p); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE CUSTOMERS (ID INT PRIMARY KEY, NAME VARCHAR(50) NOT NULL, EMAIL VARCHAR(80))");
            st.execute("INSERT INTO CUSTOMERS VALUES (1, 'Ana', 'ana@example.com'), (2, 'Bo', NULL), (3, 'Cy', 'cy@example.com')");
            st.execute("CREATE TABLE ORDERS (ID INT PRIMARY KEY, CUSTOMER_ID INT NOT NULL REFERENCES CUSTOMERS(ID), AMOUNT DECIMAL(10,2))");
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO ORDERS VALUES (?, ?, ?)")) {
                for (int i = 1; i <= orders; i++) {
                    ins.setInt(1, i);
                    ins.setInt(2, 1 + i % 3);
                    ins.setBigDecimal(3, new java.math.BigDecimal(i).movePointLeft(1));
                    ins.addBatch();
                }
                ins.executeBatch();
            }
            st.execute("CREATE VIEW BIG_ORDERS AS SELECT * FROM ORDERS WHERE AMOUNT > 10");
        }
    }

    /** Skips the calling test with a clear message when the PostgreSQL test server is not reachable. */
    public static void assumePostgres() {
        String problem = null;
        try (Connection c = postgres()) {
            c.isValid(2);
        } catch (SQLException e) {
            problem = e.getMessage();
        }
        Assumptions.assumeTrue(problem == null, "PostgreSQL test server not reachable at " + PG_HOST + ":" + PG_PORT + "/" + PG_DATABASE
                + " as " + PG_USER + " (" + problem + "); skipping the PostgreSQL test");
    }

    public static Connection postgres() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", PG_USER);
        p.setProperty("connectTimeout", "3");
        return new org.postgresql.Driver().connect("jdbc:postgresql://" + PG_HOST + ":" + PG_PORT + "/" + PG_DATABASE, p);
    }
}
