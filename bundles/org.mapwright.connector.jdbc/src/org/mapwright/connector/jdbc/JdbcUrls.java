package org.mapwright.connector.jdbc;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.mapwright.core.Settings;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.internal.connector.jdbc.Checks;
import org.mapwright.internal.connector.jdbc.PropertyRules;

/**
 * Builds and validates JDBC URLs from structured connection settings. Users never type a URL
 * for H2 or PostgreSQL: every field is checked on its own and then the finished URL is checked
 * against the exact shape Mapwright builds, so no field can smuggle in URL parameters (H2's
 * {@code INIT=RUNSCRIPT ...}, pgjdbc's {@code socketFactory=...}) or reach a server or file
 * system the user did not name. Everything here runs before any driver class is touched.
 *
 * <h2>Connection settings</h2>
 * <dl>
 * <dt>{@code driver}</dt><dd>{@code h2}, {@code postgresql} or {@code generic} (required)</dd>
 * <dt>{@code path}</dt><dd>h2: the database file relative to the project folder, without
 *     {@code .mv.db} (a trailing {@code .mv.db} is dropped). Always opened embedded as a local
 *     file: no {@code tcp:}, {@code ssl:}, {@code mem:}, {@code zip:} or other H2 file systems,
 *     no {@code ;} and no {@code :} except after a Windows drive letter.</dd>
 * <dt>{@code cipher}</dt><dd>h2: {@code true} for an AES-encrypted file ({@code CIPHER=AES});
 *     the file password is the secret under {@code fileCredentialKey}</dd>
 * <dt>{@code host}, {@code port}, {@code database}</dt><dd>postgresql: server host name or IP
 *     address (IPv6 with or without brackets), port (default 5432), database name (letters,
 *     digits, {@code _ - . $} and spaces)</dd>
 * <dt>{@code user}</dt><dd>the database user (h2 default {@code sa})</dd>
 * <dt>{@code credentialKey}</dt><dd>key of the user's password in the credential store; absent
 *     means no password</dd>
 * <dt>{@code properties}</dt><dd>{@code key=value} pairs separated by {@code ;} or line
 *     breaks. postgresql: only {@code sslmode, ssl, sslrootcert, sslcert, sslkey, connectTimeout,
 *     socketTimeout, loginTimeout, cancelSignalTimeout, tcpKeepAlive, ApplicationName,
 *     currentSchema, readOnly, readOnlyMode, defaultRowFetchSize, prepareThreshold,
 *     binaryTransfer, targetServerType, gssEncMode, channelBinding}, each value checked; h2:
 *     none; generic: plain names, except names about factories, classes, callbacks,
 *     interceptors, loggers, scripts, plugins, extensions or secrets</dd>
 * <dt>{@code driverJar}, {@code driverClass}, {@code url}</dt><dd>generic: the driver's jar
 *     (relative to the project folder), its {@link java.sql.Driver} class, and its URL; the URL
 *     is the driver's own grammar, so it is only checked for a {@code jdbc:} prefix, control
 *     characters, code-loading fragments and inline passwords, and must not use the
 *     {@code h2} or {@code postgresql} sub-protocols (which have dedicated, checked settings)</dd>
 * </dl>
 */
public final class JdbcUrls {

    /** Embedded H2 file databases. */
    public static final String H2 = "h2";
    /** PostgreSQL servers. */
    public static final String POSTGRESQL = "postgresql";
    /** Any driver from a jar the user names. */
    public static final String GENERIC = "generic";

    public static final String DRIVER = "driver";
    public static final String PATH = "path";
    public static final String CIPHER = "cipher";
    public static final String FILE_CREDENTIAL_KEY = "fileCredentialKey";
    public static final String HOST = "host";
    public static final String PORT = "port";
    public static final String DATABASE = "database";
    public static final String USER = "user";
    public static final String CREDENTIAL_KEY = "credentialKey";
    public static final String PROPERTIES = "properties";
    public static final String DRIVER_JAR = "driverJar";
    public static final String DRIVER_CLASS = "driverClass";
    public static final String URL = "url";

    private static final Pattern HOST_NAME = Pattern.compile(
            "[A-Za-z0-9_]([A-Za-z0-9_\\-]{0,61}[A-Za-z0-9_])?(\\.[A-Za-z0-9_]([A-Za-z0-9_\\-]{0,61}[A-Za-z0-9_])?)*\\.?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern DATABASE_NAME = Pattern.compile("[\\p{L}\\p{N}_$.\\- ]{1,63}");
    private static final Pattern DRIVER_CLASS_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");
    private static final Pattern URL_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.\\-]*:.*", Pattern.DOTALL);
    private static final Pattern WINDOWS_DRIVE = Pattern.compile("[A-Za-z]:[\\\\/].*", Pattern.DOTALL);
    private static final Pattern BUILT_H2 = Pattern.compile("jdbc:h2:file:[^;]+(;CIPHER=AES)?");
    private static final Pattern BUILT_PG = Pattern.compile(
            "jdbc:postgresql://(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9_.\\-]+):[0-9]{1,5}/[^/?&;#\\s]+");
    private static final Pattern INLINE_PASSWORD = Pattern.compile("(?i).*(password|passwd|pwd)\\s*=.*", Pattern.DOTALL);

    private static final List<String> H2_ONLY = List.of(PATH, CIPHER, FILE_CREDENTIAL_KEY);
    private static final List<String> SERVER_ONLY = List.of(HOST, PORT, DATABASE);
    private static final List<String> GENERIC_ONLY = List.of(DRIVER_JAR, DRIVER_CLASS, URL);

    private JdbcUrls() {
    }

    /**
     * Validates the connection settings and builds the connection they describe. Loads no class
     * and opens nothing; only a generic driver's jar is checked to exist.
     *
     * @param context the project folder resolves {@code path} and {@code driverJar}
     * @throws IllegalArgumentException naming the refused setting and why
     */
    public static ConnectionSpec build(ConnectorContext context, Settings settings) {
        String driver = settings.getString(DRIVER, "").trim().toLowerCase(Locale.ROOT);
        switch (driver) {
            case H2:
                refuseForeign(settings, H2, SERVER_ONLY, GENERIC_ONLY);
                return h2(context, settings);
            case POSTGRESQL:
                refuseForeign(settings, POSTGRESQL, H2_ONLY, GENERIC_ONLY);
                return postgresql(context, settings);
            case GENERIC:
                refuseForeign(settings, GENERIC, H2_ONLY, SERVER_ONLY);
                return generic(context, settings);
            case "":
                throw new IllegalArgumentException("setting 'driver' is required (h2, postgresql or generic)");
            default:
                throw new IllegalArgumentException("unknown driver '" + abbreviate(driver)
                        + "' (expected h2, postgresql or generic; other databases use generic with driverJar and driverClass)");
        }
    }

    @SafeVarargs
    private static void refuseForeign(Settings settings, String driver, List<String>... foreign) {
        for (List<String> keys : foreign) {
            for (String key : keys) {
                if (settings.has(key)) {
                    throw new IllegalArgumentException("setting '" + key + "' does not apply to driver " + driver);
                }
            }
        }
    }

    private static ConnectionSpec h2(ConnectorContext context, Settings settings) {
        String path = Checks.plainText(PATH, settings.requireString(PATH)).trim();
        Checks.noneOf(PATH, path, ";", "it would add H2 URL parameters");
        if (URL_SCHEME.matcher(path).matches() && !WINDOWS_DRIVE.matcher(path).matches()) {
            throw new IllegalArgumentException("setting 'path' starts with '" + abbreviate(path.substring(0, path.indexOf(':') + 1))
                    + "': H2 databases are opened as local files only (no tcp:, ssl:, mem:, zip:, nio: or other prefixes)");
        }
        if (path.indexOf(':', WINDOWS_DRIVE.matcher(path).matches() ? 2 : 0) >= 0) {
            throw new IllegalArgumentException("setting 'path' may contain ':' only after a Windows drive letter");
        }
        if (path.endsWith(".mv.db")) {
            path = path.substring(0, path.length() - ".mv.db".length());
        }
        if (path.isEmpty() || path.endsWith("/") || path.endsWith("\\")) {
            throw new IllegalArgumentException("setting 'path' must name a database file, not a folder");
        }
        Path file = context.resolve(path);
        String resolved = file.toString();
        // A drive-letter path is only absolute on Windows; elsewhere it resolves under the project
        // folder and would put a ':' inside the file name H2 parses.
        if (resolved.indexOf(':', WINDOWS_DRIVE.matcher(resolved).matches() ? 2 : 0) >= 0) {
            throw new IllegalArgumentException("setting 'path' may contain ':' only after the drive letter of an absolute Windows path (the database would be "
                    + abbreviate(resolved) + ")");
        }
        boolean cipher = bool(settings, CIPHER);
        String fileKey = optional(settings, FILE_CREDENTIAL_KEY);
        if (cipher && fileKey == null) {
            throw new IllegalArgumentException("setting 'cipher' needs 'fileCredentialKey', the credential key of the file password");
        }
        if (!cipher && fileKey != null) {
            throw new IllegalArgumentException("setting 'fileCredentialKey' is only used with cipher=true");
        }
        PropertyRules.h2().parse(optional(settings, PROPERTIES), context);
        String user = optional(settings, USER);
        String url = "jdbc:h2:file:" + file + (cipher ? ";CIPHER=AES" : "");
        check(url, BUILT_H2, "H2");
        return new ConnectionSpec(H2, url, Map.of(), user == null ? "sa" : user, optional(settings, CREDENTIAL_KEY), fileKey,
                null, null, "H2 file " + file);
    }

    private static ConnectionSpec postgresql(ConnectorContext context, Settings settings) {
        String host = Checks.plainText(HOST, settings.requireString(HOST)).trim();
        Checks.noneOf(HOST, host, "/?;&#@%=, ", "a host is a name or IP address only");
        String urlHost;
        if (host.startsWith("[") && host.endsWith("]") && IPV6.matcher(host.substring(1, host.length() - 1)).matches()) {
            urlHost = host;
        } else if (host.chars().filter(c -> c == ':').count() >= 2 && IPV6.matcher(host).matches()) {
            urlHost = "[" + host + "]";
        } else if (HOST_NAME.matcher(host).matches() && host.length() <= 253) {
            urlHost = host;
        } else {
            throw new IllegalArgumentException("setting 'host' is not a host name or IP address: '" + abbreviate(host)
                    + "' (give the port in 'port')");
        }
        long port = port(settings);
        String database = Checks.plainText(DATABASE, settings.requireString(DATABASE));
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("setting 'database' may contain only letters, digits, spaces and _ - . $ (found '"
                    + abbreviate(database) + "')");
        }
        Map<String, String> properties = PropertyRules.postgresql().parse(optional(settings, PROPERTIES), context);
        String user = optional(settings, USER);
        String url = "jdbc:postgresql://" + urlHost + ":" + port + "/" + URLEncoder.encode(database, StandardCharsets.UTF_8);
        check(url, BUILT_PG, "PostgreSQL");
        return new ConnectionSpec(POSTGRESQL, url, properties, user, optional(settings, CREDENTIAL_KEY), null, null, null,
                "PostgreSQL " + (user == null ? "" : user + "@") + urlHost + ":" + port + "/" + database);
    }

    private static ConnectionSpec generic(ConnectorContext context, Settings settings) {
        String jar = Checks.plainText(DRIVER_JAR, settings.requireString(DRIVER_JAR)).trim();
        Path jarFile = context.resolve(jar);
        if (jarFile.getFileName() == null || !jarFile.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar")) {
            throw new IllegalArgumentException("setting 'driverJar' must name a .jar file, not '" + abbreviate(jar) + "'");
        }
        if (!Files.isRegularFile(jarFile)) {
            throw new IllegalArgumentException("driver jar not found: " + jarFile);
        }
        String driverClass = settings.requireString(DRIVER_CLASS).trim();
        if (!DRIVER_CLASS_NAME.matcher(driverClass).matches()) {
            throw new IllegalArgumentException("setting 'driverClass' is not a Java class name: '" + abbreviate(driverClass) + "'");
        }
        String url = Checks.plainText(URL, settings.requireString(URL)).trim();
        if (!url.startsWith("jdbc:") || url.indexOf(':', 5) < 0) {
            throw new IllegalArgumentException("setting 'url' must start with jdbc:<subprotocol>:");
        }
        String subprotocol = url.substring(5, url.indexOf(':', 5)).toLowerCase(Locale.ROOT);
        if (subprotocol.equals("h2") || subprotocol.startsWith("postgres") || subprotocol.equals("pgsql")) {
            throw new IllegalArgumentException("setting 'url': use driver " + (subprotocol.equals("h2") ? H2 : POSTGRESQL)
                    + " with its own settings instead of a generic " + subprotocol + " URL");
        }
        if (INLINE_PASSWORD.matcher(url).matches()) {
            throw new IllegalArgumentException("setting 'url' contains a password; store it in the credential store and set 'credentialKey'");
        }
        String lower = url.toLowerCase(Locale.ROOT);
        for (String word : List.of("factory", "interceptor", "autodeserialize", "allowloadlocalinfile", "allowurlinlocalinfile",
                "load_extension", "callback", "classname")) {
            if (lower.contains(word)) {
                throw new IllegalArgumentException("setting 'url' contains '" + word
                        + "', which can load code or read local files; it is refused");
            }
        }
        Map<String, String> properties = PropertyRules.generic().parse(optional(settings, PROPERTIES), context);
        String user = optional(settings, USER);
        return new ConnectionSpec(GENERIC, url, properties, user, optional(settings, CREDENTIAL_KEY), null, jarFile, driverClass,
                driverClass + " " + url);
    }

    private static long port(Settings settings) {
        Object value = settings.asMap().get(PORT);
        if (value == null) {
            return 5432;
        }
        String text = value.toString().trim();
        if (!text.matches("[0-9]{1,5}")) {
            throw new IllegalArgumentException("setting 'port' must be a number from 1 to 65535, not '" + abbreviate(text) + "'");
        }
        long port = Long.parseLong(text);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("setting 'port' must be a number from 1 to 65535, not " + port);
        }
        return port;
    }

    private static boolean bool(Settings settings, String key) {
        Object value = settings.asMap().get(key);
        if (value == null || value instanceof Boolean) {
            return Boolean.TRUE.equals(value);
        }
        String text = value.toString().trim().toLowerCase(Locale.ROOT);
        if (text.equals("true") || text.equals("false")) {
            return text.equals("true");
        }
        throw new IllegalArgumentException("setting '" + key + "' must be true or false, not '" + abbreviate(text) + "'");
    }

    private static String optional(Settings settings, String key) {
        String value = settings.getString(key, null);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (PROPERTIES.equals(key)) {
            // Line breaks separate pairs; every other control character is still refused.
            Checks.plainText(key, value.replace('\r', ';').replace('\n', ';'));
            return value;
        }
        Checks.plainText(key, value);
        return value.trim();
    }

    /** The last line of defence: the finished URL must have exactly the shape built above. */
    private static void check(String url, Pattern shape, String what) {
        if (!shape.matcher(url).matches()) {
            throw new IllegalArgumentException("refusing the " + what + " URL built from these settings: it does not have the expected form"
                    + " (check the project folder and path for ';' or ':')");
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
