package org.mapwright.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one harness run as a table, and the performance goals each is held against.
 * Throughput ratios compare rows per second on the same input: 2.0× means Mapwright needed half
 * the time of the reference.
 */
final class Report {

    private final Dataset data;
    private final Map<String, ChildRun.Outcome> outcomes;
    private final String heap;
    private final String sparkHeap;

    Report(Dataset data, Map<String, ChildRun.Outcome> outcomes, String heap, String sparkHeap) {
        this.data = data;
        this.outcomes = outcomes;
        this.heap = heap;
        this.sparkHeap = sparkHeap;
    }

    private String heapOf(String name) {
        return name.equals(Bench.SPARK_JOB) ? sparkHeap : heap;
    }

    private boolean ok(String name) {
        ChildRun.Outcome o = outcomes.get(name);
        return o != null && o.succeeded();
    }

    private static boolean isJob(String name) {
        return name.endsWith("-job");
    }

    /** @return input rows per second, or -1 when unknown */
    double rowsPerSecond(String name) {
        ChildRun.Outcome o = outcomes.get(name);
        if (!ok(name) || o.seconds() <= 0) {
            return -1;
        }
        long rows = name.equals(Bench.XLSX_JOB) ? data.xlsxRows : isJob(name) ? data.jobRows : o.number("rowsRead");
        return rows / o.seconds();
    }

    /**
     * @return input megabytes (10^6 bytes) per second, or -1 when not meaningful: inference reads a
     *         sample, and a workbook's bytes are compressed XML, not comparable with CSV bytes
     */
    double megabytesPerSecond(String name) {
        ChildRun.Outcome o = outcomes.get(name);
        if (!ok(name) || o.seconds() <= 0 || name.equals(Bench.INFERENCE) || name.startsWith("xlsx-")) {
            return -1;
        }
        long bytes = isJob(name) ? data.jobBytes : o.number("bytesRead");
        return bytes / 1e6 / o.seconds();
    }

    /**
     * @return this job's rows per second divided by the local engine's on the CSV ({@code mapwright-job}),
     *         or -1 when either is missing: below 1 means slower than the local engine
     */
    double vsLocal(String name) {
        double own = rowsPerSecond(name);
        double local = rowsPerSecond(Bench.MAPWRIGHT_JOB);
        return own < 0 || local <= 0 ? -1 : own / local;
    }

    /** @return Mapwright's throughput divided by the reference's, or -1 when either is missing */
    double ratio(String reference) {
        if (!ok(Bench.MAPWRIGHT_JOB) || !ok(reference)) {
            return -1;
        }
        return outcomes.get(reference).seconds() / outcomes.get(Bench.MAPWRIGHT_JOB).seconds();
    }

    String table() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-16s %9s %9s %12s %8s %12s %6s %10s %15s %9s %9s%n", "benchmark", "time s",
                "process s", "rows/s", "MB/s", "peak RSS MB", "-Xmx", "vs DuckDB", "vs Commons CSV", "vs local", "bg cores"));
        for (var e : outcomes.entrySet()) {
            String name = e.getKey();
            ChildRun.Outcome o = e.getValue();
            if (!o.succeeded()) {
                b.append(String.format(Locale.ROOT, "%-16s %s%n", name, "FAILED (see " + o.log() + ")"));
                continue;
            }
            double mbs = megabytesPerSecond(name);
            boolean mw = name.equals(Bench.MAPWRIGHT_JOB);
            double bg = o.backgroundCores();
            boolean vsLocal = name.equals(Bench.SPARK_JOB) || name.equals(Bench.XLSX_JOB);
            b.append(String.format(Locale.ROOT, "%-16s %9.2f %9.2f %,12.0f %8s %12.0f %6s %10s %15s %9s %9s%n", name, o.seconds(),
                    o.processSeconds(), rowsPerSecond(name), mbs < 0 ? "-" : String.format(Locale.ROOT, "%.1f", mbs),
                    o.peakRssKb() / 1024.0, heapOf(name), mw ? times(ratio(Bench.DUCKDB_JOB)) : "",
                    mw ? times(ratio(Bench.COMMONS_CSV_JOB)) : "", vsLocal ? times(vsLocal(name)) : "",
                    bg < 0 ? "-" : String.format(Locale.ROOT, "%.2f", bg)));
        }
        b.append('\n');
        if (data.jobRows > 0) {
            b.append(String.format(Locale.ROOT, "standard job input: %,d rows, %.1f MB; ", data.jobRows, data.jobBytes / 1e6));
        }
        if (data.sourceRows > 0) {
            b.append(String.format(Locale.ROOT, "inference/profile source: %,d rows, %.1f MB; ", data.sourceRows, data.sourceBytes / 1e6));
        }
        if (data.xlsxRows > 0) {
            b.append(String.format(Locale.ROOT, "workbook: %,d rows, %.1f MB .xlsx; ", data.xlsxRows, data.xlsxBytes / 1e6));
        }
        b.append(String.format(Locale.ROOT, "benchmark JVMs -Xmx%s; %d cores%n", heap, Runtime.getRuntime().availableProcessors()));
        if (outcomes.containsKey(Bench.SPARK_JOB)) {
            ChildRun.Outcome o = outcomes.get(Bench.SPARK_JOB);
            Object java = o.result() == null ? null : o.result().get("java");
            b.append(String.format(Locale.ROOT, "spark-job: Spark local mode (bin/mapwright-spark run --engine spark) on %s, -Xmx%s; "
                    + "time s is the run as the Spark engine reports it, process s adds JVM and Spark session start-up%n",
                    java == null ? "Java 17" : java, sparkHeap));
        }
        b.append("time s: the work timed inside the benchmark JVM; process s: the whole JVM from start to exit; "
                + "vs local: rows/s relative to mapwright-job (the local engine on the CSV); "
                + "bg cores: CPU other processes used meanwhile (noise)\n");
        b.append(String.format(Locale.ROOT, "%ntargets%n"));
        for (Map<String, Object> t : targets()) {
            b.append(String.format(Locale.ROOT, "  %-10s %-16s %-46s %s%n", "[" + t.get("status") + "]", t.get("benchmark"),
                    t.get("goal"), t.get("value")));
        }
        return b.toString();
    }

    private static String times(double r) {
        return r < 0 ? "-" : String.format(Locale.ROOT, "%.2f×", r);
    }

    /** @return one entry per goal: benchmark, goal, measured value, status (met, NOT met, n/a) */
    List<Map<String, Object>> targets() {
        List<Map<String, Object>> out = new ArrayList<>();
        if (outcomes.containsKey(Bench.MAPWRIGHT_JOB)) {
            ChildRun.Outcome o = outcomes.get(Bench.MAPWRIGHT_JOB);
            double duck = ratio(Bench.DUCKDB_JOB);
            double commons = ratio(Bench.COMMONS_CSV_JOB);
            target(out, Bench.MAPWRIGHT_JOB, "throughput >= " + Bench.GOAL_VS_DUCKDB + "x DuckDB", duck < 0 ? null : duck >= Bench.GOAL_VS_DUCKDB,
                    times(duck));
            target(out, Bench.MAPWRIGHT_JOB, "throughput >= " + Bench.STRETCH_VS_DUCKDB + "x DuckDB (stretch goal)",
                    duck < 0 ? null : duck >= Bench.STRETCH_VS_DUCKDB, times(duck));
            target(out, Bench.MAPWRIGHT_JOB, "throughput >= " + Bench.GOAL_VS_COMMONS + "x naive Commons CSV program",
                    commons < 0 ? null : commons >= Bench.GOAL_VS_COMMONS, times(commons));
            rss(out, Bench.MAPWRIGHT_JOB, o);
            heap(out, Bench.MAPWRIGHT_JOB, o);
        }
        if (outcomes.containsKey(Bench.INFERENCE)) {
            ChildRun.Outcome o = outcomes.get(Bench.INFERENCE);
            String file = String.format(Locale.ROOT, "%.0f MB", data.sourceBytes / 1e6);
            target(out, Bench.INFERENCE, "sniff + infer types of a 1 GB CSV <= " + Bench.GOAL_INFERENCE_S + " s",
                    o.succeeded() ? o.seconds() <= Bench.GOAL_INFERENCE_S : Boolean.FALSE,
                    o.succeeded() ? String.format(Locale.ROOT, "%.2f s (%s file)", o.seconds(), file) : "failed");
        }
        if (outcomes.containsKey(Bench.PROFILE)) {
            ChildRun.Outcome o = outcomes.get(Bench.PROFILE);
            double mbs = megabytesPerSecond(Bench.PROFILE);
            target(out, Bench.PROFILE, "full profile >= " + (long) Bench.GOAL_PROFILE_MBS + " MB/s",
                    o.succeeded() ? mbs >= Bench.GOAL_PROFILE_MBS : Boolean.FALSE,
                    o.succeeded() ? String.format(Locale.ROOT, "%.1f MB/s", mbs) : "failed");
            heap(out, Bench.PROFILE, o);
        }
        if (outcomes.containsKey(Bench.XLSX_JOB)) {
            heap(out, Bench.XLSX_JOB, outcomes.get(Bench.XLSX_JOB));
        }
        if (outcomes.containsKey(Bench.XLSX_INFERENCE)) {
            ChildRun.Outcome o = outcomes.get(Bench.XLSX_INFERENCE);
            String file = String.format(Locale.ROOT, "%,d-row file", data.xlsxRows);
            target(out, Bench.XLSX_INFERENCE, "infer types of a 1,000,000-row .xlsx <= " + Bench.GOAL_XLSX_INFERENCE_S + " s",
                    o.succeeded() ? o.seconds() <= Bench.GOAL_XLSX_INFERENCE_S : Boolean.FALSE,
                    o.succeeded() ? String.format(Locale.ROOT, "%.2f s (%s)", o.seconds(), file) : "failed");
            heap(out, Bench.XLSX_INFERENCE, o);
        }
        if (outcomes.containsKey(Bench.XLSX_PROFILE)) {
            heap(out, Bench.XLSX_PROFILE, outcomes.get(Bench.XLSX_PROFILE));
        }
        return out;
    }

    private void rss(List<Map<String, Object>> out, String name, ChildRun.Outcome o) {
        double mb = o.peakRssKb() / 1024.0;
        target(out, name, "peak RSS <= " + Bench.GOAL_RSS_MB + " MB", o.succeeded() ? mb <= Bench.GOAL_RSS_MB : Boolean.FALSE,
                String.format(Locale.ROOT, "%.0f MB", mb));
    }

    private void heap(List<Map<String, Object>> out, String name, ChildRun.Outcome o) {
        long maxMb = o.number("maxHeapMb");
        target(out, name, "runs in a heap <= 256 MB", o.succeeded() ? heapWithinGoal() : Boolean.FALSE,
                o.succeeded() ? "succeeded with -Xmx" + heap + " (peak heap pools " + o.number("peakHeapPoolsMb") + " MB, max "
                        + maxMb + " MB)" : "failed with -Xmx" + heap);
    }

    private boolean heapWithinGoal() {
        String h = heap.toLowerCase(Locale.ROOT);
        long mb;
        try {
            if (h.endsWith("g")) {
                mb = Long.parseLong(h.substring(0, h.length() - 1)) * 1024;
            } else if (h.endsWith("m")) {
                mb = Long.parseLong(h.substring(0, h.length() - 1));
            } else if (h.endsWith("k")) {
                mb = Long.parseLong(h.substring(0, h.length() - 1)) / 1024;
            } else {
                mb = Long.parseLong(h) / (1024 * 1024);
            }
        } catch (NumberFormatException e) {
            return false;
        }
        return mb <= 256;
    }

    private static void target(List<Map<String, Object>> out, String benchmark, String goal, Boolean met, String value) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("benchmark", benchmark);
        t.put("goal", goal);
        t.put("value", value);
        t.put("status", met == null ? "n/a" : met ? "met" : "NOT met");
        out.add(t);
    }
}
