package org.mapwright.ui.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.BooleanSupplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Listener;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.ScrollBar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.ui.MapwrightUi;
import org.mapwright.ui.UiTest;
import org.mapwright.ui.parts.MappingEditorPart;

/**
 * The mapping editor with large schemas (issue #5: 2,000 fields per side open in at most 1 s and
 * scroll smoothly). Not a test: a benchmark that runs only with {@code -Dmapwright.bench=true}
 * ({@code releng/bench-ui}) and is skipped otherwise. It prints a table and writes it to
 * {@code target/bench-ui.txt}; goals that are not met are reported, not failed.
 *
 * <p>Every figure is wall time on the UI thread from the action until the diagram's paint that
 * shows its result has finished (a paint listener added after the diagram's own), so it includes
 * layout, painting and the X server round trip.
 */
class MappingEditorBenchTest {

    private static final int FIELDS = 2_000;
    private static final int MAPPINGS = 1_500;
    private static final int SCROLL_STEPS = Integer.getInteger("mapwright.bench.scrollSteps", 200);

    @TempDir
    Path temp;

    private long paints;
    private long paintStart;
    /** Time spent in the diagram's own paint listener since the last reset (all paints). */
    private long paintNanos;

    @Test
    @EnabledIfSystemProperty(named = "mapwright.bench", matches = "true", disabledReason = "a benchmark: releng/bench-ui runs it")
    void largeSchemas() throws Exception {
        Path big = temp.resolve("big");
        writeProject(big);
        try (UiTest ui = UiTest.open(temp, "orders-project")) {
            Composite area = new Composite(ui.shell, SWT.NONE);
            area.setLayout(new FillLayout());
            MappingEditorPart editor = ui.part(MappingEditorPart.class, area);
            MappingDiagram diagram = editor.diagram();
            // Around the diagram's own paint listener: one before it notes the start, one after it the end.
            Listener[] own = diagram.getListeners(SWT.Paint);
            for (Listener l : own) {
                diagram.removeListener(SWT.Paint, l);
            }
            diagram.addListener(SWT.Paint, e -> paintStart = System.nanoTime());
            for (Listener l : own) {
                diagram.addListener(SWT.Paint, l);
            }
            diagram.addListener(SWT.Paint, e -> {
                paintNanos += System.nanoTime() - paintStart;
                paints++;
            });
            ui.shell.layout(true, true);
            ui.shell.open();
            ui.spin();
            settle(ui);

            List<String[]> table = new ArrayList<>();
            long heapBefore = usedHeap();
            long t0 = System.nanoTime();
            long p0 = paints;
            MapwrightUi.openProject(ui.context, big);
            long loaded = System.nanoTime();
            waitPaint(ui, p0);
            long open = System.nanoTime() - t0;
            assertNotNull(diagram.model(), "the large project is shown");
            assertEquals(MAPPINGS, diagram.model().mapping().fieldMappings().size());
            settle(ui);
            long heapAfter = usedHeap();
            int rows = diagram.rows().size();
            table.add(row("open project (load + compile + first paint)", ms(open), "≤ 1000 ms", open <= 1_000_000_000L));
            table.add(row("  of which load + compile + layout", ms(loaded - t0), "", null));
            table.add(row("rows laid out / lines", rows + " / " + diagram.model().lines().size(), "", null));

            // Fold every record and both headers, then time the context menu's Expand All.
            List<DiagramRow> foldable = diagram.rows().stream().filter(r -> r.expandable() && !r.header()).toList();
            for (DiagramRow r : foldable.reversed()) {
                diagram.toggle(r);
            }
            settle(ui);
            MenuItem expandAll = Arrays.stream(diagram.getMenu().getItems()).filter(i -> i.getText().startsWith("E&xpand All")).findFirst()
                    .orElseThrow();
            p0 = paints;
            t0 = System.nanoTime();
            expandAll.notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
            waitPaint(ui, p0);
            long expand = System.nanoTime() - t0;
            assertEquals(rows, diagram.rows().size(), "everything expanded again");
            table.add(row("expand all (" + foldable.size() + " records)", ms(expand), "", null));

            // Scroll down line by line (three rows per step, as a mouse wheel notch), then page by page back up.
            ScrollBar bar = diagram.getVerticalBar();
            long[][] steps = scroll(ui, bar, bar.getIncrement() * 3, SCROLL_STEPS);
            long[] paint = steps[1];
            table.add(row("scroll 3 rows (" + paint.length + " steps): paint avg / p95", ms(avg(paint)) + " / " + ms(pct(paint, 95)),
                    "avg ≤ 16 ms", avg(paint) <= 16_000_000L));
            table.add(row("scroll 3 rows: paint max", ms(max(paint)), "≤ 30 ms", max(paint) <= 30_000_000L));
            table.add(row("scroll 3 rows: event to painted avg / p95 / max", ms(avg(steps[0])) + " / " + ms(pct(steps[0], 95)) + " / "
                    + ms(max(steps[0])), "", null));
            long[][] pages = scroll(ui, bar, -bar.getPageIncrement(), 40);
            table.add(row("scroll 1 page (" + pages[1].length + " steps): paint avg / max", ms(avg(pages[1])) + " / " + ms(max(pages[1])),
                    "max ≤ 30 ms", max(pages[1]) <= 30_000_000L));
            table.add(row("scroll 1 page: event to painted avg / max", ms(avg(pages[0])) + " / " + ms(max(pages[0])), "", null));

            // Type a filter one key at a time, then delete it again.
            String word = "customer_field_01";
            List<Long> keys = new ArrayList<>();
            keyPaints = new ArrayList<>();
            for (int i = 1; i <= word.length(); i++) {
                keys.add(type(ui, editor, word.substring(0, i)));
            }
            int filtered = diagram.rows().size();
            for (int i = word.length() - 1; i >= 0; i--) {
                keys.add(type(ui, editor, word.substring(0, i)));
            }
            long[] k = keys.stream().mapToLong(Long::longValue).toArray();
            long[] keyPaint = keyPaints.stream().mapToLong(Long::longValue).toArray();
            table.add(row("filter keystroke (" + k.length + " keys): avg / max", ms(avg(k)) + " / " + ms(max(k)), "max ≤ 100 ms",
                    max(k) <= 100_000_000L));
            table.add(row("  of which paint: avg / max", ms(avg(keyPaint)) + " / " + ms(max(keyPaint)), "", null));
            table.add(row("  rows shown for '" + word + "'", Integer.toString(filtered), "", null));

            p0 = paints;
            t0 = System.nanoTime();
            editor.unmappedToggle().setSelection(true);
            editor.unmappedToggle().notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
            waitPaint(ui, p0);
            table.add(row("toggle 'Unmapped only'", ms(System.nanoTime() - t0), "", null));

            table.add(row("heap used by the open project (after GC)", mb(heapAfter - heapBefore), "", null));
            table.add(row("heap used in total (after GC) / -Xmx", mb(usedHeap()) + " / " + mb(Runtime.getRuntime().maxMemory()), "", null));
            report(table);
        }
    }

    /** @return per step: {time from the event until painted, time in the diagram's paint} */
    private long[][] scroll(UiTest ui, ScrollBar bar, int delta, int count) {
        long[] out = new long[count];
        long[] paint = new long[count];
        int n = 0;
        for (int i = 0; i < count; i++) {
            int next = Math.max(0, Math.min(bar.getMaximum() - bar.getThumb(), bar.getSelection() + delta));
            if (next == bar.getSelection()) {
                break;
            }
            long p0 = paints;
            paintNanos = 0;
            long t0 = System.nanoTime();
            bar.setSelection(next);
            bar.notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
            waitPaint(ui, p0);
            out[n] = System.nanoTime() - t0;
            paint[n++] = paintNanos;
        }
        return new long[][] {Arrays.copyOf(out, Math.max(1, n)), Arrays.copyOf(paint, Math.max(1, n))};
    }

    private List<Long> keyPaints;

    private long type(UiTest ui, MappingEditorPart editor, String text) {
        long p0 = paints;
        paintNanos = 0;
        long t0 = System.nanoTime();
        editor.filterText().setText(text);
        waitPaint(ui, p0);
        long took = System.nanoTime() - t0;
        keyPaints.add(paintNanos);
        return took;
    }

    /** Runs the event loop until the diagram painted once more (busy: no sleep, so no sleep is timed). */
    private void waitPaint(UiTest ui, long paintsBefore) {
        long end = System.currentTimeMillis() + UiTest.TIMEOUT_MS;
        BooleanSupplier painted = () -> paints > paintsBefore;
        while (!painted.getAsBoolean()) {
            if (!ui.display.readAndDispatch() && System.currentTimeMillis() > end) {
                throw new AssertionError("the diagram did not paint within " + UiTest.TIMEOUT_MS + " ms");
            }
        }
    }

    /** Lets pending work (analysis, insights, paints) finish so it does not count against the next figure. */
    private static void settle(UiTest ui) throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            ui.spin();
            Thread.sleep(10);
        }
        ui.spin();
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    // ---------------------------------------------------------------- the generated project

    /**
     * A primary source of 2,000 fields (every 25th top-level field a record of four) and a target of
     * 2,000 fields (every 40th a record of three), 1,500 target fields mapped: most directly, every
     * tenth by an expression, most sources near their target's row and a fifth far from it, so
     * lines cross the whole diagram as in a real re-ordered schema.
     */
    static void writeProject(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("data"));
        List<String> sourcePaths = new ArrayList<>();
        StringBuilder src = new StringBuilder();
        fields(src, "customer_field_", "f", FIELDS, 25, 4, sourcePaths);
        List<String> targetIds = new ArrayList<>();
        StringBuilder tgt = new StringBuilder();
        fields(tgt, "out_column_", "t", FIELDS, 40, 3, targetIds);
        Random random = new Random(42);
        StringBuilder maps = new StringBuilder();
        for (int i = 0; i < MAPPINGS; i++) {
            int t = i * targetIds.size() / MAPPINGS;
            int s = random.nextInt(5) == 0 ? random.nextInt(sourcePaths.size())
                    : Math.floorMod(t + random.nextInt(21) - 10, sourcePaths.size());
            String ref = sourcePaths.get(s);
            String expr = i % 10 == 0 ? "upper(trim(" + ref + "))" : i % 10 == 5 ? ref + " || '-' || " + sourcePaths.get((s + 1) % sourcePaths.size()) : ref;
            maps.append(maps.isEmpty() ? "" : ",\n").append("        {\"target\": \"").append(targetIds.get(t)).append("\", \"expression\": \"")
                    .append(expr.replace("\"", "\\\"")).append("\"}");
        }
        String json = """
                {
                  "formatVersion": 1,
                  "name": "Large schemas (benchmark)",
                  "sources": [
                    {
                      "id": "src_big",
                      "name": "customers",
                      "connector": "csv",
                      "settings": {"delimiter": ",", "encoding": "UTF-8", "header": true, "path": "data/customers.csv", "quote": "\\""},
                      "schema": {"fields": [
                %s
                      ]}
                    }
                  ],
                  "mappings": [
                    {
                      "id": "map_big",
                      "name": "big",
                      "source": "src_big",
                      "joins": [],
                      "target": {"fields": [
                %s
                      ]},
                      "fieldMappings": [
                %s
                      ],
                      "rules": [],
                      "outputs": [{"id": "out_csv", "connector": "csv", "settings": {"header": true, "path": "out/big.csv"}}]
                    }
                  ]
                }
                """.formatted(src, tgt, maps);
        Files.writeString(dir.resolve("mapwright.json"), json, StandardCharsets.UTF_8);
        // One header line, so source inspection and insights find the file (nested fields have no CSV column).
        Files.writeString(dir.resolve("data/customers.csv"), "id\n1\n", StandardCharsets.UTF_8);
    }

    /** Appends {@code total} fields; every {@code every}-th top-level field is a record of {@code children}. Collects leaf paths or ids. */
    private static void fields(StringBuilder out, String prefix, String idPrefix, int total, int every, int children, List<String> leaves) {
        boolean target = idPrefix.equals("t");
        int n = 0;
        int top = 0;
        while (n < total) {
            String name = prefix + String.format(Locale.ROOT, "%04d", top);
            String id = idPrefix + "_" + top;
            if (!out.isEmpty()) {
                out.append(",\n");
            }
            if (top % every == every - 1 && n + children + 1 <= total) {
                out.append("          {\"id\": \"").append(id).append("\", \"name\": \"").append(name)
                        .append("\", \"type\": \"record\", \"nullable\": true, \"key\": false, \"children\": [");
                n++;
                for (int c = 0; c < children; c++) {
                    String cid = id + "_" + c;
                    String cname = "part_" + c;
                    out.append(c == 0 ? "" : ", ").append(leaf(cid, cname, c));
                    leaves.add(target ? cid : name + "." + cname);
                    n++;
                }
                out.append("]}");
            } else {
                out.append("          ").append(leaf(id, name, top));
                leaves.add(target ? id : name);
                n++;
            }
            top++;
        }
    }

    private static String leaf(String id, String name, int i) {
        String[] types = {"text", "integer", "decimal", "date", "text", "boolean"};
        return "{\"id\": \"" + id + "\", \"name\": \"" + name + "\", \"type\": \"" + types[i % types.length] + "\", \"nullable\": "
                + (i % 7 != 0) + ", \"key\": " + (i == 0) + "}";
    }

    // ---------------------------------------------------------------- the table

    private static String[] row(String what, String value, String goal, Boolean met) {
        return new String[] {what, value, goal.isEmpty() ? "" : goal + (met ? "  [met]" : "  [NOT met]")};
    }

    private static void report(List<String[]> table) throws IOException {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "mapping editor, %,d source fields, %,d target fields, %,d mappings; %d cores, load average %s%n", FIELDS,
                FIELDS, MAPPINGS, Runtime.getRuntime().availableProcessors(), loadAverage()));
        b.append(String.format(Locale.ROOT, "%-50s %26s  %s%n", "measure", "value", "goal"));
        for (String[] r : table) {
            b.append(String.format(Locale.ROOT, "%-50s %26s  %s%n", r[0], r[1], r[2]));
        }
        System.out.print(b);
        Path file = UiTest.buildDir().resolve("bench-ui.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }

    private static long avg(long[] v) {
        return (long) Arrays.stream(v).average().orElse(0);
    }

    private static long max(long[] v) {
        return Arrays.stream(v).max().orElse(0);
    }

    private static long pct(long[] v, int p) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)];
    }
}
