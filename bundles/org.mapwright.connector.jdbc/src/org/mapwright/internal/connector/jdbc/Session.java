package org.mapwright.internal.connector.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import org.mapwright.connector.jdbc.ConnectionSpec;
import org.mapwright.connector.jdbc.JdbcUrls;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.DataLocation;

/**
 * One open connection with what is needed to talk about it: the dialect, identifier quoting,
 * a label for messages and the secrets that must be kept out of them. Not thread-safe.
 */
public final class Session implements AutoCloseable, Dialect.Quoter {

    /** How the connection will be used. */
    public enum Purpose {
        /** Reading: an H2 file must exist, the transaction is read-only where the driver supports it. */
        READ,
        /** Writing: an H2 file is created when missing. */
        WRITE
    }

    private final ConnectionSpec spec;
    private final Dialect dialect;
    private final Connection connection;
    private final List<String> secrets;
    private final String quote;

    private Session(ConnectionSpec spec, Connection connection, List<String> secrets, String quote) {
        this.spec = spec;
        this.dialect = Dialect.of(spec.driver());
        this.connection = connection;
        this.secrets = secrets;
        this.quote = quote;
    }

    /**
     * Fetches the passwords from the credential store and connects.
     *
     * @param target what the connection is for, named in errors (a table label or "query")
     * @throws DataException for a missing secret, a driver that cannot be loaded or a failed
     *         connection; the message names the connection and never contains a password
     */
    public static Session open(ConnectorContext context, ConnectionSpec spec, DriverFactory drivers, Purpose purpose,
            String target) throws DataException {
        List<String> secrets = new ArrayList<>();
        Properties properties = new Properties();
        properties.putAll(spec.properties());
        if (spec.user() != null) {
            properties.setProperty("user", spec.user());
        }
        String password = secret(context, spec, spec.credentialKey(), "password", target);
        if (spec.fileCredentialKey() != null) {
            String filePassword = secret(context, spec, spec.fileCredentialKey(), "file password", target);
            secrets.add(filePassword);
            // H2 takes the file password and the user password in one property, separated by a space.
            password = filePassword + " " + (password == null ? "" : password);
        }
        if (password != null) {
            secrets.add(password);
            for (String part : password.split(" ")) {
                if (part.length() >= 4) {
                    secrets.add(part);
                }
            }
            properties.setProperty("password", password);
        }
        if (JdbcUrls.H2.equals(spec.driver()) && purpose == Purpose.READ) {
            properties.setProperty("IFEXISTS", "TRUE");
        }
        Connection connection;
        try {
            Driver driver = drivers.driver(spec);
            connection = driver.connect(spec.url(), properties);
            if (connection == null) {
                throw new DataException(DataLocation.of(target),
                        "cannot connect to " + spec.label() + ": the driver " + driver.getClass().getName() + " does not accept the URL");
            }
        } catch (SQLException | RuntimeException e) {
            throw new DataException(DataLocation.of(target), "cannot connect to " + spec.label() + ": " + JdbcErrors.summary(e, secrets),
                    JdbcErrors.safeCause(e, secrets));
        }
        try {
            DatabaseMetaData meta = connection.getMetaData();
            String quote = meta.getIdentifierQuoteString();
            return new Session(spec, connection, List.copyOf(secrets), quote == null || quote.isBlank() ? "" : quote.trim());
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new DataException(DataLocation.of(target), "cannot read metadata of " + spec.label() + ": " + JdbcErrors.summary(e, secrets),
                    JdbcErrors.safeCause(e, secrets));
        }
    }

    private static String secret(ConnectorContext context, ConnectionSpec spec, String key, String what, String target)
            throws DataException {
        if (key == null) {
            return null;
        }
        Optional<String> secret = context.credentials().secret(key);
        if (secret.isEmpty()) {
            throw new DataException(DataLocation.of(target),
                    "no " + what + " stored under credential key '" + key + "' for " + spec.label());
        }
        return secret.get();
    }

    public Connection connection() {
        return connection;
    }

    public Dialect dialect() {
        return dialect;
    }

    public ConnectionSpec spec() {
        return spec;
    }

    /** @return the connection label, e.g. {@code "PostgreSQL bob@db:5432/sales"} */
    public String label() {
        return spec.label();
    }

    @Override
    public String quote(String identifier) {
        if (quote.isEmpty()) {
            if (!identifier.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("the database does not support quoted identifiers, so '" + identifier
                        + "' cannot be used");
            }
            return identifier;
        }
        return quote + identifier.replace(quote, quote + quote) + quote;
    }

    /** @return {@code "schema"."table"}, or just the table without schema */
    public String qualified(String schema, String table) {
        return schema == null || schema.isEmpty() ? quote(table) : quote(schema) + "." + quote(table);
    }

    /**
     * @param what what failed, e.g. {@code "cannot read table public.orders"}
     * @return a fatal error naming the connection, with the SQL error summarised and redacted
     */
    public DataException error(DataLocation location, String what, Throwable e) {
        return new DataException(location, what + " (" + spec.label() + "): " + JdbcErrors.summary(e, secrets),
                JdbcErrors.safeCause(e, secrets));
    }

    /** @return {@code text} without secrets */
    public String redact(String text) {
        return JdbcErrors.redact(text, secrets);
    }

    /** Rolls back what is open and closes; failures are ignored because the connection is being given up. */
    @Override
    public void close() {
        try {
            if (!connection.isClosed() && !connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException e) {
            // The connection may already be broken; closing below releases it either way.
        }
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // Nothing more can be done with a connection that fails to close.
        }
    }
}
