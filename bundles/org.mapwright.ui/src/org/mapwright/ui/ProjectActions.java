package org.mapwright.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.jface.preference.PreferenceManager;
import org.eclipse.jface.preference.PreferenceNode;
import org.eclipse.jface.window.Window;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;
import org.mapwright.core.Ids;
import org.mapwright.core.Project;
import org.mapwright.core.connector.CredentialStore;
import org.mapwright.core.connector.ProgressMonitor;
import org.mapwright.core.connector.SourceConnector;
import org.mapwright.core.io.ProjectIO;
import org.mapwright.internal.ui.AnalysisService;
import org.mapwright.internal.ui.RunJob;
import org.mapwright.internal.ui.TextUndo;
import org.mapwright.internal.ui.UiPreferences;
import org.mapwright.internal.ui.UiResources;
import org.mapwright.ui.dialogs.AboutDialog;
import org.mapwright.ui.dialogs.AutoMapDialog;
import org.mapwright.ui.dialogs.ImportTargetSchemaDialog;
import org.mapwright.ui.editor.DiagramExport;
import org.mapwright.ui.dialogs.MappingSettingsDialog;
import org.mapwright.ui.dialogs.OutputsDialog;
import org.mapwright.ui.dialogs.PreviewPreferencePage;
import org.mapwright.ui.dialogs.RunParametersDialog;
import org.mapwright.ui.dialogs.RunProgressDialog;
import org.mapwright.ui.dialogs.RunReportDialog;
import org.mapwright.ui.model.AutoMapper;
import org.mapwright.ui.model.MappingModel;
import org.mapwright.ui.model.ProjectDocument;
import org.mapwright.ui.model.ProjectEdits;
import org.mapwright.ui.model.WorkbenchSession;
import org.mapwright.ui.wizards.AddCsvSourceWizard;

/**
 * The workbench commands that talk to the user through dialogs (open, save, new project, add a
 * source, auto-map, run, preferences, about). Handlers and views call these; errors are shown as
 * messages naming the file and reason, never as stack traces.
 */
public final class ProjectActions {

    private ProjectActions() {
    }

    private static WorkbenchSession session(IEclipseContext ctx) {
        return ctx.get(WorkbenchSession.class);
    }

    /** Saves the open project. @return whether it is saved afterwards */
    public static boolean save(Shell shell, IEclipseContext ctx) {
        ProjectDocument d = session(ctx).document();
        if (d == null) {
            return true;
        }
        try {
            d.save(session(ctx).io());
            return true;
        } catch (IOException e) {
            MessageDialog.openError(shell, "Save", "Could not save " + d.file() + ":\n" + e.getMessage());
            return false;
        }
    }

    /** Saves the open project into another folder, which becomes the project's folder. */
    public static boolean saveAs(Shell shell, IEclipseContext ctx) {
        ProjectDocument d = session(ctx).document();
        if (d == null) {
            return false;
        }
        DirectoryDialog dialog = new DirectoryDialog(shell, SWT.SAVE);
        dialog.setText("Save Project As");
        dialog.setMessage("Choose the folder to save the project into");
        dialog.setFilterPath(d.folder().getParent() == null ? null : d.folder().getParent().toString());
        String chosen = dialog.open();
        if (chosen == null) {
            return false;
        }
        Path folder = Path.of(chosen);
        if (Files.exists(folder.resolve(ProjectIO.FILE_NAME)) && !folder.toAbsolutePath().normalize().equals(d.folder())
                && !MessageDialog.openQuestion(shell, "Save Project As", folder + " already holds a project. Replace it?")) {
            return false;
        }
        try {
            d.saveAs(session(ctx).io(), folder);
            ctx.get(UiPreferences.class).projectOpened(d.folder());
            return true;
        } catch (IOException e) {
            MessageDialog.openError(shell, "Save As", "Could not save into " + folder + ":\n" + e.getMessage());
            return false;
        }
    }

    /**
     * Before the open project is replaced: asks whether to save unsaved changes.
     *
     * @return whether to go on (saved, discarded, or nothing to save)
     */
    public static boolean confirmDiscard(Shell shell, IEclipseContext ctx) {
        ProjectDocument d = session(ctx).document();
        if (d == null || !d.isDirty()) {
            return true;
        }
        MessageDialog m = new MessageDialog(shell, "Unsaved Changes", null,
                "'" + d.project().name() + "' has unsaved changes. Save them first?", MessageDialog.QUESTION,
                new String[] {"Save", "Discard", "Cancel"}, 0);
        int answer = m.open();
        if (answer == 0) {
            return save(shell, ctx);
        }
        return answer == 1;
    }

    /** Asks for a project file and opens it. */
    public static void open(Shell shell, IEclipseContext ctx) {
        if (!confirmDiscard(shell, ctx)) {
            return;
        }
        FileDialog dialog = new FileDialog(shell, SWT.OPEN);
        dialog.setText("Open Project");
        dialog.setFilterNames(new String[] {"Mapwright project (" + ProjectIO.FILE_NAME + ")", "All files"});
        dialog.setFilterExtensions(new String[] {ProjectIO.FILE_NAME, "*"});
        ProjectDocument d = session(ctx).document();
        if (d != null && d.folder().getParent() != null) {
            dialog.setFilterPath(d.folder().getParent().toString());
        }
        String chosen = dialog.open();
        if (chosen != null) {
            openPath(shell, ctx, Path.of(chosen));
        }
    }

    /** Opens a project folder or file, reporting a problem as a message. */
    public static boolean openPath(Shell shell, IEclipseContext ctx, Path folderOrFile) {
        try {
            MapwrightUi.openProject(ctx, folderOrFile);
            return true;
        } catch (IOException e) {
            MessageDialog.openError(shell, "Open Project", e.getMessage());
            return false;
        }
    }

    /** Opens one of the recent projects after asking about unsaved changes. */
    public static void openRecent(Shell shell, IEclipseContext ctx, Path folder) {
        if (confirmDiscard(shell, ctx)) {
            openPath(shell, ctx, folder);
        }
    }

    /** Creates an empty project in a folder the user chooses and opens it. */
    public static void newProject(Shell shell, IEclipseContext ctx) {
        if (!confirmDiscard(shell, ctx)) {
            return;
        }
        DirectoryDialog dialog = new DirectoryDialog(shell, SWT.SAVE);
        dialog.setText("New Project");
        dialog.setMessage("Choose a folder for the new project (data files can live beside its mapwright.json)");
        String chosen = dialog.open();
        if (chosen == null) {
            return;
        }
        Path folder = Path.of(chosen);
        if (Files.exists(folder.resolve(ProjectIO.FILE_NAME))) {
            if (MessageDialog.openQuestion(shell, "New Project", folder + " already holds a project. Open it instead?")) {
                openPath(shell, ctx, folder);
            }
            return;
        }
        InputDialog name = new InputDialog(shell, "New Project", "Project name:", folder.getFileName() == null ? "project"
                : folder.getFileName().toString(), v -> v.isBlank() ? "Give the project a name." : null);
        if (name.open() != Window.OK) {
            return;
        }
        try {
            Files.createDirectories(folder);
            session(ctx).io().write(new Project(name.getValue().strip(), List.of(), List.of()), folder);
        } catch (IOException e) {
            MessageDialog.openError(shell, "New Project", "Could not create the project in " + folder + ":\n" + e.getMessage());
            return;
        }
        openPath(shell, ctx, folder);
    }

    /** Opens the Add CSV Source wizard for the open project. */
    public static void addCsvSource(Shell shell, IEclipseContext ctx) {
        WorkbenchSession s = session(ctx);
        if (s.document() == null) {
            MessageDialog.openInformation(shell, "Add CSV Source", "Open or create a project first.");
            return;
        }
        SourceConnector csv;
        try {
            csv = s.engine().connectors().source("csv");
        } catch (IllegalArgumentException e) {
            MessageDialog.openError(shell, "Add CSV Source", e.getMessage());
            return;
        }
        AddCsvSourceWizard wizard = new AddCsvSourceWizard(s, csv, ctx.get(UiResources.class), new Ids());
        new WizardDialog(shell, wizard).open();
    }

    /** Suggests mappings for the unmapped target fields of the active mapping and applies the accepted ones. */
    public static void autoMap(Shell shell, IEclipseContext ctx) {
        WorkbenchSession s = session(ctx);
        MappingModel model = s.activeModel();
        if (model == null) {
            MessageDialog.openInformation(shell, "Auto-map", "There is no mapping to complete yet.");
            return;
        }
        List<AutoMapper.Suggestion> suggestions = new AutoMapper().suggest(AutoMapDialog.unmappedTargets(model), AutoMapDialog.candidates(model));
        AutoMapDialog dialog = new AutoMapDialog(shell, suggestions, ctx.get(UiResources.class));
        if (dialog.open() == Window.OK) {
            applySuggestions(s, model.mapping().id(), dialog.accepted());
        }
    }

    /**
     * Opens the joins, filters, aggregation and rules of the active mapping on one page; OK applies
     * the changes as one undoable command.
     */
    public static void editMapping(Shell shell, IEclipseContext ctx, MappingSettingsDialog.Page page) {
        WorkbenchSession s = session(ctx);
        String mappingId = s.activeMappingId();
        if (s.document() == null || mappingId == null) {
            MessageDialog.openInformation(shell, "Mapping", "There is no mapping to edit yet.");
            return;
        }
        new MappingSettingsDialog(shell, s, ctx.get(UiResources.class), mappingId, page).open();
    }

    /** Opens the outputs of the active mapping; typed passwords go to the context's {@link SecretSink}. */
    public static void editOutputs(Shell shell, IEclipseContext ctx) {
        WorkbenchSession s = session(ctx);
        String mappingId = s.activeMappingId();
        if (s.document() == null || mappingId == null) {
            MessageDialog.openInformation(shell, "Outputs", "There is no mapping to edit yet.");
            return;
        }
        new OutputsDialog(shell, s, ctx.get(SecretSink.class), ctx.get(CredentialStore.class), mappingId).open();
    }

    /** Imports the active mapping's target fields from a JSON Schema or SQL DDL file the user chooses. */
    public static void importTargetSchema(Shell shell, IEclipseContext ctx) {
        WorkbenchSession s = session(ctx);
        String mappingId = s.activeMappingId();
        if (s.document() == null || mappingId == null) {
            MessageDialog.openInformation(shell, "Import Target Schema", "There is no mapping to import into yet.");
            return;
        }
        new ImportTargetSchemaDialog(shell, s, mappingId, null).open();
    }

    /** Asks for a file and exports the active mapping's diagram as SVG or PNG (by the file's extension). */
    public static void exportDiagram(Shell shell, IEclipseContext ctx) {
        WorkbenchSession s = session(ctx);
        String mappingId = s.activeMappingId();
        if (s.document() == null || mappingId == null) {
            MessageDialog.openInformation(shell, "Export Diagram", "There is no mapping to export yet.");
            return;
        }
        FileDialog dialog = new FileDialog(shell, SWT.SAVE);
        dialog.setText("Export Mapping Diagram");
        dialog.setFilterNames(new String[] {"SVG image (*.svg)", "PNG image (*.png)"});
        dialog.setFilterExtensions(new String[] {"*.svg", "*.png"});
        dialog.setFilterPath(s.document().folder().toString());
        dialog.setFileName(ProjectEdits.mapping(s.project(), mappingId).name() + ".svg");
        dialog.setOverwrite(true);
        String chosen = dialog.open();
        if (chosen == null) {
            return;
        }
        Path file = Path.of(chosen);
        DiagramExport.Format format = DiagramExport.Format.of(file);
        if (dialog.getFilterIndex() == 1 && format != DiagramExport.Format.PNG) {
            file = Path.of(chosen + ".png");
            format = DiagramExport.Format.PNG;
        }
        try {
            new DiagramExport(s.engine()).write(s.project(), mappingId, format, file, shell.getDisplay());
        } catch (IOException | RuntimeException e) {
            MessageDialog.openError(shell, "Export Diagram", "Could not write " + file + ":\n" + e.getMessage());
        }
    }

    /** Applies accepted suggestions as one undoable command. @return whether anything changed */
    public static boolean applySuggestions(WorkbenchSession s, String mappingId, List<AutoMapper.Suggestion> accepted) {
        if (accepted.isEmpty()) {
            return false;
        }
        Map<String, String> exprs = new LinkedHashMap<>();
        accepted.forEach(a -> exprs.put(a.target().id(), a.expression()));
        return s.execute("Auto-map " + exprs.size() + (exprs.size() == 1 ? " field" : " fields"), ProjectEdits.setExpressions(mappingId, exprs));
    }

    /**
     * Runs the open project as {@code mapwright run} does ({@link RunJob}): unsaved changes are
     * saved first (after asking), because a run reads the saved project; the run is a job with a
     * progress dialog and Cancel, recorded in the project's run history, and ends with the
     * {@link RunReportDialog}.
     *
     * @return the scheduled job, or null when nothing was started
     */
    public static RunJob run(Shell shell, IEclipseContext ctx) {
        return run(shell, ctx, Map.of());
    }

    /**
     * Like {@link #run(Shell, IEclipseContext)}, with parameter values (by name, as
     * {@code --param name=value}) that override the project's settings for this run only.
     */
    public static RunJob run(Shell shell, IEclipseContext ctx, Map<String, String> parameters) {
        WorkbenchSession s = session(ctx);
        ProjectDocument d = s.document();
        if (d == null || d.project().mappings().isEmpty()) {
            MessageDialog.openInformation(shell, "Run", "There is no mapping to run.");
            return null;
        }
        if (d.isDirty()) {
            MessageDialog ask = new MessageDialog(shell, "Run", null, "'" + d.project().name()
                    + "' has unsaved changes. A run reads the saved project, as the command line does. Save and run?",
                    MessageDialog.QUESTION, new String[] {"Save and Run", "Cancel"}, 0);
            if (ask.open() != 0 || !save(shell, ctx)) {
                return null;
            }
        }
        RunProgressDialog[] progress = new RunProgressDialog[1];
        Path folder = d.folder();
        RunJob job = new RunJob(s.engine(), ctx.get(CredentialStore.class), folder, parameters, ctx.get(UISynchronize.class),
                outcome -> {
                    if (progress[0] != null) {
                        progress[0].close();
                    }
                    showOutcome(shell, ctx, folder, outcome);
                });
        progress[0] = new RunProgressDialog(shell, job, "Running " + d.project().name());
        job.setProgress(progress[0]::update);
        progress[0].open();
        job.schedule();
        return job;
    }

    /** Asks for parameter values (as {@code --param}) and runs the open project with them. */
    public static RunJob runWithParameters(Shell shell, IEclipseContext ctx) {
        WorkbenchSession s = session(ctx);
        if (s.document() == null || s.project().mappings().isEmpty()) {
            MessageDialog.openInformation(shell, "Run", "There is no mapping to run.");
            return null;
        }
        RunParametersDialog dialog = new RunParametersDialog(shell, s.project());
        return dialog.open() == Window.OK ? run(shell, ctx, dialog.values()) : null;
    }

    private static void showOutcome(Shell shell, IEclipseContext ctx, Path folder, RunJob.Outcome outcome) {
        if (outcome.report() != null) {
            session(ctx).runFinished(folder, outcome.report());
        }
        if (shell.isDisposed()) {
            return;
        }
        if (outcome.report() != null) {
            String note = outcome.recorded() != null ? "Recorded in the run history as run " + outcome.recorded().id() + "."
                    : outcome.historyFailure() != null ? "Not recorded in the run history: " + outcome.historyFailure() : null;
            new RunReportDialog(shell, outcome.report(), ctx.get(UiResources.class), note).open();
            return;
        }
        StringBuilder b = new StringBuilder(outcome.failure());
        for (var p : outcome.problems()) {
            b.append("\n• ").append(p.severity().id()).append(": ").append(p.message());
        }
        MessageDialog.openError(shell, "Run", b.toString());
    }

    /** Adapts an Eclipse progress monitor to the connector SPI's. */
    public static ProgressMonitor adapt(IProgressMonitor monitor) {
        return new ProgressMonitor() {
            private static final int UNITS = 1000;
            private long total = -1;
            private long done;
            private int reported;

            @Override
            public void begin(String task, long totalWork) {
                total = totalWork;
                done = 0;
                reported = 0;
                monitor.beginTask(task, totalWork > 0 ? UNITS : IProgressMonitor.UNKNOWN);
            }

            @Override
            public void worked(long work) {
                done += work;
                if (total > 0) {
                    int now = (int) Math.min(UNITS, done * UNITS / total);
                    if (now > reported) {
                        monitor.worked(now - reported);
                        reported = now;
                    }
                }
            }

            @Override
            public boolean isCanceled() {
                return monitor.isCanceled();
            }
        };
    }

    /** Opens the preferences; a changed preview size takes effect at once. */
    public static void preferences(Shell shell, IEclipseContext ctx) {
        UiPreferences prefs = ctx.get(UiPreferences.class);
        PreferenceManager manager = new PreferenceManager();
        manager.addToRoot(new PreferenceNode("preview", new PreviewPreferencePage(prefs)));
        PreferenceDialog dialog = new PreferenceDialog(shell, manager);
        if (dialog.open() == Window.OK) {
            prefs.save();
            AnalysisService analysis = ctx.get(AnalysisService.class);
            if (analysis != null) {
                analysis.refresh();
            }
        }
    }

    public static void about(Shell shell, IEclipseContext ctx) {
        new AboutDialog(shell, ctx.get(UiResources.class)).open();
    }

    /**
     * Undo as Ctrl+Z and the Edit menu mean it: in a text widget with the focus (expression,
     * rename cell, search field) the typing is undone; elsewhere the last project edit.
     */
    public static void undoInFocus(org.eclipse.swt.widgets.Display display, IEclipseContext ctx) {
        if (TextUndo.focusIsText(display)) {
            TextUndo history = TextUndo.forFocus(display);
            if (history != null) {
                history.undo();
            }
            return;
        }
        undo(ctx);
    }

    /** Redo as Ctrl+Y means it; see {@link #undoInFocus}. */
    public static void redoInFocus(org.eclipse.swt.widgets.Display display, IEclipseContext ctx) {
        if (TextUndo.focusIsText(display)) {
            TextUndo history = TextUndo.forFocus(display);
            if (history != null) {
                history.redo();
            }
            return;
        }
        redo(ctx);
    }

    public static void undo(IEclipseContext ctx) {
        ProjectDocument d = session(ctx).document();
        if (d != null) {
            d.undo();
        }
    }

    public static void redo(IEclipseContext ctx) {
        ProjectDocument d = session(ctx).document();
        if (d != null) {
            d.redo();
        }
    }
}
