package org.mapwright.app;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;

import org.eclipse.core.runtime.Platform;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.workbench.lifecycle.PostContextCreate;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.osgi.service.datalocation.Location;
import org.mapwright.core.connector.CredentialStore;
import org.mapwright.core.io.ProjectIO;
import org.mapwright.runtime.EnvironmentCredentialStore;
import org.mapwright.runtime.MapwrightRuntime;
import org.mapwright.ui.MapwrightUi;
import org.mapwright.ui.sources.SecureCredentialStore;
import org.mapwright.ui.sources.SourcesUi;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * Workbench life cycle: the composition root of the desktop application. Builds the runtime
 * (connectors and engine), installs the workbench services, and opens the project to start with:
 * the one given with {@code -project <dir>}, else the one open at the last exit, else a copy of
 * the bundled sample project in the workspace.
 */
public class LifeCycle {

    /** Command-line option naming the project folder to open. */
    static final String PROJECT_OPTION = "-project";
    /** Folder of the bundled sample project inside this bundle. */
    static final String SAMPLE = "sample-project";

    @PostContextCreate
    void postContextCreate(IEclipseContext context) {
        Path workspace = workspace();
        // Secure storage first, so every service built now (the background preview among them)
        // finds the passwords the database wizard saved; run-time environment variables after it.
        SecureCredentialStore secure = SourcesUi.defaultSecureStore();
        CredentialStore environment = new EnvironmentCredentialStore();
        CredentialStore credentials = secure == null ? environment : SecureCredentialStore.firstOf(secure, environment);
        MapwrightRuntime runtime = MapwrightRuntime.standard(credentials);
        MapwrightUi.install(context, runtime.engine(), credentials,
                workspace.resolve(".metadata/.plugins/org.mapwright.ui/ui.prefs"));
        if (secure != null) {
            context.set(SecureCredentialStore.class, secure);
        }

        Path requested = projectArgument(Platform.getApplicationArgs());
        Path project = requested != null ? requested : MapwrightUi.lastProject(context);
        if (project == null) {
            project = installSample(workspace.resolve("projects/sample"));
        }
        if (project == null) {
            return;
        }
        try {
            MapwrightUi.openProject(context, project);
        } catch (IOException e) {
            MessageDialog.openError(null, "Mapwright", "Could not open the project " + project + ":\n" + e.getMessage()
                    + "\n\nUse File › Open Project… to choose another one.");
        }
    }

    /** @return the folder after {@code -project}, or null */
    static Path projectArgument(String[] args) {
        for (int i = 0; args != null && i + 1 < args.length; i++) {
            if (PROJECT_OPTION.equals(args[i])) {
                return Path.of(args[i + 1]).toAbsolutePath().normalize();
            }
        }
        return null;
    }

    /** @return the {@code -data} folder, or {@code ~/.mapwright/workspace} without one */
    private static Path workspace() {
        Location location = Platform.getInstanceLocation();
        if (location != null && location.getURL() != null) {
            try {
                return Path.of(location.getURL().toURI());
            } catch (URISyntaxException | IllegalArgumentException e) {
                return Path.of(location.getURL().getPath());
            }
        }
        return Path.of(System.getProperty("user.home"), ".mapwright", "workspace");
    }

    /**
     * Copies the sample project bundled with the application into the workspace, unless a project
     * is there already.
     *
     * @return the sample's folder, or null when it could not be copied (reported to the user)
     */
    private static Path installSample(Path target) {
        if (Files.isRegularFile(target.resolve(ProjectIO.FILE_NAME))) {
            return target;
        }
        Bundle bundle = FrameworkUtil.getBundle(LifeCycle.class);
        Enumeration<URL> entries = bundle == null ? null : bundle.findEntries(SAMPLE, "*", true);
        if (entries == null) {
            return null;
        }
        try {
            while (entries.hasMoreElements()) {
                URL url = entries.nextElement();
                String path = url.getPath();
                String relative = path.substring(path.indexOf(SAMPLE) + SAMPLE.length()).replaceFirst("^/", "");
                if (relative.isEmpty()) {
                    continue;
                }
                Path dest = target.resolve(relative);
                if (path.endsWith("/")) {
                    Files.createDirectories(dest);
                } else {
                    Files.createDirectories(dest.getParent());
                    try (InputStream in = url.openStream()) {
                        Files.copy(in, dest);
                    }
                }
            }
            return target;
        } catch (IOException e) {
            MessageDialog.openError(null, "Mapwright", "Could not copy the sample project to " + target + ":\n" + e.getMessage());
            return null;
        }
    }
}
