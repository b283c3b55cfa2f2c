package org.mapwright.ui.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.core.connector.CredentialStore;
import org.mapwright.core.io.ProjectIO;
import org.mapwright.runtime.MapwrightRuntime;
import org.mapwright.runtime.ProjectExporter;
import org.mapwright.runtime.RunOptions;
import org.mapwright.ui.model.ProjectDocument;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * The export wizard driven through its dialog on a real {@link Display}: it exports the bundled
 * sample project with the runtime jars of this OSGi runtime's bundles, and the export runs in a
 * separate Java 17 process with the same output as an in-process run.
 */
class ExportWizardTest {

    private static final long TIMEOUT_MS = 120_000;
    private static final Path JAVA_17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");

    @TempDir
    Path temp;

    private Display display;
    private Shell shell;
    private Path sample;
    private ProjectDocument document;
    private final List<ExportJob> done = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() throws IOException {
        Path source = Path.of(System.getProperty("mapwright.repo", "../.."), "bundles/org.mapwright.app/sample-project");
        assertTrue(Files.isRegularFile(source.resolve("mapwright.json")), "the sample project is at " + source);
        sample = temp.resolve("sample");
        copy(source, sample);
        document = ProjectDocument.open(new ProjectIO(), sample);
        display = Display.getCurrent() != null ? Display.getCurrent() : new Display();
        shell = new Shell(display);
        shell.setSize(900, 700);
        shell.open();
    }

    @AfterEach
    void close() {
        for (Shell s : display.getShells()) {
            s.dispose();
        }
        spin();
    }

    private ExportWizard wizard() {
        return new ExportWizard(document, new ProjectIO(), MapwrightRuntime.standard(CredentialStore.NONE),
                ExportJob.installedBundles(FrameworkUtil.getBundle(ExportWizard.class).getBundleContext()), done::add);
    }

    @Test
    void exportsTheSampleProjectThroughTheWizardAndTheExportRunsInAFreshJvm() throws Exception {
        ExportWizard wizard = wizard();
        WizardDialog dialog = new WizardDialog(shell, wizard);
        dialog.setBlockOnOpen(false);
        dialog.open();
        Path target = temp.resolve("out/customers-export");
        ExportWizard.DestinationPage destination = wizard.destinationPage();
        assertEquals(sample.resolveSibling("sample-export"), destination.target(), "a default beside the project");

        destination.setDestination(sample.resolve("inside"), false);
        assertFalse(destination.isPageComplete());
        assertTrue(destination.getErrorMessage().contains("inside the project folder"), destination.getErrorMessage());
        Files.createDirectories(target);
        destination.setDestination(target, false);
        assertTrue(destination.getErrorMessage().contains("already exists"), destination.getErrorMessage());
        Files.delete(target);
        destination.setDestination(target, false);
        assertNull(destination.getErrorMessage());
        assertFalse(wizard.canFinish(), "finishing needs the confirmation page");

        press(dialog.getShell(), "Next");
        assertEquals(wizard.parametersPage(), wizard.currentPage());
        List<String[]> rows = wizard.parametersPage().rows();
        String[] path = rows.stream().filter(r -> r[0].equals("customers.path")).findFirst().orElseThrow();
        assertEquals("MAPWRIGHT_PARAM_CUSTOMERS_PATH", path[1]);
        assertEquals("data/customers.csv", path[2]);
        assertEquals("", path[3], "a path inside the project needs no override");
        assertTrue(wizard.parametersPage().secretsText().contains("no secret"), wizard.parametersPage().secretsText());

        press(dialog.getShell(), "Next");
        assertEquals(wizard.summaryPage(), wizard.currentPage());
        String summary = wizard.summaryPage().text();
        assertTrue(summary.contains("To: " + target + "  (folder)"), summary);
        assertTrue(summary.contains("Mappings (" + document.project().mappings().size() + "): "), summary);
        assertTrue(wizard.canFinish());
        press(dialog.getShell(), "Finish");

        ExportJob job = wizard.job();
        assertNotNull(job, "finish starts the export job");
        waitUntil(() -> !done.isEmpty(), "the export ends");
        assertNull(job.failure(), job.failure());
        ProjectExporter.Export export = job.export();
        assertEquals(target, export.target());

        assertTrue(Files.isExecutable(target.resolve("bin/mapwright-run")));
        assertTrue(Files.isRegularFile(target.resolve("bin/mapwright-run.bat")));
        assertTrue(Files.isRegularFile(target.resolve("README.md")));
        assertTrue(Files.isRegularFile(target.resolve("project/mapwright.json")));
        assertTrue(Files.isRegularFile(target.resolve("project/data/customers.csv")));
        List<String> jars = jars(target.resolve("lib"));
        for (String jar : jars) {
            String lower = jar.toLowerCase(Locale.ROOT);
            for (String ui : List.of("swt", "jface", "e4", "equinox", "org.eclipse", "spifly")) {
                assertFalse(lower.contains(ui), "no workbench or OSGi-only jar in lib/: " + jar);
            }
        }
        for (String part : List.of("org.mapwright.core", "org.mapwright.engine", "org.mapwright.runtime", "org.mapwright.cli",
                "org.mapwright.connector.jdbc", "picocli", "h2")) {
            assertTrue(jars.stream().anyMatch(j -> j.toLowerCase(Locale.ROOT).contains(part)), part + " is in lib/: " + jars);
        }
        assertChecksums(target);

        Assumptions.assumeTrue(Files.isExecutable(JAVA_17.resolve("bin/java")), "no Java 17 at " + JAVA_17 + ": the exported run is not tested");
        Path inProcess = temp.resolve("run-in-process");
        int expectedExit = MapwrightRuntime.exitCode(MapwrightRuntime.standard(CredentialStore.NONE).run(target.resolve("project"),
                RunOptions.defaults().withOutputDirectory(inProcess)));
        Path exported = temp.resolve("run-exported");
        ProcessBuilder builder = new ProcessBuilder(target.resolve("bin/mapwright-run").toString(), "--output", exported.toString())
                .directory(temp.toFile()).redirectErrorStream(true).redirectOutput(temp.resolve("run.log").toFile());
        builder.environment().put("JAVA_HOME", JAVA_17.toString());
        builder.environment().remove("MAPWRIGHT_OPTS");
        Process started = builder.start();
        started.getOutputStream().close();
        assertTrue(started.waitFor(TIMEOUT_MS, TimeUnit.MILLISECONDS), "the exported run ends");
        String log = Files.readString(temp.resolve("run.log"));
        assertEquals(expectedExit, started.exitValue(), log);
        List<String> written = textOutputs(inProcess);
        assertTrue(written.contains("out/customers.csv"), written.toString());
        assertEquals(written, textOutputs(exported), "the exported run writes the same files");
        for (String file : written) {
            assertEquals(Files.readString(inProcess.resolve(file)), Files.readString(exported.resolve(file)),
                    file + ": the exported run writes what the workbench's runtime writes");
        }

        Path few = temp.resolve("few-customers.csv");
        Files.write(few, Files.readAllLines(sample.resolve("data/customers.csv"), StandardCharsets.UTF_8).subList(0, 4), StandardCharsets.UTF_8);
        Path overridden = temp.resolve("run-overridden");
        ProcessBuilder again = new ProcessBuilder(target.resolve("bin/mapwright-run").toString(), "--output", overridden.toString(),
                "--param", "customers.path=" + few).directory(temp.toFile()).redirectErrorStream(true)
                .redirectOutput(temp.resolve("run2.log").toFile());
        again.environment().put("JAVA_HOME", JAVA_17.toString());
        Process second = again.start();
        second.getOutputStream().close();
        assertTrue(second.waitFor(TIMEOUT_MS, TimeUnit.MILLISECONDS), "the run with a parameter ends");
        assertEquals(0, second.exitValue(), Files.readString(temp.resolve("run2.log")));
        List<String> rowsWritten = Files.readAllLines(overridden.resolve("out/customers.csv"), StandardCharsets.UTF_8);
        int all = Files.readAllLines(exported.resolve("out/customers.csv"), StandardCharsets.UTF_8).size();
        assertTrue(rowsWritten.size() >= 2 && rowsWritten.size() < all, "--param replaced the source file with 3 customers: " + rowsWritten);
    }

    @Test
    void unsavedChangesAreSavedFirstAndTheReportOffersTheFolder() throws Exception {
        document.execute("Rename project", p -> new org.mapwright.core.Project("Renamed before export", p.sources(), p.mappings()));
        assertTrue(document.isDirty());
        ExportWizard wizard = wizard();
        WizardDialog dialog = new WizardDialog(shell, wizard);
        dialog.setBlockOnOpen(false);
        dialog.open();
        Path zip = temp.resolve("renamed.zip");
        wizard.destinationPage().setDestination(zip, false);
        assertTrue(wizard.destinationPage().zip());
        press(dialog.getShell(), "Next");
        press(dialog.getShell(), "Next");
        assertTrue(wizard.summaryPage().text().contains("(has unsaved changes)"), wizard.summaryPage().text());
        assertTrue(wizard.summaryPage().text().contains("(zip archive)"), wizard.summaryPage().text());
        press(dialog.getShell(), "Finish");
        waitUntil(() -> !done.isEmpty(), "the export ends");
        assertNull(wizard.job().failure(), wizard.job().failure());
        assertFalse(document.isDirty(), "the project was saved before it was exported");
        assertEquals("Renamed before export", new ProjectIO().read(sample).name());
        try (ZipFile z = new ZipFile(zip.toFile())) {
            String json = new String(z.getInputStream(z.getEntry("project/mapwright.json")).readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(json.contains("\"Renamed before export\""), "the export has the saved changes");
        }
        String message = ExportProjectHandler.message(wizard.job().export());
        assertTrue(message.startsWith("Exported to " + zip + ":"), message);
        assertTrue(message.contains("(unzipped) bin/mapwright-run"), message);
    }

    @Test
    void exportsAZipWithTheRuntimeOfTheInstalledBundles() throws Exception {
        Path zip = temp.resolve("sample.zip");
        ExportJob job = new ExportJob(MapwrightRuntime.standard(CredentialStore.NONE),
                ExportJob.installedBundles(FrameworkUtil.getBundle(ExportWizard.class).getBundleContext()), sample, zip, false);
        job.schedule();
        job.join(TIMEOUT_MS, null);
        assertNull(job.failure(), job.failure());
        try (ZipFile z = new ZipFile(zip.toFile())) {
            Set<String> names = z.stream().map(e -> e.getName()).collect(Collectors.toSet());
            assertTrue(names.containsAll(List.of("bin/mapwright-run", "bin/mapwright-run.bat", "README.md", "SHA256SUMS",
                    "project/mapwright.json")), names.toString());
            assertTrue(names.stream().anyMatch(n -> n.startsWith("lib/") && n.contains("org.mapwright.cli")), names.toString());
            assertFalse(names.stream().anyMatch(n -> n.contains("swt") || n.contains("jface") || n.contains("org.eclipse")), names.toString());
        }
    }

    @Test
    void aFailedExportIsReportedWithTheExportersMessage() throws Exception {
        Path target = temp.resolve("taken");
        Files.createDirectories(target);
        ExportJob job = new ExportJob(MapwrightRuntime.standard(CredentialStore.NONE), staging -> () -> List.of(), sample, target, false);
        job.schedule();
        job.join(TIMEOUT_MS, null);
        assertNull(job.export());
        assertTrue(job.failure().contains("the runtime jars lack"), job.failure());
    }

    @Test
    void theInstalledHeadlessBundlesLeaveOutTheWorkbench() {
        Set<String> names = new BundleRuntimeJars(FrameworkUtil.getBundle(ExportWizard.class).getBundleContext(), temp).headlessBundles()
                .stream().map(Bundle::getSymbolicName).collect(Collectors.toSet());
        assertTrue(names.containsAll(List.of("org.mapwright.core", "org.mapwright.engine", "org.mapwright.runtime", "org.mapwright.cli",
                "picocli")), names.toString());
        assertFalse(names.contains("org.mapwright.ui"), names.toString());
        assertFalse(names.contains("org.mapwright.ui.export"), names.toString());
        assertFalse(names.stream().anyMatch(n -> n.startsWith("org.eclipse.")), names.toString());
    }

    /** @return the text files (CSV, JSON) a run wrote below {@code dir}, relative and sorted; database files differ byte-wise by design */
    private static List<String> textOutputs(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .filter(f -> f.endsWith(".csv") || f.endsWith(".json") || f.endsWith(".jsonl")).sorted().toList();
        }
    }

    private static List<String> jars(Path lib) throws IOException {
        try (Stream<Path> s = Files.list(lib)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Every file but SHA256SUMS is listed with its SHA-256, as {@code sha256sum -c} checks it. */
    private static void assertChecksums(Path export) throws Exception {
        List<String> lines = Files.readAllLines(export.resolve("SHA256SUMS"), StandardCharsets.UTF_8);
        List<String> listed = new ArrayList<>();
        for (String line : lines) {
            String sum = line.substring(0, 64);
            String file = line.substring(66);
            listed.add(file);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(export.resolve(file)));
            assertEquals(sum, HexFormat.of().formatHex(digest), file);
        }
        List<String> all;
        try (Stream<Path> s = Files.walk(export)) {
            all = s.filter(Files::isRegularFile).map(p -> export.relativize(p).toString().replace('\\', '/'))
                    .filter(f -> !f.equals("SHA256SUMS")).sorted().toList();
        }
        assertEquals(all, listed.stream().sorted().toList());
    }

    /** Presses the dialog button whose label (without mnemonic) starts with {@code label}. */
    private void press(Shell dialogShell, String label) {
        Button b = find(dialogShell, label);
        assertNotNull(b, "a button " + label);
        assertTrue(b.isEnabled(), label + " is enabled");
        b.notifyListeners(SWT.Selection, new Event());
        spin();
    }

    private static Button find(Control c, String label) {
        if (c instanceof Button b && b.getText().replace("&", "").startsWith(label)) {
            return b;
        }
        if (c instanceof Composite parent) {
            for (Control child : parent.getChildren()) {
                Button found = find(child, label);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private void waitUntil(BooleanSupplier condition, String what) {
        long end = System.currentTimeMillis() + TIMEOUT_MS;
        while (!condition.getAsBoolean()) {
            spin();
            if (System.currentTimeMillis() > end) {
                fail("timed out waiting until " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
        spin();
    }

    private void spin() {
        while (!display.isDisposed() && display.readAndDispatch()) {
            // keep dispatching
        }
    }

    private static void copy(Path from, Path to) {
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
}
