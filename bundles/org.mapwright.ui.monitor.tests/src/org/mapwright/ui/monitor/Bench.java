package org.mapwright.ui.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Widget;
import org.mapwright.core.io.ProjectIO;
import org.mapwright.engine.MappingEngine;
import org.mapwright.engine.RunReport;
import org.mapwright.engine.RunStatus;
import org.mapwright.monitor.history.HistoryRecorder;
import org.mapwright.monitor.history.HistoryStore;
import org.mapwright.monitor.history.RunSummary;
import org.mapwright.runtime.MapwrightRuntime;
import org.mapwright.runtime.RunOptions;
import org.mapwright.runtime.StandardConnectors;
import org.mapwright.ui.model.WorkbenchSession;

/**
 * A workbench for one test without the e4 application: a real display and shell, a context
 * holding a {@link WorkbenchSession} with the standard connectors, parts made by injection, and
 * a copy of the application's sample project.
 */
final class Bench implements AutoCloseable {

    static final long TIMEOUT_MS = 30_000;
    static final Path REPO = Path.of(System.getProperty("mapwright.repo", "../..")).toAbsolutePath().normalize();
    static final Path SAMPLE = REPO.resolve("bundles/org.mapwright.app/sample-project");

    final Display display;
    final Shell shell;
    final IEclipseContext context;
    final WorkbenchSession session;
    final MappingEngine engine;

    Bench() {
        display = Display.getCurrent() != null ? Display.getCurrent() : new Display();
        shell = new Shell(display);
        shell.setLayout(new FillLayout());
        shell.setSize(1200, 700);
        engine = new MappingEngine(StandardConnectors.registry());
        session = new WorkbenchSession(engine, new ProjectIO());
        context = EclipseContextFactory.create("mapwright-monitor-test");
        context.set(WorkbenchSession.class, session);
        shell.open();
    }

    <T> T part(Class<T> type) {
        Composite area = new Composite(shell, 0);
        IEclipseContext child = context.createChild(type.getSimpleName());
        child.set(Composite.class, area);
        T part = ContextInjectionFactory.make(type, child);
        shell.layout(true, true);
        spin();
        return part;
    }

    /** Copies the sample project (without outputs or history) into {@code dir}. */
    static Path copySample(Path dir) throws IOException {
        return copyTree(SAMPLE, dir);
    }

    /** Copies a project folder (without outputs or history) into {@code dir}. */
    static Path copyTree(Path from, Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path rel = from.relativize(f);
                if (rel.startsWith("out") || rel.startsWith("rejects") || rel.startsWith(".mapwright")) {
                    continue;
                }
                Path to = dir.resolve(rel.toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        return dir;
    }

    static void replaceInFile(Path file, String from, String to) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.contains(from), "'" + from + "' in " + file);
        Files.writeString(file, text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)),
                StandardCharsets.UTF_8);
    }

    /** Runs a saved project as {@code mapwright run} does, recording into a store. */
    RunSummary run(Path project, HistoryStore store) throws Exception {
        RunSummary[] recorded = new RunSummary[1];
        String[] failure = new String[1];
        HistoryRecorder recorder = new HistoryRecorder(store, "workbench", new HistoryRecorder.Outcome() {
            @Override
            public void recorded(RunSummary run) {
                recorded[0] = run;
            }

            @Override
            public void failed(String reason) {
                failure[0] = reason;
            }
        });
        RunReport report = new MapwrightRuntime(engine.connectors(), null, engine.clock(), recorder).run(project, RunOptions.defaults());
        assertEquals(RunStatus.SUCCEEDED, report.status(), String.valueOf(report.error()));
        if (recorded[0] == null) {
            fail("the run was not recorded: " + failure[0]);
        }
        return recorded[0];
    }

    void waitUntil(BooleanSupplier condition, String what) {
        long end = System.currentTimeMillis() + TIMEOUT_MS;
        while (true) {
            spin();
            if (condition.getAsBoolean()) {
                return;
            }
            if (System.currentTimeMillis() > end) {
                fail("timed out waiting until " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting until " + what);
            }
        }
    }

    void spin() {
        while (!display.isDisposed() && display.readAndDispatch()) {
            // keep dispatching
        }
    }

    /** Sends a selection event to a widget as SWT would for a click. */
    static void select(Widget w) {
        w.notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
    }

    /** Saves a PNG of the shell as painted, under the build folder's {@code screenshots}, for review. */
    Path screenshot(String name) throws IOException, InterruptedException {
        // The X server paints asynchronously; give it a moment so the copy shows the latest state.
        for (int i = 0; i < 10; i++) {
            shell.redraw(0, 0, shell.getSize().x, shell.getSize().y, true);
            shell.update();
            spin();
            Thread.sleep(20);
        }
        org.eclipse.swt.graphics.Point size = shell.getSize();
        org.eclipse.swt.graphics.Image image = new org.eclipse.swt.graphics.Image(display, size.x, size.y);
        org.eclipse.swt.graphics.GC gc = new org.eclipse.swt.graphics.GC(shell);
        try {
            gc.copyArea(image, 0, 0);
        } finally {
            gc.dispose();
        }
        Path folder = Path.of(System.getProperty("mapwright.build", "target")).resolve("screenshots");
        Files.createDirectories(folder);
        Path file = folder.resolve(name + ".png");
        org.eclipse.swt.graphics.ImageLoader loader = new org.eclipse.swt.graphics.ImageLoader();
        loader.data = new org.eclipse.swt.graphics.ImageData[] {image.getImageData()};
        loader.save(file.toString(), org.eclipse.swt.SWT.IMAGE_PNG);
        image.dispose();
        return file;
    }

    @Override
    public void close() {
        shell.dispose();
        context.dispose();
        spin();
    }
}
