package org.mapwright.connector.jdbc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
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
import org.mapwright.core.connector.RecordWriter;

/** A canary password must never show up in a message, a stack trace or a toString. */
class SecretsTest {

    private static final String CANARY = "CANARY-7f3a9c1e-pw";

    @TempDir
    Path dir;

    private ConnectorContext context;
    private Connection keepOpen;
    private final JdbcConnector source = JdbcFixtures.source();
    private final JdbcTargetConnector target = JdbcFixtures.target();

    @BeforeEach
    void createLockedDatabase() throws Exception {
        context = JdbcFixtures.context(dir, Map.of("locked/ann", CANARY, "locked/file", CANARY));
        Properties p = new Properties();
        p.setProperty("user", "ann");
        p.setProperty("password", CANARY);
        keepOpen = new org.h2.Driver().connect("jdbc:h2:file:" + dir.resolve("locked"), p);
        try (Statement st = keepOpen.createStatement()) {
            st.execute("CREATE TABLE people (id BIGINT PRIMARY KEY, name VARCHAR(20))");
            st.execute("INSERT INTO people VALUES (1, 'Ann')");
        }
    }

    @AfterEach
    void close() throws Exception {
        keepOpen.close();
    }

    private static Settings locked() {
        return Settings.of(Map.of("driver", "h2", "path", "locked", "user", "ann", "credentialKey", "locked/ann", "table", "people"));
    }

    private static void assertNoCanary(Object... things) {
        for (Object thing : things) {
            String text = String.valueOf(thing);
            if (thing instanceof Throwable t) {
                StringWriter trace = new StringWriter();
                t.printStackTrace(new PrintWriter(trace));
                text += trace;
                if (t instanceof DataException d) {
                    text += d.reason() + d.location() + d.rawText();
                }
            }
            assertFalse(text.contains(CANARY), "the password leaked: " + text);
        }
    }

    @Test
    void aWrongH2PasswordIsNeverShown() throws Exception {
        ConnectorContext wrong = JdbcFixtures.context(dir, Map.of("locked/ann", CANARY + "-wrong"));
        DataException e = assertThrows(DataException.class, () -> source.inspect(wrong, locked(), InspectOptions.DEFAULTS, ProgressMonitor.NONE));
        assertTrue(e.reason().startsWith("cannot connect to H2 file " + dir.resolve("locked") + ": authentication failed"), e.reason());
        assertNoCanary(e);
        assertFalse(e.getMessage().contains("-wrong"), e.getMessage());
    }

    @Test
    void aWrongFilePasswordIsNeverShown() throws Exception {
        Properties p = new Properties();
        p.setProperty("user", "sa");
        p.setProperty("password", "right-file-pw sa-pw");
        try (Connection c = new org.h2.Driver().connect("jdbc:h2:file:" + dir.resolve("vault") + ";CIPHER=AES", p)) {
            c.createStatement().execute("CREATE TABLE t (a INT)");
        }
        Settings vault = Settings.of(Map.of("driver", "h2", "path", "vault", "cipher", true, "fileCredentialKey", "locked/file",
                "credentialKey", "locked/ann", "table", "t"));
        DataException e = assertThrows(DataException.class, () -> source.inspect(context, vault, InspectOptions.DEFAULTS, ProgressMonitor.NONE));
        assertTrue(e.reason().startsWith("cannot connect to H2 file"), e.reason());
        assertNoCanary(e);
    }

    @Test
    void postgresqlLoginFailuresNeverShowThePassword() {
        Settings unreachable = Settings.of(Map.of("driver", "postgresql", "host", "127.0.0.1", "port", 1L, "database", "test", "user", "ann",
                "credentialKey", "locked/ann", "properties", "connectTimeout=2", "table", "x"));
        assertNoCanary(assertThrows(DataException.class,
                () -> source.inspect(context, unreachable, InspectOptions.DEFAULTS, ProgressMonitor.NONE)));

        JdbcFixtures.assumePostgres();
        Settings noRole = JdbcFixtures.pg().with("user", "mw_no_such_role").with("credentialKey", "locked/ann").with("table", "x");
        DataException e = assertThrows(DataException.class, () -> source.inspect(context, noRole, InspectOptions.DEFAULTS, ProgressMonitor.NONE));
        assertTrue(e.reason().contains("authentication failed"), e.reason());
        assertNoCanary(e);
    }

    @Test
    void openReadersWritersBrowsersAndTheirErrorsNeverShowThePassword() throws Exception {
        Inspection inspection = source.inspect(context, locked(), InspectOptions.DEFAULTS, ProgressMonitor.NONE);
        assertNoCanary(inspection, inspection.settings(), source, target, target.describe(locked()), JdbcUrls.build(context, locked()));
        try (RecordReader reader = source.open(context, locked(), inspection.schema())) {
            reader.next();
            assertNoCanary(reader, reader.location());
        }
        try (DatabaseBrowser browser = source.browse(context, locked())) {
            assertNoCanary(browser, browser.label(), browser.describe(browser.findTable(null, "people").orElseThrow()));
        }
        Schema people = Schema.of(List.of(new Field("k", "ID", DataType.INTEGER, false, true, null, false, List.of()),
                Field.of("n", "NAME", DataType.TEXT)));
        try (RecordWriter writer = target.open(context, locked().with("mode", "append").with("batchSize", 1L), people)) {
            assertNoCanary(writer);
            assertNoCanary(assertThrows(DataException.class, () -> writer.write(new Object[] { 1L, "Ann again" })));
        }
        Settings badQuery = locked().with("table", null).with("query", "SELECT nothing FROM nowhere");
        assertNoCanary(assertThrows(DataException.class, () -> source.inspect(context, badQuery, InspectOptions.DEFAULTS, ProgressMonitor.NONE)));
    }
}
