package org.mapwright.ui.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.TreeItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.monitor.history.HistoryStore;
import org.mapwright.monitor.history.RunSummary;
import org.mapwright.ui.charts.Chart;
import org.mapwright.ui.charts.ChartSeries;

class RunHistoryPartTest {

    @TempDir
    Path dir;

    private Bench bench;
    private Path project;

    @BeforeEach
    void open() throws Exception {
        bench = new Bench();
        project = Bench.copySample(dir.resolve("sample"));
    }

    @AfterEach
    void close() {
        bench.close();
    }

    private RunHistoryPart loaded() {
        RunHistoryPart part = bench.part(RunHistoryPart.class);
        bench.waitUntil(() -> !part.isLoading() && part.overview() != null, "the history is read");
        return part;
    }

    private static List<String> texts(TreeItem[] items, List<String> into) {
        for (TreeItem i : items) {
            into.add(i.getText(0) + " | " + i.getText(1));
            texts(i.getItems(), into);
        }
        return into;
    }

    @Test
    void showsRecordedRunsInATableAndThreeCharts() throws Exception {
        HistoryStore store = HistoryStore.h2(HistoryStore.defaultLocation(project));
        RunSummary first = bench.run(project, store);
        RunSummary second = bench.run(project, store);
        bench.session.open(project);
        RunHistoryPart part = loaded();

        assertEquals(2, part.table().getItemCount());
        assertEquals(Long.toString(second.id()), part.table().getItem(0).getText(0), "newest first");
        assertEquals("succeeded", part.table().getItem(0).getText(2));
        assertEquals(String.format(java.util.Locale.ROOT, "%,d", second.rowsWritten()), part.table().getItem(0).getText(5));
        assertTrue(part.status().startsWith("2 runs of 'Customer onboarding (sample)'"), part.status());

        Chart rows = part.rowsChart();
        assertEquals(List.of("#" + first.id(), "#" + second.id()), rows.getCategories(), "trend oldest first");
        ChartSeries written = rows.getSeries().stream().filter(s -> s.name().equals("Written")).findFirst().orElseThrow();
        assertEquals(first.rowsWritten(), written.value(0));
        ChartSeries rejected = rows.getSeries().stream().filter(s -> s.name().equals("Rejected")).findFirst().orElseThrow();
        assertEquals(second.rowsRejected(), rejected.value(1));
        assertTrue(part.durationChart().getSeries().stream().anyMatch(ChartSeries::right), "throughput on its own axis");
        assertEquals(part.overview().rules().size(), part.rulesChart().getSeries().size(), "one line per quality rule");
        assertTrue(part.rulesChart().getSeries().size() > 0, "the sample has quality rules");
        double rate = part.rulesChart().getSeries().get(0).value(1);
        assertTrue(rate >= 0 && rate <= 100, "pass rate in percent: " + rate);
    }

    @Test
    void selectingARunOrItsBarShowsItsRuleViolationsAndRejects() throws Exception {
        HistoryStore store = HistoryStore.h2(HistoryStore.defaultLocation(project));
        RunSummary first = bench.run(project, store);
        bench.run(project, store);
        Bench.replaceInFile(project.resolve("data/customers.csv"), "@", "");
        bench.run(project, store);
        bench.session.open(project);
        RunHistoryPart part = loaded();

        Chart rows = part.rowsChart();
        Chart.Layout l = rows.computeLayout();
        Event click = new Event();
        click.button = 1;
        click.x = l.x(0);
        click.y = l.plot().y + l.plot().height / 2;
        rows.notifyListeners(SWT.MouseDown, click);
        assertEquals(Long.toString(first.id()), part.table().getSelection()[0].getText(0), "a click on the chart selects its run");
        bench.waitUntil(() -> !part.isLoading() && part.details().getItemCount() > 1, "the run's details are read");
        List<String> lines = texts(part.details().getItems(), new ArrayList<>());
        assertTrue(lines.get(0).startsWith("Run " + first.id() + " | succeeded"), lines.toString());
        assertTrue(lines.stream().anyMatch(s -> s.startsWith("Mapping customers")), lines.toString());
        assertTrue(lines.stream().anyMatch(s -> s.startsWith("Rule violations")), lines.toString());
        if (first.rowsRejected() > 0) {
            assertTrue(lines.stream().anyMatch(s -> s.startsWith("First rejects")), lines.toString());
        }
        assertEquals(0, part.durationChart().getSelection(), "the charts mark the selected run");
        bench.screenshot("run-history");
    }

    @Test
    void reloadsWhenARunFinishes() throws Exception {
        bench.session.open(project);
        RunHistoryPart part = loaded();
        assertEquals(0, part.table().getItemCount());
        assertTrue(part.status().startsWith("No runs of 'Customer onboarding (sample)' are recorded"), part.status());

        Job run = Job.create("Run sample", monitor -> {
            try {
                bench.run(project, HistoryStore.h2(HistoryStore.defaultLocation(project)));
            } catch (Exception e) {
                return Status.error("run failed", e);
            }
            return Status.OK_STATUS;
        });
        run.setUser(true);
        run.schedule();
        bench.waitUntil(() -> part.table().getItemCount() == 1, "the finished run shows without Refresh");
    }

    @Test
    void readsAStoreTheUserNamesAndSaysWhyOneCannotBeRead() throws Exception {
        Path elsewhere = dir.resolve("ops/history");
        bench.run(project, HistoryStore.h2(elsewhere));
        bench.session.open(project);
        RunHistoryPart part = loaded();
        assertEquals(0, part.table().getItemCount(), "the project's own store is empty");

        part.useStore("driver=h2 path=" + elsewhere);
        bench.waitUntil(() -> !part.isLoading() && part.table().getItemCount() == 1, "the named store is read");
        assertTrue(part.status().contains("1 run of"), part.status());

        part.useStore("driver=h2 path");
        bench.waitUntil(() -> !part.isLoading(), "the bad settings are tried");
        assertTrue(part.status().contains("'path' is not key=value"), part.status());
        assertEquals(0, part.table().getItemCount());
        assertTrue(part.rowsChart().getCategories().isEmpty());
    }

    @Test
    void readsAPostgresqlStore() throws Exception {
        String schema = "mw_ui_" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        java.util.Properties props = new java.util.Properties();
        props.setProperty("user", "postgres");
        props.setProperty("connectTimeout", "3");
        String url = "jdbc:postgresql://127.0.0.1:5432/test";
        try (java.sql.Connection c = new org.postgresql.Driver().connect(url, props)) {
            c.createStatement().execute("SELECT 1");
        } catch (java.sql.SQLException e) {
            org.junit.jupiter.api.Assumptions.assumeTrue(false, "PostgreSQL test server not reachable: " + e.getMessage());
        }
        String settings = "driver=postgresql host=127.0.0.1 port=5432 database=test user=postgres schema=" + schema;
        try {
            HistoryStore pg = org.mapwright.internal.ui.monitor.HistoryStores.open(project, settings, null);
            bench.run(project, pg);
            bench.session.open(project);
            RunHistoryPart part = loaded();
            part.useStore(settings);
            bench.waitUntil(() -> !part.isLoading() && part.table().getItemCount() == 1, "the PostgreSQL store is read");
            assertTrue(part.status().contains("PostgreSQL") || part.status().contains("postgresql"), part.status());
        } finally {
            try (java.sql.Connection c = new org.postgresql.Driver().connect(url, props)) {
                c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    @Test
    void prunesOlderRunsAndShowsWhatIsLeft() throws Exception {
        HistoryStore store = HistoryStore.h2(HistoryStore.defaultLocation(project));
        bench.run(project, store);
        RunSummary last = bench.run(project, store);
        bench.session.open(project);
        RunHistoryPart part = loaded();
        assertEquals(2, part.table().getItemCount());
        part.prune(org.mapwright.monitor.history.Retention.last(1));
        bench.waitUntil(() -> !part.isLoading() && part.table().getItemCount() == 1, "the older run is pruned");
        assertEquals(Long.toString(last.id()), part.table().getItem(0).getText(0), "the newest run stays");
        assertTrue(part.status().startsWith("Deleted 1 run. 1 run of"), part.status());
        assertEquals(1, store.countRuns("Customer onboarding (sample)"));
    }

    @Test
    void showsNothingWithoutAProject() {
        RunHistoryPart part = bench.part(RunHistoryPart.class);
        assertEquals("No project is open.", part.status());
        assertEquals(0, part.table().getItemCount());
    }
}
