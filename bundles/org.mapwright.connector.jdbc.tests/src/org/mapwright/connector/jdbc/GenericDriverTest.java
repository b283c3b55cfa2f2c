package org.mapwright.connector.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.core.Settings;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.InspectOptions;
import org.mapwright.core.connector.ProgressMonitor;
import org.mapwright.internal.connector.jdbc.StandardDrivers;

/** Loads a driver from a jar the user names, using a copy of the H2 jar as the stranger's driver. */
class GenericDriverTest {

    @TempDir
    Path dir;

    private ConnectorContext context;

    @BeforeEach
    void copyDriverJar() throws Exception {
        Path h2;
        try {
            h2 = Path.of(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (RuntimeException e) {
            h2 = null;
        }
        Assumptions.assumeTrue(h2 != null && Files.isRegularFile(h2) && h2.toString().endsWith(".jar"),
                "the H2 driver is not loaded from a jar file here (" + h2 + "), so there is no jar to load it from again");
        Files.createDirectories(dir.resolve("drivers"));
        Files.copy(h2, dir.resolve("drivers/stranger.jar"));
        context = JdbcFixtures.context(dir);
    }

    private static Settings generic(String driverClass) {
        return Settings.of(Map.of("driver", "generic", "driverJar", "drivers/stranger.jar", "driverClass", driverClass, "url",
                "jdbc:stranger:warehouse", "table", "x"));
    }

    @Test
    void loadsTheDriverInItsOwnClassLoaderOncePerJar() throws Exception {
        StandardDrivers drivers = new StandardDrivers();
        ConnectionSpec spec = JdbcUrls.build(context, generic("org.h2.Driver"));
        Driver driver = drivers.driver(spec);
        assertEquals("org.h2.Driver", driver.getClass().getName());
        assertNotSame(org.h2.Driver.class, driver.getClass());
        assertInstanceOf(URLClassLoader.class, driver.getClass().getClassLoader());
        assertTrue(driver.acceptsURL("jdbc:h2:mem:"));
        assertSame(driver, drivers.driver(spec));
    }

    @Test
    void reportsADriverThatDoesNotAcceptTheUrl() {
        DataException e = assertThrows(DataException.class,
                () -> JdbcFixtures.source().inspect(context, generic("org.h2.Driver"), InspectOptions.DEFAULTS, ProgressMonitor.NONE));
        assertEquals("cannot connect to org.h2.Driver jdbc:stranger:warehouse: the driver org.h2.Driver does not accept the URL", e.reason());
    }

    @Test
    void refusesClassesThatAreMissingOrNotDrivers() {
        SQLException missing = assertThrows(SQLException.class,
                () -> new StandardDrivers().driver(JdbcUrls.build(context, generic("com.example.NoSuchDriver"))));
        assertTrue(missing.getMessage().startsWith("driver class com.example.NoSuchDriver not found in "), missing.getMessage());

        DataException notADriver = assertThrows(DataException.class,
                () -> JdbcFixtures.source().inspect(context, generic("org.h2.tools.Server"), InspectOptions.DEFAULTS, ProgressMonitor.NONE));
        assertTrue(notADriver.reason().contains("class org.h2.tools.Server in " + dir.resolve("drivers/stranger.jar") + " is not a java.sql.Driver"),
                notADriver.reason());
    }

    @Test
    void refusesAMissingJarBeforeLoadingAnything() {
        JdbcFixtures.CountingDrivers counting = new JdbcFixtures.CountingDrivers();
        Settings settings = generic("org.h2.Driver").with("driverJar", "drivers/missing.jar");
        DataException e = assertThrows(DataException.class,
                () -> JdbcFixtures.source(counting).inspect(context, settings, InspectOptions.DEFAULTS, ProgressMonitor.NONE));
        assertEquals("refused connection settings: driver jar not found: " + dir.resolve("drivers/missing.jar"), e.reason());
        assertEquals(0, counting.calls.get());
    }
}
