package org.mapwright.ui.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.Stream;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.mapwright.engine.Problem;
import org.mapwright.runtime.InvalidProjectException;
import org.mapwright.runtime.MapwrightRuntime;
import org.mapwright.runtime.ProjectExporter;
import org.mapwright.runtime.RuntimeJars;
import org.osgi.framework.BundleContext;

/**
 * Exports a saved project in the background with {@link ProjectExporter}, taking the runtime jars
 * from the installation's bundles ({@link BundleRuntimeJars}). The outcome is kept for the caller
 * ({@link #export()} or {@link #failure()}); the job's status is never an error, so the workbench
 * shows no generic error dialog: the caller reports the outcome in its own words.
 */
public final class ExportJob extends Job {

    /** Creates the jars for one export, given an empty staging folder. */
    @FunctionalInterface
    public interface JarsFactory {
        RuntimeJars jars(Path staging);
    }

    private final MapwrightRuntime runtime;
    private final JarsFactory jars;
    private final Path project;
    private final Path target;
    private final boolean replace;
    private volatile ProjectExporter.Export export;
    private volatile String failure;

    /**
     * @param project the project folder (its saved file is exported)
     * @param target  a folder, or a file ending in {@code .zip}
     */
    public ExportJob(MapwrightRuntime runtime, JarsFactory jars, Path project, Path target, boolean replace) {
        super("Export " + project.getFileName() + " to " + target.getFileName());
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.jars = Objects.requireNonNull(jars, "jars");
        this.project = project;
        this.target = target;
        this.replace = replace;
        setUser(true);
    }

    /** @return jars from the bundles installed in the framework of {@code context} */
    public static JarsFactory installedBundles(BundleContext context) {
        return staging -> new BundleRuntimeJars(context, staging);
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        monitor.beginTask(getName(), IProgressMonitor.UNKNOWN);
        Path staging = null;
        try {
            staging = Files.createTempDirectory("mapwright-export-jars-");
            export = new ProjectExporter(runtime, jars.jars(staging)).export(project, target, replace);
        } catch (InvalidProjectException e) {
            StringBuilder b = new StringBuilder(e.getMessage());
            for (Problem p : e.problems()) {
                b.append("\n\u2022 ").append(p.message());
                if (p.hint() != null && !p.hint().isBlank()) {
                    b.append(" (").append(p.hint()).append(')');
                }
            }
            failure = b.toString();
        } catch (IOException | RuntimeException e) {
            failure = e.getMessage() == null ? e.toString() : e.getMessage();
        } finally {
            deleteQuietly(staging);
            monitor.done();
        }
        return Status.OK_STATUS;
    }

    /** @return what was exported, or null while running or after a failure */
    public ProjectExporter.Export export() {
        return export;
    }

    /** @return why the export failed, for the user, or null */
    public String failure() {
        return failure;
    }

    public Path target() {
        return target;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary folder is harmless; the export's outcome is what matters.
        }
    }
}
