package org.mapwright.ui.monitor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeColumn;
import org.eclipse.swt.widgets.TreeItem;
import org.mapwright.core.Project;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.CredentialStore;
import org.mapwright.drift.DriftAnalyzer;
import org.mapwright.drift.DriftReport;
import org.mapwright.drift.ExpressionEdit;
import org.mapwright.drift.FieldChange;
import org.mapwright.drift.Impact;
import org.mapwright.drift.RebaseProposal;
import org.mapwright.drift.RebaseResult;
import org.mapwright.drift.SourceDrift;
import org.mapwright.drift.UnmappedField;
import org.mapwright.ui.jobs.Background;
import org.mapwright.ui.model.ProjectDocument;
import org.mapwright.ui.model.WorkbenchSession;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * The Schema Drift view: re-inspects the open project's sources (when a project opens and on
 * Check Now, in a background job) and shows per source the structural changes, what they break
 * in the mappings (found by compiling, see {@link DriftAnalyzer}) and the new fields nothing
 * maps. Renames and moves come as rebase proposals, each with its confidence and reasons and the
 * expressions it rewrites; the user ticks the ones to accept (those of 80 % confidence or more
 * start ticked) and Apply Rebase edits the project as one undoable command. Nothing changes
 * until then.
 */
public final class DriftPart {

    /** Proposals at least this sure start accepted; the user decides every one. */
    public static final double PRESELECT_CONFIDENCE = 0.8;

    private final WorkbenchSession session;
    private final CredentialStore credentials;
    private final WorkbenchSession.Listener listener = new WorkbenchSession.Listener() {
        @Override
        public void documentChanged(ProjectDocument now) {
            check();
        }

        @Override
        public void projectChanged(ProjectDocument document, ProjectDocument.Change change) {
            if (report != null && checked != change.after()) {
                setStale();
            }
        }
    };

    private Background loader;
    private Label status;
    private Tree changes;
    private Table proposals;
    private Button apply;
    private DriftReport report;
    private Project checked;
    private boolean stale;

    private final MPart part;
    private final String label;

    /**
     * @param part the view in the application model, whose tab is marked while drift breaks a
     *             mapping; null outside a workbench
     */
    @Inject
    public DriftPart(WorkbenchSession session, @Optional CredentialStore credentials, @Optional MPart part) {
        this.session = session;
        this.credentials = credentials;
        this.part = part;
        this.label = part == null || part.getLabel() == null ? "Schema Drift" : part.getLabel();
    }

    @PostConstruct
    public void create(Composite parent) {
        loader = new Background(parent.getDisplay(), "Schema drift");
        parent.setLayout(new GridLayout(1, false));
        Composite bar = new Composite(parent, SWT.NONE);
        bar.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        GridLayout bl = new GridLayout(3, false);
        bl.marginWidth = 0;
        bl.marginHeight = 0;
        bar.setLayout(bl);
        status = new Label(bar, SWT.WRAP);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        Button check = new Button(bar, SWT.PUSH);
        check.setText("Check Now");
        check.setToolTipText("Inspect the sources again and compare them with the structure the project was mapped against");
        check.addListener(SWT.Selection, e -> check());
        apply = new Button(bar, SWT.PUSH);
        apply.setText("Apply Rebase");
        apply.setToolTipText("Re-bind the ticked renames and moves and take the sources' new structure (undoable)");
        apply.addListener(SWT.Selection, e -> applyRebase());
        apply.setEnabled(false);

        SashForm sash = new SashForm(parent, SWT.HORIZONTAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        changes = new Tree(sash, SWT.BORDER | SWT.FULL_SELECTION);
        changes.setHeaderVisible(true);
        column(changes, "Change", 230);
        column(changes, "Detail", 520);
        Composite right = new Composite(sash, SWT.NONE);
        GridLayout rl = new GridLayout(1, false);
        rl.marginWidth = 0;
        rl.marginHeight = 0;
        right.setLayout(rl);
        Label title = new Label(right, SWT.NONE);
        title.setText("Rebase proposals: tick the re-bindings to accept");
        proposals = new Table(right, SWT.BORDER | SWT.CHECK | SWT.FULL_SELECTION);
        proposals.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        proposals.setHeaderVisible(true);
        proposals.setLinesVisible(true);
        String[] titles = {"Field", "Becomes", "Confidence", "Reasons", "Rewrites"};
        int[] widths = {160, 160, 80, 320, 260};
        for (int i = 0; i < titles.length; i++) {
            TableColumn c = new TableColumn(proposals, i == 2 ? SWT.RIGHT : SWT.LEFT);
            c.setText(titles[i]);
            c.setWidth(widths[i]);
        }
        sash.setWeights(50, 50);
        session.addListener(listener);
        check();
    }

    private static void column(Tree tree, String text, int width) {
        TreeColumn c = new TreeColumn(tree, SWT.LEFT);
        c.setText(text);
        c.setWidth(width);
    }

    @PreDestroy
    public void dispose() {
        session.removeListener(listener);
        if (loader != null) {
            loader.cancel();
        }
    }

    /** Inspects the open project's sources again, in the background. */
    public void check() {
        if (status == null || status.isDisposed()) {
            return;
        }
        ProjectDocument d = session.document();
        report = null;
        checked = null;
        stale = false;
        changes.removeAll();
        proposals.removeAll();
        apply.setEnabled(false);
        if (d == null) {
            setStatus("No project is open.");
            return;
        }
        Project project = d.project();
        ConnectorContext context = new ConnectorContext(d.folder(), credentials, null);
        DriftAnalyzer analyzer = new DriftAnalyzer(session.engine());
        setStatus("Inspecting the sources of '" + project.name() + "'...");
        loader.run("check " + project.name(), monitor -> analyzer.check(project, context, monitor), r -> show(project, r),
                message -> setStatus("Cannot check drift: " + message));
    }

    private void show(Project project, DriftReport r) {
        if (status.isDisposed()) {
            return;
        }
        report = r;
        checked = project;
        stale = session.project() != project;
        changes.removeAll();
        proposals.removeAll();
        int changeCount = 0;
        int broken = 0;
        List<TreeItem> expand = new ArrayList<>();
        for (SourceDrift s : r.sources()) {
            TreeItem si = new TreeItem(changes, SWT.NONE);
            si.setData(s);
            if (s.error() != null) {
                si.setText(new String[] {"Source " + s.source().name(), "cannot be inspected: " + s.error()});
                continue;
            }
            si.setText(new String[] {"Source " + s.source().name(), !s.drifted() ? "unchanged"
                    : s.changes().size() + (s.changes().size() == 1 ? " change" : " changes") + (s.breaking() ? ", breaks mappings" : "")});
            changeCount += s.changes().size();
            for (FieldChange c : s.changes()) {
                TreeItem ci = new TreeItem(si, SWT.NONE);
                ci.setData(c);
                ci.setText(new String[] {c.kind().id() + " " + (c.oldPath() != null ? c.oldPath() : c.newPath()), describe(c)});
            }
            if (!s.impacts().isEmpty()) {
                TreeItem ii = new TreeItem(si, SWT.NONE);
                ii.setText(new String[] {"Impact on mappings", s.impacts().size() + (s.impacts().size() == 1 ? " element" : " elements")});
                for (Impact i : s.impacts()) {
                    TreeItem x = new TreeItem(ii, SWT.NONE);
                    x.setData(i);
                    x.setText(new String[] {(i.breaking() ? "broken: " : "") + (i.mappingName() != null ? i.mappingName() + " / " : "")
                            + i.label(), i.message() + (i.expression() != null ? "  [" + i.expression() + "]" : "")});
                    if (i.breaking()) {
                        broken++;
                        x.setForeground(changes.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
                    }
                }
                expand.add(ii);
            }
            if (!s.unmapped().isEmpty()) {
                TreeItem ui = new TreeItem(si, SWT.NONE);
                ui.setText(new String[] {"New fields not mapped", Integer.toString(s.unmapped().size())});
                for (UnmappedField u : s.unmapped()) {
                    new TreeItem(ui, SWT.NONE).setText(new String[] {u.path(), "in " + u.mappingName()
                            + (u.targetPath() != null ? "; target field " + u.targetPath() + " has the same name" : "")});
                }
                expand.add(ui);
            }
            expand.add(0, si);
        }
        for (TreeItem item : expand) {
            item.setExpanded(true);
        }
        for (RebaseProposal p : r.proposals()) {
            TableItem item = new TableItem(proposals, SWT.NONE);
            item.setData(p);
            List<String> rewrites = new ArrayList<>();
            for (ExpressionEdit e : p.edits()) {
                rewrites.add(e.mappingName() + " " + e.label() + ": " + e.before() + " \u2192 " + e.after());
            }
            item.setText(new String[] {p.sourceName() + "." + p.change().oldPath(), p.change().newPath(),
                    String.format(Locale.ROOT, "%.0f %%", 100 * p.confidence()), String.join("; ", p.change().reasons()),
                    rewrites.isEmpty() ? "none" : String.join("; ", rewrites)});
            item.setChecked(p.confidence() >= PRESELECT_CONFIDENCE);
        }
        apply.setEnabled(r.drifted() && !stale);
        mark(broken);
        if (stale) {
            setStatus("The project changed during the check; check again before rebasing.");
        } else if (!r.drifted()) {
            setStatus("No drift: every source of '" + project.name() + "' still has the structure it was mapped against.");
        } else {
            setStatus(changeCount + (changeCount == 1 ? " structural change" : " structural changes") + ", " + broken
                    + (broken == 1 ? " broken element" : " broken elements") + ", " + r.proposals().size()
                    + (r.proposals().size() == 1 ? " rebase proposal." : " rebase proposals."));
        }
    }

    private static String describe(FieldChange c) {
        StringBuilder b = new StringBuilder(c.describe());
        if (c.isMatch()) {
            b.append(String.format(Locale.ROOT, " (%.0f %% sure)", 100 * c.confidence()));
        }
        return b.toString();
    }

    private void setStale() {
        stale = true;
        apply.setEnabled(false);
        setStatus("The project changed since the check; check again before rebasing.");
    }

    /**
     * Rebases the project on the ticked proposals as one undoable edit of the document.
     *
     * @return whether the project changed
     */
    public boolean applyRebase() {
        ProjectDocument d = session.document();
        if (report == null || stale || d == null || d.project() != checked) {
            setStale();
            return false;
        }
        Set<String> accepted = new HashSet<>();
        for (TableItem item : proposals.getItems()) {
            if (item.getChecked()) {
                accepted.add(((RebaseProposal) item.getData()).id());
            }
        }
        RebaseResult result = new DriftAnalyzer(session.engine()).rebase(checked, report, p -> accepted.contains(p.id()));
        Project base = checked;
        boolean changed = session.execute("Rebase on source drift", current -> {
            if (current != base) {
                throw new IllegalArgumentException("The project changed since the drift check; check again.");
            }
            return result.project();
        });
        long errors = result.problems().stream().filter(p -> p.isError()).count();
        setStatus("Rebased: " + result.accepted().size() + " accepted, " + result.rejected().size() + " rejected, "
                + result.edits().size() + (result.edits().size() == 1 ? " expression rewritten" : " expressions rewritten")
                + (errors > 0 ? "; " + errors + " problems remain (see Problems)" : "") + ". Undo reverts it.");
        report = null;
        proposals.removeAll();
        apply.setEnabled(false);
        mark(0);
        return changed;
    }

    /** Marks the view's tab with the number of broken elements, so drift found on project open is seen. */
    private void mark(int broken) {
        if (part != null) {
            part.setLabel(broken == 0 ? label : label + " (" + broken + " broken)");
        }
    }

    private void setStatus(String text) {
        status.setText(text);
        status.getParent().layout();
    }

    /** @return whether a check has not delivered yet */
    public boolean isChecking() {
        return loader.busy();
    }

    /** @return the last check's report, or null before one or after a rebase */
    public DriftReport report() {
        return report;
    }

    public String status() {
        return status.getText();
    }

    public Tree changes() {
        return changes;
    }

    public Table proposals() {
        return proposals;
    }

    public Button applyButton() {
        return apply;
    }
}
