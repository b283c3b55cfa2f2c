package org.mapwright.ui.sources;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import javax.crypto.spec.PBEKeySpec;

import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.eclipse.equinox.security.storage.SecurePreferencesFactory;
import org.eclipse.equinox.security.storage.provider.IProviderHints;
import org.eclipse.jface.wizard.IWizard;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.mapwright.connector.csv.CsvConnector;
import org.mapwright.connector.excel.ExcelConnector;
import org.mapwright.connector.jdbc.JdbcConnector;
import org.mapwright.connector.json.JsonConnector;
import org.mapwright.core.Project;
import org.mapwright.core.connector.ConnectorRegistry;
import org.mapwright.core.io.ProjectIO;
import org.mapwright.engine.MappingEngine;
import org.mapwright.ui.model.WorkbenchSession;

/**
 * A workbench for one test without the e4 application: a real {@link Display} and {@link Shell}
 * on the test thread, a {@link WorkbenchSession} with every source connector and an empty project
 * in a temporary folder, an {@link IEclipseContext} holding the session and a secure storage on a
 * temporary file (opened with a fixed password, so no prompt appears). Tests drive widgets and
 * run the event loop until a condition holds.
 */
public final class SourcesTest implements AutoCloseable {

    /** Guard against a hanging test; conditions normally hold within a second. */
    public static final long TIMEOUT_MS = 30_000;

    public final Display display;
    public final Shell shell;
    public final IEclipseContext context;
    public final WorkbenchSession session;
    public final Path projectDir;
    public final SecureCredentialStore secrets;
    public final Path storageFile;

    public SourcesTest(Path temp) throws IOException {
        display = Display.getCurrent() != null ? Display.getCurrent() : new Display();
        shell = new Shell(display);
        shell.setLayout(new FillLayout());
        shell.setSize(1100, 760);
        projectDir = temp.resolve("project");
        Files.createDirectories(projectDir.resolve("data"));
        ProjectIO io = new ProjectIO();
        io.write(new Project("test", List.of(), List.of()), projectDir);
        session = new WorkbenchSession(engine(), io);
        session.open(projectDir);
        context = EclipseContextFactory.create("sources-test");
        context.set(WorkbenchSession.class, session);
        storageFile = temp.resolve("secure/storage");
        secrets = SourcesUi.installCredentials(context, storage(storageFile));
    }

    /** @return a secure storage on a file, encrypted with a fixed password and never prompting */
    public static ISecurePreferences storage(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Map<Object, Object> options = new HashMap<>();
        options.put(IProviderHints.PROMPT_USER, Boolean.FALSE);
        options.put(IProviderHints.DEFAULT_PASSWORD, new PBEKeySpec("test storage password".toCharArray()));
        return SecurePreferencesFactory.open(file.toUri().toURL(), options);
    }

    public static MappingEngine engine() {
        return new MappingEngine(new ConnectorRegistry(List.of(new CsvConnector(), new JsonConnector(), new ExcelConnector(), new JdbcConnector()),
                List.of()));
    }

    public static Path testData() {
        return Path.of(System.getProperty("mapwright.testdata", "data")).toAbsolutePath();
    }

    /** Creates a part the way the workbench does: injection into a child context holding its parent composite. */
    public <T> T part(Class<T> type) {
        Composite parent = new Composite(shell, 0);
        parent.setLayout(new FillLayout());
        IEclipseContext child = context.createChild(type.getSimpleName());
        child.set(Composite.class, parent);
        T part = ContextInjectionFactory.make(type, child);
        shell.layout(true, true);
        shell.open();
        spin();
        return part;
    }

    /** A wizard dialog that does not block, with the buttons' actions callable. */
    public static final class Dialog extends WizardDialog {
        public Dialog(Shell parent, IWizard wizard) {
            super(parent, wizard);
            setBlockOnOpen(false);
        }

        public void next() {
            nextPressed();
        }

        public void finish() {
            finishPressed();
        }
    }

    /** Opens a wizard in a non-blocking dialog. */
    public Dialog open(IWizard wizard) {
        Dialog d = new Dialog(shell, wizard);
        d.open();
        spin();
        return d;
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

    @Override
    public void close() {
        for (Shell s : display.getShells()) {
            s.dispose();
        }
        context.dispose();
        spin();
    }
}
