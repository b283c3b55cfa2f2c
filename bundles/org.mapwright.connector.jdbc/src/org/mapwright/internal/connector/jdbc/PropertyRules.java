package org.mapwright.internal.connector.jdbc;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

import org.mapwright.core.connector.ConnectorContext;

/**
 * The driver properties a user may set through the {@code properties} setting, per driver. The
 * PostgreSQL driver accepts properties that instantiate arbitrary classes, write log files or
 * pass server options, so only an allow-list with checked values goes through; H2 takes none.
 */
public final class PropertyRules {

    private static final Pattern INTEGER = Pattern.compile("[0-9]{1,9}");
    private static final Pattern SCHEMA_LIST = Pattern.compile("[\\p{L}\\p{N}_$]+( *, *[\\p{L}\\p{N}_$]+)*");
    private static final Pattern GENERIC_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_.\\-]{0,63}");

    /** pgjdbc properties refused with a specific reason; anything else off the allow-list is refused too. */
    private static final Map<String, String> PG_DANGEROUS = Map.ofEntries(
            Map.entry("socketfactory", "instantiates a class"),
            Map.entry("socketfactoryarg", "is passed to a class constructor"),
            Map.entry("sslfactory", "instantiates a class"),
            Map.entry("sslfactoryarg", "is passed to a class constructor"),
            Map.entry("sslhostnameverifier", "instantiates a class"),
            Map.entry("sslpasswordcallback", "instantiates a class"),
            Map.entry("authenticationpluginclassname", "instantiates a class"),
            Map.entry("xmlfactoryfactory", "instantiates a class"),
            Map.entry("loggerfile", "writes a file"),
            Map.entry("loggerlevel", "enables driver logging that may record secrets"),
            Map.entry("options", "passes arbitrary server options"),
            Map.entry("password", "is a secret: store it in the credential store and set 'credentialKey'"),
            Map.entry("sslpassword", "is a secret and cannot be set here"),
            Map.entry("user", "belongs in the 'user' setting"),
            Map.entry("service", "reads connection settings from a service file"),
            Map.entry("jaaslogin", "loads a JAAS login configuration"),
            Map.entry("jaasapplicationname", "selects a JAAS login configuration"));

    private final String driver;
    private final Map<String, BiFunction<String, ConnectorContext, String>> allowed;
    private final boolean open;

    private PropertyRules(String driver, Map<String, BiFunction<String, ConnectorContext, String>> allowed, boolean open) {
        this.driver = driver;
        this.allowed = allowed;
        this.open = open;
    }

    /** H2: Mapwright sets everything itself, so no user properties are accepted. */
    public static PropertyRules h2() {
        return new PropertyRules("h2", Map.of(), false);
    }

    /** PostgreSQL: timeouts, TLS settings, application name, schema, read-only flags. */
    public static PropertyRules postgresql() {
        Map<String, BiFunction<String, ConnectorContext, String>> m = new LinkedHashMap<>();
        m.put("sslmode", oneOf("disable", "allow", "prefer", "require", "verify-ca", "verify-full"));
        m.put("ssl", bool());
        m.put("sslrootcert", file());
        m.put("sslcert", file());
        m.put("sslkey", file());
        m.put("connectTimeout", integer());
        m.put("socketTimeout", integer());
        m.put("loginTimeout", integer());
        m.put("cancelSignalTimeout", integer());
        m.put("tcpKeepAlive", bool());
        m.put("ApplicationName", (v, c) -> {
            if (v.length() > 63) {
                throw new IllegalArgumentException("is longer than 63 characters");
            }
            return v;
        });
        m.put("currentSchema", (v, c) -> {
            if (!SCHEMA_LIST.matcher(v).matches()) {
                throw new IllegalArgumentException("must be a comma-separated list of plain schema names");
            }
            return v;
        });
        m.put("readOnly", bool());
        m.put("readOnlyMode", oneOf("ignore", "transaction", "always"));
        m.put("defaultRowFetchSize", integer());
        m.put("prepareThreshold", integer());
        m.put("binaryTransfer", bool());
        m.put("targetServerType", oneOf("any", "primary", "secondary", "preferSecondary", "preferPrimary"));
        m.put("gssEncMode", oneOf("disable", "allow", "prefer", "require"));
        m.put("channelBinding", oneOf("disable", "prefer", "require"));
        return new PropertyRules("postgresql", m, false);
    }

    /**
     * A driver Mapwright does not know: any plain key is passed on, except keys whose names
     * suggest class loading, scripts, interceptors, logging to files or secrets.
     */
    public static PropertyRules generic() {
        return new PropertyRules("generic", Map.of(), true);
    }

    /** @return the allowed property names (empty for H2 and generic drivers) */
    public Set<String> allowedNames() {
        return allowed.keySet();
    }

    /**
     * Parses {@code key=value} pairs separated by {@code ;} or line breaks.
     *
     * @throws IllegalArgumentException naming the first refused pair and why
     */
    public Map<String, String> parse(String text, ConnectorContext context) {
        Map<String, String> out = new TreeMap<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String pair : text.split("[;\\r\\n]")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("setting 'properties': '" + pair.trim() + "' is not a key=value pair");
            }
            String key = pair.substring(0, eq).trim();
            String value = pair.substring(eq + 1).trim();
            Checks.plainText("properties", value);
            String canonical = check(key, value);
            String checked;
            try {
                checked = open ? value : allowed.get(canonical).apply(value, context);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("setting 'properties': " + canonical + " " + e.getMessage());
            }
            if (out.put(canonical, checked) != null) {
                throw new IllegalArgumentException("setting 'properties': " + canonical + " is given twice");
            }
        }
        return out;
    }

    private String check(String key, String value) {
        String lower = key.toLowerCase(Locale.ROOT);
        if (open) {
            if (!GENERIC_KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("setting 'properties': '" + key + "' is not a plain property name");
            }
            for (String word : List.of("factory", "class", "callback", "interceptor", "logger", "logfile", "init", "script",
                    "password", "pwd", "secret", "plugin", "extension", "deserializ", "localinfile", "jndi")) {
                if (lower.contains(word)) {
                    throw new IllegalArgumentException("setting 'properties': " + key
                            + " is refused: properties about '" + word + "' can load code, leak secrets or touch files");
                }
            }
            return key;
        }
        String reason = PG_DANGEROUS.get(lower);
        if (reason != null && "postgresql".equals(driver)) {
            throw new IllegalArgumentException("setting 'properties': " + key + " is refused because it " + reason);
        }
        for (String name : allowed.keySet()) {
            if (name.equalsIgnoreCase(key)) {
                return name;
            }
        }
        if (allowed.isEmpty()) {
            throw new IllegalArgumentException("setting 'properties': driver " + driver
                    + " accepts no extra properties (Mapwright sets what it needs), found '" + key + "'");
        }
        throw new IllegalArgumentException("setting 'properties': '" + key + "' is not allowed for driver " + driver
                + " (allowed: " + String.join(", ", allowed.keySet()) + ")");
    }

    private static BiFunction<String, ConnectorContext, String> oneOf(String... values) {
        return (v, c) -> {
            for (String allowedValue : values) {
                if (allowedValue.equalsIgnoreCase(v)) {
                    return allowedValue;
                }
            }
            throw new IllegalArgumentException("must be one of " + String.join(", ", values) + ", not '" + v + "'");
        };
    }

    private static BiFunction<String, ConnectorContext, String> bool() {
        return oneOf("true", "false");
    }

    private static BiFunction<String, ConnectorContext, String> integer() {
        return (v, c) -> {
            if (!INTEGER.matcher(v).matches()) {
                throw new IllegalArgumentException("must be a whole number, not '" + v + "'");
            }
            return v;
        };
    }

    /** Certificate and key files, resolved against the project folder like every other path. */
    private static BiFunction<String, ConnectorContext, String> file() {
        return (v, c) -> {
            if (v.isEmpty()) {
                throw new IllegalArgumentException("is empty");
            }
            Path p = c.resolve(v);
            return p.toString();
        };
    }
}
