package org.mapwright.runtime;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.mapwright.core.connector.CredentialStore;

/**
 * Secrets from environment variables, for headless runs in CI or containers: the key
 * {@code jdbc/warehouse/password} is read from {@code MAPWRIGHT_SECRET_JDBC_WAREHOUSE_PASSWORD}
 * (see {@link #variableName(String)}).
 */
public final class EnvironmentCredentialStore implements CredentialStore {

    /** Prefix of every variable this store reads. */
    public static final String PREFIX = "MAPWRIGHT_SECRET_";

    private final Map<String, String> environment;

    /** A store over the process environment. */
    public EnvironmentCredentialStore() {
        this(System.getenv());
    }

    /** A store over the given variables (for tests and embedding). */
    public EnvironmentCredentialStore(Map<String, String> environment) {
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    }

    /**
     * @return the variable holding a key's secret: {@value #PREFIX} followed by the key in upper
     *         case with every character other than A–Z and 0–9 replaced by {@code _}
     */
    public static String variableName(String key) {
        StringBuilder b = new StringBuilder(PREFIX);
        for (char c : key.toUpperCase(Locale.ROOT).toCharArray()) {
            b.append((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ? c : '_');
        }
        return b.toString();
    }

    @Override
    public Optional<String> secret(String key) {
        return Optional.ofNullable(environment.get(variableName(key)));
    }

    @Override
    public String toString() {
        return "environment variables " + PREFIX + "*";
    }
}
