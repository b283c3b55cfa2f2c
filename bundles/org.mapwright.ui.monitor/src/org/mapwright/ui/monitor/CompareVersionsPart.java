package org.mapwright.ui.monitor;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ScrollBar;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.mapwright.core.Project;
import org.mapwright.core.io.ProjectIO;
import org.mapwright.drift.ProjectChange;
import org.mapwright.drift.ProjectDiff;
import org.mapwright.drift.ProjectDiffer;
import org.mapwright.ui.jobs.Background;
import org.mapwright.internal.ui.monitor.ProjectVersions;
import org.mapwright.ui.model.ProjectDocument;
import org.mapwright.ui.model.WorkbenchSession;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * The Compare Versions view: the open project (as edited, saved or not) beside another version of
 * it — a project folder, a {@code mapwright.json} file, or the project file as committed at git
 * {@code HEAD} — compared by meaning as {@code mapwright diff} does ({@link ProjectDiffer}):
 * fields and mappings matched by stable id, so a rename shows as a rename. The left pane holds the
 * other version's side of each change, the right pane the open project's; rows line up and scroll
 * together. The comparison follows every edit of the open project.
 */
public final class CompareVersionsPart {

    private static final Color ADDED = new Color(220, 242, 220);
    private static final Color REMOVED = new Color(250, 222, 222);
    private static final Color CHANGED = new Color(255, 244, 204);

    private final WorkbenchSession session;
    private final WorkbenchSession.Listener listener = new WorkbenchSession.Listener() {
        @Override
        public void documentChanged(ProjectDocument now) {
            other = null;
            otherName = null;
            diff();
        }

        @Override
        public void projectChanged(ProjectDocument document, ProjectDocument.Change change) {
            diff();
        }
    };

    private Background loader;
    private Label status;
    private Label leftTitle;
    private Table left;
    private Table right;
    private Project other;
    private String otherName;
    private ProjectDiff diff;
    private boolean syncing;

    @Inject
    public CompareVersionsPart(WorkbenchSession session) {
        this.session = session;
    }

    @PostConstruct
    public void create(Composite parent) {
        loader = new Background(parent.getDisplay(), "Compare versions");
        parent.setLayout(new GridLayout(1, false));
        Composite bar = new Composite(parent, SWT.NONE);
        bar.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        GridLayout bl = new GridLayout(4, false);
        bl.marginWidth = 0;
        bl.marginHeight = 0;
        bar.setLayout(bl);
        status = new Label(bar, SWT.NONE);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        Button git = new Button(bar, SWT.PUSH);
        git.setText("With Git HEAD");
        git.setToolTipText("Compare with the project file as last committed (git show HEAD:mapwright.json)");
        git.addListener(SWT.Selection, e -> compareWithGitHead());
        Button file = new Button(bar, SWT.PUSH);
        file.setText("With File...");
        file.addListener(SWT.Selection, e -> {
            FileDialog d = new FileDialog(parent.getShell(), SWT.OPEN);
            d.setText("Compare with a Project File");
            d.setFilterExtensions(new String[] {"*.json", "*"});
            String chosen = d.open();
            if (chosen != null) {
                compareWith(Path.of(chosen));
            }
        });
        Button folder = new Button(bar, SWT.PUSH);
        folder.setText("With Folder...");
        folder.addListener(SWT.Selection, e -> {
            DirectoryDialog d = new DirectoryDialog(parent.getShell());
            d.setText("Compare with a Project Folder");
            String chosen = d.open();
            if (chosen != null) {
                compareWith(Path.of(chosen));
            }
        });

        SashForm sash = new SashForm(parent, SWT.HORIZONTAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        left = pane(sash, true);
        right = pane(sash, false);
        sash.setWeights(50, 50);
        sync(left, right);
        sync(right, left);
        session.addListener(listener);
        diff();
    }

    private Table pane(Composite parent, boolean isLeft) {
        Composite c = new Composite(parent, SWT.NONE);
        GridLayout l = new GridLayout(1, false);
        l.marginWidth = 0;
        l.marginHeight = 0;
        c.setLayout(l);
        Label title = new Label(c, SWT.NONE);
        title.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        title.setText(isLeft ? "Other version" : "Open project");
        if (isLeft) {
            leftTitle = title;
        }
        Table t = new Table(c, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        t.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        t.setHeaderVisible(true);
        t.setLinesVisible(true);
        String[] titles = isLeft ? new String[] {"Where", "What", "Before"} : new String[] {"Change", "After"};
        int[] widths = isLeft ? new int[] {150, 200, 260} : new int[] {90, 320};
        for (int i = 0; i < titles.length; i++) {
            TableColumn col = new TableColumn(t, SWT.LEFT);
            col.setText(titles[i]);
            col.setWidth(widths[i]);
        }
        return t;
    }

    /** Keeps the rows of both panes side by side: the same selection and the same top row. */
    private void sync(Table from, Table to) {
        from.addListener(SWT.Selection, e -> {
            if (!syncing) {
                syncing = true;
                to.setSelection(from.getSelectionIndex());
                to.setTopIndex(from.getTopIndex());
                syncing = false;
            }
        });
        ScrollBar bar = from.getVerticalBar();
        if (bar != null) {
            bar.addListener(SWT.Selection, e -> {
                if (!syncing) {
                    syncing = true;
                    to.setTopIndex(from.getTopIndex());
                    syncing = false;
                }
            });
        }
    }

    @PreDestroy
    public void dispose() {
        session.removeListener(listener);
        if (loader != null) {
            loader.cancel();
        }
    }

    /** Compares the open project with the one in a folder or {@code mapwright.json} file, read in the background. */
    public void compareWith(Path folderOrFile) {
        ProjectIO io = session.io();
        load("'" + folderOrFile + "'", () -> ProjectVersions.read(io, folderOrFile));
    }

    /** Compares the open project with its file as committed at git {@code HEAD}, read in the background. */
    public void compareWithGitHead() {
        ProjectDocument d = session.document();
        if (d == null) {
            setStatus("No project is open.");
            return;
        }
        Path file = d.file();
        ProjectIO io = session.io();
        load("git HEAD of " + file.getFileName(), () -> ProjectVersions.readGitHead(io, file));
    }

    private interface Reader {
        Project read() throws Exception;
    }

    private void load(String name, Reader reader) {
        setStatus("Reading " + name + "...");
        loader.run("read " + name, monitor -> reader.read(), p -> {
            other = p;
            otherName = name;
            diff();
        }, message -> setStatus("Cannot read " + name + ": " + message));
    }

    private void diff() {
        if (left == null || left.isDisposed()) {
            return;
        }
        left.removeAll();
        right.removeAll();
        Project current = session.project();
        leftTitle.setText(otherName == null ? "Other version" : "Other version: " + otherName);
        if (current == null || other == null) {
            diff = null;
            setStatus(current == null ? "No project is open." : "Choose a version to compare the open project with.");
            return;
        }
        diff = new ProjectDiffer().diff(other, current);
        List<ProjectChange> changes = diff.changes();
        for (ProjectChange c : changes) {
            TableItem l = new TableItem(left, SWT.NONE);
            TableItem r = new TableItem(right, SWT.NONE);
            l.setData(c);
            r.setData(c);
            l.setText(new String[] {c.scope(), c.subject(), c.before() == null ? "" : c.before()});
            r.setText(new String[] {c.kind().id(), c.after() == null ? "" : c.after()});
            Color bg = c.kind() == ProjectChange.Kind.ADDED ? ADDED : c.kind() == ProjectChange.Kind.REMOVED ? REMOVED : CHANGED;
            if (c.kind() != ProjectChange.Kind.ADDED) {
                l.setBackground(2, bg);
            }
            if (c.kind() != ProjectChange.Kind.REMOVED) {
                r.setBackground(1, bg);
            }
        }
        setStatus(diff.equal() ? "The open project means the same as " + otherName + "."
                : changes.size() + (changes.size() == 1 ? " difference" : " differences") + " between " + otherName
                        + " (left) and the open project (right)" + (session.document().isDirty() ? ", unsaved edits included." : "."));
    }

    private void setStatus(String text) {
        status.setText(text);
        status.getParent().layout();
    }

    /** @return whether a version is still being read */
    public boolean isLoading() {
        return loader.busy();
    }

    /** @return the current comparison, or null without another version */
    public ProjectDiff diffShown() {
        return diff;
    }

    public String status() {
        return status.getText();
    }

    public Table left() {
        return left;
    }

    public Table right() {
        return right;
    }
}
