package org.mapwright.monitor.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.core.Settings;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.engine.RunReport;
import org.mapwright.engine.RunReport.MappingReport;
import org.mapwright.engine.RunStatus;
import org.mapwright.monitor.Fixtures;

class HistoryStoreTest {

    private static final Instant T0 = Instant.parse("2024-06-01T12:00:00.123456Z");
    private static final String VERSION = "a".repeat(64);

    @TempDir
    Path dir;

    private HistoryStore store() throws HistoryException {
        return HistoryStore.h2(dir.resolve("history"));
    }

    @Test
    void recordsARunAndReadsBackEveryDetail() throws Exception {
        HistoryStore store = store();
        RunReport report = Fixtures.report("shop", T0, 100, 90, 4, 3);
        RunSummary s = store.record("shop", VERSION, report, "cli");

        assertEquals(1, s.id());
        assertEquals(RunIds.of(report), s.runId());
        assertEquals(RunStatus.SUCCEEDED, s.status());
        assertEquals(T0, s.start());
        assertEquals(1500, s.durationMillis());
        assertEquals(110, s.rowsRead(), "totals over both mappings");
        assertEquals(94, s.rowsWritten());
        assertEquals(4, s.rowsRejected());
        assertEquals(6, s.rowsMerged());
        assertEquals(2, s.mappings());
        assertEquals(1, s.warnings());
        assertEquals("cli", s.origin());
        assertEquals(VERSION, s.projectVersion());

        RunDetails d = store.run(s.id()).orElseThrow();
        assertEquals(report, d.report(), "the report comes back exactly (no raw input, ms durations, µs times)");
        assertEquals(s, d.summary());
        assertEquals(d, store.run(s.runId()).orElseThrow());
        assertTrue(Files.exists(dir.resolve("history.mv.db")));
    }

    @Test
    void timesAreKeptToTheMicrosecond() throws Exception {
        HistoryStore store = store();
        Instant nanos = Instant.parse("2024-06-01T12:00:00.123456789Z");
        RunSummary s = store.record("shop", VERSION, Fixtures.report("shop", nanos, 1, 1, 0, 0), "cli");
        assertEquals(Instant.parse("2024-06-01T12:00:00.123456Z"), s.start());
    }

    @Test
    void readingAStoreThatDoesNotExistGivesNothingAndCreatesNothing() throws Exception {
        HistoryStore store = store();
        assertEquals(0, store.schemaVersion());
        assertEquals(List.of(), store.runs("shop", 0, 10));
        assertEquals(0, store.countRuns("shop"));
        assertEquals(Optional.empty(), store.run(1));
        assertEquals(List.of(), store.ruleSeries("shop", 10));
        assertEquals(List.of(), store.projects());
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "no database file was created by reading");
        }
    }

    @Test
    void migratingIsIdempotentAndKeepsRecordedRuns() throws Exception {
        HistoryStore store = store();
        store.migrate();
        assertEquals(HistoryStore.SCHEMA_VERSION, store.schemaVersion());
        store.record("shop", VERSION, Fixtures.report("shop", T0, 10, 10, 0, 0), "cli");
        store.migrate();
        store.migrate();
        assertEquals(HistoryStore.SCHEMA_VERSION, store.schemaVersion());
        assertEquals(1, store.countRuns("shop"));
        try (Connection c = h2(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM mapwright_history_version")) {
            rs.next();
            assertEquals(HistoryStore.SCHEMA_VERSION, rs.getInt(1), "one row per applied version, however often migrated");
        }
    }

    @Test
    void refusesAStoreCreatedByANewerMapwright() throws Exception {
        HistoryStore store = store();
        store.migrate();
        try (Connection c = h2(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO mapwright_history_version VALUES (99, 'from the future', CURRENT_TIMESTAMP)");
        }
        HistoryException read = assertThrows(HistoryException.class, () -> store.runs("shop", 0, 10));
        assertTrue(read.getMessage().contains("newer Mapwright") && read.getMessage().contains("99"), read.getMessage());
        HistoryException write = assertThrows(HistoryException.class,
                () -> store.record("shop", VERSION, Fixtures.report("shop", T0, 1, 1, 0, 0), "cli"));
        assertTrue(write.getMessage().contains("newer Mapwright"), write.getMessage());
    }

    @Test
    void pagesRunsNewestFirstAndKeepsProjectsApart() throws Exception {
        HistoryStore store = store();
        for (int i = 0; i < 5; i++) {
            store.record("shop", VERSION, Fixtures.report("shop", T0.plusSeconds(60 * i), 10 + i, 10 + i, 0, 0), "cli");
        }
        store.record("other", VERSION, Fixtures.report("other", T0, 1, 1, 0, 0), "workbench");

        assertEquals(5, store.countRuns("shop"));
        assertEquals(List.of(5L, 4L), ids(store.runs("shop", 0, 2)));
        assertEquals(List.of(3L, 2L), ids(store.runs("shop", 2, 2)));
        assertEquals(List.of(1L), ids(store.runs("shop", 4, 2)));
        assertEquals(List.of(3L, 4L, 5L), ids(store.trend("shop", 3)), "trends run oldest to newest");
        assertEquals(List.of(6L), ids(store.runs("other", 0, 10)));
        assertEquals(List.of("other", "shop"), store.projects());
    }

    @Test
    void ruleSeriesGivesPassRatesPerRunOldestFirst() throws Exception {
        HistoryStore store = store();
        store.record("shop", VERSION, Fixtures.report("shop", T0, 100, 90, 10, 10), "cli");
        store.record("shop", VERSION, Fixtures.report("shop", T0.plusSeconds(60), 100, 95, 5, 5), "cli");
        store.record("shop", VERSION, Fixtures.report("shop", T0.plusSeconds(120), 100, 100, 0, 0), "cli");

        List<RuleSeries> series = store.ruleSeries("shop", 2);
        assertEquals(2, series.size(), "both rules of the orders mapping");
        RuleSeries email = series.get(0);
        assertEquals("r_email", email.ruleId());
        assertEquals("m_orders", email.mappingId());
        assertEquals("not-null", email.kind());
        assertEquals(List.of(2L, 3L), email.points().stream().map(RuleSeries.Point::runId).toList(), "only the last 2 runs");
        assertEquals(0.95, email.points().get(0).passRate(), 1e-9, "5 violations of 100 rows checked");
        assertEquals(1.0, email.lastPassRate(), 1e-9);
        assertEquals(0.975, email.meanPassRate(), 1e-9);
        assertEquals("r_amount", series.get(1).ruleId());
    }

    @Test
    void aFailingWriteRecordsNothing() throws Exception {
        HistoryStore store = store();
        RunReport good = Fixtures.report("shop", T0, 10, 10, 0, 0);
        MappingReport broken = new MappingReport(null, "broken", RunStatus.FAILED, 0, 0, 0, 0, 0, -1, Duration.ZERO, List.of(), List.of(),
                null, List.of(), List.of(), "boom");
        RunReport bad = new RunReport("shop", RunStatus.FAILED, T0, T0.plusSeconds(1), "boom",
                List.of(good.mappings().get(0), broken));
        HistoryException e = assertThrows(HistoryException.class, () -> store.record("shop", VERSION, bad, "cli"));
        assertTrue(e.getMessage().startsWith("cannot record the run in the run history (H2 file "), e.getMessage());
        assertEquals(0, store.countRuns("shop"), "the run row written before the failing mapping was rolled back");
        try (Connection c = h2(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM mapwright_mapping_run")) {
            rs.next();
            assertEquals(0, rs.getInt(1));
        }
    }

    @Test
    void recordingTheSameRunTwiceIsRefused() throws Exception {
        HistoryStore store = store();
        RunReport report = Fixtures.report("shop", T0, 10, 10, 0, 0);
        store.record("shop", VERSION, report, "cli");
        HistoryException e = assertThrows(HistoryException.class, () -> store.record("shop", VERSION, report, "cli"));
        assertTrue(e.getMessage().contains("already recorded as run 1"), e.getMessage());
    }

    @Test
    void longTextsAreShortenedInsteadOfFailingTheRecord() throws Exception {
        HistoryStore store = store();
        RunReport r = Fixtures.report("shop", T0, 10, 10, 0, 0);
        RunReport failed = new RunReport("shop", RunStatus.FAILED, r.start(), r.end(), "x".repeat(10_000), r.mappings());
        RunSummary s = store.record("shop", VERSION, failed, "cli");
        assertEquals(4000, s.error().length());
        assertTrue(s.error().endsWith("..."));
    }

    @Test
    void settingsNameAnH2FileRelativeToTheContextFolder() throws Exception {
        HistoryStore store = HistoryStore.open(Settings.of(Map.of("driver", "h2", "path", "hist/db")), ConnectorContext.of(dir));
        assertEquals("H2 file " + dir.toAbsolutePath().normalize().resolve("hist/db"), store.description());
        store.record("shop", VERSION, Fixtures.report("shop", T0, 1, 1, 0, 0), "cli");
        assertTrue(Files.exists(dir.resolve("hist/db.mv.db")));
    }

    @Test
    void refusesSettingsOtherThanH2OrPostgresqlAndBadSchemaNames() {
        HistoryException generic = assertThrows(HistoryException.class, () -> HistoryStore.open(
                Settings.of(Map.of("driver", "generic", "url", "jdbc:x:y")), ConnectorContext.of(dir)));
        assertTrue(generic.getMessage().contains("must be h2 or postgresql"), generic.getMessage());
        HistoryException schema = assertThrows(HistoryException.class, () -> HistoryStore.open(
                Settings.of(Map.of("driver", "postgresql", "host", "db", "database", "ops", "schema", "a; DROP TABLE x")),
                ConnectorContext.of(dir)));
        assertTrue(schema.getMessage().contains("setting 'schema'"), schema.getMessage());
        HistoryException url = assertThrows(HistoryException.class, () -> HistoryStore.open(
                Settings.of(Map.of("driver", "h2", "path", "db;INIT=RUNSCRIPT FROM 'x'")), ConnectorContext.of(dir)));
        assertTrue(url.getMessage().contains("path"), url.getMessage());
        assertThrows(HistoryException.class, () -> HistoryStore.h2(dir.resolve("a;b")));
    }

    @Test
    void missingPasswordIsReportedByCredentialKey() throws Exception {
        HistoryStore store = HistoryStore.open(Settings.of(Map.of("driver", "h2", "path", "db", "credentialKey", "history/pw")),
                ConnectorContext.of(dir));
        HistoryException e = assertThrows(HistoryException.class, store::migrate);
        assertTrue(e.getMessage().contains("no password stored under credential key 'history/pw'"), e.getMessage());
    }

    @Test
    void aCipheredH2StoreNeverShowsItsPasswords() throws Exception {
        Map<String, String> secrets = Map.of("history/file", "file-secret-1", "history/pw", "user-secret-2");
        ConnectorContext context = new ConnectorContext(dir, k -> Optional.ofNullable(secrets.get(k)), null);
        Settings settings = Settings.of(Map.of("driver", "h2", "path", "secure", "cipher", true, "fileCredentialKey", "history/file",
                "credentialKey", "history/pw"));
        HistoryStore store = HistoryStore.open(settings, context);
        store.record("shop", VERSION, Fixtures.report("shop", T0, 1, 1, 0, 0), "cli");
        assertEquals(1, store.countRuns("shop"));
        assertFalse(store.description().contains("secret"));
        Map<String, String> wrong = Map.of("history/file", "file-secret-1", "history/pw", "wrong-secret-3");
        HistoryStore other = HistoryStore.open(settings, new ConnectorContext(dir, k -> Optional.ofNullable(wrong.get(k)), null));
        HistoryException e = assertThrows(HistoryException.class, () -> other.countRuns("shop"));
        assertFalse(e.getMessage().contains("secret-"), "no password in the message: " + e.getMessage());
    }

    @Test
    void projectVersionIsTheHashOfTheCanonicalProject() throws Exception {
        var io = new org.mapwright.core.io.ProjectIO();
        var project = io.read(Fixtures.sampleProject());
        String v = ProjectVersion.of(project);
        assertTrue(v.matches("[0-9a-f]{64}"), v);
        assertEquals(v, ProjectVersion.of(io.parse(io.toJson(project))), "same definition, same version");
        assertFalse(v.equals(ProjectVersion.of(project.withName("renamed"))), "any change gives another version");
        assertEquals(v.substring(0, 12), ProjectVersion.shortForm(v));
    }

    private static List<Long> ids(List<RunSummary> runs) {
        return runs.stream().map(RunSummary::id).toList();
    }

    private Connection h2() throws Exception {
        Properties p = new Properties();
        p.setProperty("user", "sa");
        p.setProperty("password", "");
        return new org.h2.Driver().connect("jdbc:h2:file:" + dir.resolve("history").toAbsolutePath(), p);
    }
}
