package org.mapwright.systemtests.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.mapwright.connector.jdbc.ConnectionSpec;
import org.mapwright.connector.jdbc.JdbcUrls;
import org.mapwright.core.Settings;
import org.mapwright.core.connector.ConnectorContext;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the JDBC settings validator {@link JdbcUrls#build}: fuzzed values for every connection
 * setting of every driver. The only allowed outcomes are an {@link IllegalArgumentException} or a
 * connection of exactly the shape Mapwright builds: an embedded H2 file under the resolved path
 * (optionally {@code ;CIPHER=AES}, nothing else after it), a PostgreSQL host/port/database URL
 * with only allow-listed properties, or a generic URL that is not H2/PostgreSQL and carries no
 * password or code-loading fragment. Regression inputs:
 * {@code src/test/resources/org/mapwright/systemtests/fuzz/JdbcSettingsFuzzITInputs/buildsOnlyAllowedUrls/}.
 */
class JdbcSettingsFuzzIT {

    private static final String[] DRIVERS = { "h2", "postgresql", "generic", "H2 ", "mysql", "" };
    private static final String[] KEYS = { "path", "cipher", "fileCredentialKey", "host", "port", "database", "user", "credentialKey",
            "properties", "driverJar", "driverClass", "url" };
    private static final Set<String> PG_PROPERTIES = Set.of("sslmode", "ssl", "sslrootcert", "sslcert", "sslkey", "connectTimeout",
            "socketTimeout", "loginTimeout", "cancelSignalTimeout", "tcpKeepAlive", "ApplicationName", "currentSchema", "readOnly",
            "readOnlyMode", "defaultRowFetchSize", "prepareThreshold", "binaryTransfer", "targetServerType", "gssEncMode",
            "channelBinding");
    private static final Pattern PG_URL = Pattern.compile("jdbc:postgresql://(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9_.\\-]+):[0-9]{1,5}/[^/?&;#\\s]+");
    private static final String[] CODE_WORDS = { "init=", "runscript", "javascript", "jndi", "factory", "interceptor", "autodeserialize",
            "allowloadlocalinfile", "callback", "classname", "password=" };
    private static final String[] CODE_PROPERTY_WORDS = { "factory", "interceptor", "callback", "classname", "password",
            "autodeserialize", "allowloadlocalinfile" };

    private static final ConnectorContext CONTEXT = context();

    private static ConnectorContext context() {
        try {
            Path dir = Files.createTempDirectory("mapwright-jdbc-fuzz");
            Files.createFile(dir.resolve("driver.jar"));
            dir.toFile().deleteOnExit();
            dir.resolve("driver.jar").toFile().deleteOnExit();
            return ConnectorContext.of(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "2m")
    void buildsOnlyAllowedUrls(FuzzedDataProvider data) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("driver", data.pickValue(DRIVERS));
        int count = data.consumeInt(0, 6);
        for (int i = 0; i < count; i++) {
            String key = data.pickValue(KEYS);
            Object value = switch (data.consumeInt(0, 5)) {
                case 0 -> data.consumeBoolean();
                case 1 -> data.consumeLong();
                case 2 -> data.pickValue(new String[] { "driver.jar", "db/shop", "127.0.0.1", "::1", "test", "sa", "k", "true",
                        "sslmode=require", "jdbc:acme://h/db", "com.acme.Driver" });
                default -> data.consumeString(200);
            };
            settings.put(key, value);
        }
        ConnectionSpec spec;
        try {
            spec = JdbcUrls.build(CONTEXT, Settings.of(settings));
        } catch (IllegalArgumentException refused) {
            if (refused.getMessage() == null || refused.getMessage().isBlank()) {
                throw new AssertionError("refusal without a reason", refused);
            }
            return;
        }
        check(spec, settings);
    }

    private static void check(ConnectionSpec spec, Map<String, Object> settings) {
        String url = spec.url();
        requirePlain(url, "url");
        if (spec.user() != null) {
            requirePlain(spec.user(), "user");
        }
        spec.properties().forEach((k, v) -> {
            requirePlain(k, "property name");
            requirePlain(v, "property value");
            if (k.equalsIgnoreCase("user") || k.equalsIgnoreCase("password")) {
                throw new AssertionError("property '" + k + "' passed through: " + spec.properties());
            }
        });
        switch (spec.driver()) {
            case JdbcUrls.H2 -> {
                String prefix = "jdbc:h2:file:";
                if (!url.startsWith(prefix)) {
                    throw new AssertionError("H2 URL of another kind: " + url);
                }
                String rest = url.substring(prefix.length());
                if (rest.endsWith(";CIPHER=AES")) {
                    rest = rest.substring(0, rest.length() - ";CIPHER=AES".length());
                }
                if (rest.indexOf(';') >= 0 || rest.indexOf(':') >= 0 || !Path.of(rest).isAbsolute()
                        || !Path.of(rest).equals(Path.of(rest).normalize())) {
                    throw new AssertionError("H2 URL is not exactly one absolute local file: " + url);
                }
                if (!spec.properties().isEmpty()) {
                    throw new AssertionError("H2 connection with properties: " + spec.properties());
                }
            }
            case JdbcUrls.POSTGRESQL -> {
                if (!PG_URL.matcher(url).matches()) {
                    throw new AssertionError("PostgreSQL URL of another shape: " + url);
                }
                for (String k : spec.properties().keySet()) {
                    if (!PG_PROPERTIES.contains(k)) {
                        throw new AssertionError("PostgreSQL property off the allow-list: " + k);
                    }
                }
            }
            case JdbcUrls.GENERIC -> {
                String lower = url.toLowerCase(Locale.ROOT);
                if (!lower.startsWith("jdbc:") || lower.startsWith("jdbc:h2:") || lower.startsWith("jdbc:postgres")
                        || lower.startsWith("jdbc:pgsql:")) {
                    throw new AssertionError("generic URL of a dedicated driver: " + url);
                }
                for (String w : CODE_WORDS) {
                    if (lower.contains(w)) {
                        throw new AssertionError("generic URL with '" + w + "': " + url);
                    }
                }
                for (String k : spec.properties().keySet()) {
                    String kl = k.toLowerCase(Locale.ROOT);
                    for (String w : CODE_PROPERTY_WORDS) {
                        if (kl.contains(w)) {
                            throw new AssertionError("generic property '" + k + "' can load code");
                        }
                    }
                }
            }
            default -> throw new AssertionError("unknown driver kind " + spec.driver() + " from " + settings);
        }
    }

    private static void requirePlain(String s, String what) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                throw new AssertionError(what + " contains U+" + Integer.toHexString(c) + ": " + s);
            }
        }
        String lower = s.toLowerCase(Locale.ROOT);
        for (String w : new String[] { "init=", "runscript", "create alias", "create trigger", "jndi" }) {
            if (lower.contains(w)) {
                throw new AssertionError(what + " contains '" + w + "': " + s);
            }
        }
    }
}
