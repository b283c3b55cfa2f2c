package org.mapwright.monitor.history;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.mapwright.core.Project;
import org.mapwright.core.io.ProjectIO;

/**
 * The version of a project: the SHA-256 of its canonical JSON ({@link ProjectIO#toJson}), as 64
 * lower-case hex digits. Two runs share a version exactly when they ran the same project
 * definition, whatever the file's formatting or the folder it was in.
 */
public final class ProjectVersion {

    private ProjectVersion() {
    }

    /** @return the project's version */
    public static String of(Project project) {
        return sha256(new ProjectIO().toJson(project));
    }

    /** @return the first 12 hex digits, enough to tell versions apart on screen */
    public static String shortForm(String version) {
        return version.length() <= 12 ? version : version.substring(0, 12);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
