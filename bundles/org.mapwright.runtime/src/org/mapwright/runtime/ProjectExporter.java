package org.mapwright.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipFile;

import org.mapwright.core.MappingDef;
import org.mapwright.core.OutputDef;
import org.mapwright.core.Project;
import org.mapwright.core.Settings;
import org.mapwright.core.SourceDef;
import org.mapwright.core.io.ProjectIO;
import org.mapwright.engine.Pipeline;
import org.mapwright.engine.Problem;
import org.mapwright.internal.runtime.ExportTexts;
import org.mapwright.internal.runtime.ExportTree;
import org.mapwright.internal.runtime.SecretSettings;

/**
 * Exports a project as a self-contained runnable folder or zip archive for a machine without the
 * workbench (see EXPORT.md of this bundle):
 *
 * <pre>
 * bin/mapwright-run, bin/mapwright-run.bat   run THIS project: mapwright-run [--param k=v]... [--output DIR] [--report FILE]
 * project/mapwright.json                     the project in canonical form
 * project/...                                the data files its sources read from inside the project folder
 * lib/*.jar                                  the headless Mapwright and its libraries, from {@link RuntimeJars}
 * README.md                                  for operators: running, parameters with their values, secrets, exit codes
 * SHA256SUMS                                 checksum of every other file ({@code sha256sum -c SHA256SUMS})
 * </pre>
 *
 * An export never contains a secret: credential stores are not consulted, and a project whose
 * settings look like they hold one (a setting named {@code password}, {@code token}, ...; a
 * {@code password=} in a value; a URL with a password) is refused. The export is built beside the
 * target and moved into place when complete, so a failed export leaves nothing half written.
 * Immutable.
 */
public final class ProjectExporter {

    /** The class the launchers start: {@code mapwright run <project> ...}. */
    public static final String LAUNCHER_MAIN_CLASS = "org.mapwright.cli.Main";

    /** Tokens of jar names that mark UI toolkit or OSGi framework jars, which a headless run never needs. */
    private static final Set<String> EXCLUDED_TOKENS = Set.of("swt", "jface", "e4", "equinox");

    /** Classes an export cannot run without, by what they are. */
    private static final Map<String, String> REQUIRED = requiredClasses();

    private static final String BIN_SH = "bin/mapwright-run";
    private static final String BIN_BAT = "bin/mapwright-run.bat";

    private final MapwrightRuntime runtime;
    private final RuntimeJars jars;

    /**
     * @param runtime validates the project before it is exported
     * @param jars    the jars to put into {@code lib/}
     */
    public ProjectExporter(MapwrightRuntime runtime, RuntimeJars jars) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.jars = Objects.requireNonNull(jars, "jars");
    }

    private static Map<String, String> requiredClasses() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("org/mapwright/core/Project.class", "the core (org.mapwright.core)");
        m.put("org/mapwright/engine/MappingEngine.class", "the engine (org.mapwright.engine)");
        m.put("org/mapwright/runtime/MapwrightRuntime.class", "the runtime (org.mapwright.runtime)");
        m.put(LAUNCHER_MAIN_CLASS.replace('.', '/') + ".class", "the command line (org.mapwright.cli)");
        m.put("picocli/CommandLine.class", "picocli, which the command line needs");
        return m;
    }

    /**
     * What an export contains.
     *
     * @param target      the folder or zip file written
     * @param files       every file of the export, relative paths with {@code /}, sorted
     * @param dataFiles   the data files copied into {@code project/}, relative to it
     * @param parameters  the project's parameters with their values
     * @param mustSet     names of the parameters that point outside the exported project
     * @param credentials the credential keys the project needs at run time
     */
    public record Export(Path target, List<String> files, List<String> dataFiles, List<Parameters.Parameter> parameters,
            List<String> mustSet, List<String> credentials) {
        public Export {
            files = List.copyOf(files);
            dataFiles = List.copyOf(dataFiles);
            parameters = List.copyOf(parameters);
            mustSet = List.copyOf(mustSet);
            credentials = List.copyOf(credentials);
        }
    }

    /**
     * Exports a project folder.
     *
     * @param target  a folder, or a file ending in {@code .zip} for an archive
     * @param replace whether an existing target is replaced
     * @throws InvalidProjectException when the project cannot be read, has errors, holds something
     *         that looks like a secret, or a data file it reads from its folder is missing
     * @throws IOException when the jars are incomplete, the target exists (without
     *         {@code replace}) or a file cannot be read or written
     */
    public Export export(Path projectDir, Path target, boolean replace) throws InvalidProjectException, IOException {
        Project project = runtime.load(projectDir);
        Path folder = ProjectIO.projectFolder(projectDir);
        List<Problem> errors = runtime.validate(projectDir).stream().filter(Problem::isError).toList();
        if (!errors.isEmpty()) {
            throw new InvalidProjectException(ProjectIO.projectFile(projectDir) + ": " + errors.size()
                    + (errors.size() == 1 ? " error" : " errors") + "; fix the project before exporting it", errors);
        }
        refuseSecrets(project);
        Pipeline pipeline = runtime.pipeline(project, List.of(), folder);
        Map<String, Path> data = dataFiles(project, pipeline, folder);
        List<Path> lib = headlessJars();

        Path abs = target.toAbsolutePath().normalize();
        if (abs.startsWith(folder)) {
            throw new IOException(abs + " is inside the project folder; export somewhere else");
        }
        if (Files.exists(abs) && !replace) {
            throw new IOException(abs + " already exists; export somewhere else or replace it with --force");
        }
        Files.createDirectories(abs.getParent());
        boolean zip = abs.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip");
        Path work = Files.createTempDirectory(abs.getParent(), "." + abs.getFileName() + ".export-");
        Path tmpZip = null;
        try {
            Path project0 = work.resolve("project");
            Files.createDirectories(project0);
            Files.writeString(project0.resolve(ProjectIO.FILE_NAME), new ProjectIO().toJson(project), StandardCharsets.UTF_8);
            for (var e : data.entrySet()) {
                Path to = project0.resolve(e.getKey());
                Files.createDirectories(to.getParent());
                Files.copy(e.getValue(), to);
            }
            Path libDir = Files.createDirectories(work.resolve("lib"));
            for (Path j : lib) {
                Files.copy(j, libDir.resolve(j.getFileName().toString()));
            }
            Path bin = Files.createDirectories(work.resolve("bin"));
            Files.writeString(bin.resolve("mapwright-run"), ExportTexts.shellLauncher(project.name(), LAUNCHER_MAIN_CLASS),
                    StandardCharsets.UTF_8);
            ExportTree.makeExecutable(bin.resolve("mapwright-run"));
            Files.writeString(bin.resolve("mapwright-run.bat"), ExportTexts.batchLauncher(project.name(), LAUNCHER_MAIN_CLASS),
                    StandardCharsets.UTF_8);
            List<String> mustSet = new ArrayList<>();
            List<String> credentials = new ArrayList<>();
            Files.writeString(work.resolve("README.md"), readme(project, pipeline, folder, new ArrayList<>(data.keySet()), lib.size(),
                    mustSet, credentials), StandardCharsets.UTF_8);
            ExportTree.writeChecksums(work);
            List<String> files = ExportTree.files(work);
            if (zip) {
                tmpZip = work.resolveSibling(work.getFileName() + ".zip");
                ExportTree.zip(work, tmpZip, Set.of(BIN_SH));
                ExportTree.place(tmpZip, abs, replace);
            } else {
                ExportTree.place(work, abs, replace);
            }
            return new Export(abs, files, new ArrayList<>(data.keySet()), Parameters.list(project), mustSet, credentials);
        } finally {
            ExportTree.deleteTree(work);
            if (tmpZip != null) {
                Files.deleteIfExists(tmpZip);
            }
        }
    }

    /** @throws InvalidProjectException listing every setting that looks like it holds a secret */
    private static void refuseSecrets(Project project) throws InvalidProjectException {
        List<String> found = new ArrayList<>();
        for (SourceDef s : project.sources()) {
            secrets("source '" + s.name() + "'", s.settings(), found);
        }
        for (MappingDef m : project.mappings()) {
            for (OutputDef o : m.outputs()) {
                secrets("output " + o.id() + " of mapping '" + m.name() + "'", o.settings(), found);
            }
        }
        if (!found.isEmpty()) {
            throw new InvalidProjectException("refusing to export: " + String.join("; ", found)
                    + ". An export never contains secrets: keep the secret in the credential store, name its key in the "
                    + "settings (e.g. credentialKey) and give it at run time with MAPWRIGHT_SECRET_<KEY> or --secrets", List.of());
        }
    }

    private static void secrets(String where, Settings settings, List<String> found) {
        for (var e : settings.asMap().entrySet()) {
            if (SecretSettings.isSecretName(e.getKey())) {
                found.add(where + " has a setting '" + e.getKey() + "', which looks like a password or token");
            } else {
                String why = SecretSettings.secretInValue(e.getValue());
                if (why != null) {
                    found.add(where + " setting '" + e.getKey() + "' looks like it holds a secret: " + why);
                }
            }
        }
    }

    /**
     * @return the files to copy into {@code project/}, by their path relative to it: what sources
     *         read from inside the project folder, except files another mapping of the project writes
     * @throws InvalidProjectException naming a source whose file is missing
     */
    private Map<String, Path> dataFiles(Project project, Pipeline pipeline, Path folder) throws InvalidProjectException {
        Set<String> produced = new LinkedHashSet<>();
        for (Pipeline.Step step : pipeline.steps()) {
            for (Pipeline.Link l : step.inputs()) {
                produced.add(l.sourceId());
            }
        }
        StandardDatasets datasets = new StandardDatasets();
        Map<String, Path> out = new TreeMap<>();
        List<String> missing = new ArrayList<>();
        for (SourceDef s : project.sources()) {
            if (produced.contains(s.id())) {
                continue;
            }
            for (String f : datasets.files(s)) {
                Path file = inside(folder, f);
                if (file == null) {
                    continue;
                }
                if (!Files.isRegularFile(file)) {
                    missing.add("source '" + s.name() + "' reads " + f + ", which does not exist in " + folder);
                    continue;
                }
                out.put(folder.relativize(file).toString().replace('\\', '/'), file);
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidProjectException("cannot export: " + String.join("; ", missing), List.of());
        }
        return out;
    }

    /** @return the file a relative path names inside the folder, or null for absolute paths and paths leading outside */
    private static Path inside(Path folder, String path) {
        try {
            Path p = Path.of(path);
            if (p.isAbsolute() || p.getRoot() != null) {
                return null;
            }
            Path file = folder.resolve(p).normalize();
            return file.startsWith(folder) && !file.equals(folder) ? file : null;
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    private static boolean relative(String path) {
        try {
            Path p = Path.of(path);
            return !p.isAbsolute() && p.getRoot() == null;
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    /**
     * @return the jars without UI toolkit jars, sorted by name
     * @throws IOException when a jar is unreadable, two share a name, or a required part is missing
     */
    private List<Path> headlessJars() throws IOException {
        Map<String, Path> byName = new TreeMap<>();
        Set<String> places = new LinkedHashSet<>();
        for (Path j : jars.jars()) {
            String name = j.getFileName().toString();
            places.add(String.valueOf(j.toAbsolutePath().getParent()));
            if (excluded(name)) {
                continue;
            }
            if (!Files.isRegularFile(j) || !name.toLowerCase(Locale.ROOT).endsWith(".jar")) {
                throw new IOException(j + " is not a jar file; the runtime jars must be jar files");
            }
            Path before = byName.put(name, j);
            if (before != null && !before.equals(j)) {
                throw new IOException("two runtime jars are named " + name + ": " + before + " and " + j);
            }
        }
        Set<String> missing = new LinkedHashSet<>(REQUIRED.keySet());
        for (Path j : byName.values()) {
            try (ZipFile z = new ZipFile(j.toFile())) {
                missing.removeIf(c -> z.getEntry(c) != null);
            } catch (IOException e) {
                throw new IOException(j + ": not a readable jar: " + e.getMessage(), e);
            }
        }
        if (!missing.isEmpty()) {
            List<String> what = new ArrayList<>();
            for (String c : missing) {
                what.add(REQUIRED.get(c));
            }
            throw new IOException("cannot export: the runtime jars lack " + String.join(", ", what) + " (looked in "
                    + String.join(", ", places) + ")");
        }
        return new ArrayList<>(byName.values());
    }

    /** @return whether a jar belongs to a UI toolkit or the OSGi framework (a name token swt, jface, e4 or equinox) */
    static boolean excluded(String jarName) {
        for (String token : jarName.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            if (EXCLUDED_TOKENS.contains(token)) {
                return true;
            }
        }
        return false;
    }

    private static String readme(Project project, Pipeline pipeline, Path folder, List<String> dataFiles, int jarCount,
            List<String> mustSet, List<String> credentials) {
        Map<String, MappingDef> mappings = new LinkedHashMap<>();
        project.mappings().forEach(m -> mappings.put(m.id(), m));
        List<ExportTexts.StepRow> steps = new ArrayList<>();
        for (Pipeline.Step s : pipeline.steps()) {
            List<String> after = new ArrayList<>();
            for (String id : s.dependsOn()) {
                after.add(mappings.get(id).name());
            }
            List<String> writes = new ArrayList<>();
            for (OutputDef o : mappings.get(s.mappingId()).outputs()) {
                writes.add(o.id() + " (" + o.connector() + ")");
            }
            steps.add(new ExportTexts.StepRow(s.name(), after, String.join(", ", writes)));
        }
        List<ExportTexts.ParameterRow> rows = new ArrayList<>();
        for (Parameters.Parameter p : Parameters.list(project)) {
            String of = p.kind().equals("source") ? "source " + project.source(p.elementId()).map(SourceDef::name).orElse(p.elementId())
                    : "output " + p.elementId() + " of mapping " + p.mappingName();
            String note = null;
            if (p.setting().equals("path") || p.setting().equals("driverJar")) {
                String path = String.valueOf(p.value());
                if (inside(folder, path) == null) {
                    note = relative(path) ? "outside the project folder" : "an absolute path";
                    mustSet.add(p.name());
                }
            }
            rows.add(new ExportTexts.ParameterRow(p.name(), p.variable(), p.value(), of, note));
        }
        Map<String, List<String>> keys = new TreeMap<>();
        for (SourceDef s : project.sources()) {
            credentialKeys("source " + s.name(), s.settings(), keys);
        }
        for (MappingDef m : project.mappings()) {
            for (OutputDef o : m.outputs()) {
                credentialKeys("output " + o.id(), o.settings(), keys);
            }
        }
        List<ExportTexts.SecretRow> secrets = new ArrayList<>();
        for (var e : keys.entrySet()) {
            secrets.add(new ExportTexts.SecretRow(e.getKey(), EnvironmentCredentialStore.variableName(e.getKey()),
                    String.join(", ", e.getValue())));
            credentials.add(e.getKey());
        }
        return ExportTexts.readme(project.name(), Instant.now(), steps, rows, secrets, dataFiles, jarCount);
    }

    /** Collects the values of settings that name a credential key ({@code credentialKey}, {@code fileCredentialKey}). */
    private static void credentialKeys(String where, Settings settings, Map<String, List<String>> keys) {
        for (var e : settings.asMap().entrySet()) {
            if (e.getKey().toLowerCase(Locale.ROOT).endsWith("credentialkey") && e.getValue() != null
                    && !e.getValue().toString().isBlank()) {
                keys.computeIfAbsent(e.getValue().toString(), k -> new ArrayList<>()).add(where);
            }
        }
    }
}
