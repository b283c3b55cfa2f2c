package org.mapwright.monitor.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.core.Project;
import org.mapwright.core.connector.CredentialStore;
import org.mapwright.core.io.ProjectIO;
import org.mapwright.engine.RunReport;
import org.mapwright.engine.RunStatus;
import org.mapwright.monitor.Fixtures;
import org.mapwright.runtime.MapwrightRuntime;
import org.mapwright.runtime.RunOptions;
import org.mapwright.runtime.StandardConnectors;

/** Records real runs of the golden project with rejects through {@link MapwrightRuntime}. */
class HistoryRecorderTest {

    @TempDir
    Path dir;

    private final List<RunSummary> recorded = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    private final HistoryRecorder.Outcome outcome = new HistoryRecorder.Outcome() {
        @Override
        public void recorded(RunSummary run) {
            recorded.add(run);
        }

        @Override
        public void failed(String reason) {
            failures.add(reason);
        }
    };

    private MapwrightRuntime runtime(HistoryStore store) {
        return new MapwrightRuntime(StandardConnectors.registry(), CredentialStore.NONE, Clock.systemUTC(),
                new HistoryRecorder(store, "test", outcome));
    }

    @Test
    void recordsEveryRunOfTheRuntimeWithItsCountsAndRuleResults() throws Exception {
        Path project = Fixtures.goldenProject("0006-csv-rejects");
        HistoryStore store = HistoryStore.h2(dir.resolve("history"));
        MapwrightRuntime runtime = runtime(store);
        RunReport first = runtime.run(project, RunOptions.defaults().withOutputDirectory(dir.resolve("out1")));
        RunReport second = runtime.run(project, RunOptions.defaults().withOutputDirectory(dir.resolve("out2")));

        assertEquals(List.of(), failures);
        assertEquals(2, recorded.size());
        Project p = new ProjectIO().read(project);
        assertEquals(2, store.countRuns(p.name()));
        List<RunSummary> runs = store.runs(p.name(), 0, 10);
        assertEquals(recorded.get(1), runs.get(0), "newest first, as the recorder reported it");
        RunSummary s = runs.get(1);
        assertEquals(RunIds.of(first), s.runId());
        assertEquals(ProjectVersion.of(p), s.projectVersion());
        assertEquals("test", s.origin());
        assertEquals(first.status(), s.status());
        var m = first.mappings().get(0);
        assertEquals(m.rowsRead(), s.rowsRead());
        assertEquals(m.rowsRejected(), s.rowsRejected());
        assertTrue(s.rowsRejected() > 0, "the golden case rejects rows");

        RunDetails d = store.run(s.id()).orElseThrow();
        assertEquals(m.rules().size(), d.report().mappings().get(0).rules().size());
        for (int i = 0; i < m.rules().size(); i++) {
            assertEquals(m.rules().get(i), d.report().mappings().get(0).rules().get(i));
        }
        assertEquals(m.firstRejects().size(), d.report().mappings().get(0).firstRejects().size());
        assertEquals(m.firstRejects().get(0).reason(), d.report().mappings().get(0).firstRejects().get(0).reason());
        assertNotEquals(RunIds.of(first), RunIds.of(second));
        assertEquals(m.rules().size(), store.ruleSeries(p.name(), 10).size());
    }

    @Test
    void aStoreThatCannotBeWrittenLeavesTheRunAlone() throws Exception {
        Path blocker = Files.writeString(dir.resolve("not-a-folder"), "x");
        HistoryStore store = HistoryStore.h2(blocker.resolve("history"));
        RunReport report = runtime(store).run(Fixtures.goldenProject("0001-csv-direct-fields"),
                RunOptions.defaults().withOutputDirectory(dir.resolve("out")));
        assertEquals(RunStatus.SUCCEEDED, report.status(), "the run's outcome does not depend on its history");
        assertEquals(List.of(), recorded);
        assertEquals(1, failures.size());
        assertTrue(failures.get(0).startsWith("cannot record the run in the run history (H2 file " + blocker.toAbsolutePath()),
                failures.get(0));
    }
}
