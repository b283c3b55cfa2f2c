package org.mapwright.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialStoresTest {

    @TempDir
    Path dir;

    @Test
    void environmentStoreNormalisesKeysToVariableNames() {
        assertEquals("MAPWRIGHT_SECRET_JDBC_WAREHOUSE_PASSWORD", EnvironmentCredentialStore.variableName("jdbc/warehouse/password"));
        assertEquals("MAPWRIGHT_SECRET_A_B_C1", EnvironmentCredentialStore.variableName("a.b-c1"));
        EnvironmentCredentialStore store = new EnvironmentCredentialStore(Map.of("MAPWRIGHT_SECRET_DB_PASSWORD", "s3cret"));
        assertEquals(Optional.of("s3cret"), store.secret("db/password"));
        assertEquals(Optional.empty(), store.secret("db/user"));
        assertFalse(store.toString().contains("s3cret"));
    }

    private Path secrets(String perms) throws IOException {
        Path f = dir.resolve("secrets.properties");
        Files.writeString(f, "jdbc/warehouse/password=canary-42\n# comment\nother=x\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(perms));
        return f;
    }

    @Test
    void propertiesFileReadableByOwnerOnlyIsRead() throws IOException {
        assumeTrue(Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null, "needs POSIX permissions");
        PropertiesFileCredentialStore store = PropertiesFileCredentialStore.load(secrets("rw-------"));
        assertEquals(Optional.of("canary-42"), store.secret("jdbc/warehouse/password"));
        assertFalse(store.toString().contains("canary-42"), "never print a secret");
    }

    @Test
    void propertiesFileReadableByOthersIsRefusedWithTheFix() throws IOException {
        assumeTrue(Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null, "needs POSIX permissions");
        IOException e = assertThrows(IOException.class, () -> PropertiesFileCredentialStore.load(secrets("rw-r--r--")));
        assertTrue(e.getMessage().contains("its group and all users") && e.getMessage().contains("chmod 600"), e.getMessage());
        IOException g = assertThrows(IOException.class, () -> PropertiesFileCredentialStore.load(secrets("rw-rw----")));
        assertTrue(g.getMessage().contains("its group;"), g.getMessage());
        assertFalse(e.getMessage().contains("canary-42"));
    }

    @Test
    void missingPropertiesFileIsAClearError() {
        IOException e = assertThrows(IOException.class, () -> PropertiesFileCredentialStore.load(dir.resolve("nope.properties")));
        assertTrue(e.getMessage().contains("no such credentials file"));
    }

    @Test
    void firstOfAsksStoresInOrder() {
        var a = new EnvironmentCredentialStore(Map.of("MAPWRIGHT_SECRET_K", "from-a"));
        var b = new EnvironmentCredentialStore(Map.of("MAPWRIGHT_SECRET_K", "from-b", "MAPWRIGHT_SECRET_ONLY_B", "b"));
        var both = CredentialStores.firstOf(List.of(a, b));
        assertEquals(Optional.of("from-a"), both.secret("k"));
        assertEquals(Optional.of("b"), both.secret("only/b"));
        assertEquals(Optional.empty(), both.secret("none"));
    }
}
