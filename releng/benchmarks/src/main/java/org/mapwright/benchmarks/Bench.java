package org.mapwright.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
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
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The benchmark harness ({@code releng/bench}): prepares the data, runs each benchmark in a fresh
 * JVM, checks Mapwright's output against the hand-written reference, prints one table with the
 * targets of the performance goals, and writes the figures as JSON. See README.md.
 */
public final class Bench {

    static final String MAPWRIGHT_JOB = "mapwright-job";
    static final String COMMONS_CSV_JOB = "commons-csv-job";
    static final String DUCKDB_JOB = "duckdb-job";
    static final String INFERENCE = "inference";
    static final String PROFILE = "profile";
    static final String SPARK_JOB = "spark-job";
    static final String XLSX_JOB = "xlsx-job";
    static final String XLSX_INFERENCE = "xlsx-inference";
    static final String XLSX_PROFILE = "xlsx-profile";
    /** Every benchmark, in the order they run and are printed. */
    static final List<String> ALL = List.of(MAPWRIGHT_JOB, SPARK_JOB, XLSX_JOB, COMMONS_CSV_JOB, DUCKDB_JOB, INFERENCE, PROFILE,
            XLSX_INFERENCE, XLSX_PROFILE);
    /** What runs without --only: all but Spark, which takes many times longer than the rest together (README). */
    static final List<String> DEFAULT = ALL.stream().filter(n -> !n.equals(SPARK_JOB)).toList();
    /** Jobs whose output is checked against the Commons CSV reference. */
    static final List<String> CHECKED_JOBS = List.of(MAPWRIGHT_JOB, SPARK_JOB, XLSX_JOB);

    static final long DEFAULT_ROWS = 5_000_000;
    static final long DEFAULT_SOURCE_MB = 1000;
    static final long DEFAULT_XLSX_ROWS = 1_000_000;

    /** Goals of the performance issue, checked by every run. */
    static final double GOAL_VS_DUCKDB = 1.0;
    static final double STRETCH_VS_DUCKDB = 2.0;
    static final double GOAL_VS_COMMONS = 3.0;
    static final long GOAL_RSS_MB = 300;
    static final double GOAL_INFERENCE_S = 1.0;
    static final double GOAL_PROFILE_MBS = 150;
    static final double GOAL_XLSX_INFERENCE_S = 3.0;

    private static final String USAGE = String.join("\n",
            "usage: releng/bench [--rows N] [--only NAME[,NAME]] [--data DIR] [--keep] [--source-mb M] [--xlsx-rows N] [--repeat N] [--jfr]",
            "                    [--heap SIZE] [--spark-heap SIZE] [--spark-java DIR] [--spark-master URL] [--spark-dist DIR]",
            "  --rows N        customer rows of the standard job (default 5,000,000; e.g. 200000 for a quick smoke run)",
            "  --only NAMES    run only these benchmarks: " + String.join(", ", ALL) + ", or all (repeatable);",
            "                  default: all but " + SPARK_JOB,
            "  --data DIR      data folder (default /tmp/mapwright-bench); regenerated only when missing or of another size",
            "  --keep          keep the job outputs in DIR/out (deleted after the comparison otherwise)",
            "  --source-mb M   size of the inference/profile source file in MB (default 1000; with --rows: rows x 200 bytes)",
            "  --xlsx-rows N   rows of the .xlsx workbook (default 1,000,000, at most --rows: the workbook holds the job's first customers)",
            "  --repeat N      run every benchmark N times and report the fastest run (default 1)",
            "  --jfr           also record each Mapwright benchmark with Flight Recorder and print its hottest methods",
            "  --heap SIZE     -Xmx of every benchmark JVM but Spark's (default 256m)",
            "  --spark-heap SIZE  -Xmx of the Spark JVM (default 2g)",
            "  --spark-java DIR   Java 17 or 21 for Spark (default /usr/lib/jvm/java-17-openjdk-amd64)",
            "  --spark-master URL Spark master (default: the launcher's, local[*])",
            "  --spark-dist DIR   the Spark distribution (default product/mapwright-spark/target/mapwright-spark)",
            "  --results FILE  where to write the JSON results (default target/results.json)");

    private Path data = Path.of("/tmp/mapwright-bench");
    private long rows = DEFAULT_ROWS;
    private long sourceMb = -1;
    private final Set<String> only = new LinkedHashSet<>();
    private boolean keep;
    private int repeat = 1;
    private boolean jfr;
    private String heap = "256m";
    private long xlsxRows = -1;
    private String sparkHeap = "2g";
    private Path sparkJava = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
    private String sparkMaster;
    private Path sparkDist = Path.of("product/mapwright-spark/target/mapwright-spark");
    private Path results = Path.of("target", "results.json");
    private String loadAtStart;

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        // POI logs through the Log4j API, which complains on stderr when no backend is on the class path
        if (System.getProperty("log4j2.loggerContextFactory") == null) {
            System.setProperty("log4j2.loggerContextFactory", "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
        }
        Bench b = new Bench();
        try {
            b.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        }
        int exit;
        try {
            exit = b.run();
        } catch (IllegalStateException e) {
            System.err.println("bench: " + e.getMessage());
            exit = 1;
        }
        System.exit(exit);
    }

    private void parse(String[] args) {
        boolean rowsGiven = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--rows":
                    rows = positive(a, value(args, ++i, a));
                    rowsGiven = true;
                    break;
                case "--only":
                    for (String n : value(args, ++i, a).split(",")) {
                        if (n.trim().equals("all")) {
                            only.addAll(ALL);
                            continue;
                        }
                        if (!ALL.contains(n.trim())) {
                            throw new IllegalArgumentException("unknown benchmark '" + n + "' (known: " + String.join(", ", ALL) + ")");
                        }
                        only.add(n.trim());
                    }
                    break;
                case "--data":
                    data = Path.of(value(args, ++i, a));
                    break;
                case "--keep":
                    keep = true;
                    break;
                case "--source-mb":
                    sourceMb = positive(a, value(args, ++i, a));
                    break;
                case "--repeat":
                    repeat = (int) positive(a, value(args, ++i, a));
                    break;
                case "--jfr":
                    jfr = true;
                    break;
                case "--heap":
                    heap = value(args, ++i, a);
                    break;
                case "--xlsx-rows":
                    xlsxRows = positive(a, value(args, ++i, a));
                    break;
                case "--spark-heap":
                    sparkHeap = value(args, ++i, a);
                    break;
                case "--spark-java":
                    sparkJava = Path.of(value(args, ++i, a));
                    break;
                case "--spark-master":
                    sparkMaster = value(args, ++i, a);
                    break;
                case "--spark-dist":
                    sparkDist = Path.of(value(args, ++i, a));
                    break;
                case "--results":
                    results = Path.of(value(args, ++i, a));
                    break;
                case "-h":
                case "--help":
                    System.out.println(USAGE);
                    System.exit(0);
                    break;
                default:
                    throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        if (sourceMb < 0) {
            sourceMb = rowsGiven ? Math.max(10, rows * 200 / 1_000_000) : DEFAULT_SOURCE_MB;
        }
        if (only.isEmpty()) {
            only.addAll(DEFAULT);
        }
        if (xlsxRows < 0) {
            xlsxRows = Math.min(DEFAULT_XLSX_ROWS, rows);
        } else if (xlsxRows > rows) {
            throw new IllegalArgumentException("--xlsx-rows (" + xlsxRows + ") must not exceed --rows (" + rows
                    + "): the workbook holds the standard job's first customers, so xlsx-job can be checked against the reference");
        }
        if (xlsxRows > 1_048_575) {
            throw new IllegalArgumentException("--xlsx-rows: an .xlsx sheet holds at most 1,048,575 data rows");
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static long positive(String option, String v) {
        try {
            long n = Long.parseLong(v.replace("_", "").replace(",", ""));
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " needs a positive whole number, not '" + v + "'");
    }

    private boolean wants(String name) {
        return only.contains(name);
    }

    private int run() throws Exception {
        loadAtStart = loadAverage();
        boolean job = wants(MAPWRIGHT_JOB) || wants(SPARK_JOB) || wants(XLSX_JOB) || wants(COMMONS_CSV_JOB) || wants(DUCKDB_JOB);
        boolean source = wants(INFERENCE) || wants(PROFILE);
        boolean xlsx = wants(XLSX_JOB) || wants(XLSX_INFERENCE) || wants(XLSX_PROFILE);
        if (wants(SPARK_JOB)) {
            checkSpark();
        }
        Dataset d = Dataset.prepare(data, job ? rows : -1, source ? sourceMb : -1, xlsx ? xlsxRows : -1);
        Path out = data.resolve("out");
        Path logs = data.resolve("logs");
        Path mapwrightOut = out.resolve("mapwright.csv");
        Path commonsOut = out.resolve("commons-csv.csv");
        Path duckOut = out.resolve("duckdb.csv");
        // Spark runs the same project with its outputs relocated (-o): the project's out/mapwright.csv lands here
        Path sparkFolder = out.resolve("spark");
        Path sparkOut = sparkFolder.resolve(data.relativize(mapwrightOut));
        Path sparkReport = logs.resolve(SPARK_JOB + "-report.json");
        Path xlsxOut = out.resolve("xlsx.csv");
        Path xlsxProject = data.resolve(StandardJob.XLSX_PROJECT);
        if (job) {
            StandardJob.write(data, data.relativize(mapwrightOut).toString());
        }
        if (wants(XLSX_JOB)) {
            StandardJob.writeXlsx(data, xlsxProject.relativize(xlsxOut).toString());
        }
        Dataset.warm(d.customers(), d.countries(), source ? d.source() : null, xlsx ? d.xlsx() : null);
        Map<String, Path> outputs = Map.of(MAPWRIGHT_JOB, mapwrightOut, SPARK_JOB, sparkOut, XLSX_JOB, xlsxOut);

        Map<String, ChildRun.Outcome> outcomes = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        for (String name : ALL) {
            if (!wants(name)) {
                continue;
            }
            List<String> args = new ArrayList<>(List.of(name));
            switch (name) {
                case MAPWRIGHT_JOB:
                    args.add(data.toString());
                    Files.deleteIfExists(mapwrightOut);
                    break;
                case SPARK_JOB:
                    Files.deleteIfExists(sparkOut);
                    break;
                case XLSX_JOB:
                    args.add(xlsxProject.toString());
                    Files.deleteIfExists(xlsxOut);
                    break;
                case COMMONS_CSV_JOB:
                    args.add(data.toString());
                    args.add(commonsOut.toString());
                    Files.deleteIfExists(commonsOut);
                    break;
                case DUCKDB_JOB:
                    args.add(data.toString());
                    args.add(duckOut.toString());
                    Files.deleteIfExists(duckOut);
                    break;
                case XLSX_INFERENCE, XLSX_PROFILE:
                    args.add(d.xlsx().toString());
                    break;
                default:
                    args.add(d.source().toString());
            }
            // the fastest of the repetitions counts for time, the largest for memory
            ChildRun.Outcome best = null;
            long peakKb = -1;
            for (int i = 0; i < repeat; i++) {
                System.out.printf(Locale.ROOT, "running %s%s ...%n", name, repeat > 1 ? " (" + (i + 1) + "/" + repeat + ")" : "");
                ChildRun.Outcome o = name.equals(SPARK_JOB) ? runSpark(sparkFolder, sparkReport, logs.resolve(name + ".log"))
                        : ChildRun.run(List.of("-Xmx" + heap), args, logs.resolve(name + ".log"));
                peakKb = Math.max(peakKb, o.peakRssKb());
                if (!o.succeeded()) {
                    best = o;
                    break;
                }
                if (best == null || o.seconds() < best.seconds()) {
                    best = o;
                }
            }
            best = withPeak(best, peakKb);
            outcomes.put(name, best);
            if (!best.succeeded()) {
                String why = best.result() != null && best.result().get("error") != null ? String.valueOf(best.result().get("error"))
                        : "exit code " + best.exitCode();
                failures.add(name + ": " + why);
                System.out.println("!!! " + name + " FAILED (" + why + "); log " + best.log() + ":\n" + ChildRun.tail(best.log(), 30));
            }
        }

        Map<String, Object> verification = new LinkedHashMap<>();
        boolean mismatch = false;
        boolean reference = succeeded(outcomes, COMMONS_CSV_JOB);
        for (String name : CHECKED_JOBS) {
            if (!succeeded(outcomes, name)) {
                continue;
            }
            if (!reference) {
                // the reference is deterministic: computed here, untimed, when it was not among the benchmarks
                System.out.println("computing the Commons CSV reference output (untimed) ...");
                Files.deleteIfExists(commonsOut);
                CommonsCsvJob.run(data, commonsOut);
                verification.put("reference", "computed untimed by the harness (" + COMMONS_CSV_JOB + " not run)");
                reference = true;
            }
            System.out.println("comparing " + name + "'s output with the Commons CSV reference ...");
            long limit = name.equals(XLSX_JOB) ? d.xlsxRows : d.jobRows;
            OutputCheck.Comparison c = OutputCheck.compare(commonsOut, outputs.get(name), d.jobRows, limit);
            verification.put(name, c.summary());
            verification.put(name + "Equal", c.equal());
            if (!c.equal()) {
                mismatch = true;
                String banner = "!!!!!!!! MISMATCH: " + name + "'s output differs from the Commons CSV reference: " + c.summary();
                System.out.println(banner);
                System.err.println(banner);
            }
        }
        if (succeeded(outcomes, DUCKDB_JOB) && succeeded(outcomes, COMMONS_CSV_JOB)) {
            System.out.println("comparing DuckDB's output with the Commons CSV reference ...");
            OutputCheck.Comparison c = OutputCheck.compare(commonsOut, duckOut, d.jobRows);
            verification.put("duckdb", c.summary());
            verification.put("duckdbEqual", c.equal());
            if (!c.equal()) {
                System.out.println("warning: DuckDB's output differs from the Commons CSV reference: " + c.summary());
            }
        }

        Map<String, String> jfrSummaries = new LinkedHashMap<>();
        if (jfr) {
            for (String name : List.of(MAPWRIGHT_JOB, PROFILE)) {
                if (!wants(name)) {
                    continue;
                }
                Path recording = logs.resolve(name + ".jfr");
                Files.deleteIfExists(recording);
                List<String> args = new ArrayList<>(List.of(name, name.equals(PROFILE) ? d.source().toString() : data.toString()));
                System.out.printf(Locale.ROOT, "recording %s with Flight Recorder ...%n", name);
                ChildRun.Outcome o = ChildRun.run(List.of("-Xmx" + heap,
                        "-XX:StartFlightRecording=filename=" + recording + ",settings=profile,dumponexit=true"), args,
                        logs.resolve(name + "-jfr.log"));
                if (o.exitCode() != 0 || !Files.isRegularFile(recording)) {
                    jfrSummaries.put(name, "recording failed: see " + o.log());
                    continue;
                }
                String summary = JfrSummary.summarise(recording, 25);
                Files.writeString(logs.resolve(name + "-jfr.txt"), summary, StandardCharsets.UTF_8);
                jfrSummaries.put(name, summary);
            }
        }

        Report report = new Report(d, outcomes, heap, sparkHeap);
        String table = report.table();
        System.out.println();
        System.out.print(table);
        System.out.println("load average when the harness started: " + loadAtStart + (busy(loadAtStart)
                ? " - above the core count: other work competed for the CPU, figures are pessimistic" : ""));
        if (!verification.isEmpty()) {
            System.out.println();
            System.out.println("output check against the Commons CSV reference"
                    + (verification.containsKey("reference") ? " (" + verification.get("reference") + ")" : "") + ":");
            for (String name : CHECKED_JOBS) {
                if (verification.containsKey(name)) {
                    System.out.printf(Locale.ROOT, "  %-16s %s%n", name, verification.get(name));
                }
            }
            if (verification.containsKey("duckdb")) {
                System.out.printf(Locale.ROOT, "  %-16s %s%n", DUCKDB_JOB, verification.get("duckdb"));
            }
        }
        for (var e : jfrSummaries.entrySet()) {
            System.out.println();
            System.out.println("Flight Recorder, " + e.getKey() + " (also in " + logs.resolve(e.getKey() + "-jfr.txt") + "):");
            System.out.print(e.getValue());
        }
        writeJson(d, outcomes, report, verification, jfrSummaries, failures);
        System.out.println();
        System.out.println("results: " + results.toAbsolutePath() + "; logs: " + logs);

        if (!keep) {
            for (Path p : List.of(mapwrightOut, commonsOut, duckOut, sparkOut, xlsxOut)) {
                Files.deleteIfExists(p);
            }
        }
        if (mismatch) {
            return 3;
        }
        return failures.isEmpty() ? 0 : 1;
    }

    private Path sparkLauncher() {
        return sparkDist.resolve("bin").resolve("mapwright-spark");
    }

    /** Fails early, before any data is generated, when Spark cannot run. */
    private void checkSpark() {
        if (!Files.isExecutable(sparkLauncher())) {
            throw new IllegalStateException(sparkLauncher() + " is missing: build the Spark distribution "
                    + "(./mvnw -o -B -q -pl product/mapwright-spark package -DskipTests; releng/bench does it when spark-job is asked for)");
        }
        if (!Files.isExecutable(sparkJava.resolve("bin").resolve("java"))) {
            throw new IllegalStateException("no Java for Spark at " + sparkJava + " (Spark 4 needs Java 17 or 21): give --spark-java DIR");
        }
    }

    /**
     * Runs the standard-job project with {@code --engine spark} through the distribution's launcher,
     * in a fresh JVM on the Spark Java with its own heap, outputs relocated into {@code folder}. The
     * figures come from the run report: {@code seconds} is the run as the Spark engine reports it
     * (after the Spark session started; JVM and session start-up are in the process time).
     */
    private ChildRun.Outcome runSpark(Path folder, Path reportFile, Path log) throws IOException, InterruptedException {
        Files.deleteIfExists(reportFile);
        List<String> command = new ArrayList<>(List.of(sparkLauncher().toString(), "run", data.toString(), "-q", "-o",
                folder.toString(), "--report", reportFile.toString(), "--history", "off"));
        if (sparkMaster != null) {
            command.add("--master");
            command.add(sparkMaster);
        }
        Map<String, String> env = Map.of("JAVA_HOME", sparkJava.toString(), "MAPWRIGHT_OPTS", "-Xmx" + sparkHeap);
        ChildRun.Outcome o = ChildRun.runCommand(command, env, log);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("name", SPARK_JOB);
        if (o.result() != null) {
            result.putAll(o.result());
        }
        result.put("java", sparkJava.toString());
        result.put("jvmArgs", List.of("-Xmx" + sparkHeap));
        if (!Files.isRegularFile(reportFile)) {
            result.put("status", "failed");
            result.put("error", "no run report (exit code " + o.exitCode() + ")");
            return o.withResult(result);
        }
        com.fasterxml.jackson.databind.JsonNode report = new ObjectMapper().readTree(reportFile.toFile());
        result.put("seconds", report.path("durationMillis").asLong() / 1000.0);
        result.put("status", report.path("status").asText());
        if (!report.path("error").isNull() && !report.path("error").isMissingNode()) {
            result.put("error", report.path("error").asText());
        }
        com.fasterxml.jackson.databind.JsonNode m = report.path("mappings").path(0);
        for (String key : List.of("rowsRead", "rowsWritten", "rowsFiltered", "rowsRejected", "bytesRead")) {
            result.put(key, m.path(key).asLong(-1));
        }
        result.put("mappingSeconds", m.path("durationMillis").asLong() / 1000.0);
        result.put("report", reportFile.toString());
        return o.withResult(result);
    }

    private static ChildRun.Outcome withPeak(ChildRun.Outcome o, long peakKb) {
        return new ChildRun.Outcome(o.exitCode(), o.processSeconds(), peakKb, o.machineBusySeconds(), o.result(), o.log());
    }

    private static boolean succeeded(Map<String, ChildRun.Outcome> outcomes, String name) {
        ChildRun.Outcome o = outcomes.get(name);
        return o != null && o.succeeded();
    }

    private void writeJson(Dataset d, Map<String, ChildRun.Outcome> outcomes, Report report, Map<String, Object> verification,
            Map<String, String> jfrSummaries, List<String> failures) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("time", Instant.now().toString());
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("memoryMb", totalMemoryMb());
        machine.put("loadAverageAtStart", loadAtStart);
        root.put("machine", machine);
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("rows", rows);
        options.put("sourceMb", sourceMb);
        options.put("repeat", repeat);
        options.put("heap", heap);
        options.put("xlsxRows", xlsxRows);
        if (wants(SPARK_JOB)) {
            options.put("sparkHeap", sparkHeap);
            options.put("sparkJava", sparkJava.toString());
            options.put("sparkMaster", sparkMaster == null ? "local[*] (the launcher's default)" : sparkMaster);
            options.put("sparkDist", sparkDist.toAbsolutePath().toString());
        }
        options.put("only", new ArrayList<>(only));
        root.put("options", options);
        Map<String, Object> dataset = new LinkedHashMap<>();
        dataset.put("folder", d.folder.toAbsolutePath().toString());
        dataset.put("jobRows", d.jobRows);
        dataset.put("jobBytes", d.jobBytes);
        dataset.put("sourceRows", d.sourceRows);
        dataset.put("sourceBytes", d.sourceBytes);
        dataset.put("xlsxRows", d.xlsxRows);
        dataset.put("xlsxBytes", d.xlsxBytes);
        root.put("dataset", dataset);
        Map<String, Object> benchmarks = new LinkedHashMap<>();
        for (var e : outcomes.entrySet()) {
            ChildRun.Outcome o = e.getValue();
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("succeeded", o.succeeded());
            b.put("seconds", o.seconds());
            b.put("processSeconds", o.processSeconds());
            b.put("rowsPerSecond", report.rowsPerSecond(e.getKey()));
            b.put("megabytesPerSecond", report.megabytesPerSecond(e.getKey()));
            b.put("peakRssMb", o.peakRssKb() / 1024.0);
            b.put("backgroundCores", o.backgroundCores());
            b.put("child", o.result());
            b.put("log", o.log().toString());
            benchmarks.put(e.getKey(), b);
        }
        root.put("benchmarks", benchmarks);
        root.put("targets", report.targets());
        root.put("verification", verification);
        root.put("failures", failures);
        if (!jfrSummaries.isEmpty()) {
            root.put("flightRecorder", jfrSummaries);
        }
        Path parent = results.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(results.toFile(), root);
    }

    /** @return the 1, 5 and 15 minute load averages, or "unknown": other builds make figures pessimistic */
    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static boolean busy(String load) {
        try {
            return Double.parseDouble(load.split(" ")[0]) > Runtime.getRuntime().availableProcessors();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static long totalMemoryMb() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize() / (1024 * 1024);
        }
        return -1;
    }
}
