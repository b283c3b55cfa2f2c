package org.mapwright.ui;

import java.io.IOException;

/**
 * Where the workbench stores secrets the user types (database passwords): the writing side of
 * the {@link org.mapwright.core.connector.CredentialStore} in the context. Project files keep only
 * the key; the secret goes here. The workbench's implementation (Eclipse secure storage) lives in
 * a bundle that depends on this one, so it is found through the {@code IEclipseContext} under
 * this interface; when the context has none, secrets cannot be saved and dialogs say so.
 */
public interface SecretSink {

    /**
     * Stores a secret under a key, replacing any secret stored there.
     *
     * @throws IOException when it cannot be stored; the message never contains the secret
     */
    void put(String key, String secret) throws IOException;

    /**
     * Removes the secret under a key; nothing happens when there is none.
     *
     * @throws IOException when the store cannot be written
     */
    void remove(String key) throws IOException;
}
