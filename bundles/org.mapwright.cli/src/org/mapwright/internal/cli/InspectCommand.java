package org.mapwright.internal.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.mapwright.core.Project;
import org.mapwright.core.Settings;
import org.mapwright.core.SourceDef;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.InspectOptions;
import org.mapwright.core.connector.Limits;
import org.mapwright.core.connector.Inspection;
import org.mapwright.core.connector.ProgressMonitor;
import org.mapwright.core.connector.RecordReader;
import org.mapwright.core.connector.SettingsException;
import org.mapwright.core.connector.SourceConnector;
import org.mapwright.core.io.ProjectIO;
import org.mapwright.core.profile.Profile;
import org.mapwright.core.profile.ProfileOptions;
import org.mapwright.core.profile.Profiler;
import org.mapwright.runtime.MapwrightRuntime;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = { "Infers the structure of a source (types, formats, nullability, keys, samples) and, with --profile, profiles it.",
                "SOURCE is a file (the connector is chosen by its extension), a project folder with --source NAME, or omitted for",
                "a database given with --connector jdbc --set driver=... --set table=... .",
                "The JSON output (--format json) is documented in INSPECT-FORMAT.md of the org.mapwright.cli bundle." })
public final class InspectCommand implements Callable<Integer>, Services.Aware {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SOURCE", description = "File or project folder.")
    Path path;

    @Option(names = "--source", paramLabel = "NAME", description = "Name or id of a source of the project given as SOURCE.")
    String sourceName;

    @Option(names = { "-c", "--connector" }, paramLabel = "KIND", description = "csv, json, excel or jdbc (default: by file extension).")
    String connector;

    @Option(names = { "-s", "--set" }, paramLabel = "KEY=VALUE", description = "A connector setting, e.g. delimiter=';' or sheet=Orders; repeatable. Overrides sniffed values.")
    Map<String, String> set = new LinkedHashMap<>();

    @Option(names = "--full", description = "Read the whole source instead of a sample for type inference.")
    boolean full;

    @Option(names = "--profile", description = "Also profile every record in one streaming pass (null counts, distinct values, min/max, top values, patterns, histograms).")
    boolean profile;

    @Option(names = "--sample", paramLabel = "ROWS", defaultValue = "10000", description = "Records sampled for inference (default: ${DEFAULT-VALUE}).")
    int sample;

    @Option(names = { "-f", "--format" }, paramLabel = "FORMAT", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--secrets", paramLabel = "FILE", description = "Properties file of secrets (database passwords), readable only by its owner.")
    Path secrets;

    @Mixin
    LimitOptions limits;

    private Services services;

    @Override
    public void services(Services s) {
        services = s;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!format.equals("text") && !format.equals("json")) {
            err.println("mapwright: --format must be text or json, not '" + format + "'");
            return MapwrightRuntime.EXIT_INVALID;
        }
        if (!limits.check(err)) {
            return MapwrightRuntime.EXIT_INVALID;
        }
        try {
            Target t = target();
            ConnectorContext context = new ConnectorContext(t.baseDirectory, services.credentials(secrets), limits.over(t.limits));
            SourceConnector c = services.connectors().source(t.connector);
            Inspection inspection = c.inspect(context, t.settings, new InspectOptions(sample, full, 5), ProgressMonitor.NONE);
            Profile p = null;
            if (profile) {
                try (RecordReader reader = c.open(context, inspection.settings(), inspection.schema())) {
                    p = Profiler.profile(reader, ProfileOptions.DEFAULTS, new StderrProgress(err));
                }
            }
            if (format.equals("json")) {
                out.print(new InspectJson().toJson(t.connector, t.label, inspection, p));
            } else {
                new InspectText(out).print(t.label, t.connector, inspection, p);
            }
            out.flush();
            return MapwrightRuntime.EXIT_OK;
        } catch (SettingsException e) {
            err.println("mapwright: " + e.getMessage());
            return MapwrightRuntime.EXIT_INVALID;
        } catch (DataException e) {
            err.println("mapwright: " + e.getMessage());
            return MapwrightRuntime.EXIT_DATA;
        } catch (IllegalArgumentException | IOException e) {
            err.println("mapwright: " + e.getMessage());
            return MapwrightRuntime.EXIT_INVALID;
        }
    }

    /** What to inspect, with the reader limits of its project (or the defaults) before {@code --limit}. */
    private record Target(String connector, Settings settings, Path baseDirectory, String label, Limits limits) {
    }

    private Target target() throws IOException {
        Path cwd = Path.of("").toAbsolutePath();
        if (path == null) {
            if (connector == null) {
                throw new IllegalArgumentException("give a SOURCE file, a project with --source, or --connector with its --set settings");
            }
            return new Target(connector, Settings.of(set), cwd, connector + " " + set, Limits.DEFAULTS);
        }
        if (sourceName != null || Files.isRegularFile(ProjectIO.projectFile(path)) && Files.isDirectory(path)) {
            if (sourceName == null) {
                throw new IllegalArgumentException(path + " is a project folder: name one of its sources with --source");
            }
            Project project = new ProjectIO().read(path);
            SourceDef s = project.sourceByName(sourceName).or(() -> project.source(sourceName)).orElseThrow(
                    () -> new IllegalArgumentException("project has no source '" + sourceName + "' (sources: "
                            + String.join(", ", project.sources().stream().map(SourceDef::name).toList()) + ")"));
            Settings settings = s.settings();
            for (var e : set.entrySet()) {
                settings = settings.with(e.getKey(), e.getValue());
            }
            return new Target(s.connector(), settings, ProjectIO.projectFolder(path), s.name(), project.limits());
        }
        if (!Files.exists(path)) {
            throw new IllegalArgumentException(path + ": no such file");
        }
        Path abs = path.toAbsolutePath().normalize();
        String kind = connector != null ? connector : kindOf(abs);
        Settings settings = Settings.of(set).with("path", abs.getFileName().toString());
        return new Target(kind, settings, abs.getParent(), abs.getFileName().toString(), Limits.DEFAULTS);
    }

    static String kindOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv") || name.endsWith(".tsv") || name.endsWith(".txt") || name.endsWith(".psv")) {
            return "csv";
        }
        if (name.endsWith(".json") || name.endsWith(".ndjson") || name.endsWith(".jsonl")) {
            return "json";
        }
        if (name.endsWith(".xlsx") || name.endsWith(".xls") || name.endsWith(".xlsm")) {
            return "excel";
        }
        throw new IllegalArgumentException(file.getFileName() + ": cannot tell the connector from the extension; give --connector csv|json|excel");
    }
}
