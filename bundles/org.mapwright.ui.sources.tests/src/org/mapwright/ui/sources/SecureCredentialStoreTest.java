package org.mapwright.ui.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.core.connector.CredentialStore;
import org.mapwright.ui.SecretSink;

class SecureCredentialStoreTest {

    private static final String CANARY = "Canary-Pw-5e1f9a";

    @TempDir
    Path temp;

    @Test
    void storesSecretsEncryptedAndReadsThemBackAfterReopening() throws Exception {
        Path file = temp.resolve("storage");
        SecureCredentialStore store = new SecureCredentialStore(SourcesTest.storage(file));
        store.put("jdbc/src_1/password", CANARY);
        assertEquals(Optional.of(CANARY), store.secret("jdbc/src_1/password"));
        assertTrue(store.contains("jdbc/src_1/password"));
        assertEquals(Optional.empty(), store.secret("jdbc/src_2/password"), "another key has no secret");

        SecureCredentialStore reopened = new SecureCredentialStore(SourcesTest.storage(file));
        assertEquals(Optional.of(CANARY), reopened.secret("jdbc/src_1/password"), "the secret is on disk");
        String onDisk = Files.readString(file, StandardCharsets.ISO_8859_1);
        assertFalse(onDisk.contains(CANARY), "the storage file holds the secret encrypted only");
    }

    @Test
    void keysWithSlashesDoNotCreateNodesAndRemoveForgetsTheSecret() throws Exception {
        var root = SourcesTest.storage(temp.resolve("storage"));
        SecureCredentialStore store = new SecureCredentialStore(root);
        store.put("a/b/c", "x");
        store.put("a", "y");
        assertEquals(Optional.of("x"), store.secret("a/b/c"));
        assertEquals(Optional.of("y"), store.secret("a"));
        assertFalse(root.node(SecureCredentialStore.NODE).nodeExists("a"), "the key is one entry, not a path of nodes");
        store.remove("a/b/c");
        assertEquals(Optional.empty(), store.secret("a/b/c"));
        assertFalse(store.contains("a/b/c"));
        assertThrows(IllegalArgumentException.class, () -> store.put(" ", "z"));
        assertEquals(Optional.empty(), store.secret(null));
    }

    @Test
    void installingPutsTheStoreFirstAndKeepsTheStoreThatWasThere() throws Exception {
        IEclipseContext context = EclipseContextFactory.create("credentials");
        CredentialStore environment = key -> key.equals("env/only") ? Optional.of("from-env")
                : key.equals("both") ? Optional.of("env-value") : Optional.empty();
        context.set(CredentialStore.class, environment);
        SecureCredentialStore secure = SourcesUi.installCredentials(context, SourcesTest.storage(temp.resolve("storage")));
        secure.put("both", "secure-value");
        CredentialStore seen = context.get(CredentialStore.class);
        assertEquals(Optional.of("secure-value"), seen.secret("both"), "secure storage answers first");
        assertEquals(Optional.of("from-env"), seen.secret("env/only"), "the earlier store still answers");
        assertEquals(Optional.empty(), seen.secret("nowhere"));
        assertEquals(secure, context.get(SecureCredentialStore.class));
        CredentialStore before = context.get(CredentialStore.class);
        assertEquals(secure, SourcesUi.installCredentials(context, SourcesTest.storage(temp.resolve("other"))),
                "installing twice keeps the first store");
        assertEquals(before, context.get(CredentialStore.class), "and does not wrap the context's store again");
        context.dispose();
    }

    @Test
    void theStoreIsTheContextsSecretSinkAlsoWhenTheLifeCycleInstalledIt() throws Exception {
        IEclipseContext context = EclipseContextFactory.create("sink");
        SecureCredentialStore secure = SourcesUi.installCredentials(context, SourcesTest.storage(temp.resolve("storage")));
        assertEquals(secure, context.get(SecretSink.class), "org.mapwright.ui's dialogs save passwords through it");
        context.get(SecretSink.class).put("jdbc/out_x/password", CANARY);
        assertEquals(Optional.of(CANARY), context.get(CredentialStore.class).secret("jdbc/out_x/password"));
        context.dispose();

        IEclipseContext app = EclipseContextFactory.create("life-cycle");
        SecureCredentialStore early = new SecureCredentialStore(SourcesTest.storage(temp.resolve("early")));
        app.set(SecureCredentialStore.class, early);
        SourcesUi.installCredentials(app, SourcesTest.storage(temp.resolve("late")));
        assertEquals(early, app.get(SecretSink.class), "the store the life cycle installed becomes the sink");
        app.dispose();
    }

    /**
     * Where no keyring answers and no password dialog exists, the key-file provider unlocks the
     * storage: secrets still save, encrypted, with a key only this user can read.
     */
    @Test
    void withoutAKeyringTheKeyFileProviderUnlocksTheStorage() throws Exception {
        Path file = temp.resolve("storage");
        SecureCredentialStore store = new SecureCredentialStore(keyFileStorage(file));
        store.put("jdbc/src_1/password", CANARY);
        Path key = temp.resolve("storage" + org.mapwright.internal.ui.sources.KeyFilePasswordProvider.SUFFIX);
        assertTrue(Files.exists(key), "the key is created beside the storage");
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertFalse(Files.readString(file, StandardCharsets.ISO_8859_1).contains(CANARY), "the secret is stored encrypted");
        assertEquals(Optional.of(CANARY), new SecureCredentialStore(keyFileStorage(file)).secret("jdbc/src_1/password"),
                "the same key decrypts it after reopening");
        Path copied = Files.copy(file, temp.resolve("copied-without-its-key"));
        assertEquals(Optional.empty(), new SecureCredentialStore(keyFileStorage(copied)).secret("jdbc/src_1/password"),
                "a copy of the storage without its key does not reveal the secret");
    }

    /** A key file left empty by a process that died after creating it is replaced, not used as the key. */
    @Test
    void anEmptyKeyFileIsReplacedByANewKey() throws Exception {
        Path file = temp.resolve("fresh-storage");
        Path key = temp.resolve("fresh-storage" + org.mapwright.internal.ui.sources.KeyFilePasswordProvider.SUFFIX);
        Files.createFile(key);
        SecureCredentialStore store = new SecureCredentialStore(keyFileStorage(file));
        store.put("jdbc/src_1/password", CANARY);
        assertTrue(Files.readString(key).strip().length() >= 40, "a random key was written");
        assertEquals(Optional.of(CANARY), store.secret("jdbc/src_1/password"));
    }

    private static org.eclipse.equinox.security.storage.ISecurePreferences keyFileStorage(Path file) throws Exception {
        java.util.Map<Object, Object> options = new java.util.HashMap<>();
        options.put(org.eclipse.equinox.security.storage.provider.IProviderHints.PROMPT_USER, Boolean.FALSE);
        options.put(org.eclipse.equinox.security.storage.provider.IProviderHints.REQUIRED_MODULE_ID,
                "org.mapwright.ui.sources.keyFilePasswordProvider");
        return org.eclipse.equinox.security.storage.SecurePreferencesFactory.open(file.toUri().toURL(), options);
    }
}
