package org.mapwright.ui.wizards;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.jface.wizard.Wizard;
import org.eclipse.swt.widgets.Display;
import org.mapwright.core.Field;
import org.mapwright.core.Ids;
import org.mapwright.core.Project;
import org.mapwright.core.Schema;
import org.mapwright.core.Settings;
import org.mapwright.core.SourceDef;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.InspectOptions;
import org.mapwright.core.connector.Inspection;
import org.mapwright.core.connector.ProgressMonitor;
import org.mapwright.core.connector.RecordReader;
import org.mapwright.core.connector.SourceConnector;
import org.mapwright.internal.ui.UiResources;
import org.mapwright.ui.model.ProjectEdits;
import org.mapwright.ui.model.WorkbenchSession;

/**
 * Adds a CSV file as a source: page one picks the file and shows its first rows live while the
 * user adjusts delimiter, quote, header and encoding (defaults sniffed by the connector's
 * {@code inspect}); page two shows the inferred columns with editable types. Finishing adds the
 * {@link SourceDef} (and, when asked, a mapping from it) as one undoable command. Reading happens
 * on a worker thread; only results reach the UI thread.
 */
public final class AddCsvSourceWizard extends Wizard {

    /** Rows shown in the live preview. */
    static final int PREVIEW_ROWS = 20;

    /**
     * The raw preview of a file with given settings.
     *
     * @param columns column names (header or column_1..n)
     * @param rows    first records, values as text (null for null)
     * @param errors  bad records met, as "line N: reason"
     * @param failure why the file cannot be read with these settings, or null
     */
    record RawPreview(List<String> columns, List<String[]> rows, List<String> errors, String failure) {
    }

    private final WorkbenchSession session;
    private final SourceConnector connector;
    private final UiResources res;
    private final Path projectFolder;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "mapwright-csv-wizard");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong previewGeneration = new AtomicLong();
    private final AtomicLong inspectGeneration = new AtomicLong();
    private final Ids ids;
    private CsvFilePage filePage;
    private CsvColumnsPage columnsPage;
    private SourceDef added;

    /**
     * @param session   the session whose open project gets the source
     * @param connector the CSV source connector
     * @param ids       id generator (seeded in tests)
     */
    public AddCsvSourceWizard(WorkbenchSession session, SourceConnector connector, UiResources res, Ids ids) {
        this.session = session;
        this.connector = connector;
        this.res = res;
        this.ids = ids;
        this.projectFolder = session.document().folder();
        setWindowTitle("Add CSV Source");
        setNeedsProgressMonitor(false);
    }

    @Override
    public void addPages() {
        filePage = new CsvFilePage(this);
        columnsPage = new CsvColumnsPage(this);
        addPage(filePage);
        addPage(columnsPage);
    }

    public CsvFilePage filePage() {
        return filePage;
    }

    public CsvColumnsPage columnsPage() {
        return columnsPage;
    }

    UiResources resources() {
        return res;
    }

    /** @return the source added by finishing, or null */
    public SourceDef addedSource() {
        return added;
    }

    Path projectFolder() {
        return projectFolder;
    }

    Project project() {
        return session.project();
    }

    @Override
    public boolean canFinish() {
        return filePage != null && filePage.isPageComplete() && columnsPage.isPageComplete();
    }

    @Override
    public boolean performFinish() {
        Settings settings = filePage.settings();
        Schema schema = columnsPage.schema();
        if (settings == null || schema == null) {
            return false;
        }
        Project p = session.project();
        Set<String> taken = new HashSet<>();
        p.sources().forEach(s -> taken.add(s.id()));
        SourceDef source = new SourceDef(ids.nextUnique("src", taken), filePage.sourceName(), connector.kind(), settings, schema);
        try {
            if (columnsPage.createMapping()) {
                session.execute("Add source " + source.name() + " with a mapping", ProjectEdits.addSourceWithMapping(source, ids));
                p = session.project();
                session.setActiveMapping(p.mappings().get(p.mappings().size() - 1).id());
            } else {
                session.execute("Add source " + source.name(), ProjectEdits.addSource(source));
            }
        } catch (IllegalArgumentException e) {
            filePage.setErrorMessage(e.getMessage());
            getContainer().showPage(filePage);
            return false;
        }
        added = source;
        return true;
    }

    @Override
    public void dispose() {
        worker.shutdownNow();
        super.dispose();
    }

    /** @return the path as stored in settings: relative to the project folder when inside it */
    String storedPath(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        if (abs.startsWith(projectFolder)) {
            return projectFolder.relativize(abs).toString().replace('\\', '/');
        }
        return abs.toString();
    }

    /** Reads the first rows with the settings on the worker thread; the newest request wins. */
    void preview(Settings settings, java.util.function.Consumer<RawPreview> onUi) {
        long gen = previewGeneration.incrementAndGet();
        Display display = Display.getCurrent();
        worker.submit(() -> {
            if (gen != previewGeneration.get()) {
                return;
            }
            RawPreview p = readRaw(settings);
            display.asyncExec(() -> {
                if (gen == previewGeneration.get()) {
                    onUi.accept(p);
                }
            });
        });
    }

    /** Inspects with the settings on the worker thread; the newest request wins. */
    void inspect(Settings settings, java.util.function.Consumer<Inspection> onUi, java.util.function.Consumer<String> onError) {
        long gen = inspectGeneration.incrementAndGet();
        Display display = Display.getCurrent();
        worker.submit(() -> {
            if (gen != inspectGeneration.get()) {
                return;
            }
            Inspection in = null;
            String err = null;
            try {
                in = connector.inspect(ConnectorContext.of(projectFolder), settings, InspectOptions.DEFAULTS, ProgressMonitor.NONE);
            } catch (DataException e) {
                err = e.getMessage();
            } catch (RuntimeException e) {
                err = "cannot inspect the file: " + e;
            }
            Inspection result = in;
            String error = err;
            display.asyncExec(() -> {
                if (gen == inspectGeneration.get()) {
                    if (result != null) {
                        onUi.accept(result);
                    } else {
                        onError.accept(error);
                    }
                }
            });
        });
    }

    private RawPreview readRaw(Settings settings) {
        List<String[]> rows = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        try (RecordReader reader = connector.open(ConnectorContext.of(projectFolder), settings, Schema.empty())) {
            List<String> columns = reader.schema().fields().stream().map(Field::name).toList();
            int attempts = 0;
            while (rows.size() < PREVIEW_ROWS && attempts++ < PREVIEW_ROWS * 3) {
                Object[] r;
                try {
                    r = reader.next();
                } catch (DataException e) {
                    if (!e.recoverable()) {
                        return new RawPreview(columns, rows, errors, e.getMessage());
                    }
                    errors.add(e.getMessage());
                    continue;
                }
                if (r == null) {
                    break;
                }
                String[] text = new String[r.length];
                for (int i = 0; i < r.length; i++) {
                    text[i] = r[i] == null ? null : String.valueOf(r[i]);
                }
                rows.add(text);
            }
            return new RawPreview(columns, rows, errors, null);
        } catch (DataException e) {
            return new RawPreview(List.of(), List.of(), List.of(), e.getMessage());
        } catch (java.io.IOException | RuntimeException e) {
            return new RawPreview(List.of(), List.of(), List.of(), "cannot read the file: " + e.getMessage());
        }
    }

    /** @return a source name from a file name: letters, digits and underscores, unique in the project */
    String defaultName(Path file) {
        return SourceNames.defaultName(session.project(), file.getFileName().toString());
    }

    static boolean readable(Path p) {
        return p != null && Files.isRegularFile(p) && Files.isReadable(p);
    }
}
