package org.mapwright.connector.jdbc;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A validated database connection, built by {@link JdbcUrls#build}. Holds no secret: passwords
 * are looked up in the {@link org.mapwright.core.connector.CredentialStore} by key when the
 * connection is opened, so this value may be logged, shown and compared freely.
 *
 * @param driver            {@link JdbcUrls#H2}, {@link JdbcUrls#POSTGRESQL} or {@link JdbcUrls#GENERIC}
 * @param url               the JDBC URL, built by Mapwright from structured settings (for
 *                          {@code generic}: the user's URL, checked)
 * @param properties        extra driver properties from the allow-list, never {@code user} or
 *                          {@code password}
 * @param user              the database user, or null for the driver's default
 * @param credentialKey     key of the user's password in the credential store, or null for none
 * @param fileCredentialKey key of the H2 file encryption password ({@code cipher}), or null
 * @param driverJar         the jar of a generic driver, or null
 * @param driverClass       the {@link java.sql.Driver} class of a generic driver, or null
 * @param label             a short name for messages, e.g. {@code "PostgreSQL postgres@db1:5432/sales"}
 */
public record ConnectionSpec(String driver, String url, Map<String, String> properties, String user,
        String credentialKey, String fileCredentialKey, Path driverJar, String driverClass, String label) {

    public ConnectionSpec {
        properties = Collections.unmodifiableMap(new TreeMap<>(properties));
    }

    @Override
    public String toString() {
        return label;
    }
}
