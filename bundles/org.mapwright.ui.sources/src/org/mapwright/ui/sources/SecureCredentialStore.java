package org.mapwright.ui.sources;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

import org.eclipse.equinox.security.storage.EncodingUtils;
import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.eclipse.equinox.security.storage.StorageException;
import org.mapwright.core.connector.CredentialStore;
import org.mapwright.ui.SecretSink;

/**
 * The workbench's {@link CredentialStore}: secrets kept encrypted in Eclipse secure storage
 * ({@link ISecurePreferences}), one entry per credential key under the node {@value #NODE}.
 * Project files hold only the key (e.g. {@code "jdbc/src1a2b/password"}); the secret stays on
 * this machine, in this user's storage.
 *
 * <p>Keys may contain {@code /}; they are encoded, so a key never names a sub-node. Reading a
 * secret that cannot be decrypted (the user declined the storage password, a damaged store)
 * answers "no secret", so a connection fails with the database's own authentication message
 * rather than a storage error. Thread-safe as far as the underlying storage is.
 */
public final class SecureCredentialStore implements CredentialStore, SecretSink {

    /** The secure-storage node holding Mapwright's secrets. */
    public static final String NODE = "org.mapwright/credentials";

    private final ISecurePreferences root;

    /**
     * @param root the storage to use: {@code SecurePreferencesFactory.getDefault()} in the
     *             workbench, a storage opened on a temporary file in tests
     */
    public SecureCredentialStore(ISecurePreferences root) {
        this.root = Objects.requireNonNull(root, "root");
    }

    private ISecurePreferences node() {
        return root.node(NODE);
    }

    @Override
    public Optional<String> secret(String key) {
        if (key == null || key.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(node().get(EncodingUtils.encodeSlashes(key), null));
        } catch (StorageException e) {
            return Optional.empty();
        }
    }

    /**
     * Stores a secret encrypted and writes the storage to disk.
     *
     * @throws IOException when the secret cannot be encrypted or saved; the message never
     *         contains the secret
     */
    @Override
    public void put(String key, String secret) throws IOException {
        requireKey(key);
        Objects.requireNonNull(secret, "secret");
        try {
            node().put(EncodingUtils.encodeSlashes(key), secret, true);
            root.flush();
        } catch (StorageException e) {
            throw new IOException("cannot store the secret '" + key + "' in secure storage: " + e.getMessage(), e);
        }
    }

    /**
     * Removes a secret (nothing happens when there is none) and writes the storage to disk.
     *
     * @throws IOException when the storage cannot be saved
     */
    @Override
    public void remove(String key) throws IOException {
        requireKey(key);
        node().remove(EncodingUtils.encodeSlashes(key));
        root.flush();
    }

    /** @return whether a secret is stored under the key (without decrypting it) */
    public boolean contains(String key) {
        if (key == null || key.isEmpty()) {
            return false;
        }
        for (String k : node().keys()) {
            if (k.equals(EncodingUtils.encodeSlashes(key))) {
                return true;
            }
        }
        return false;
    }

    private static void requireKey(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("a credential key cannot be empty");
        }
    }

    /**
     * @return a store answering from {@code first}, then from {@code then} for keys the first
     *         does not know
     */
    public static CredentialStore firstOf(CredentialStore first, CredentialStore then) {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(then, "then");
        return key -> {
            Optional<String> v = first.secret(key);
            return v.isPresent() ? v : then.secret(key);
        };
    }

    @Override
    public String toString() {
        return "SecureCredentialStore[" + NODE + "]";
    }
}
