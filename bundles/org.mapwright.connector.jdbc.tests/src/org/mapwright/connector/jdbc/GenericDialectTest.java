package org.mapwright.connector.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.core.Ids;
import org.mapwright.core.Settings;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.RecordWriter;

/**
 * The SQL used for databases Mapwright does not know (standard types, OFFSET/FETCH paging,
 * update-then-insert upsert), run on H2 behind a driver that answers to another URL prefix.
 */
class GenericDialectTest {

    @TempDir
    Path dir;

    private ConnectorContext context;
    private Connection keepOpen;
    private Settings settings;
    private JdbcConnector source;
    private JdbcTargetConnector target;

    /** H2 under the sub-protocol {@code mwtest}, so the generic code path runs against a real database. */
    private static final class RenamedH2 implements Driver {
        private final Driver h2 = new org.h2.Driver();

        @Override
        public Connection connect(String url, Properties info) throws SQLException {
            return acceptsURL(url) ? h2.connect("jdbc:h2:file:" + url.substring("jdbc:mwtest:".length()), info) : null;
        }

        @Override
        public boolean acceptsURL(String url) {
            return url.startsWith("jdbc:mwtest:");
        }

        @Override
        public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
            return new DriverPropertyInfo[0];
        }

        @Override
        public int getMajorVersion() {
            return 1;
        }

        @Override
        public int getMinorVersion() {
            return 0;
        }

        @Override
        public boolean jdbcCompliant() {
            return false;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getLogger("mwtest");
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        Files.createFile(dir.resolve("mwtest.jar"));
        context = JdbcFixtures.context(dir);
        keepOpen = JdbcFixtures.h2Connection(dir.resolve("db"));
        JdbcFixtures.createShop(keepOpen, "");
        settings = Settings.of(Map.of("driver", "generic", "driverJar", "mwtest.jar", "driverClass", "org.example.MwTest", "url",
                "jdbc:mwtest:" + dir.resolve("db"), "user", "sa"));
        source = new JdbcConnector(new Ids(), spec -> new RenamedH2());
        target = new JdbcTargetConnector(spec -> new RenamedH2());
    }

    @AfterEach
    void close() throws Exception {
        keepOpen.close();
    }

    @Test
    void roundTripsEveryDataTypeWithStandardColumnTypes() throws Exception {
        TypeRoundTrip.check(source, target, context, settings.with("table", "all_types"), false);
    }

    @Test
    void upsertsByUpdatingThenInserting() throws Exception {
        Settings out = settings.with("table", "people").with("mode", "upsert");
        for (String version : List.of("v1 ", "v2 ")) {
            try (RecordWriter writer = target.open(context, out, H2TargetTest.PEOPLE)) {
                for (long i = 1; i <= 3; i++) {
                    writer.write(new Object[] { i, version + i });
                }
                writer.commit();
            }
        }
        assertEquals(3, JdbcFixtures.count(keepOpen, "\"people\""));
        assertEquals(1, JdbcFixtures.count(keepOpen, "\"people\" WHERE \"name\" = 'v2 3'"));
    }

    @Test
    void pagesWithOffsetFetch() throws Exception {
        try (DatabaseBrowser browser = source.browse(context, settings)) {
            TableRef customers = browser.findTable(null, "customers").orElseThrow();
            PreviewPage page = browser.preview(customers, 3, 5);
            assertEquals(List.of(4L, 5L), page.rows().stream().map(r -> r[0]).toList());
            assertFalse(page.hasMore());
            assertTrue(browser.preview(customers, 0, 4).hasMore());
        }
    }
}
