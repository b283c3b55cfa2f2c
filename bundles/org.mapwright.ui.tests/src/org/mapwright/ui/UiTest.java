package org.mapwright.ui;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.model.application.ui.MDirtyable;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.mapwright.connector.csv.CsvConnector;
import org.mapwright.connector.csv.CsvTargetConnector;
import org.mapwright.core.connector.ConnectorRegistry;
import org.mapwright.engine.MappingEngine;
import org.mapwright.internal.ui.AnalysisService;
import org.mapwright.internal.ui.SourceInsights;
import org.mapwright.ui.model.WorkbenchSession;
import org.mapwright.ui.parts.MappingEditorPart;
import org.mapwright.ui.parts.PreviewPart;
import org.mapwright.ui.parts.ProblemsPart;
import org.mapwright.ui.parts.ProjectExplorerPart;
import org.mapwright.ui.parts.PropertiesPart;

/**
 * A workbench for one test without the e4 application: a real {@link Display} and {@link Shell}
 * on the test thread, an {@link IEclipseContext} with the services {@link MapwrightUi#install}
 * creates, parts made by context injection, and a copy of a test project in a temporary folder.
 * Tests drive widgets with SWT events and run the event loop until a condition holds.
 */
public final class UiTest implements AutoCloseable {

    /** Guard against a hanging test; conditions normally hold within milliseconds. */
    public static final long TIMEOUT_MS = 20_000;

    public final Display display;
    public final Shell shell;
    public final IEclipseContext context;
    public final WorkbenchSession session;
    public final Path projectDir;
    public boolean dirty;

    private UiTest(Path temp, String project) {
        this(temp, project == null ? null : testData().resolve(project), engine());
    }

    private UiTest(Path temp, Path project, MappingEngine engine) {
        display = Display.getCurrent() != null ? Display.getCurrent() : new Display();
        shell = new Shell(display);
        shell.setText("Mapwright test");
        shell.setLayout(new FillLayout());
        shell.setSize(1280, 800);
        context = EclipseContextFactory.create("mapwright-test");
        context.set(UISynchronize.class, new UISynchronize() {
            @Override
            public void syncExec(Runnable r) {
                display.syncExec(r);
            }

            @Override
            public void asyncExec(Runnable r) {
                if (!display.isDisposed()) {
                    display.asyncExec(r);
                }
            }

            @Override
            protected boolean isUIThread(Thread thread) {
                return display.getThread() == thread;
            }

            @Override
            protected void showBusyWhile(Runnable r) {
                r.run();
            }

            @Override
            protected boolean dispatchEvents() {
                return display.readAndDispatch();
            }
        });
        context.set(MDirtyable.class, new MDirtyable() {
            @Override
            public boolean isDirty() {
                return dirty;
            }

            @Override
            public void setDirty(boolean value) {
                dirty = value;
            }
        });
        projectDir = temp.resolve("project");
        if (project != null) {
            copy(project, projectDir);
        }
        session = MapwrightUi.install(context, engine, null, temp.resolve("prefs/ui.prefs"));
    }

    /** A test workbench with a copy of {@code data/<project>} opened. */
    public static UiTest open(Path temp, String project) throws IOException {
        UiTest t = new UiTest(temp, project);
        MapwrightUi.openProject(t.context, t.projectDir);
        return t;
    }

    /** A test workbench with a copy of the project folder {@code project} opened with the given engine. */
    public static UiTest open(Path temp, Path project, MappingEngine engine) throws IOException {
        UiTest t = new UiTest(temp, project, engine);
        MapwrightUi.openProject(t.context, t.projectDir);
        return t;
    }

    /** @return the workbench's bundled sample project in the source tree */
    public static Path sampleProject() {
        return Path.of(System.getProperty("mapwright.repo", "../..")).toAbsolutePath().normalize()
                .resolve("bundles/org.mapwright.app/sample-project");
    }

    /** @return an engine with the CSV connectors, as the runtime would give */
    public static MappingEngine engine() {
        return new MappingEngine(new ConnectorRegistry(List.of(new CsvConnector()), List.of(new CsvTargetConnector())));
    }

    public static Path testData() {
        return Path.of(System.getProperty("mapwright.testdata", "data")).toAbsolutePath();
    }

    /** @return where tests may write artifacts (screenshots) */
    public static Path buildDir() {
        return Path.of(System.getProperty("mapwright.build", "target")).toAbsolutePath();
    }

    public static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates a part the way the workbench does: injection into a child context holding its parent composite. */
    public <T> T part(Class<T> type, Composite parent) {
        IEclipseContext child = context.createChild(type.getSimpleName());
        child.set(Composite.class, parent);
        return ContextInjectionFactory.make(type, child);
    }

    /** The five views of the perspective, laid out as in the application. */
    public record Workbench(ProjectExplorerPart explorer, MappingEditorPart editor, PreviewPart preview, ProblemsPart problems,
            PropertiesPart properties, Composite root, CTabFolder bottom) {
    }

    /** Builds the whole perspective in the shell and opens it. */
    public Workbench workbench() {
        SashForm main = new SashForm(shell, SWT.HORIZONTAL);
        Composite left = new Composite(main, SWT.NONE);
        SashForm center = new SashForm(main, SWT.VERTICAL);
        Composite editorArea = new Composite(center, SWT.NONE);
        CTabFolder bottom = new CTabFolder(center, SWT.BORDER);
        Composite previewArea = new Composite(bottom, SWT.NONE);
        Composite problemsArea = new Composite(bottom, SWT.NONE);
        CTabItem pt = new CTabItem(bottom, SWT.NONE);
        pt.setText("Preview");
        pt.setControl(previewArea);
        CTabItem qt = new CTabItem(bottom, SWT.NONE);
        qt.setText("Problems");
        qt.setControl(problemsArea);
        bottom.setSelection(pt);
        Composite right = new Composite(main, SWT.NONE);
        main.setWeights(20, 60, 20);
        center.setWeights(62, 38);
        Workbench w = new Workbench(part(ProjectExplorerPart.class, left), part(MappingEditorPart.class, editorArea),
                part(PreviewPart.class, previewArea), part(ProblemsPart.class, problemsArea), part(PropertiesPart.class, right), main, bottom);
        shell.layout(true, true);
        shell.open();
        spin();
        return w;
    }

    /** Runs the event loop until the condition holds; fails after {@link #TIMEOUT_MS}. */
    public void waitUntil(BooleanSupplier condition, String what) {
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

    /** Processes every pending event. */
    public void spin() {
        while (!display.isDisposed() && display.readAndDispatch()) {
            // keep dispatching
        }
    }

    /** Sends an event to a control the way SWT delivers it to listeners. */
    public static Event send(Control c, int type, int x, int y, int button, int stateMask) {
        Event e = new Event();
        e.x = x;
        e.y = y;
        e.button = button;
        e.stateMask = stateMask;
        e.widget = c;
        e.display = c.getDisplay();
        c.notifyListeners(type, e);
        return e;
    }

    /** Sends a key press to a control. */
    public static void key(Control c, int keyCode, char character, int stateMask) {
        Event e = new Event();
        e.keyCode = keyCode;
        e.character = character;
        e.stateMask = stateMask;
        e.doit = true;
        c.notifyListeners(SWT.KeyDown, e);
        c.notifyListeners(SWT.KeyUp, e);
    }

    /** Saves a PNG of a control as painted on screen. */
    public Path screenshot(Control c, String name) throws IOException {
        spin();
        Point size = c.getSize();
        Image image = new Image(display, size.x, size.y);
        GC gc = new GC(c);
        try {
            gc.copyArea(image, 0, 0);
        } finally {
            gc.dispose();
        }
        Path dir = buildDir().resolve("screenshots");
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".png");
        ImageLoader loader = new ImageLoader();
        loader.data = new org.eclipse.swt.graphics.ImageData[] {image.getImageData()};
        loader.save(file.toString(), SWT.IMAGE_PNG);
        image.dispose();
        return file;
    }

    @Override
    public void close() {
        AnalysisService a = context.get(AnalysisService.class);
        if (a != null) {
            a.dispose();
        }
        SourceInsights i = context.get(SourceInsights.class);
        if (i != null) {
            i.dispose();
        }
        for (Shell s : display.getShells()) {
            s.dispose();
        }
        context.dispose();
        spin();
    }
}
