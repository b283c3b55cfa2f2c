package org.mapwright.ui.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.jface.wizard.IWizardPage;
import org.eclipse.jface.wizard.Wizard;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.mapwright.core.MappingDef;
import org.mapwright.core.OutputDef;
import org.mapwright.core.Project;
import org.mapwright.core.Settings;
import org.mapwright.core.SourceDef;
import org.mapwright.core.io.ProjectIO;
import org.mapwright.core.value.Values;
import org.mapwright.runtime.EnvironmentCredentialStore;
import org.mapwright.runtime.MapwrightRuntime;
import org.mapwright.runtime.Parameters;
import org.mapwright.ui.model.ProjectDocument;

/**
 * The workbench's {@code mapwright export <project> --to DIR|FILE.zip}: choose a destination
 * folder or zip archive, review the parameters operators can override at run time, confirm a
 * summary, and finish to export in a background {@link ExportJob}. Unsaved changes are saved
 * first when the user agrees, since the export reads the saved project.
 */
public final class ExportWizard extends Wizard {

    private final ProjectDocument document;
    private final ProjectIO io;
    private final MapwrightRuntime runtime;
    private final ExportJob.JarsFactory jars;
    private final Consumer<ExportJob> whenDone;
    private DestinationPage destination;
    private ParametersPage parameters;
    private SummaryPage summary;
    private ExportJob job;

    /**
     * @param whenDone called on the job's thread when the export ended, successfully or not
     */
    public ExportWizard(ProjectDocument document, ProjectIO io, MapwrightRuntime runtime, ExportJob.JarsFactory jars,
            Consumer<ExportJob> whenDone) {
        this.document = Objects.requireNonNull(document, "document");
        this.io = Objects.requireNonNull(io, "io");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.jars = Objects.requireNonNull(jars, "jars");
        this.whenDone = whenDone == null ? j -> { } : whenDone;
        setWindowTitle("Export Runnable Project");
        setNeedsProgressMonitor(false);
    }

    @Override
    public void addPages() {
        destination = new DestinationPage();
        parameters = new ParametersPage();
        summary = new SummaryPage();
        addPage(destination);
        addPage(parameters);
        addPage(summary);
    }

    /** Finishing needs the confirmation page shown: nothing is written before the user saw the summary. */
    @Override
    public boolean canFinish() {
        return getContainer() != null && getContainer().getCurrentPage() == summary && destination.isPageComplete();
    }

    @Override
    public boolean performFinish() {
        if (document.isDirty() && summary.saveFirst()) {
            try {
                document.save(io);
            } catch (IOException e) {
                summary.setErrorMessage("The project could not be saved: " + e.getMessage());
                return false;
            }
        }
        job = new ExportJob(runtime, jars, document.folder(), destination.target(), destination.replace());
        job.addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent event) {
                whenDone.accept(job);
            }
        });
        job.schedule();
        return true;
    }

    /** @return the export job once finished was pressed, else null */
    public ExportJob job() {
        return job;
    }

    public DestinationPage destinationPage() {
        return destination;
    }

    public ParametersPage parametersPage() {
        return parameters;
    }

    public SummaryPage summaryPage() {
        return summary;
    }

    private Project project() {
        return document.project();
    }

    /** Where the export goes: a new folder or a zip archive. */
    public final class DestinationPage extends WizardPage {
        private Button asFolder;
        private Button asZip;
        private Text path;
        private Button replace;

        DestinationPage() {
            super("destination", "Destination", null);
            setDescription("Export \u201c" + project().name() + "\u201d as a folder or zip archive that runs with Java 17 or newer.");
        }

        @Override
        public void createControl(Composite parent) {
            Composite c = new Composite(parent, SWT.NONE);
            c.setLayout(new GridLayout(3, false));
            asFolder = new Button(c, SWT.RADIO);
            asFolder.setText("A &folder");
            asFolder.setLayoutData(new GridData(SWT.LEFT, SWT.CENTER, false, false, 3, 1));
            asZip = new Button(c, SWT.RADIO);
            asZip.setText("A &zip archive (unzip it on the target machine)");
            asZip.setLayoutData(new GridData(SWT.LEFT, SWT.CENTER, false, false, 3, 1));
            new Label(c, SWT.NONE).setText("&Destination:");
            path = new Text(c, SWT.BORDER);
            path.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            Button browse = new Button(c, SWT.PUSH);
            browse.setText("&Browse\u2026");
            replace = new Button(c, SWT.CHECK);
            replace.setText("&Replace the destination if it exists");
            replace.setLayoutData(new GridData(SWT.LEFT, SWT.CENTER, false, false, 3, 1));
            Label note = new Label(c, SWT.WRAP);
            note.setText("The export holds the project, its data files, launchers for Linux/macOS and Windows, the headless "
                    + "Mapwright with its libraries, a README for operators and a checksum manifest. It never holds secrets.");
            GridData noteData = new GridData(SWT.FILL, SWT.TOP, true, false, 3, 1);
            noteData.widthHint = 480;
            note.setLayoutData(noteData);

            Path folder = document.folder();
            path.setText(folder.resolveSibling(folder.getFileName() + "-export").toString());
            asFolder.setSelection(true);
            asFolder.addListener(SWT.Selection, e -> kindChanged());
            asZip.addListener(SWT.Selection, e -> kindChanged());
            path.addListener(SWT.Modify, e -> validate());
            replace.addListener(SWT.Selection, e -> validate());
            browse.addListener(SWT.Selection, e -> browse());
            setControl(c);
            validate();
        }

        private void kindChanged() {
            String text = path.getText().strip();
            boolean zip = asZip.getSelection();
            if (zip && !text.toLowerCase(Locale.ROOT).endsWith(".zip") && !text.isEmpty()) {
                path.setText(text + ".zip");
            } else if (!zip && text.toLowerCase(Locale.ROOT).endsWith(".zip")) {
                path.setText(text.substring(0, text.length() - 4));
            }
            validate();
        }

        private void browse() {
            String chosen;
            if (asZip.getSelection()) {
                FileDialog d = new FileDialog(getShell(), SWT.SAVE);
                d.setFilterExtensions(new String[] { "*.zip" });
                d.setOverwrite(false);
                chosen = d.open();
            } else {
                DirectoryDialog d = new DirectoryDialog(getShell());
                d.setMessage("The export is written into a new folder here");
                chosen = d.open();
                if (chosen != null) {
                    chosen = Path.of(chosen).resolve(document.folder().getFileName() + "-export").toString();
                }
            }
            if (chosen != null) {
                path.setText(chosen);
            }
        }

        /** Sets the destination as a user would type it; a name ending in {@code .zip} chooses an archive. */
        public void setDestination(Path target, boolean replaceExisting) {
            boolean zip = target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip");
            asZip.setSelection(zip);
            asFolder.setSelection(!zip);
            path.setText(target.toString());
            replace.setSelection(replaceExisting);
            validate();
        }

        void validate() {
            String error = problem();
            setErrorMessage(error);
            setPageComplete(error == null);
        }

        private String problem() {
            String text = path.getText().strip();
            if (text.isEmpty()) {
                return "Choose where to export.";
            }
            Path target;
            try {
                target = target();
            } catch (InvalidPathException e) {
                return "Not a valid path: " + e.getMessage();
            }
            if (asZip.getSelection() && !text.toLowerCase(Locale.ROOT).endsWith(".zip")) {
                return "A zip archive's name ends in .zip.";
            }
            if (target.startsWith(document.folder())) {
                return "The destination is inside the project folder; export somewhere else.";
            }
            if (Files.exists(target) && !replace.getSelection()) {
                return target + " already exists: choose another destination or tick \u201cReplace\u201d.";
            }
            if (Files.isRegularFile(target) && !asZip.getSelection()) {
                return target + " is a file; choose a folder.";
            }
            return null;
        }

        /** @return the chosen folder or zip file, absolute */
        public Path target() {
            return Path.of(path.getText().strip()).toAbsolutePath().normalize();
        }

        public boolean replace() {
            return replace.getSelection();
        }

        public boolean zip() {
            return asZip.getSelection();
        }
    }

    /**
     * The parameters the export exposes: every source and output setting operators can override
     * at run time with {@code --param NAME=VALUE} or its environment variable, and the credential
     * keys they must supply.
     */
    public final class ParametersPage extends WizardPage {
        private Table table;
        private Label secrets;

        ParametersPage() {
            super("parameters", "Parameters", null);
            setDescription("Operators override these at run time with --param NAME=VALUE or the environment variable.");
        }

        @Override
        public void createControl(Composite parent) {
            Composite c = new Composite(parent, SWT.NONE);
            c.setLayout(new GridLayout(1, false));
            table = new Table(c, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
            table.setHeaderVisible(true);
            table.setLinesVisible(true);
            GridData td = new GridData(SWT.FILL, SWT.FILL, true, true);
            td.heightHint = 220;
            table.setLayoutData(td);
            for (String[] col : new String[][] { { "Parameter", "180" }, { "Environment variable", "320" }, { "Value in the project", "170" },
                    { "Note", "220" } }) {
                TableColumn tc = new TableColumn(table, SWT.LEFT);
                tc.setText(col[0]);
                tc.setWidth(Integer.parseInt(col[1]));
            }
            Path folder = document.folder();
            for (Parameters.Parameter p : Parameters.list(project())) {
                TableItem item = new TableItem(table, SWT.NONE);
                String value = Values.format(p.value());
                item.setText(new String[] { p.name(), p.variable(), value, note(folder, p) });
            }
            secrets = new Label(c, SWT.WRAP);
            GridData sd = new GridData(SWT.FILL, SWT.TOP, true, false);
            sd.widthHint = 480;
            secrets.setLayoutData(sd);
            List<String> keys = credentialKeys(project());
            secrets.setText(keys.isEmpty() ? "The project needs no secret at run time."
                    : "Secrets are never exported. At run time operators give: "
                            + String.join(", ", keys.stream().map(k -> k + " (" + EnvironmentCredentialStore.variableName(k) + ")").toList())
                            + ", or a --secrets file.");
            setControl(c);
        }

        /** @return the rows shown: parameter, environment variable, value, note */
        public List<String[]> rows() {
            List<String[]> out = new ArrayList<>();
            for (TableItem item : table.getItems()) {
                out.add(new String[] { item.getText(0), item.getText(1), item.getText(2), item.getText(3) });
            }
            return out;
        }

        public String secretsText() {
            return secrets.getText();
        }
    }

    /** Confirmation: what will be written where. */
    public final class SummaryPage extends WizardPage {
        private Text text;
        private Button saveFirst;

        SummaryPage() {
            super("summary", "Confirm", null);
            setDescription("Check the summary, then press Finish to export in the background.");
        }

        @Override
        public void createControl(Composite parent) {
            Composite c = new Composite(parent, SWT.NONE);
            c.setLayout(new GridLayout(1, false));
            text = new Text(c, SWT.MULTI | SWT.READ_ONLY | SWT.WRAP | SWT.V_SCROLL | SWT.BORDER);
            GridData td = new GridData(SWT.FILL, SWT.FILL, true, true);
            td.heightHint = 240;
            td.widthHint = 520;
            text.setLayoutData(td);
            saveFirst = new Button(c, SWT.CHECK);
            saveFirst.setText("&Save the project's unsaved changes first (the export reads the saved project)");
            saveFirst.setSelection(true);
            setControl(c);
        }

        @Override
        public void setVisible(boolean visible) {
            if (visible) {
                text.setText(summaryText());
                saveFirst.setVisible(document.isDirty());
            }
            super.setVisible(visible);
        }

        boolean saveFirst() {
            return saveFirst.getSelection();
        }

        public String text() {
            return text.getText();
        }

        private String summaryText() {
            Project p = project();
            Path target = destination.target();
            StringBuilder b = new StringBuilder();
            b.append("Project: ").append(p.name()).append('\n');
            b.append("From: ").append(document.file()).append(document.isDirty() ? "  (has unsaved changes)" : "").append('\n');
            b.append("To: ").append(target).append(destination.zip() ? "  (zip archive)" : "  (folder)");
            if (Files.exists(target)) {
                b.append("  \u2014 replaces what is there");
            }
            b.append("\n\n");
            b.append("Mappings (").append(p.mappings().size()).append("): ")
                    .append(String.join(", ", p.mappings().stream().map(MappingDef::name).toList())).append('\n');
            b.append("Sources (").append(p.sources().size()).append("): ")
                    .append(String.join(", ", p.sources().stream().map(SourceDef::name).toList())).append('\n');
            List<Parameters.Parameter> params = Parameters.list(p);
            long outside = params.stream().filter(x -> !note(document.folder(), x).isEmpty()).count();
            b.append("Parameters: ").append(params.size());
            if (outside > 0) {
                b.append(" (").append(outside).append(" point outside the project: operators must set them)");
            }
            b.append('\n');
            List<String> keys = credentialKeys(p);
            b.append("Secrets needed at run time: ").append(keys.isEmpty() ? "none" : String.join(", ", keys)).append('\n');
            b.append("\nContents: bin/mapwright-run and bin/mapwright-run.bat, project/ with mapwright.json and its data files, "
                    + "lib/ with the headless Mapwright from this installation (no SWT, JFace or e4), README.md and SHA256SUMS.\n");
            b.append("Run it with: bin/mapwright-run --output DIR [--param NAME=VALUE]...");
            return b.toString();
        }
    }

    /** @return a note for a path parameter that leads outside the project folder, else empty (as the exporter's README marks it) */
    static String note(Path folder, Parameters.Parameter p) {
        if (!p.setting().equals("path") && !p.setting().equals("driverJar")) {
            return "";
        }
        String value = String.valueOf(p.value());
        try {
            Path v = Path.of(value);
            if (v.isAbsolute() || v.getRoot() != null) {
                return "absolute path: set it at run time";
            }
            Path resolved = folder.resolve(v).normalize();
            return resolved.startsWith(folder) ? "" : "outside the project folder: set it at run time";
        } catch (InvalidPathException e) {
            return "not a valid path: set it at run time";
        }
    }

    /** @return the credential keys named by the project's settings ({@code credentialKey}, {@code fileCredentialKey}), sorted */
    static List<String> credentialKeys(Project p) {
        TreeSet<String> keys = new TreeSet<>();
        for (SourceDef s : p.sources()) {
            keys(s.settings(), keys);
        }
        for (MappingDef m : p.mappings()) {
            for (OutputDef o : m.outputs()) {
                keys(o.settings(), keys);
            }
        }
        return List.copyOf(keys);
    }

    private static void keys(Settings settings, TreeSet<String> keys) {
        for (var e : settings.asMap().entrySet()) {
            if (e.getKey().toLowerCase(Locale.ROOT).endsWith("credentialkey") && e.getValue() != null && !e.getValue().toString().isBlank()) {
                keys.add(e.getValue().toString());
            }
        }
    }

    /** @return the current page, for tests and the handler */
    public IWizardPage currentPage() {
        return getContainer() == null ? null : getContainer().getCurrentPage();
    }
}
