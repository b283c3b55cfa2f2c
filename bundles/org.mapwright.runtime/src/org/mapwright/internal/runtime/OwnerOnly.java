package org.mapwright.internal.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/** Checks that a file holding secrets is accessible to its owner only. */
public final class OwnerOnly {

    private static final Set<PosixFilePermission> TOO_OPEN = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private OwnerOnly() {
    }

    /**
     * On file systems without POSIX permissions (Windows) the check is left to the folder's access
     * control and passes.
     *
     * @throws IOException naming the file, who can access it, and the fix ({@code chmod 600})
     */
    public static void check(Path file, String what) throws IOException {
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix == null) {
            return;
        }
        Set<PosixFilePermission> open = EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission p : posix.readAttributes().permissions()) {
            if (TOO_OPEN.contains(p)) {
                open.add(p);
            }
        }
        if (!open.isEmpty()) {
            throw new IOException(file + ": " + what + " is accessible to " + describe(open)
                    + "; refusing to read secrets from it. Restrict it to its owner: chmod 600 " + file);
        }
    }

    private static String describe(Set<PosixFilePermission> open) {
        boolean group = open.contains(PosixFilePermission.GROUP_READ) || open.contains(PosixFilePermission.GROUP_WRITE);
        boolean others = open.contains(PosixFilePermission.OTHERS_READ) || open.contains(PosixFilePermission.OTHERS_WRITE);
        return group && others ? "its group and all users" : group ? "its group" : "all users";
    }
}
