package org.mapwright.core.connector;

import java.nio.file.Path;

/**
 * What a connector may use from its host: the project folder to resolve relative paths against,
 * the credential store, and limits.
 *
 * @param baseDirectory the project folder
 * @param credentials   secrets by key
 * @param limits        resource limits for hostile input
 */
public record ConnectorContext(Path baseDirectory, CredentialStore credentials, Limits limits) {

    public ConnectorContext {
        baseDirectory = baseDirectory.toAbsolutePath().normalize();
        credentials = credentials == null ? CredentialStore.NONE : credentials;
        limits = limits == null ? Limits.DEFAULTS : limits;
    }

    public static ConnectorContext of(Path baseDirectory) {
        return new ConnectorContext(baseDirectory, CredentialStore.NONE, Limits.DEFAULTS);
    }

    /** @return {@code path} resolved against the project folder (absolute paths stay as they are) */
    public Path resolve(String path) {
        return baseDirectory.resolve(path).normalize();
    }
}
