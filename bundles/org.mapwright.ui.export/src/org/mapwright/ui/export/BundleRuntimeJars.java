package org.mapwright.ui.export;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.eclipse.core.runtime.FileLocator;
import org.mapwright.runtime.RuntimeJars;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.namespace.BundleNamespace;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/**
 * The headless Mapwright of the running installation as jar files, for
 * {@link org.mapwright.runtime.ProjectExporter}: every resolved {@code org.mapwright.*} bundle
 * that does not depend on a UI toolkit (core, engine, connectors, runtime, command line, ...),
 * plus every bundle they are wired to through imported packages and required bundles (Jackson,
 * POI, H2, PostgreSQL, picocli, ...). Optional wires are followed too: libraries mark optional
 * what some code paths need (commons-compress's use of commons-io, which POI reaches), so leaving
 * them out could break an export at run time. A bundle installed as a jar is used as it is; one installed as
 * a folder is packed into a jar, and the jars a bundle embeds on its {@code Bundle-ClassPath} are
 * extracted, both into the staging folder given. The framework itself (the system bundle) is
 * never included.
 */
public final class BundleRuntimeJars implements RuntimeJars {

    /**
     * Requirements that load code: imported packages and required bundles. Others (the OSGi
     * extender and service loader mediator, execution environments) only matter inside OSGi.
     */
    private static final Set<String> CODE_NAMESPACES = Set.of(PackageNamespace.PACKAGE_NAMESPACE, BundleNamespace.BUNDLE_NAMESPACE);

    /** Name tokens of bundles that belong to the UI or the OSGi platform, which a headless run never needs. */
    private static final Set<String> UI_TOKENS = Set.of("swt", "jface", "e4", "equinox");

    private final BundleContext context;
    private final Path staging;

    /**
     * @param context any bundle's context: only the installed bundles are read
     * @param staging an empty folder for jars that must be made (the caller deletes it after the export)
     */
    public BundleRuntimeJars(BundleContext context, Path staging) {
        this.context = Objects.requireNonNull(context, "context");
        this.staging = Objects.requireNonNull(staging, "staging");
    }

    @Override
    public List<Path> jars() throws IOException {
        Set<Bundle> headless = headlessBundles();
        if (headless.isEmpty()) {
            throw new IOException("no headless Mapwright bundle (org.mapwright.core, ...) is installed in this workbench");
        }
        List<Path> out = new ArrayList<>();
        for (Bundle b : headless) {
            out.addAll(files(b));
        }
        return out;
    }

    /** @return the headless {@code org.mapwright.*} bundles and everything they are wired to, in a stable order */
    Set<Bundle> headlessBundles() {
        Set<Bundle> result = new LinkedHashSet<>();
        List<Bundle> candidates = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (b.getSymbolicName() != null && b.getSymbolicName().startsWith("org.mapwright.") && !isFragment(b)
                    && b.adapt(BundleWiring.class) != null) {
                candidates.add(b);
            }
        }
        candidates.sort((a, b) -> a.getSymbolicName().compareTo(b.getSymbolicName()));
        for (Bundle root : candidates) {
            if (providers(root).stream().noneMatch(BundleRuntimeJars::isUi)) {
                result.addAll(closure(root));
            }
        }
        return result;
    }

    private static Set<Bundle> closure(Bundle root) {
        Set<Bundle> seen = new LinkedHashSet<>();
        Deque<Bundle> todo = new ArrayDeque<>();
        todo.add(root);
        while (!todo.isEmpty()) {
            Bundle b = todo.removeFirst();
            if (b.getBundleId() == 0 || !seen.add(b)) {
                continue;
            }
            for (Bundle provider : providers(b)) {
                // A library's optional wire into the platform (none today) is no reason to ship the platform.
                if (!isUi(provider)) {
                    todo.add(provider);
                }
            }
        }
        return seen;
    }

    /** @return the bundles a bundle imports packages from or requires, without the framework itself */
    private static Set<Bundle> providers(Bundle b) {
        Set<Bundle> out = new LinkedHashSet<>();
        BundleWiring wiring = b.adapt(BundleWiring.class);
        if (wiring == null) {
            return out;
        }
        for (BundleWire w : wiring.getRequiredWires(null)) {
            Bundle provider = w.getProvider().getBundle();
            if (CODE_NAMESPACES.contains(w.getCapability().getNamespace()) && provider != null && provider.getBundleId() != 0) {
                out.add(provider);
            }
        }
        return out;
    }

    /** @return whether a bundle belongs to the workbench: SWT, JFace, e4, Equinox or other Eclipse platform bundles */
    static boolean isUi(Bundle b) {
        String name = b.getSymbolicName() == null ? "" : b.getSymbolicName().toLowerCase(Locale.ROOT);
        if (name.startsWith("org.eclipse.")) {
            return true;
        }
        for (String token : name.split("[^a-z0-9]+")) {
            if (UI_TOKENS.contains(token)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isFragment(Bundle b) {
        return b.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
    }

    /** @return the bundle's jar (made from its folder if needed) and the jars it embeds */
    private List<Path> files(Bundle b) throws IOException {
        Optional<File> location = FileLocator.getBundleFileLocation(b);
        if (location.isEmpty()) {
            throw new IOException("cannot find the file of bundle " + b.getSymbolicName() + " (installed from " + b.getLocation() + ")");
        }
        Path file = location.get().toPath().toAbsolutePath().normalize();
        List<Path> out = new ArrayList<>();
        if (Files.isDirectory(file)) {
            out.add(packFolder(b, file));
        } else if (Files.isRegularFile(file)) {
            out.add(file);
        } else {
            throw new IOException("the file of bundle " + b.getSymbolicName() + " does not exist: " + file);
        }
        String classPath = b.getHeaders("").get(Constants.BUNDLE_CLASSPATH);
        if (classPath != null) {
            for (String entry : classPath.split(",")) {
                String path = entry.split(";")[0].trim();
                if (path.isEmpty() || path.equals(".") || !path.toLowerCase(Locale.ROOT).endsWith(".jar")) {
                    continue;
                }
                URL url = b.getEntry(path);
                if (url == null) {
                    continue;
                }
                Path dir = Files.createDirectories(staging.resolve("embedded"));
                Path to = dir.resolve(b.getSymbolicName() + "_" + Path.of(path).getFileName());
                try (InputStream in = url.openStream()) {
                    Files.copy(in, to);
                }
                out.add(to);
            }
        }
        return out;
    }

    /** Packs a bundle installed as a folder (as in development) into {@code <bsn>_<version>.jar}. */
    private Path packFolder(Bundle b, Path folder) throws IOException {
        Path dir = Files.createDirectories(staging.resolve("packed"));
        Path jar = dir.resolve(b.getSymbolicName() + "_" + b.getVersion() + ".jar");
        Path manifestFile = folder.resolve("META-INF/MANIFEST.MF");
        Manifest manifest;
        if (Files.isRegularFile(manifestFile)) {
            try (InputStream in = Files.newInputStream(manifestFile)) {
                manifest = new Manifest(in);
            }
        } else {
            manifest = new Manifest();
        }
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os, manifest);
                Stream<Path> files = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) files.sorted()::iterator) {
                String name = folder.relativize(p).toString().replace(File.separatorChar, '/');
                if (!Files.isRegularFile(p) || name.equalsIgnoreCase("META-INF/MANIFEST.MF")) {
                    continue;
                }
                out.putNextEntry(new JarEntry(name));
                Files.copy(p, out);
                out.closeEntry();
            }
        }
        return jar;
    }
}
