package org.mapwright.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a Flight Recorder file of a benchmark: where the CPU samples are (per thread, by
 * the method on top of the stack, and by every method on the stack) and which methods allocate
 * the most, so the owners of the engine, reader and writer see what to optimise first.
 */
final class JfrSummary {

    private JfrSummary() {
    }

    static String summarise(Path recording, int top) throws IOException {
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> total = new HashMap<>();
        Map<String, Long> threads = new HashMap<>();
        Map<String, Map<String, Long>> selfByThread = new HashMap<>();
        Map<String, Map<String, Long>> totalByThread = new HashMap<>();
        Map<String, Long> allocations = new HashMap<>();
        long samples = 0;
        long allocated = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
            String type = e.getEventType().getName();
            RecordedStackTrace stack = e.getStackTrace();
            if (type.equals("jdk.ExecutionSample") && stack != null && !stack.getFrames().isEmpty()) {
                samples++;
                RecordedThread t = e.getThread("sampledThread");
                String thread = t == null || t.getJavaName() == null ? "?" : t.getJavaName();
                threads.merge(thread, 1L, Long::sum);
                List<RecordedFrame> frames = stack.getFrames();
                String top0 = name(frames.get(0));
                self.merge(top0, 1L, Long::sum);
                selfByThread.computeIfAbsent(thread, k -> new HashMap<>()).merge(top0, 1L, Long::sum);
                Map<String, Long> threadTotal = totalByThread.computeIfAbsent(thread, k -> new HashMap<>());
                Set<String> once = new HashSet<>();
                for (RecordedFrame f : frames) {
                    String n = name(f);
                    if (once.add(n)) {
                        total.merge(n, 1L, Long::sum);
                        threadTotal.merge(n, 1L, Long::sum);
                    }
                }
            } else if (type.equals("jdk.ObjectAllocationSample") && stack != null && !stack.getFrames().isEmpty()) {
                long weight = e.getLong("weight");
                allocated += weight;
                String cls = e.getClass("objectClass") == null ? "?" : e.getClass("objectClass").getName();
                allocations.merge(cls + " in " + firstOwnFrame(stack.getFrames()), weight, Long::sum);
            }
        }
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%,d CPU samples (about one per 10-20 ms of running Java code); "
                + "percentages are of all samples%n", samples));
        section(b, "samples per thread", threads, samples, top);
        section(b, "hottest methods (self: on top of the stack)", self, samples, top);
        section(b, "hottest methods (total: anywhere on the stack)", total, samples, top);
        for (var t : threads.entrySet()) {
            if (threads.size() > 1 && t.getValue() * 10 >= samples) {
                long n = t.getValue();
                section(b, "thread " + t.getKey() + " (" + n + " samples; percentages of this thread), self", selfByThread.get(t.getKey()),
                        n, top / 2);
                section(b, "thread " + t.getKey() + ", total", totalByThread.get(t.getKey()), n, top);
            }
        }
        b.append(String.format(Locale.ROOT, "%nallocation (sampled, %,d MB estimated in all)%n", allocated / 1_000_000));
        section(b, null, allocations, allocated, top);
        return b.toString();
    }

    private static void section(StringBuilder b, String title, Map<String, Long> counts, long all, int top) {
        if (title != null) {
            b.append('\n').append(title).append('\n');
        }
        TreeMap<Long, List<String>> byCount = new TreeMap<>();
        counts.forEach((k, v) -> byCount.computeIfAbsent(-v, x -> new java.util.ArrayList<>()).add(k));
        int shown = 0;
        for (var entry : byCount.entrySet()) {
            for (String k : entry.getValue().stream().sorted().toList()) {
                if (shown++ >= top) {
                    return;
                }
                b.append(String.format(Locale.ROOT, "  %5.1f%%  %s%n", all == 0 ? 0 : -entry.getKey() * 100.0 / all, k));
            }
        }
    }

    private static String name(RecordedFrame f) {
        RecordedMethod m = f.getMethod();
        if (m == null) {
            return "?";
        }
        String cls = m.getType() == null ? "?" : m.getType().getName();
        return shorten(cls) + "." + m.getName();
    }

    /** The first frame outside the JDK: the code that asked for the allocation. */
    private static String firstOwnFrame(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            RecordedMethod m = f.getMethod();
            String cls = m == null || m.getType() == null ? "" : m.getType().getName();
            if (!cls.startsWith("java.") && !cls.startsWith("jdk.") && !cls.startsWith("sun.")) {
                return name(f);
            }
        }
        return name(frames.get(0));
    }

    private static String shorten(String cls) {
        return cls.replace("org.mapwright.internal.", "o.m.i.").replace("org.mapwright.", "o.m.");
    }
}
