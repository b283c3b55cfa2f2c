package org.mapwright.drift;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.mapwright.connector.csv.CsvConnector;
import org.mapwright.connector.json.JsonConnector;
import org.mapwright.core.Ids;
import org.mapwright.core.Settings;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.Inspection;
import org.mapwright.core.connector.ProgressMonitor;
import org.mapwright.engine.MappingEngine;
import org.mapwright.runtime.StandardConnectors;

/** Shared helpers: the workbench's sample project, real inspections, file edits. */
final class DriftFixtures {

    static final Path REPO = Path.of(System.getProperty("mapwright.repo", "../..")).toAbsolutePath().normalize();
    static final Path SAMPLE = REPO.resolve("bundles/org.mapwright.app/sample-project");

    private DriftFixtures() {
    }

    static MappingEngine engine() {
        return new MappingEngine(StandardConnectors.registry());
    }

    /** Copies the sample project (project file and data) into {@code dir}. */
    static Path copySample(Path dir) throws IOException {
        assertTrue(Files.isRegularFile(SAMPLE.resolve("mapwright.json")), "sample project at " + SAMPLE);
        try (Stream<Path> files = Files.walk(SAMPLE)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path rel = SAMPLE.relativize(f);
                if (rel.startsWith("out") || rel.startsWith("rejects")) {
                    continue;
                }
                Path to = dir.resolve(rel.toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        return dir;
    }

    /** Replaces the first line of a text file. */
    static void replaceHeader(Path file, String header) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Files.writeString(file, header + text.substring(text.indexOf('\n')), StandardCharsets.UTF_8);
    }

    static void replaceInFile(Path file, String from, String to) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.contains(from), "'" + from + "' in " + file);
        Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);
    }

    static Inspection inspectCsv(Path dir, String fileName, String content) throws IOException, DataException {
        Files.writeString(dir.resolve(fileName), content, StandardCharsets.UTF_8);
        return new CsvConnector(new Ids(new Random(7))).inspect(ConnectorContext.of(dir), Settings.of(Map.of("path", fileName)),
                DriftAnalyzer.DEFAULT_INSPECT, ProgressMonitor.NONE);
    }

    static Inspection inspectJson(Path dir, String fileName, String content) throws IOException, DataException {
        Files.writeString(dir.resolve(fileName), content, StandardCharsets.UTF_8);
        return new JsonConnector(new Ids(new Random(11))).inspect(ConnectorContext.of(dir), Settings.of(Map.of("path", fileName)),
                DriftAnalyzer.DEFAULT_INSPECT, ProgressMonitor.NONE);
    }
}
