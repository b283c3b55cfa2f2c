package org.mapwright.ui.sources.wizards;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.eclipse.jface.wizard.Wizard;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.widgets.Display;
import org.mapwright.core.Ids;
import org.mapwright.core.Project;
import org.mapwright.core.Schema;
import org.mapwright.core.Settings;
import org.mapwright.core.SourceDef;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.CredentialStore;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.Inspection;
import org.mapwright.core.connector.Limits;
import org.mapwright.core.connector.ProgressMonitor;
import org.mapwright.core.connector.SourceConnector;
import org.mapwright.ui.jobs.Background;
import org.mapwright.ui.model.ProjectEdits;
import org.mapwright.ui.model.WorkbenchSession;
import org.mapwright.ui.wizards.SourceNames;

/**
 * What the add-source wizards share: the project they add to, the source id chosen up front (so
 * a credential key can name it before finishing), background work as cancellable jobs, the last
 * {@link FieldsPage} with the inferred structure, and finishing as one undoable command through
 * the document's command stack, exactly like the CSV wizard of {@code org.mapwright.ui}.
 */
public abstract class SourceWizard extends Wizard {

    private final WorkbenchSession session;
    private final SourceConnector connector;
    private final Ids ids;
    private final Path projectFolder;
    private final String sourceId;
    private final Background work;
    private FieldsPage fieldsPage;
    private SourceDef added;

    protected SourceWizard(WorkbenchSession session, SourceConnector connector, Ids ids, String title) {
        if (session.document() == null) {
            throw new IllegalStateException("no project is open");
        }
        this.session = session;
        this.connector = connector;
        this.ids = ids;
        this.projectFolder = session.document().folder();
        Set<String> taken = new HashSet<>();
        session.project().sources().forEach(s -> taken.add(s.id()));
        this.sourceId = ids.nextUnique("src", taken);
        this.work = new Background(Display.getCurrent(), title);
        setWindowTitle(title);
        setNeedsProgressMonitor(false);
    }

    /** Adds the kind's own pages; the fields page follows them. */
    protected abstract void addSourcePages();

    /** @return the settings the pages describe, or null while incomplete */
    protected abstract Settings settings();

    /** @return the source name the user chose */
    protected abstract String sourceName();

    /** @return the page that shows the name, for errors found on finishing */
    protected abstract WizardPage namePage();

    @Override
    public final void addPages() {
        addSourcePages();
        fieldsPage = new FieldsPage(this);
        addPage(fieldsPage);
    }

    public FieldsPage fieldsPage() {
        return fieldsPage;
    }

    /** @return the source added by finishing, or null */
    public SourceDef addedSource() {
        return added;
    }

    /** @return the id the new source gets */
    public String sourceId() {
        return sourceId;
    }

    public Path projectFolder() {
        return projectFolder;
    }

    protected Project project() {
        return session.project();
    }

    protected SourceConnector connector() {
        return connector;
    }

    /** @return the lane of background work of this wizard's pages (one request at a time per page is enough) */
    Background background() {
        return work;
    }

    /** @return secrets available while the wizard runs; the JDBC wizard adds the typed password */
    protected CredentialStore credentials() {
        return CredentialStore.NONE;
    }

    /** @return the context connectors get: the project folder and {@link #credentials()} */
    public ConnectorContext context() {
        return new ConnectorContext(projectFolder, credentials(), Limits.DEFAULTS);
    }

    /** Inspects the source with the final settings (called off the UI thread by the fields page). */
    protected Inspection inspect(Settings settings, ProgressMonitor monitor) throws DataException {
        return connector.inspect(context(), settings, org.mapwright.core.connector.InspectOptions.DEFAULTS, monitor);
    }

    /**
     * Runs just before the source is added (on the UI thread), e.g. to store a password.
     *
     * @return an error message for the user, or null to go on
     */
    protected String beforeAdd(SourceDef source) {
        return null;
    }

    @Override
    public boolean canFinish() {
        return fieldsPage != null && fieldsPage.isPageComplete() && (getContainer() == null || getContainer().getCurrentPage() == fieldsPage);
    }

    @Override
    public boolean performFinish() {
        Schema schema = fieldsPage.schema();
        Settings settings = fieldsPage.settings();
        if (schema == null || settings == null) {
            return false;
        }
        SourceDef source = new SourceDef(sourceId, sourceName(), connector.kind(), settings, schema);
        String problem = beforeAdd(source);
        if (problem != null) {
            fieldsPage.setErrorMessage(problem);
            return false;
        }
        try {
            if (fieldsPage.createMapping()) {
                session.execute("Add source " + source.name() + " with a mapping", ProjectEdits.addSourceWithMapping(source, ids));
                Project p = session.project();
                session.setActiveMapping(p.mappings().get(p.mappings().size() - 1).id());
            } else {
                session.execute("Add source " + source.name(), ProjectEdits.addSource(source));
            }
        } catch (IllegalArgumentException e) {
            namePage().setErrorMessage(e.getMessage());
            getContainer().showPage(namePage());
            return false;
        }
        added = source;
        return true;
    }

    @Override
    public void dispose() {
        work.cancel();
        if (fieldsPage != null) {
            fieldsPage.cancel();
        }
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

    /** @return the typed path resolved against the project folder, or null when it is not a path */
    Path resolve(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return null;
        }
        try {
            Path p = Path.of(t);
            return p.isAbsolute() ? p : projectFolder.resolve(p);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    static boolean readable(Path p) {
        return p != null && Files.isRegularFile(p) && Files.isReadable(p);
    }

    /** @return a source name from a file or table name: letters, digits and underscores, unique in the project */
    String defaultName(String base) {
        return SourceNames.defaultName(session.project(), base);
    }

    /** @return an error for a source name, or null when it is usable */
    String nameProblem(String name) {
        return SourceNames.problem(session.project(), name);
    }
}
