package org.mapwright.internal.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.mapwright.core.Project;
import org.mapwright.core.io.ProjectFormatException;
import org.mapwright.core.io.ProjectIO;
import org.mapwright.drift.DriftReportWriter;
import org.mapwright.drift.ProjectDiff;
import org.mapwright.drift.ProjectDiffer;
import org.mapwright.runtime.MapwrightRuntime;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = { "Compares two versions of a project by meaning: sources (settings, fields by id: renamed, retyped, moved, "
                + "added, removed) and mappings (target fields, expressions old → new, joins, filters, rules, outputs).",
                "A version is a project folder, its mapwright.json, or git:REV:PATH for the file as committed in REV "
                        + "(e.g. git:HEAD:. or git:main:projects/sales).",
                "Exits 0 when both mean the same, 1 when they differ, 2 when one cannot be read." })
public final class DiffCommand implements Callable<Integer> {

    private static final String GIT = "git:";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OLD", description = "The old version.")
    String older;

    @Parameters(index = "1", paramLabel = "NEW", description = "The new version.")
    String newer;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json.")
    DriftCommand.Format format = DriftCommand.Format.text;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            ProjectDiff d = new ProjectDiffer().diff(read(older), read(newer));
            DriftReportWriter writer = new DriftReportWriter();
            out.print(format == DriftCommand.Format.json ? writer.json(d) : writer.text(d));
            out.flush();
            return d.equal() ? MapwrightRuntime.EXIT_OK : MapwrightRuntime.EXIT_DATA;
        } catch (IOException e) {
            err.println("mapwright diff: " + e.getMessage());
            return MapwrightRuntime.EXIT_INVALID;
        }
    }

    private static Project read(String version) throws IOException {
        ProjectIO io = new ProjectIO();
        if (!version.startsWith(GIT)) {
            return io.read(Path.of(version));
        }
        int colon = version.indexOf(':', GIT.length());
        if (colon < 0 || colon == GIT.length()) {
            throw new IOException("'" + version + "': expected git:REV:PATH, e.g. git:HEAD:.");
        }
        String rev = version.substring(GIT.length(), colon);
        Path path = Path.of(version.substring(colon + 1).isEmpty() ? "." : version.substring(colon + 1)).toAbsolutePath().normalize();
        Path file = Files.isDirectory(path) || !path.getFileName().toString().endsWith(".json") ? path.resolve(ProjectIO.FILE_NAME) : path;
        try {
            return io.parse(gitShow(file.getParent(), rev, file.getFileName().toString()));
        } catch (ProjectFormatException e) {
            throw new ProjectFormatException(version + ": " + e.getMessage(), e);
        }
    }

    /** @return the file as committed in {@code rev}; paths starting with ./ are relative to {@code dir} */
    private static String gitShow(Path dir, String rev, String fileName) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("no folder " + dir);
        }
        Process p = new ProcessBuilder(List.of("git", "-C", dir.toString(), "show", rev + ":./" + fileName)).start();
        p.getOutputStream().close();
        byte[] stdout = p.getInputStream().readAllBytes();
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("git show " + rev + " did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading " + rev + ":" + fileName, e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("git show " + rev + ":" + dir.resolve(fileName) + " failed: " + stderr);
        }
        return new String(stdout, StandardCharsets.UTF_8);
    }
}
