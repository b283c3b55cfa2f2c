package org.mapwright.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Runs one {@link Workload} in a fresh JVM, so each benchmark starts cold, has its own heap limit
 * and its own peak RSS: the kernel's {@code VmHWM} of the child, read by the child itself at the
 * end of its work and sampled from outside every 20 ms (the larger figure counts).
 */
final class ChildRun {

    /** What a child did. */
    record Outcome(int exitCode, double processSeconds, long sampledPeakRssKb, double machineBusySeconds,
            Map<String, Object> result, Path log) {

        /** @return the same outcome with another result (for a child that reports in a file, not on stdout) */
        Outcome withResult(Map<String, Object> r) {
            return new Outcome(exitCode, processSeconds, sampledPeakRssKb, machineBusySeconds, r, log);
        }

        boolean succeeded() {
            return exitCode == 0 && result != null && "succeeded".equals(result.get("status"));
        }

        /** @return seconds the child timed for its work, or the process time when it reported nothing */
        double seconds() {
            Object s = result == null ? null : result.get("seconds");
            return s instanceof Number n ? n.doubleValue() : processSeconds;
        }

        long peakRssKb() {
            Object s = result == null ? null : result.get("peakRssKb");
            long own = s instanceof Number n ? n.longValue() : -1;
            return Math.max(own, sampledPeakRssKb);
        }

        /**
         * @return cores other processes kept busy on average while the child ran (machine busy time
         *         minus the child's own CPU time, over the wall time), or -1 when unknown: the noise
         *         from builds running at the same time
         */
        double backgroundCores() {
            Object cpu = result == null ? null : result.getOrDefault("cpuSeconds", result.get("sampledCpuSeconds"));
            if (machineBusySeconds < 0 || !(cpu instanceof Number n) || n.doubleValue() < 0 || processSeconds <= 0) {
                return -1;
            }
            return Math.max(0, (machineBusySeconds - n.doubleValue()) / processSeconds);
        }

        long number(String key) {
            Object v = result == null ? null : result.get(key);
            return v instanceof Number n ? n.longValue() : -1;
        }
    }

    private ChildRun() {
    }

    /**
     * @param jvmArgs  options for the child JVM (heap, JFR)
     * @param workload the workload name and its arguments
     * @param log      file for the child's stdout and stderr
     */
    static Outcome run(List<String> jvmArgs, List<String> workload, Path log) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Workload.class.getName());
        command.addAll(workload);
        return runCommand(command, Map.of(), log);
    }

    /**
     * Runs any command that ends in one JVM (a launcher script that {@code exec}s java keeps its
     * process id, so its RSS is sampled all the same). Besides the peak RSS, the sampler keeps the
     * child's CPU seconds from {@code /proc/<pid>/stat}, put into the result as
     * {@code sampledCpuSeconds} when the child reports none itself.
     *
     * @param env variables added to this JVM's environment for the child
     */
    static Outcome runCommand(List<String> command, Map<String, String> env, Path log) throws IOException, InterruptedException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        double busy0 = ProcStatus.machineBusySeconds();
        long t0 = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        long pid = process.pid();
        long[] peak = { -1 };
        double[] cpu = { -1 };
        Thread sampler = new Thread(() -> {
            while (process.isAlive()) {
                long v = ProcStatus.peakRssKb(pid);
                if (v > peak[0]) {
                    peak[0] = v;
                }
                double c = ProcStatus.cpuSeconds(pid);
                if (c > cpu[0]) {
                    cpu[0] = c;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "rss-sampler");
        sampler.setDaemon(true);
        sampler.start();
        String resultLine = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                var logWriter = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            for (var e : env.entrySet()) {
                logWriter.write(e.getKey() + "=" + e.getValue() + " ");
            }
            logWriter.write(String.join(" ", command));
            logWriter.write('\n');
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(Workload.MARKER)) {
                    resultLine = line.substring(Workload.MARKER.length());
                }
                logWriter.write(line);
                logWriter.write('\n');
            }
        }
        int exit = process.waitFor();
        double seconds = (System.nanoTime() - t0) / 1e9;
        double busy = busy0 < 0 ? -1 : ProcStatus.machineBusySeconds() - busy0;
        sampler.interrupt();
        sampler.join();
        Map<String, Object> result = resultLine == null ? null
                : new ObjectMapper().readValue(resultLine, new TypeReference<Map<String, Object>>() {
                });
        if (cpu[0] >= 0) {
            result = result == null ? new LinkedHashMap<>() : new LinkedHashMap<>(result);
            result.put("sampledCpuSeconds", cpu[0]);
        }
        return new Outcome(exit, seconds, peak[0], busy, result, log);
    }

    /** @return the last lines of a log, for a failure message */
    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
