package org.mapwright.internal.monitor.history;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;

import org.mapwright.connector.jdbc.ConnectionSpec;
import org.mapwright.connector.jdbc.JdbcUrls;
import org.mapwright.core.Settings;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.CredentialStore;

/**
 * Where a run history lives and how to connect to it: an embedded H2 file or a PostgreSQL
 * database, described by the same structured, validated settings as the JDBC connector (so no
 * URL is ever typed and no setting can smuggle in URL parameters), plus an optional
 * {@value #SCHEMA} for the history tables. Passwords come from the credential store at connect
 * time and are redacted from every message. Immutable.
 */
public final class Database {

    /** The database schema holding the history tables; absent means the connection's default. */
    public static final String SCHEMA = "schema";

    /** The supported database kinds. */
    public enum Kind {
        H2, POSTGRESQL
    }

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    /** H2: "Database may be already in use" — another process has the file open right now. */
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;
    private static final int H2_LOCK_ATTEMPTS = 40;
    private static final long H2_LOCK_PAUSE_MILLIS = 250;

    private final Kind kind;
    private final ConnectionSpec spec;
    private final CredentialStore credentials;
    private final String schema;
    private final Path h2File;

    private Database(Kind kind, ConnectionSpec spec, CredentialStore credentials, String schema, Path h2File) {
        this.kind = kind;
        this.spec = spec;
        this.credentials = credentials;
        this.schema = schema;
        this.h2File = h2File;
    }

    /**
     * An embedded H2 database file.
     *
     * @param file the database file without {@code .mv.db}
     * @throws IllegalArgumentException when the path cannot be used in an H2 URL (e.g. contains ';')
     */
    public static Database h2(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        Settings settings = Settings.of(Map.of(JdbcUrls.DRIVER, JdbcUrls.H2, JdbcUrls.PATH, abs.getFileName().toString()));
        ConnectionSpec spec = JdbcUrls.build(ConnectorContext.of(parent), settings);
        return new Database(Kind.H2, spec, CredentialStore.NONE, null, abs);
    }

    /**
     * A database from structured settings: {@code driver} ({@code h2} or {@code postgresql}) and
     * the JDBC connector's keys for it, plus {@value #SCHEMA}.
     *
     * @param context resolves a relative H2 {@code path}; supplies passwords by credential key
     * @throws IllegalArgumentException naming the refused setting
     */
    public static Database of(Settings settings, ConnectorContext context) {
        Objects.requireNonNull(settings, "settings");
        String schema = settings.getString(SCHEMA, null);
        if (schema != null) {
            schema = schema.trim();
            if (!IDENTIFIER.matcher(schema).matches()) {
                throw new IllegalArgumentException("setting 'schema' must be a plain name (letters, digits and _, not starting with a digit, at most 63 characters)");
            }
        }
        String driver = settings.getString(JdbcUrls.DRIVER, "").trim();
        if (!driver.equalsIgnoreCase(JdbcUrls.H2) && !driver.equalsIgnoreCase(JdbcUrls.POSTGRESQL)) {
            throw new IllegalArgumentException("setting 'driver' of a history store must be h2 or postgresql"
                    + (driver.isEmpty() ? "" : ", not '" + (driver.length() > 40 ? driver.substring(0, 37) + "..." : driver) + "'"));
        }
        ConnectionSpec spec = JdbcUrls.build(context, settings.with(SCHEMA, null));
        Kind kind = JdbcUrls.H2.equals(spec.driver()) ? Kind.H2 : Kind.POSTGRESQL;
        Path h2File = kind == Kind.H2 ? context.resolve(settings.requireString(JdbcUrls.PATH).trim().replaceFirst("\\.mv\\.db$", "")) : null;
        return new Database(kind, spec, context.credentials(), schema, h2File);
    }

    public Kind kind() {
        return kind;
    }

    /** @return e.g. {@code "H2 file /p/.mapwright/history"} or {@code "PostgreSQL etl@db1:5432/ops, schema mw"}; no secret */
    public String label() {
        return spec.label() + (schema == null ? "" : ", schema " + schema);
    }

    /** @return the H2 database file without {@code .mv.db}, or null for a server database */
    public Path h2File() {
        return h2File;
    }

    /** @return false only when the database certainly does not exist yet (an H2 file not created) */
    public boolean mayExist() {
        return kind != Kind.H2 || Files.exists(h2File.resolveSibling(h2File.getFileName() + ".mv.db"));
    }

    /** @return the schema the history tables live in, or null for the connection's default */
    public String schema() {
        return schema;
    }

    /** @return the table name, qualified with the quoted schema when one is set */
    public String table(String name) {
        return schema == null ? name : "\"" + schema + "\"." + name;
    }

    /**
     * Connects. H2 files locked by another process (a concurrent run) are retried for a few
     * seconds, since a history write takes only milliseconds.
     *
     * @param create whether a missing H2 file may be created (false for read-only commands)
     * @throws SQLException with a message free of passwords
     */
    public Connection connect(boolean create) throws SQLException {
        List<String> secrets = new ArrayList<>();
        Properties properties = new Properties();
        properties.putAll(spec.properties());
        if (spec.user() != null) {
            properties.setProperty("user", spec.user());
        }
        String password = null;
        if (spec.credentialKey() != null) {
            password = credentials.secret(spec.credentialKey()).orElseThrow(
                    () -> new SQLException("no password stored under credential key '" + spec.credentialKey() + "' for " + spec.label()));
        }
        if (spec.fileCredentialKey() != null) {
            String filePassword = credentials.secret(spec.fileCredentialKey()).orElseThrow(
                    () -> new SQLException("no file password stored under credential key '" + spec.fileCredentialKey() + "' for " + spec.label()));
            secrets.add(filePassword);
            // H2 takes the file password and the user password in one property, separated by a space.
            password = filePassword + " " + (password == null ? "" : password);
        }
        if (password != null) {
            secrets.add(password);
            properties.setProperty("password", password);
        }
        if (kind == Kind.H2) {
            // No .trace.db beside the history, and no stack traces on stderr when its folder cannot be written.
            properties.setProperty("TRACE_LEVEL_FILE", "0");
            // Compacting on close takes ~100 ms per connection; the history file is small and reuses its free space.
            properties.setProperty("MAX_COMPACT_TIME", "0");
            if (!create) {
                properties.setProperty("IFEXISTS", "TRUE");
            }
        }
        Driver driver = kind == Kind.H2 ? new org.h2.Driver() : new org.postgresql.Driver();
        for (int attempt = 1;; attempt++) {
            try {
                Connection c = driver.connect(spec.url(), properties);
                if (c == null) {
                    throw new SQLException("the driver does not accept the URL of " + spec.label());
                }
                return c;
            } catch (SQLException e) {
                if (kind == Kind.H2 && e.getErrorCode() == H2_DATABASE_ALREADY_OPEN && attempt < H2_LOCK_ATTEMPTS) {
                    pause();
                    continue;
                }
                throw new SQLException(redact(e.getMessage(), secrets), e.getSQLState(), e.getErrorCode());
            }
        }
    }

    private static void pause() throws SQLException {
        try {
            Thread.sleep(H2_LOCK_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for the history database to be free");
        }
    }

    private static String redact(String message, List<String> secrets) {
        String out = message == null ? "" : message;
        for (String s : secrets) {
            if (!s.isBlank()) {
                out = out.replace(s, "***");
            }
        }
        return out;
    }
}
