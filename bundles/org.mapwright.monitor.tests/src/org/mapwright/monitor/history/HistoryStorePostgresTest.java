package org.mapwright.monitor.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.core.Settings;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.engine.RunReport;
import org.mapwright.monitor.Fixtures;

/**
 * The history store on the PostgreSQL server at 127.0.0.1:5432 (database {@code test}, user
 * {@code postgres}, trust authentication); skipped when it is not reachable. Every test uses its
 * own schema and drops it afterwards.
 */
class HistoryStorePostgresTest {

    private static final String HOST = "127.0.0.1";
    private static final int PORT = 5432;
    private static final String DATABASE = "test";
    private static final String USER = "postgres";
    private static final Instant T0 = Instant.parse("2024-06-01T12:00:00.123456Z");
    private static final String VERSION = "b".repeat(64);

    @TempDir
    Path dir;

    private String schema;

    @BeforeEach
    void assumeServer() {
        String problem = null;
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("SELECT 1");
        } catch (SQLException e) {
            problem = e.getMessage();
        }
        Assumptions.assumeTrue(problem == null, "PostgreSQL test server not reachable at " + HOST + ":" + PORT + "/" + DATABASE
                + " as user " + USER + " (trust authentication expected): " + problem);
        schema = "mw_hist_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    @AfterEach
    void dropSchema() throws SQLException {
        if (schema != null) {
            try (Connection c = connect(); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private Settings settings() {
        Map<String, Object> m = new HashMap<>(Map.of("driver", "postgresql", "host", HOST, "port", (long) PORT, "database", DATABASE,
                "user", USER, "properties", "connectTimeout=3;ApplicationName=mapwright-tests"));
        m.put("schema", schema);
        return Settings.of(m);
    }

    @Test
    void recordsAndReadsBackRunsInItsOwnSchema() throws Exception {
        HistoryStore store = HistoryStore.open(settings(), ConnectorContext.of(dir));
        assertEquals(0, store.schemaVersion(), "nothing yet, and reading created nothing");
        RunReport report = Fixtures.report("shop", T0, 100, 90, 4, 3);
        RunSummary s = store.record("shop", VERSION, report, "cli");
        assertEquals(HistoryStore.SCHEMA_VERSION, store.schemaVersion());
        RunDetails d = store.run(s.id()).orElseThrow();
        assertEquals(report, d.report());
        assertEquals(s, d.summary());
        assertTrue(store.description().endsWith(", schema " + schema), store.description());
        try (Connection c = connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + schema + ".mapwright_run")) {
            rs.next();
            assertEquals(1, rs.getInt(1), "the tables live in the configured schema");
        }
    }

    @Test
    void migratingIsIdempotentAndSeriesWork() throws Exception {
        HistoryStore store = HistoryStore.open(settings(), ConnectorContext.of(dir));
        store.migrate();
        store.migrate();
        for (int i = 0; i < 3; i++) {
            store.record("shop", VERSION, Fixtures.report("shop", T0.plusSeconds(60 * i), 100, 100 - i, i, i), "cli");
        }
        store.migrate();
        assertEquals(3, store.countRuns("shop"));
        assertEquals(List.of(3L, 2L), store.runs("shop", 0, 2).stream().map(RunSummary::id).toList());
        assertEquals(List.of(2L, 3L), store.trend("shop", 2).stream().map(RunSummary::id).toList());
        RuleSeries email = store.ruleSeries("shop", 3).get(0);
        assertEquals(0.98, email.lastPassRate(), 1e-9, "2 violations of 100 checked rows");
        try (Connection c = connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + schema + ".mapwright_history_version")) {
            rs.next();
            assertEquals(HistoryStore.SCHEMA_VERSION, rs.getInt(1));
        }
    }

    @Test
    void prunesOldRunsWithTheirDetailsInOneTransaction() throws Exception {
        HistoryStore store = HistoryStore.open(settings(), ConnectorContext.of(dir));
        for (int i = 0; i < 4; i++) {
            store.record("shop", VERSION, Fixtures.report("shop", T0.plusSeconds(60 * i), 100, 99, 1, 1), "cli");
        }
        assertEquals(List.of(2L, 1L), store.prune("shop", Retention.last(2)).stream().map(RunSummary::id).toList());
        assertEquals(List.of(4L, 3L), store.runs("shop", 0, 10).stream().map(RunSummary::id).toList());
        try (Connection c = connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + schema + ".mapwright_rule_result WHERE run_id < 3")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "rule results of pruned runs go with them");
        }
    }

    @Test
    void connectionFailuresNeverShowThePassword() throws Exception {
        Map<String, Object> m = new HashMap<>(Map.of("driver", "postgresql", "host", HOST, "port", 1L, "database", DATABASE, "user", USER,
                "credentialKey", "history/pg", "properties", "connectTimeout=2"));
        ConnectorContext context = new ConnectorContext(dir, k -> Optional.of("pg-Secret-4711"), null);
        HistoryStore store = HistoryStore.open(Settings.of(m), context);
        assertFalse(store.description().contains("Secret"));
        HistoryException e = assertThrows(HistoryException.class, store::migrate);
        assertTrue(e.getMessage().contains("PostgreSQL postgres@127.0.0.1:1/test"), e.getMessage());
        assertFalse(e.getMessage().contains("pg-Secret-4711"), e.getMessage());
    }

    private static Connection connect() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", USER);
        p.setProperty("connectTimeout", "3");
        return new org.postgresql.Driver().connect("jdbc:postgresql://" + HOST + ":" + PORT + "/" + DATABASE, p);
    }
}
