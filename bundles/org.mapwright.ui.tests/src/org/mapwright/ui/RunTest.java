package org.mapwright.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.internal.ui.RunJob;
import org.mapwright.monitor.history.HistoryStore;
import org.mapwright.ui.model.ProjectEdits;

class RunTest {

    @TempDir
    Path temp;

    private UiTest ui;

    @BeforeEach
    void open() throws Exception {
        ui = UiTest.open(temp, "orders-project");
        ui.shell.open();
    }

    @AfterEach
    void close() {
        ui.close();
    }

    /** Watches for a shell with the title; hands its texts to {@code seen} and closes it. */
    private void whenShellOpens(String title, Consumer<String> seen) {
        whenShellAppears(title, s -> {
            StringBuilder b = new StringBuilder();
            texts(s, b);
            seen.accept(b.toString());
            s.close();
        });
    }

    /** Watches for a shell with the title and acts on it once. */
    private void whenShellAppears(String title, Consumer<Shell> action) {
        ui.display.timerExec(20, new Runnable() {
            @Override
            public void run() {
                for (Shell s : ui.display.getShells()) {
                    if (title.equals(s.getText()) && s.isVisible()) {
                        action.accept(s);
                        return;
                    }
                }
                if (!ui.display.isDisposed()) {
                    ui.display.timerExec(20, this);
                }
            }
        });
    }

    private static void texts(Control c, StringBuilder b) {
        if (c instanceof Text t) {
            b.append(t.getText()).append('\n');
        } else if (c instanceof Label l) {
            b.append(l.getText()).append('\n');
        }
        if (c instanceof Composite comp) {
            for (Control child : comp.getChildren()) {
                texts(child, b);
            }
        }
    }

    @Test
    void runsThroughTheRuntimeRecordsTheRunAndShowsTheRealReport() throws Exception {
        String[] report = new String[1];
        whenShellOpens("Run Report", t -> report[0] = t);
        org.mapwright.engine.RunReport[] heard = new org.mapwright.engine.RunReport[1];
        ui.session.addListener(new org.mapwright.ui.model.WorkbenchSession.Listener() {
            @Override
            public void runFinished(Path folder, org.mapwright.engine.RunReport r) {
                heard[0] = r;
            }
        });
        RunJob job = ProjectActions.run(ui.shell, ui.context);
        assertNotNull(job);
        ui.waitUntil(() -> report[0] != null, "the run report appears");
        assertTrue(report[0].contains("Recorded in the run history as run 1."), report[0]);
        assertTrue(report[0].contains("Mapping orders: "), report[0]);
        assertTrue(report[0].contains("read 6 · written 5 · rejected 1"), report[0]);
        assertTrue(Files.isRegularFile(ui.projectDir.resolve("out/orders.csv")), "the output was written");
        assertNotNull(heard[0], "views such as the run history hear about the run");
        assertEquals(5, heard[0].mappings().get(0).rowsWritten());
        HistoryStore history = HistoryStore.h2(HistoryStore.defaultLocation(ui.projectDir));
        assertEquals(1, history.countRuns("Orders (UI test)"));
        assertEquals("workbench", history.runs("Orders (UI test)", 0, 1).get(0).origin());
    }

    @Test
    void unsavedChangesAreSavedBeforeTheRunReadsThem() throws Exception {
        ui.session.execute("edit", ProjectEdits.setExpression("map_orders", "t_total", "amount"));
        whenShellAppears("Run", s -> press(s, "Save and Run"));
        String[] report = new String[1];
        whenShellOpens("Run Report", t -> report[0] = t);
        ProjectActions.run(ui.shell, ui.context);
        ui.waitUntil(() -> report[0] != null, "the run report appears");
        assertTrue(!ui.session.document().isDirty(), "the project was saved first");
        List<String> rows = Files.readAllLines(ui.projectDir.resolve("out/orders.csv"));
        assertTrue(rows.get(1).contains(",12.50,"), "the run used the edited expression: " + rows.get(1));
    }

    private static void press(Control c, String text) {
        if (c instanceof org.eclipse.swt.widgets.Button b && text.equals(b.getText())) {
            b.notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
            return;
        }
        if (c instanceof Composite comp) {
            for (Control child : comp.getChildren()) {
                press(child, text);
            }
        }
    }

    @Test
    void parametersOverrideTheProjectsSettingsForOneRun() {
        String[] report = new String[1];
        whenShellOpens("Run Report", t -> report[0] = t);
        ProjectActions.run(ui.shell, ui.context, Map.of("out_csv.path", "out/elsewhere.csv"));
        ui.waitUntil(() -> report[0] != null, "the run report appears");
        assertTrue(Files.isRegularFile(ui.projectDir.resolve("out/elsewhere.csv")), report[0]);
        assertTrue(!Files.exists(ui.projectDir.resolve("out/orders.csv")), "the saved setting was not used");
    }

    @Test
    void anInvalidProjectShowsItsProblemsInsteadOfRunning() throws Exception {
        ui.session.execute("break", ProjectEdits.setExpression("map_orders", "t_total", "nosuchfield + 1"));
        ui.session.document().save(ui.session.io());
        String[] message = new String[1];
        whenShellOpens("Run", t -> message[0] = t);
        ProjectActions.run(ui.shell, ui.context);
        ui.waitUntil(() -> message[0] != null, "the error appears");
        assertTrue(message[0].contains("nothing was run"), message[0]);
        assertTrue(message[0].contains("nosuchfield"), message[0]);
        assertTrue(!Files.exists(ui.projectDir.resolve("out/orders.csv")));
    }

    @Test
    void aRunCancelledBeforeItStartsStillEnds() {
        RunJob.Outcome[] outcome = new RunJob.Outcome[1];
        RunJob job = new RunJob(ui.session.engine(), null, ui.projectDir, Map.of(), ui.context.get(org.eclipse.e4.ui.di.UISynchronize.class),
                o -> outcome[0] = o);
        job.schedule(60_000);
        job.cancel();
        ui.waitUntil(() -> outcome[0] != null, "the cancelled run reports");
        assertTrue(outcome[0].failure().contains("cancelled"), outcome[0].failure());
    }
}
