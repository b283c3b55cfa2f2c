package org.mapwright.connector.jdbc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Assumptions;
import org.mapwright.core.Ids;
import org.mapwright.core.Settings;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.CredentialStore;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.Limits;
import org.mapwright.core.connector.RecordReader;
import org.mapwright.internal.connector.jdbc.DriverFactory;
import org.mapwright.internal.connector.jdbc.StandardDrivers;

/** Databases, settings and connectors shared by the JDBC tests. */
final class JdbcFixtures {

    static final String PG_HOST = "127.0.0.1";
    static final int PG_PORT = 5432;
    static final String PG_DATABASE = "test";
    static final String PG_USER = "postgres";

    private JdbcFixtures() {
    }

    /** Counts driver look-ups, so tests can prove that refused settings never reach a driver. */
    static final class CountingDrivers implements DriverFactory {
        final AtomicInteger calls = new AtomicInteger();
        private final DriverFactory delegate = new StandardDrivers();

        @Override
        public Driver driver(ConnectionSpec spec) throws SQLException {
            calls.incrementAndGet();
            return delegate.driver(spec);
        }
    }

    static JdbcConnector source(DriverFactory drivers) {
        return new JdbcConnector(new Ids(new Random(42)), drivers);
    }

    static JdbcConnector source() {
        return source(new StandardDrivers());
    }

    static JdbcTargetConnector target() {
        return new JdbcTargetConnector(new StandardDrivers());
    }

    static ConnectorContext context(Path dir, Map<String, String> secrets) {
        Map<String, String> copy = new HashMap<>(secrets);
        CredentialStore store = key -> Optional.ofNullable(copy.get(key));
        return new ConnectorContext(dir, store, Limits.DEFAULTS);
    }

    static ConnectorContext context(Path dir) {
        return context(dir, Map.of());
    }

    static Settings h2(String path) {
        return Settings.of(Map.of("driver", "h2", "path", path));
    }

    static Settings pg() {
        return Settings.of(Map.of("driver", "postgresql", "host", PG_HOST, "port", (long) PG_PORT, "database", PG_DATABASE, "user", PG_USER,
                "properties", "connectTimeout=3;ApplicationName=mapwright-tests"));
    }

    /** Opens a fixture connection directly, bypassing the connector under test. */
    static Connection h2Connection(Path file) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "sa");
        p.setProperty("password", "");
        return new org.h2.Driver().connect("jdbc:h2:file:" + file, p);
    }

    static Connection pgConnection() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", PG_USER);
        p.setProperty("connectTimeout", "3");
        return new org.postgresql.Driver().connect("jdbc:postgresql://" + PG_HOST + ":" + PG_PORT + "/" + PG_DATABASE, p);
    }

    /** Skips the calling test with a clear message when the PostgreSQL test server is not reachable. */
    static void assumePostgres() {
        String problem = null;
        try (Connection c = pgConnection(); Statement st = c.createStatement()) {
            st.execute("SELECT 1");
        } catch (SQLException e) {
            problem = e.getMessage();
        }
        Assumptions.assumeTrue(problem == null, "PostgreSQL test server not reachable at " + PG_HOST + ":" + PG_PORT + "/" + PG_DATABASE
                + " as user " + PG_USER + " (trust auth expected): " + problem);
    }

    /** @return a table prefix no other test run uses, e.g. {@code mw_k3x9qp2m_} */
    static String uniquePrefix() {
        return new Ids().next("mw") + "_";
    }

    /** Runs data/shop.sql with table names prefixed by {@code prefix}. */
    static void createShop(Connection c, String prefix) throws IOException, SQLException {
        String script = Files.readString(testData().resolve("shop.sql"), StandardCharsets.UTF_8).replace("${p}", prefix);
        StringBuilder statement = new StringBuilder();
        try (Statement st = c.createStatement()) {
            for (String line : script.split("\n")) {
                if (line.strip().startsWith("--")) {
                    continue;
                }
                statement.append(line).append('\n');
                if (line.strip().endsWith(";")) {
                    String sql = statement.toString().strip();
                    st.execute(sql.substring(0, sql.length() - 1));
                    statement.setLength(0);
                }
            }
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    static void dropShop(Connection c, String prefix) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("DROP VIEW IF EXISTS " + prefix + "vip_customers");
            st.execute("DROP TABLE IF EXISTS " + prefix + "orders");
            st.execute("DROP TABLE IF EXISTS " + prefix + "customers");
        }
    }

    /** Drops PostgreSQL tables whose names start with {@code prefix} (temporary tables of writers included). */
    static void dropPgTables(String prefix) throws SQLException {
        try (Connection c = pgConnection(); Statement st = c.createStatement();
                Statement drop = c.createStatement();
                var rs = st.executeQuery("SELECT table_name, table_type FROM information_schema.tables WHERE table_schema = 'public' AND table_name LIKE '"
                        + prefix.replace("_", "\\_") + "%' ORDER BY table_type DESC")) {
            while (rs.next()) {
                drop.execute("DROP " + ("VIEW".equals(rs.getString(2)) ? "VIEW" : "TABLE") + " IF EXISTS \"" + rs.getString(1) + "\" CASCADE");
            }
        }
    }

    static Path testData() {
        Path data = Path.of(System.getProperty("mapwright.testdata", "data"));
        assertTrue(Files.isDirectory(data), "test data folder " + data.toAbsolutePath() + " (system property mapwright.testdata)");
        return data;
    }

    /** Reads every record, copying the reused arrays. */
    static List<Object[]> readAll(RecordReader reader) throws DataException {
        List<Object[]> rows = new ArrayList<>();
        for (Object[] row = reader.next(); row != null; row = reader.next()) {
            rows.add(row.clone());
        }
        return rows;
    }

    static int count(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement(); var rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
