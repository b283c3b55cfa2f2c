package org.mapwright.runtime;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.mapwright.core.MappingDef;
import org.mapwright.core.OutputDef;
import org.mapwright.core.Project;
import org.mapwright.core.Settings;
import org.mapwright.core.SourceDef;
import org.mapwright.engine.Datasets;
import org.mapwright.engine.Pipeline;

/**
 * The data sets of the {@link StandardConnectors}, so that a run sees when one mapping reads what
 * another writes:
 * <ul>
 * <li>files (csv, json, excel and any connector with a {@code path} setting): the same file,
 * {@code path} resolved against the project folder;</li>
 * <li>jdbc: the same database ({@code h2}: the same {@code path}, with or without
 * {@code .mv.db}; {@code postgresql}: the same {@code host}, {@code port} (default 5432) and
 * {@code database}; {@code generic}: the same {@code url}) and the same {@code schema} and
 * {@code table}, compared ignoring case. A source given by a {@code query} names no table and
 * links to nothing.</li>
 * </ul>
 * Stateless.
 */
public final class StandardDatasets implements Datasets {

    private static final String PATH = "path";

    @Override
    public Optional<String> name(String connector, Settings settings, Path baseDirectory) {
        if ("jdbc".equals(connector)) {
            return table(settings, baseDirectory);
        }
        return file(settings, baseDirectory).map(f -> "file " + f);
    }

    private static Optional<Path> file(Settings settings, Path baseDirectory) {
        String path = settings.getString(PATH, "").trim();
        if (path.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(baseDirectory.toAbsolutePath().resolve(path).normalize());
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> table(Settings settings, Path baseDirectory) {
        String table = settings.getString("table", "").trim();
        if (table.isEmpty()) {
            return Optional.empty();
        }
        String driver = settings.getString("driver", "").trim().toLowerCase(Locale.ROOT);
        String database;
        switch (driver) {
            case "h2": {
                String path = settings.getString(PATH, "").trim();
                if (path.endsWith(".mv.db")) {
                    path = path.substring(0, path.length() - ".mv.db".length());
                }
                Optional<Path> file = file(settings.with(PATH, path), baseDirectory);
                if (file.isEmpty()) {
                    return Optional.empty();
                }
                database = "h2 " + file.get();
                break;
            }
            case "postgresql":
                database = "postgresql " + settings.getString("host", "").trim().toLowerCase(Locale.ROOT) + ":"
                        + settings.getString("port", "5432").trim() + "/" + settings.getString("database", "");
                break;
            case "generic":
                database = "generic " + settings.getString("url", "").trim();
                break;
            default:
                return Optional.empty();
        }
        String schema = settings.getString("schema", "").trim().toLowerCase(Locale.ROOT);
        return Optional.of("jdbc " + database + " table " + schema + "." + table.toLowerCase(Locale.ROOT));
    }

    /**
     * @return the files a source reads from the project folder, as its settings name them
     *         (relative or absolute): a file connector's {@code path}, an h2 database's
     *         {@code <path>.mv.db}, a generic driver's {@code driverJar}; empty for servers
     */
    public List<String> files(SourceDef source) {
        Settings s = source.settings();
        List<String> out = new ArrayList<>();
        if ("jdbc".equals(source.connector())) {
            String driver = s.getString("driver", "").trim().toLowerCase(Locale.ROOT);
            String path = s.getString(PATH, "").trim();
            if (driver.equals("h2") && !path.isEmpty()) {
                out.add(path.endsWith(".mv.db") ? path : path + ".mv.db");
            }
            String jar = s.getString("driverJar", "").trim();
            if (!jar.isEmpty()) {
                out.add(jar);
            }
            return out;
        }
        String path = s.getString(PATH, "").trim();
        if (!path.isEmpty()) {
            out.add(path);
        }
        return out;
    }

    /**
     * Points the sources that read another mapping's output at the place the run writes that
     * output. Links are found with paths resolved against the project folder; a run given another
     * output folder writes relative output paths there, so the reading source must follow.
     *
     * @param outputDirectory the run's output folder; null or the project folder changes nothing
     * @return the project with those sources' {@code path} settings replaced by absolute paths
     */
    public Project readOutputsWhereWritten(Project project, Pipeline pipeline, Path projectDirectory, Path outputDirectory) {
        if (outputDirectory == null
                || outputDirectory.toAbsolutePath().normalize().equals(projectDirectory.toAbsolutePath().normalize())) {
            return project;
        }
        Map<String, OutputDef> outputs = new HashMap<>();
        for (MappingDef m : project.mappings()) {
            for (OutputDef o : m.outputs()) {
                outputs.put(m.id() + "\u0000" + o.id(), o);
            }
        }
        Project out = project;
        for (Pipeline.Step step : pipeline.steps()) {
            for (Pipeline.Link link : step.inputs()) {
                OutputDef o = outputs.get(link.mappingId() + "\u0000" + link.outputId());
                SourceDef s = out.source(link.sourceId()).orElse(null);
                if (o == null || s == null) {
                    continue;
                }
                Optional<Path> written = file(o.settings(), outputDirectory);
                if (written.isPresent()) {
                    out = out.withSource(s.withSettings(s.settings().with(PATH, written.get().toString())));
                }
            }
        }
        return out;
    }
}
