package org.mapwright.internal.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** File-tree chores of an export: checksums, zipping with Unix permissions, atomic placement. */
public final class ExportTree {

    /** Name of the checksum manifest at the root of an export. */
    public static final String CHECKSUMS = "SHA256SUMS";

    private static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> REGULAR = PosixFilePermissions.fromString("rw-r--r--");

    private ExportTree() {
    }

    /** @return every regular file below {@code root}, as relative paths with {@code /}, sorted */
    public static List<String> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }

    /**
     * Writes {@value #CHECKSUMS} at the root: one line {@code <sha-256 hex>  <path>} per other file,
     * sorted by path, the format {@code sha256sum -c} verifies.
     */
    public static void writeChecksums(Path root) throws IOException {
        StringBuilder b = new StringBuilder();
        for (String f : files(root)) {
            if (!f.equals(CHECKSUMS)) {
                b.append(sha256(root.resolve(f))).append("  ").append(f).append('\n');
            }
        }
        Files.writeString(root.resolve(CHECKSUMS), b.toString(), StandardCharsets.UTF_8);
    }

    /** @return the SHA-256 of a file in lower-case hex */
    public static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
        byte[] buffer = new byte[65536];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                md.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Marks a file executable by everyone where the file system has POSIX permissions. */
    public static void makeExecutable(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(file, EXECUTABLE);
        }
    }

    /**
     * Zips the files below {@code root} into a new archive, entries relative to the root, keeping
     * each file's executable bit as a Unix mode so {@code unzip} restores runnable scripts.
     *
     * @param executables relative paths of the files to mark executable
     */
    public static void zip(Path root, Path zip, Set<String> executables) throws IOException {
        URI uri = URI.create("jar:" + zip.toAbsolutePath().toUri());
        Map<String, Object> env = Map.of("create", "true", "enablePosixFileAttributes", "true");
        try (FileSystem fs = FileSystems.newFileSystem(uri, env)) {
            for (String f : files(root)) {
                Path entry = fs.getPath(f);
                Path parent = entry.getParent();
                for (int i = 1; parent != null && i <= parent.getNameCount(); i++) {
                    Path dir = parent.subpath(0, i);
                    if (Files.notExists(dir)) {
                        Files.createDirectory(dir);
                        Files.setPosixFilePermissions(dir, EXECUTABLE);
                    }
                }
                Files.copy(root.resolve(f), entry);
                Files.setPosixFilePermissions(entry, executables.contains(f) ? EXECUTABLE : REGULAR);
            }
        }
    }

    /**
     * Moves a finished file or folder to its place in one rename where the file system allows it,
     * so readers never see a half-written export.
     *
     * @param replace whether an existing target is replaced; a folder is then swapped in with two
     *                renames and the old one deleted
     * @throws IOException when the target exists and {@code replace} is false
     */
    public static void place(Path finished, Path target, boolean replace) throws IOException {
        if (Files.exists(target) && !replace) {
            throw new IOException(target + " already exists; export somewhere else or replace it with --force");
        }
        if (Files.isDirectory(target)) {
            Path old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
            Files.delete(old);
            move(target, old, false);
            move(finished, target, false);
            deleteTree(old);
            return;
        }
        move(finished, target, replace);
    }

    private static void move(Path from, Path to, boolean replace) throws IOException {
        try {
            if (replace) {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (AtomicMoveNotSupportedException e) {
            if (replace) {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(from, to);
            }
        }
    }

    /** Deletes a file or folder with everything in it; nothing when it does not exist. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
