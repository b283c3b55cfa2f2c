package org.mapwright.monitor.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.monitor.Fixtures;

class HistoryPruneTest {

    private static final Instant T0 = Instant.parse("2024-06-01T12:00:00Z");
    private static final String VERSION = "c".repeat(64);

    @TempDir
    Path dir;

    /** Records {@code n} runs of a project, one a day from {@link #T0}. */
    private HistoryStore storeWith(String project, int n) throws HistoryException {
        HistoryStore store = HistoryStore.h2(dir.resolve("history"));
        for (int i = 0; i < n; i++) {
            store.record(project, VERSION, Fixtures.report(project, T0.plusSeconds(86_400L * i), 100, 90, 5, 5), "cli");
        }
        return store;
    }

    private static List<Long> ids(List<RunSummary> runs) {
        return runs.stream().map(RunSummary::id).toList();
    }

    @Test
    void keepsTheLastRunsAndDeletesTheRestWithTheirDetails() throws Exception {
        HistoryStore store = storeWith("shop", 5);
        assertEquals(List.of(2L, 1L), ids(store.prune("shop", Retention.last(3))));
        assertEquals(List.of(5L, 4L, 3L), ids(store.runs("shop", 0, 10)));
        assertTrue(store.run(1).isEmpty(), "the details went too");
        assertEquals(3, store.ruleSeries("shop", 10).get(0).points().size(), "rule results of pruned runs are gone");
        assertEquals(List.of(), store.prune("shop", Retention.last(3)), "pruning again deletes nothing");
    }

    @Test
    void keepsRunsSinceADate() throws Exception {
        HistoryStore store = storeWith("shop", 4);
        Instant since = T0.plusSeconds(86_400L * 2);
        assertEquals(List.of(2L, 1L), ids(store.prune("shop", Retention.since(since))), "a run starting exactly then is kept");
        assertEquals(List.of(4L, 3L), ids(store.runs("shop", 0, 10)));
    }

    @Test
    void keepsARunWhenEitherRuleKeepsIt() throws Exception {
        HistoryStore store = storeWith("shop", 5);
        Retention r = new Retention(1, T0.plusSeconds(86_400L * 3));
        assertEquals(List.of(3L, 2L, 1L), ids(store.prunable("shop", r)));
        assertEquals(5, store.countRuns("shop"), "prunable only looks");
        store.prune("shop", new Retention(4, T0.plusSeconds(86_400L * 4)));
        assertEquals(List.of(5L, 4L, 3L, 2L), ids(store.runs("shop", 0, 10)), "the count keeps more than the date here");
    }

    @Test
    void neverTouchesOtherProjects() throws Exception {
        HistoryStore store = storeWith("shop", 3);
        for (int i = 0; i < 2; i++) {
            store.record("crm", VERSION, Fixtures.report("crm", T0.plusSeconds(3600L * i), 10, 10, 0, 0), "workbench");
        }
        assertEquals(3, store.prune("shop", Retention.last(0)).size());
        assertEquals(0, store.countRuns("shop"));
        assertEquals(2, store.countRuns("crm"));
    }

    @Test
    void aMissingStoreStaysMissing() throws Exception {
        HistoryStore store = HistoryStore.h2(dir.resolve("none/history"));
        assertEquals(List.of(), store.prune("shop", Retention.last(1)));
        assertFalse(Files.exists(dir.resolve("none")));
    }

    @Test
    void refusesARetentionWithoutARule() {
        assertThrows(IllegalArgumentException.class, () -> new Retention(Retention.ANY, null));
        assertThrows(IllegalArgumentException.class, () -> Retention.last(-2));
        assertTrue(Retention.last(2).keeps(1, T0));
        assertFalse(Retention.last(2).keeps(2, T0));
        assertTrue(Retention.since(T0).keeps(99, T0));
        assertFalse(Retention.since(T0).keeps(0, T0.minusMillis(1)));
    }
}
