package org.mapwright.internal.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.e4.ui.di.UISynchronize;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.engine.RunStatus;
import org.mapwright.ui.UiTest;

class RunJobTest {

    @TempDir
    Path temp;

    private UiTest ui;

    @BeforeEach
    void open() throws Exception {
        ui = UiTest.open(temp, "orders-project");
    }

    @AfterEach
    void close() {
        ui.close();
    }

    private RunJob job(RunJob.Outcome[] outcome) {
        return new RunJob(ui.session.engine(), null, ui.projectDir, Map.of(), ui.context.get(UISynchronize.class), o -> outcome[0] = o);
    }

    @Test
    void aCancelledMonitorStopsTheEngineAndNothingIsCommitted() {
        RunJob.Outcome[] outcome = new RunJob.Outcome[1];
        IStatus status = job(outcome).run(new NullProgressMonitor() {
            @Override
            public boolean isCanceled() {
                return true;
            }
        });
        ui.waitUntil(() -> outcome[0] != null, "the outcome is delivered");
        assertEquals(IStatus.CANCEL, status.getSeverity());
        assertEquals(RunStatus.CANCELLED, outcome[0].report().status());
        assertFalse(Files.exists(ui.projectDir.resolve("out/orders.csv")), "a cancelled run commits no output");
    }

    @Test
    void reportsProgressOnTheWay() {
        RunJob.Outcome[] outcome = new RunJob.Outcome[1];
        RunJob job = job(outcome);
        List<String> tasks = new ArrayList<>();
        job.setProgress((task, fraction) -> tasks.add(task));
        job.setRecordHistory(false);
        job.run(new NullProgressMonitor());
        ui.waitUntil(() -> outcome[0] != null, "the outcome is delivered");
        assertNotNull(outcome[0].report());
        assertTrue(tasks.contains("Mapping orders"), tasks.toString());
        assertFalse(Files.exists(ui.projectDir.resolve(".mapwright")), "no history when it is turned off");
    }
}
