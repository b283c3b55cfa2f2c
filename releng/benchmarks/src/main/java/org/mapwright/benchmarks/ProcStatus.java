package org.mapwright.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a process's memory figures from Linux's {@code /proc/<pid>/status}. */
final class ProcStatus {

    private ProcStatus() {
    }

    /** @return the peak resident set size ({@code VmHWM}) in KiB, or -1 where /proc is missing or the process is gone */
    static long peakRssKb(long pid) {
        return field(pid, "VmHWM:");
    }

    /**
     * @return CPU seconds (user + system) the process used so far, from {@code /proc/<pid>/stat},
     *         or -1 where /proc is missing or the process is gone
     */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
            // the command name (field 2) may hold spaces: count fields after its closing parenthesis
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            // fields 14 and 15 (utime, stime) are the 12th and 13th after the name; USER_HZ is 100
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * @return CPU seconds all processes of the machine spent busy since boot (user, nice, system,
     *         irq, softirq, steal from {@code /proc/stat}), or -1 where /proc is missing
     */
    static double machineBusySeconds() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/stat"), StandardCharsets.UTF_8)) {
                if (line.startsWith("cpu ")) {
                    String[] f = line.trim().split("\\s+");
                    long busy = 0;
                    for (int i : new int[] { 1, 2, 3, 6, 7, 8 }) {
                        busy += i < f.length ? Long.parseLong(f[i]) : 0;
                    }
                    // USER_HZ is 100 on every Linux the JDK supports
                    return busy / 100.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }

    private static long field(long pid, String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.UTF_8)) {
                if (line.startsWith(name)) {
                    String v = line.substring(name.length()).trim();
                    int space = v.indexOf(' ');
                    return Long.parseLong(space < 0 ? v : v.substring(0, space));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process ended between two samples, or this is not Linux: no figure
        }
        return -1;
    }
}
