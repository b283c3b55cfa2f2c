package org.mapwright.internal.ui.sources;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.spec.PBEKeySpec;

import org.eclipse.equinox.security.storage.provider.IPreferencesContainer;
import org.eclipse.equinox.security.storage.provider.PasswordProvider;

/**
 * The master password of Eclipse secure storage when no operating-system keyring answers (a Linux
 * desktop without a Secret Service, a server under Xvfb) and no password dialog exists (this
 * product ships no {@code org.eclipse.equinox.security.ui}): a random key kept in a file beside
 * the storage, readable by this user only ({@code 0600}), like {@code ~/.pgpass}. Registered with
 * the lowest priority, so a keyring, when present, always wins.
 *
 * <p>Without it, saving a password would fail on such machines and users would be pushed to put
 * secrets into environment variables or, worse, project files.
 */
public final class KeyFilePasswordProvider extends PasswordProvider {

    /** Suffix of the key file, next to the storage file it unlocks. */
    public static final String SUFFIX = ".mapwright-key";

    @Override
    public PBEKeySpec getPassword(IPreferencesContainer container, int passwordType) {
        try {
            Path key = keyFile(container.getLocation());
            return new PBEKeySpec(readOrCreate(key).toCharArray());
        } catch (IOException | URISyntaxException | IllegalArgumentException e) {
            return null; // secure storage reports "no password", which callers show as a clear error
        }
    }

    static Path keyFile(URL storage) throws URISyntaxException {
        Path file = Path.of(storage.toURI());
        return file.resolveSibling(file.getFileName() + SUFFIX);
    }

    private static String readOrCreate(Path key) throws IOException {
        if (Files.exists(key)) {
            String existing = Files.readString(key, StandardCharsets.US_ASCII).strip();
            if (!existing.isEmpty()) {
                return existing;
            }
            // created but never written (the process died in between): nothing was encrypted with it
            Files.delete(key);
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.createDirectories(key.getParent());
        try {
            if (key.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(key);
            }
            Files.writeString(key, secret, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
            return secret;
        } catch (FileAlreadyExistsException raced) {
            return Files.readString(key, StandardCharsets.US_ASCII).strip();
        }
    }
}
