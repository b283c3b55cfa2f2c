package org.mapwright.core.connector;

import java.util.Optional;

/**
 * Looks up secrets by key (e.g. {@code "jdbc/warehouse/password"}). The workbench backs it with
 * Eclipse secure storage; headless runs with environment variables or a protected file. Project
 * files only ever contain the key, never the secret.
 */
public interface CredentialStore {

    /** A store with no secrets. */
    CredentialStore NONE = key -> Optional.empty();

    Optional<String> secret(String key);
}
