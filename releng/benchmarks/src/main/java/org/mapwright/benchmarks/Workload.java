package org.mapwright.benchmarks;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import org.mapwright.connector.csv.CsvConnector;
import org.mapwright.connector.excel.ExcelConnector;
import org.mapwright.core.Ids;
import org.mapwright.core.Settings;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.InspectOptions;
import org.mapwright.core.connector.Inspection;
import org.mapwright.core.connector.ProgressMonitor;
import org.mapwright.core.connector.RecordReader;
import org.mapwright.core.connector.SourceConnector;
import org.mapwright.core.profile.Profile;
import org.mapwright.core.profile.ProfileOptions;
import org.mapwright.core.profile.Profiler;
import org.mapwright.engine.Problem;
import org.mapwright.engine.RunReport;
import org.mapwright.runtime.EnvironmentCredentialStore;
import org.mapwright.runtime.InvalidProjectException;
import org.mapwright.runtime.MapwrightRuntime;
import org.mapwright.runtime.RunOptions;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One benchmark in its own JVM, started by {@link Bench}: does the work, then prints one line
 * {@value #MARKER}{@code {json}} with the timed seconds, counts and its own peak RSS
 * ({@code VmHWM}). Exit code 0 on success.
 *
 * <p>Usage: {@code Workload NAME ARGS...} with NAME one of {@code mapwright-job DATA},
 * {@code commons-csv-job DATA OUTPUT}, {@code duckdb-job DATA OUTPUT}, {@code inference FILE},
 * {@code profile FILE}, {@code xlsx-inference FILE}, {@code xlsx-profile FILE},
 * {@code xlsx-job DATA/xlsx-job}. ({@code spark-job} runs the Spark distribution's launcher instead.)
 */
public final class Workload {

    static final String MARKER = "@@result ";

    private Workload() {
    }

    public static void main(String[] args) throws Exception {
        // POI logs through the Log4j API, which complains on stderr when no backend is on the class path
        if (System.getProperty("log4j2.loggerContextFactory") == null) {
            System.setProperty("log4j2.loggerContextFactory", "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
        }
        if (args.length < 2) {
            System.err.println("usage: Workload NAME ARGS...");
            System.exit(2);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("name", args[0]);
        int exit = 0;
        switch (args[0]) {
            case Bench.MAPWRIGHT_JOB, Bench.XLSX_JOB:
                exit = mapwrightJob(Path.of(args[1]), result);
                break;
            case Bench.COMMONS_CSV_JOB:
                commonsCsvJob(Path.of(args[1]), Path.of(args[2]), result);
                break;
            case Bench.DUCKDB_JOB:
                duckDbJob(Path.of(args[1]), Path.of(args[2]), result);
                break;
            case Bench.INFERENCE:
                inference(new CsvConnector(new Ids(new Random(1))), Path.of(args[1]), result);
                break;
            case Bench.PROFILE:
                profile(new CsvConnector(new Ids(new Random(1))), Path.of(args[1]), result);
                break;
            case Bench.XLSX_INFERENCE:
                inference(new ExcelConnector(new Ids(new Random(1))), Path.of(args[1]), result);
                break;
            case Bench.XLSX_PROFILE:
                profile(new ExcelConnector(new Ids(new Random(1))), Path.of(args[1]), result);
                break;
            default:
                System.err.println("unknown workload " + args[0]);
                System.exit(2);
        }
        jvmFacts(result);
        System.out.println(MARKER + new ObjectMapper().writeValueAsString(result));
        System.out.flush();
        System.exit(exit);
    }

    /** Runs the project folder exactly as {@code mapwright run -q DATA} does. */
    private static int mapwrightJob(Path project, Map<String, Object> result) throws IOException {
        MapwrightRuntime runtime = MapwrightRuntime.standard(new EnvironmentCredentialStore());
        long t0 = System.nanoTime();
        RunReport report;
        try {
            report = runtime.run(project, RunOptions.defaults().withMonitor(ProgressMonitor.NONE));
        } catch (InvalidProjectException e) {
            result.put("error", e.getMessage());
            System.err.println("mapwright: " + e.getMessage());
            for (Problem p : e.problems()) {
                System.err.println("  " + p);
            }
            return MapwrightRuntime.EXIT_INVALID;
        }
        long t1 = System.nanoTime();
        result.put("seconds", (t1 - t0) / 1e9);
        result.put("status", report.status().id());
        if (report.error() != null) {
            result.put("error", report.error());
        }
        RunReport.MappingReport m = report.mappings().get(0);
        result.put("rowsRead", m.rowsRead());
        result.put("rowsWritten", m.rowsWritten());
        result.put("rowsFiltered", m.rowsFiltered());
        result.put("rowsRejected", m.rowsRejected());
        result.put("bytesRead", m.bytesRead());
        // the mapping itself, without loading/validating the project and without committing (fsync + rename)
        result.put("mappingSeconds", m.duration().toNanos() / 1e9);
        if (!m.firstRejects().isEmpty()) {
            result.put("firstReject", m.firstRejects().get(0).toString());
        }
        if (!m.warnings().isEmpty()) {
            result.put("warnings", m.warnings());
        }
        return MapwrightRuntime.exitCode(report);
    }

    private static void commonsCsvJob(Path data, Path output, Map<String, Object> result) throws IOException {
        long t0 = System.nanoTime();
        CommonsCsvJob.Counts c = CommonsCsvJob.run(data, output);
        result.put("seconds", (System.nanoTime() - t0) / 1e9);
        result.put("status", "succeeded");
        result.put("rowsRead", c.read());
        result.put("rowsWritten", c.written());
        result.put("bytesRead", Files.size(data.resolve(StandardJob.CUSTOMERS)));
    }

    private static void duckDbJob(Path data, Path output, Map<String, Object> result) throws Exception {
        long t0 = System.nanoTime();
        DuckDbJob.Counts c = DuckDbJob.run(data, output);
        result.put("seconds", (System.nanoTime() - t0) / 1e9);
        result.put("status", "succeeded");
        result.put("rowsWritten", c.written());
        result.put("bytesRead", Files.size(data.resolve(StandardJob.CUSTOMERS)));
    }

    /**
     * Inspects the file with the default sampling, as the workbench's "Add source" does: for a CSV
     * sniffs the dialect and infers the column types, for a workbook detects the table's layout and
     * infers the types from the cells.
     */
    private static void inference(SourceConnector connector, Path file, Map<String, Object> result) throws Exception {
        long t0 = System.nanoTime();
        Inspection inspection = inspect(connector, file);
        result.put("seconds", (System.nanoTime() - t0) / 1e9);
        result.put("status", "succeeded");
        result.put("rowsRead", inspection.rowsSampled());
        result.put("fileBytes", Files.size(file));
        result.put("schema", describe(inspection));
    }

    /** Profiles every record of the file with the inferred types (the inspection itself is timed apart). */
    private static void profile(SourceConnector connector, Path file, Map<String, Object> result) throws Exception {
        long t0 = System.nanoTime();
        Inspection inspection = inspect(connector, file);
        long t1 = System.nanoTime();
        Profile profile;
        long bytes;
        try (RecordReader reader = connector.open(ConnectorContext.of(folder(file)), inspection.settings(), inspection.schema())) {
            profile = Profiler.profile(reader, ProfileOptions.DEFAULTS, ProgressMonitor.NONE);
            bytes = reader.bytesRead();
        }
        long t2 = System.nanoTime();
        result.put("seconds", (t2 - t1) / 1e9);
        result.put("inspectSeconds", (t1 - t0) / 1e9);
        result.put("status", "succeeded");
        result.put("rowsRead", profile.records());
        result.put("rowsRejected", profile.rejected());
        result.put("bytesRead", bytes > 0 ? bytes : Files.size(file));
        result.put("schema", describe(inspection));
        result.put("invalidValues", profile.fields().stream().mapToLong(f -> f.invalidCount()).sum());
    }

    private static Inspection inspect(SourceConnector connector, Path file) throws Exception {
        // both connectors name the file by the setting "path"
        Settings settings = Settings.of(Map.of(CsvConnector.PATH, file.getFileName().toString()));
        return connector.inspect(ConnectorContext.of(folder(file)), settings, InspectOptions.DEFAULTS, ProgressMonitor.NONE);
    }

    private static Path folder(Path file) {
        return file.toAbsolutePath().getParent();
    }

    private static String describe(Inspection inspection) {
        return inspection.schema().fields().stream()
                .map(f -> f.name() + ":" + f.type().id() + (f.format() == null ? "" : "(" + f.format() + ")"))
                .collect(Collectors.joining(", "));
    }

    /** Peak RSS, heap and GC figures of this JVM, for the table and for finding where memory goes. */
    private static void jvmFacts(Map<String, Object> result) {
        result.put("peakRssKb", ProcStatus.peakRssKb(ProcessHandle.current().pid()));
        result.put("maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        long peakHeap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peakHeap += pool.getPeakUsage().getUsed();
            }
        }
        result.put("peakHeapPoolsMb", peakHeap / (1024 * 1024));
        long gcMs = 0;
        long gcCount = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcMs += Math.max(0, gc.getCollectionTime());
            gcCount += Math.max(0, gc.getCollectionCount());
        }
        result.put("gcMs", gcMs);
        result.put("gcCount", gcCount);
        result.put("gc", ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                .collect(Collectors.toList()));
        List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
        result.put("jvmArgs", args);
        result.put("cpuSeconds", cpuSeconds());
    }

    private static double cpuSeconds() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime() / 1e9;
        }
        return -1;
    }
}
