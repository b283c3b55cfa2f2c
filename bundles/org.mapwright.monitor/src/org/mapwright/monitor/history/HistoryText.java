package org.mapwright.monitor.history;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import java.util.function.ToDoubleFunction;

import org.mapwright.engine.Reject;
import org.mapwright.engine.RunReport.MappingReport;
import org.mapwright.engine.RunReport.OutputReport;
import org.mapwright.engine.RunReport.RuleReport;
import org.mapwright.engine.RunStatus;

/**
 * The text form of {@code mapwright history}: a table of runs, trends as sparklines and rule pass
 * rates; or one run in detail. Times are UTC. Meant for people; scripts use {@link HistoryJson}.
 */
public final class HistoryText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** @return the overview: runs newest first, then trends and rule pass rates oldest to newest */
    public String overview(HistoryOverview o) {
        StringBuilder b = new StringBuilder();
        if (o.runs().isEmpty()) {
            b.append("No runs of \"").append(o.project()).append("\" recorded yet in ").append(o.store()).append(".\n");
            return b.toString();
        }
        b.append(o.project()).append(": ").append(o.runs().size() == o.totalRuns() ? o.totalRuns() + " run" + plural(o.totalRuns())
                : "last " + o.runs().size() + " of " + o.totalRuns() + " runs").append(", newest first\n");
        b.append("store: ").append(o.store()).append("\n\n");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] { "RUN", "STARTED (UTC)", "STATUS", "VERSION", "READ", "WRITTEN", "REJECTED", "REJECT %", "DURATION",
                "ROWS/S" });
        for (RunSummary r : o.runs()) {
            rows.add(new String[] { Long.toString(r.id()), TIME.format(r.start()), r.status().id(), ProjectVersion.shortForm(r.projectVersion()),
                    count(r.rowsRead()), count(r.rowsWritten()), count(r.rowsRejected()), percent(r.rejectPercent()),
                    seconds(r.durationMillis()), count(Math.round(r.rowsPerSecond())) });
        }
        table(b, rows, new boolean[] { true, false, false, false, true, true, true, true, true, true });
        List<RunSummary> trend = o.trend();
        if (trend.size() > 1) {
            b.append("\nTrend over the last ").append(trend.size()).append(" runs, oldest to newest:\n");
            List<String[]> lines = new ArrayList<>();
            lines.add(trendLine("rows written", trend, r -> r.rowsWritten(), v -> count(Math.round(v))));
            lines.add(trendLine("reject %", trend, RunSummary::rejectPercent, HistoryText::percent));
            lines.add(trendLine("duration", trend, r -> r.durationMillis(), v -> seconds(Math.round(v))));
            lines.add(trendLine("rows/s", trend, RunSummary::rowsPerSecond, v -> count(Math.round(v))));
            table(b, lines, new boolean[] { false, false, false }, "  ");
        }
        if (!o.rules().isEmpty()) {
            b.append("\nRule pass rates over the last ").append(trend.size()).append(" run").append(plural(trend.size()))
                    .append(", oldest to newest:\n");
            List<String[]> lines = new ArrayList<>();
            for (RuleSeries s : o.rules()) {
                double[] rates = s.points().stream().mapToDouble(p -> 100 * p.passRate()).toArray();
                lines.add(new String[] { s.mappingName() + ": " + s.ruleId() + " " + s.kind() + " " + s.field() + " (" + s.action() + ")",
                        Sparkline.of(rates), "last " + percent(100 * s.lastPassRate()) + ", mean " + percent(100 * s.meanPassRate()) });
            }
            table(b, lines, new boolean[] { false, false, false }, "  ");
        }
        return b.toString();
    }

    /** @return one run in detail, with each mapping's rules, outputs, warnings and first rejects */
    public String run(RunDetails d) {
        RunSummary s = d.summary();
        StringBuilder b = new StringBuilder();
        b.append("Run ").append(s.id()).append(" of ").append(s.project()).append(": ").append(s.status().id()).append('\n');
        b.append("  run id    ").append(s.runId()).append('\n');
        b.append("  started   ").append(TIME.format(s.start())).append(" UTC\n");
        b.append("  ended     ").append(TIME.format(s.end())).append(" UTC\n");
        b.append("  duration  ").append(seconds(s.durationMillis())).append(", ").append(count(Math.round(s.rowsPerSecond()))).append(" rows/s\n");
        b.append("  rows      ").append(count(s.rowsRead())).append(" read, ").append(count(s.rowsWritten())).append(" written, ")
                .append(count(s.rowsRejected())).append(" rejected (").append(percent(s.rejectPercent())).append("), ")
                .append(count(s.rowsFiltered())).append(" filtered, ").append(count(s.rowsMerged())).append(" merged\n");
        b.append("  version   ").append(s.projectVersion()).append('\n');
        b.append("  origin    ").append(s.origin()).append('\n');
        if (s.error() != null) {
            b.append("  error     ").append(s.error()).append('\n');
        }
        for (MappingReport m : d.report().mappings()) {
            b.append('\n').append("Mapping ").append(m.name()).append(": ").append(m.status().id()).append(" — ")
                    .append(count(m.rowsRead())).append(" read, ").append(count(m.rowsWritten())).append(" written, ")
                    .append(count(m.rowsRejected())).append(" rejected, ").append(count(m.rowsFiltered())).append(" filtered, ")
                    .append(count(m.rowsMerged())).append(" merged in ").append(seconds(m.duration().toMillis())).append(" (")
                    .append(count(Math.round(m.rowsPerSecond()))).append(" rows/s)\n");
            long checked = m.rowsWritten() + m.rowsRejected();
            for (RuleReport r : m.rules()) {
                double pass = new RuleSeries.Point(s.id(), s.start(), checked, r.violations()).passRate();
                b.append("  rule ").append(r.ruleId()).append(' ').append(r.kind()).append(" on ").append(r.field()).append(" (")
                        .append(r.action()).append("): ").append(count(r.violations())).append(" violation").append(plural(r.violations()))
                        .append(", pass rate ").append(percent(100 * pass)).append('\n');
            }
            for (OutputReport out : m.outputs()) {
                b.append("  ").append(m.status() == RunStatus.SUCCEEDED ? "wrote " : "not written: ").append(out.description()).append('\n');
            }
            if (m.rejectsFile() != null && m.rowsRejected() > 0) {
                b.append("  rejects: ").append(m.rejectsFile()).append('\n');
            }
            for (String w : m.warnings()) {
                b.append("  warning: ").append(w).append('\n');
            }
            if (!m.firstRejects().isEmpty()) {
                b.append("  first rejects:\n");
                for (Reject r : m.firstRejects()) {
                    b.append("    ").append(where(r)).append(r.rule()).append(": ").append(r.reason()).append('\n');
                }
            }
            if (m.error() != null) {
                b.append("  error: ").append(m.error()).append('\n');
            }
        }
        return b.toString();
    }

    private static String where(Reject r) {
        List<String> parts = new ArrayList<>();
        if (r.record() >= 0) {
            parts.add("record " + r.record());
        }
        if (r.line() >= 0) {
            parts.add("line " + r.line());
        }
        if (r.field() != null) {
            parts.add(r.field());
        }
        return parts.isEmpty() ? "" : String.join(", ", parts) + " — ";
    }

    private static String[] trendLine(String label, List<RunSummary> runs, ToDoubleFunction<RunSummary> value,
            DoubleFunction<String> format) {
        double[] values = runs.stream().mapToDouble(value).toArray();
        return new String[] { label, Sparkline.of(values), format.apply(values[0]) + " → " + format.apply(values[values.length - 1]) };
    }

    private static void table(StringBuilder b, List<String[]> rows, boolean[] rightAligned) {
        table(b, rows, rightAligned, "");
    }

    private static void table(StringBuilder b, List<String[]> rows, boolean[] rightAligned, String indent) {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], row[i].codePointCount(0, row[i].length()));
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < columns; i++) {
                String pad = " ".repeat(width[i] - row[i].codePointCount(0, row[i].length()));
                if (i > 0) {
                    line.append("  ");
                }
                line.append(rightAligned[i] ? pad + row[i] : row[i] + (i == columns - 1 ? "" : pad));
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String percent(double p) {
        return String.format(Locale.ROOT, "%.1f%%", p);
    }

    static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
    }

    private static String plural(long n) {
        return n == 1 ? "" : "s";
    }
}
