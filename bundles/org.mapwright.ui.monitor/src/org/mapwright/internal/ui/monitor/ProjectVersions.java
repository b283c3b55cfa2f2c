package org.mapwright.internal.ui.monitor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.mapwright.core.Project;
import org.mapwright.core.io.ProjectFormatException;
import org.mapwright.core.io.ProjectIO;

/**
 * Reads another version of a project to compare with: a project folder or {@code mapwright.json}
 * file, or the file as committed at {@code HEAD} of the git repository the project is in (read
 * with the {@code git} command, so the working tree is never touched).
 */
public final class ProjectVersions {

    private static final long GIT_TIMEOUT_SECONDS = 30;

    private ProjectVersions() {
    }

    /**
     * @throws IOException naming the file, and for invalid content the line and column
     */
    public static Project read(ProjectIO io, Path folderOrFile) throws IOException {
        return io.read(folderOrFile);
    }

    /**
     * Reads the project file as committed at {@code HEAD}.
     *
     * @param projectFile the project's {@code mapwright.json} in a git working tree
     * @throws IOException when git is missing, the folder is no git repository, the file is not
     *                     committed, or the committed text is not a valid project
     */
    public static Project readGitHead(ProjectIO io, Path projectFile) throws IOException {
        Path file = projectFile.toAbsolutePath();
        Path folder = file.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new IOException(file + ": the folder does not exist");
        }
        ProcessBuilder pb = new ProcessBuilder("git", "show", "HEAD:./" + file.getFileName()).directory(folder.toFile());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IOException("cannot start git to read the committed version (is git installed?): " + e.getMessage(), e);
        }
        p.getOutputStream().close();
        String out;
        String err;
        try (InputStream o = p.getInputStream(); InputStream e = p.getErrorStream()) {
            ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
            Thread drain = new Thread(() -> {
                try {
                    e.transferTo(errBytes);
                } catch (IOException ignored) {
                    // the exit code tells what matters
                }
            }, "git stderr");
            drain.setDaemon(true);
            drain.start();
            out = new String(o.readAllBytes(), StandardCharsets.UTF_8);
            drain.join(TimeUnit.SECONDS.toMillis(GIT_TIMEOUT_SECONDS));
            err = errBytes.toString(StandardCharsets.UTF_8).strip();
            if (!p.waitFor(GIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("git show HEAD:" + file.getFileName() + " did not finish in " + GIT_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException ex) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted reading the committed version of " + file, ex);
        }
        if (p.exitValue() != 0) {
            int nl = err.indexOf('\n');
            throw new IOException("no committed version of " + file + ": git says " + (nl > 0 ? err.substring(0, nl) : err));
        }
        try {
            return io.parse(out);
        } catch (ProjectFormatException e) {
            throw new ProjectFormatException(file + " at HEAD: " + e.getMessage(), e);
        }
    }
}
