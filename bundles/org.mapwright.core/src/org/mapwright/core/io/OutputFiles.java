package org.mapwright.core.io;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The temporary files output writers fill and then rename over their target. A file made by
 * {@link Files#createTempFile} is owner-only ({@code 0600}) and the renamed output would keep
 * that, so these are created with the process's default permissions (the umask), and a file that
 * replaces an existing one takes over that file's permissions.
 */
public final class OutputFiles {

    private OutputFiles() {
    }

    /**
     * Creates an empty hidden file {@code .<name>.<random>.tmp} beside {@code target}, with the
     * permissions a new file gets in that folder.
     *
     * @throws IOException if the folder is missing or not writable
     */
    public static Path createTemp(Path target) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        while (true) {
            Path temp = folder.resolve("." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
            try {
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                // another writer drew the same name; draw again
            }
        }
    }

    /**
     * Gives {@code temp} the POSIX permissions of {@code target} when {@code target} exists, so
     * replacing a file does not change who may read it. Does nothing on file systems without POSIX
     * permissions or when there is no previous file.
     *
     * @throws IOException if the permissions cannot be read or set
     */
    public static void keepPermissions(Path target, Path temp) throws IOException {
        PosixFileAttributeView from = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        PosixFileAttributeView to = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
        if (from == null || to == null) {
            return;
        }
        try {
            to.setPermissions(from.readAttributes().permissions());
        } catch (NoSuchFileException e) {
            // No previous file: the new one keeps the folder's default permissions.
        }
    }
}
