package org.mapwright.runtime;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.mapwright.core.connector.CredentialStore;
import org.mapwright.internal.runtime.OwnerOnly;

/**
 * Secrets from a Java properties file the user names ({@code jdbc/warehouse/password=...}, one key
 * per line, UTF-8). The file must be accessible to its owner only: a file that group or others may
 * read or write is refused, because a secret there is not a secret. On file systems without POSIX
 * permissions (Windows) the check is left to the folder's access control.
 */
public final class PropertiesFileCredentialStore implements CredentialStore {

    private final Path file;
    private final Map<String, String> secrets;

    private PropertiesFileCredentialStore(Path file, Map<String, String> secrets) {
        this.file = file;
        this.secrets = Map.copyOf(secrets);
    }

    /**
     * Reads the file.
     *
     * @throws IOException naming the file when it cannot be read, is not a regular file, or may be
     *         read or written by group or others (the message says how to fix it: {@code chmod 600})
     */
    public static PropertiesFileCredentialStore load(Path file) throws IOException {
        Path abs = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(abs)) {
            throw new IOException(abs + ": no such credentials file");
        }
        OwnerOnly.check(abs, "credentials file");
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(abs, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IllegalArgumentException e) {
            throw new IOException(abs + ": not a valid properties file: " + e.getMessage(), e);
        }
        Map<String, String> map = new HashMap<>();
        for (String k : p.stringPropertyNames()) {
            map.put(k, p.getProperty(k));
        }
        return new PropertiesFileCredentialStore(abs, map);
    }

    @Override
    public Optional<String> secret(String key) {
        return Optional.ofNullable(secrets.get(key));
    }

    /** @return the file, never the secrets */
    @Override
    public String toString() {
        return "credentials file " + file;
    }
}
