package org.mapwright.ui.monitor;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.IJobChangeListener;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.RGB;
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
import org.mapwright.core.connector.CredentialStore;
import org.mapwright.engine.Reject;
import org.mapwright.engine.RunReport;
import org.mapwright.ui.jobs.Background;
import org.mapwright.internal.ui.monitor.HistoryStores;
import org.mapwright.monitor.history.HistoryOverview;
import org.mapwright.monitor.history.HistoryStore;
import org.mapwright.monitor.history.ProjectVersion;
import org.mapwright.monitor.history.Retention;
import org.mapwright.monitor.history.RuleSeries;
import org.mapwright.monitor.history.RunDetails;
import org.mapwright.monitor.history.RunSummary;
import org.mapwright.ui.charts.Chart;
import org.mapwright.ui.charts.ChartSeries;
import org.mapwright.ui.model.ProjectDocument;
import org.mapwright.ui.model.WorkbenchSession;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * The Run History view: the open project's recorded runs (from the project's own store, or a
 * store the user names) as a table and three charts — rows and rejects per run, the pass rate of
 * every quality rule, and duration against throughput — and the details of the selected run: per
 * mapping its rows, rule violations, warnings and first rejects. Reading happens in a background
 * job; the view reloads when another project opens, when a run (any user job) finishes, and on
 * Refresh.
 */
public final class RunHistoryPart {

    /** How many of the newest runs the view shows. */
    public static final int LIMIT = 200;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final RGB READ = new RGB(66, 133, 244);
    private static final RGB WRITTEN = new RGB(52, 168, 83);
    private static final RGB REJECTED = new RGB(219, 68, 55);
    private static final RGB FILTERED = new RGB(158, 158, 158);
    private static final RGB DURATION = new RGB(121, 85, 172);
    private static final RGB THROUGHPUT = new RGB(255, 143, 0);
    private static final RGB[] PALETTE = {new RGB(0, 121, 107), new RGB(194, 24, 91), new RGB(25, 118, 210), new RGB(245, 124, 0),
            new RGB(104, 159, 56), new RGB(93, 64, 55), new RGB(123, 31, 162), new RGB(0, 151, 167)};

    private final WorkbenchSession session;
    private final CredentialStore credentials;
    private final WorkbenchSession.Listener listener = new WorkbenchSession.Listener() {
        @Override
        public void documentChanged(ProjectDocument now) {
            refresh();
        }
    };
    private final IJobChangeListener jobs = new JobChangeAdapter() {
        @Override
        public void done(IJobChangeEvent event) {
            if (event.getJob().isUser() && table != null && !table.isDisposed()) {
                table.getDisplay().asyncExec(() -> {
                    if (!table.isDisposed()) {
                        refresh();
                    }
                });
            }
        }
    };

    private Background loader;
    private Background detailLoader;
    private Label status;
    private Table table;
    private Chart rowsChart;
    private Chart rulesChart;
    private Chart durationChart;
    private Tree details;
    private String storeSettings;
    private long shownRun = -1;
    private HistoryOverview overview;
    private List<RunSummary> trend = List.of();

    @Inject
    public RunHistoryPart(WorkbenchSession session, @Optional CredentialStore credentials) {
        this.session = session;
        this.credentials = credentials;
    }

    @PostConstruct
    public void create(Composite parent) {
        loader = new Background(parent.getDisplay(), "Run history");
        detailLoader = new Background(parent.getDisplay(), "Run details");
        parent.setLayout(new GridLayout(1, false));
        Composite bar = new Composite(parent, SWT.NONE);
        bar.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        GridLayout bl = new GridLayout(4, false);
        bl.marginWidth = 0;
        bl.marginHeight = 0;
        bar.setLayout(bl);
        status = new Label(bar, SWT.NONE);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        Button store = new Button(bar, SWT.PUSH);
        store.setText("History Store...");
        store.setToolTipText("Read the project's own history, or a PostgreSQL or H2 store given by its settings");
        store.addListener(SWT.Selection, e -> askStore());
        Button prune = new Button(bar, SWT.PUSH);
        prune.setText("Prune...");
        prune.setToolTipText("Delete older runs of the project from the store, keeping the newest ones");
        prune.addListener(SWT.Selection, e -> askPrune());
        Button refresh = new Button(bar, SWT.PUSH);
        refresh.setText("Refresh");
        refresh.addListener(SWT.Selection, e -> refresh());

        SashForm main = new SashForm(parent, SWT.VERTICAL);
        main.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        SashForm top = new SashForm(main, SWT.HORIZONTAL);
        table = new Table(top, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        String[] titles = {"Run", "Started", "Status", "Version", "Read", "Written", "Rejected", "Filtered", "Duration", "Rows/s",
                "Warnings"};
        int[] widths = {50, 150, 90, 110, 80, 80, 80, 80, 80, 80, 70};
        for (int i = 0; i < titles.length; i++) {
            TableColumn c = new TableColumn(table, i >= 4 && i != 8 ? SWT.RIGHT : SWT.LEFT);
            c.setText(titles[i]);
            c.setWidth(widths[i]);
        }
        table.addListener(SWT.Selection, e -> showDetails(false));
        details = new Tree(top, SWT.BORDER | SWT.FULL_SELECTION);
        details.setHeaderVisible(true);
        TreeColumn what = new TreeColumn(details, SWT.LEFT);
        what.setText("Run details");
        what.setWidth(260);
        TreeColumn value = new TreeColumn(details, SWT.LEFT);
        value.setText("");
        value.setWidth(320);
        top.setWeights(62, 38);

        Composite charts = new Composite(main, SWT.NONE);
        charts.setLayout(new org.eclipse.swt.layout.FillLayout(SWT.HORIZONTAL));
        rowsChart = chart(charts, "Rows per run", "rows", null);
        rulesChart = chart(charts, "Rule pass rate", "% passed", null);
        rulesChart.setValueFormat(v -> String.format(Locale.ROOT, "%.1f%%", v));
        durationChart = chart(charts, "Duration and throughput", "seconds", "rows/s");
        main.setWeights(40, 60);

        session.addListener(listener);
        Job.getJobManager().addJobChangeListener(jobs);
        refresh();
    }

    private Chart chart(Composite parent, String title, String left, String right) {
        Chart c = new Chart(parent, SWT.BORDER);
        c.setTitle(title);
        c.setAxisLabels("run", left, right);
        c.setEmptyMessage("No runs recorded");
        c.addListener(SWT.Selection, e -> selectTrendIndex(e.index));
        return c;
    }

    @PreDestroy
    public void dispose() {
        session.removeListener(listener);
        Job.getJobManager().removeJobChangeListener(jobs);
        if (loader != null) {
            loader.cancel();
            detailLoader.cancel();
        }
    }

    /** Reads the open project's history again, in the background. */
    public void refresh() {
        if (table == null || table.isDisposed()) {
            return;
        }
        ProjectDocument d = session.document();
        if (d == null) {
            show(null, "No project is open.");
            return;
        }
        String project = d.project().name();
        Path folder = d.folder();
        String settings = storeSettings;
        status.setText("Reading the run history...");
        loader.run("read " + project, monitor -> {
            HistoryStore store = HistoryStores.open(folder, settings, credentials);
            return HistoryOverview.read(store, project, LIMIT);
        }, o -> show(o, null), message -> show(null, message));
    }

    /**
     * Reads another store from now on.
     *
     * @param settings {@code key=value} settings as {@code mapwright history --history-db} takes
     *                 them, or null/blank for the project's own store
     */
    public void useStore(String settings) {
        storeSettings = settings == null || settings.isBlank() ? null : settings.trim();
        refresh();
    }

    private void askStore() {
        InputDialog dialog = new InputDialog(table.getShell(), "Run History Store",
                "Settings of the history store, as key=value separated by spaces, e.g.\n"
                        + "driver=postgresql host=127.0.0.1 port=5432 database=ops user=etl credentialKey=history schema=mapwright\n"
                        + "Leave empty for the project's own store (.mapwright/history). Passwords come from the credential store.",
                storeSettings == null ? "" : storeSettings, text -> {
                    if (text.isBlank()) {
                        return null;
                    }
                    try {
                        HistoryStores.parse(text);
                        return null;
                    } catch (Exception e) {
                        return e.getMessage();
                    }
                });
        if (dialog.open() == IDialogConstants.OK_ID) {
            useStore(dialog.getValue());
        }
    }

    private void askPrune() {
        if (overview == null || overview.totalRuns() == 0) {
            return;
        }
        InputDialog dialog = new InputDialog(table.getShell(), "Prune Run History",
                "Keep how many of the newest runs of '" + overview.project() + "'? The older ones are deleted from " + overview.store()
                        + " with their details; this cannot be undone.",
                Integer.toString(Math.min(50, overview.totalRuns())), text -> {
                    try {
                        return Integer.parseInt(text.trim()) >= 0 ? null : "Give a number of runs, 0 or more.";
                    } catch (NumberFormatException e) {
                        return "Give a number of runs, 0 or more.";
                    }
                });
        if (dialog.open() == IDialogConstants.OK_ID) {
            prune(Retention.last(Integer.parseInt(dialog.getValue().trim())));
        }
    }

    /**
     * Deletes the open project's runs the retention does not keep, in the background, then
     * reloads; the status says how many went.
     */
    public void prune(Retention retention) {
        ProjectDocument d = session.document();
        if (d == null) {
            return;
        }
        String project = d.project().name();
        Path folder = d.folder();
        String settings = storeSettings;
        status.setText("Pruning the run history...");
        loader.run("prune " + project, monitor -> {
            HistoryStore store = HistoryStores.open(folder, settings, credentials);
            int deleted = store.prune(project, retention).size();
            return new Object[] {HistoryOverview.read(store, project, LIMIT), deleted};
        }, result -> {
            show((HistoryOverview) result[0], null);
            int deleted = (Integer) result[1];
            status.setText("Deleted " + deleted + (deleted == 1 ? " run. " : " runs. ") + status.getText());
            status.getParent().layout();
        }, message -> show(null, message));
    }

    private void show(HistoryOverview o, String problem) {
        if (table.isDisposed()) {
            return;
        }
        long selected = selectedRunId();
        overview = o;
        trend = o == null ? List.of() : o.trend();
        table.removeAll();
        details.removeAll();
        shownRun = -1;
        if (o == null) {
            status.setText(problem);
            status.getParent().layout();
            setCharts(List.of());
            return;
        }
        status.setText(o.totalRuns() == 0 ? "No runs of '" + o.project() + "' are recorded in " + o.store() + " yet."
                : o.totalRuns() + (o.totalRuns() == 1 ? " run" : " runs") + " of '" + o.project() + "' in " + o.store()
                        + (o.totalRuns() > o.runs().size() ? " (newest " + o.runs().size() + " shown)" : ""));
        status.getParent().layout();
        for (RunSummary r : o.runs()) {
            TableItem item = new TableItem(table, SWT.NONE);
            item.setData(r);
            item.setText(new String[] {Long.toString(r.id()), TIME.format(r.start().atZone(ZoneId.systemDefault())), r.status().id(),
                    r.projectVersion() == null ? "" : ProjectVersion.shortForm(r.projectVersion()), count(r.rowsRead()),
                    count(r.rowsWritten()), count(r.rowsRejected()), count(r.rowsFiltered()), duration(r.durationMillis()),
                    count(Math.round(r.rowsPerSecond())), Integer.toString(r.warnings())});
            if (r.status() != org.mapwright.engine.RunStatus.SUCCEEDED) {
                item.setForeground(2, table.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
            }
        }
        setCharts(trend);
        if (selected >= 0) {
            selectRun(selected);
            showDetails(true);
        }
    }

    private void setCharts(List<RunSummary> runs) {
        List<String> labels = new ArrayList<>();
        int n = runs.size();
        double[] read = new double[n];
        double[] written = new double[n];
        double[] rejected = new double[n];
        double[] filtered = new double[n];
        double[] seconds = new double[n];
        double[] perSecond = new double[n];
        Map<Long, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) {
            RunSummary r = runs.get(i);
            labels.add("#" + r.id());
            index.put(r.id(), i);
            read[i] = r.rowsRead();
            written[i] = r.rowsWritten();
            rejected[i] = r.rowsRejected();
            filtered[i] = r.rowsFiltered();
            seconds[i] = r.durationMillis() / 1000.0;
            perSecond[i] = r.rowsPerSecond();
        }
        rowsChart.setData(labels, List.of(ChartSeries.bar("Written", WRITTEN, written), ChartSeries.bar("Rejected", REJECTED, rejected),
                ChartSeries.bar("Filtered", FILTERED, filtered), ChartSeries.line("Read", READ, read)));
        durationChart.setData(labels, List.of(ChartSeries.bar("Duration (s)", DURATION, seconds),
                ChartSeries.line("Rows/s", THROUGHPUT, perSecond).onRightAxis()));
        List<ChartSeries> rules = new ArrayList<>();
        List<RuleSeries> series = overview == null ? List.of() : overview.rules();
        for (int s = 0; s < series.size(); s++) {
            RuleSeries rule = series.get(s);
            double[] rate = new double[n];
            java.util.Arrays.fill(rate, Double.NaN);
            for (RuleSeries.Point p : rule.points()) {
                Integer i = index.get(p.runId());
                if (i != null) {
                    rate[i] = 100 * p.passRate();
                }
            }
            String name = (series.size() > 1 && hasSeveralMappings(series) ? rule.mappingName() + ": " : "") + rule.kind() + " "
                    + rule.field();
            rules.add(ChartSeries.line(name, PALETTE[s % PALETTE.length], rate));
        }
        rulesChart.setData(labels, rules);
    }

    private static boolean hasSeveralMappings(List<RuleSeries> series) {
        return series.stream().map(RuleSeries::mappingId).distinct().count() > 1;
    }

    private void selectTrendIndex(int index) {
        if (index >= 0 && index < trend.size()) {
            selectRun(trend.get(index).id());
            showDetails(false);
        }
    }

    private void selectRun(long id) {
        for (int i = 0; i < table.getItemCount(); i++) {
            if (((RunSummary) table.getItem(i).getData()).id() == id) {
                table.setSelection(i);
                table.showSelection();
                for (int t = 0; t < trend.size(); t++) {
                    if (trend.get(t).id() == id) {
                        rowsChart.setSelection(t);
                        rulesChart.setSelection(t);
                        durationChart.setSelection(t);
                    }
                }
                return;
            }
        }
    }

    private long selectedRunId() {
        TableItem[] s = table.getSelection();
        return s.length == 0 ? -1 : ((RunSummary) s[0].getData()).id();
    }

    /** Shows the selected run's details, unless they are shown (or being read) already and {@code force} is off. */
    private void showDetails(boolean force) {
        long id = selectedRunId();
        if (id == shownRun && !force) {
            return;
        }
        shownRun = id;
        details.removeAll();
        if (id < 0 || session.document() == null) {
            return;
        }
        selectRun(id);
        Path folder = session.document().folder();
        String settings = storeSettings;
        TreeItem wait = new TreeItem(details, SWT.NONE);
        wait.setText("Reading run " + id + "...");
        detailLoader.run("read run " + id, monitor -> HistoryStores.open(folder, settings, credentials).run(id), d -> {
            if (!details.isDisposed()) {
                details.removeAll();
                d.ifPresentOrElse(this::fillDetails, () -> new TreeItem(details, SWT.NONE).setText("Run " + id + " is no longer recorded."));
            }
        }, message -> {
            if (!details.isDisposed()) {
                details.removeAll();
                new TreeItem(details, SWT.NONE).setText(new String[] {"Cannot read run " + id, message});
            }
        });
    }

    private void fillDetails(RunDetails d) {
        RunSummary s = d.summary();
        item(null, "Run " + s.id(), s.status().id() + ", " + TIME.format(s.start().atZone(ZoneId.systemDefault())) + ", "
                + duration(s.durationMillis()) + ", " + s.origin());
        if (s.error() != null) {
            item(null, "Error", s.error());
        }
        for (RunReport.MappingReport m : d.report().mappings()) {
            TreeItem mi = item(null, "Mapping " + m.name(), m.status().id() + ": read " + count(m.rowsRead()) + ", written "
                    + count(m.rowsWritten()) + ", rejected " + count(m.rowsRejected()) + ", filtered " + count(m.rowsFiltered()));
            if (m.error() != null) {
                item(mi, "Error", m.error());
            }
            if (!m.rules().isEmpty()) {
                TreeItem rules = item(mi, "Rule violations", Long.toString(m.rules().stream().mapToLong(RunReport.RuleReport::violations).sum()));
                for (RunReport.RuleReport r : m.rules()) {
                    item(rules, r.kind() + " " + r.field() + " (" + r.action() + ")", count(r.violations()) + " violations");
                }
            }
            if (!m.firstRejects().isEmpty()) {
                TreeItem rejects = item(mi, "First rejects", m.firstRejects().size() + (m.rowsRejected() > m.firstRejects().size()
                        ? " of " + count(m.rowsRejected()) : ""));
                for (Reject r : m.firstRejects()) {
                    StringBuilder where = new StringBuilder();
                    if (r.line() >= 0) {
                        where.append("line ").append(r.line());
                    } else if (r.record() >= 0) {
                        where.append("record ").append(r.record());
                    }
                    if (r.field() != null) {
                        where.append(where.isEmpty() ? "" : ", ").append(r.field());
                    }
                    item(rejects, where.toString(), r.reason());
                }
            }
            if (m.rejectsFile() != null) {
                item(mi, "Rejects file", m.rejectsFile());
            }
            if (!m.warnings().isEmpty()) {
                TreeItem w = item(mi, "Warnings", Integer.toString(m.warnings().size()));
                for (String text : m.warnings()) {
                    item(w, "", text);
                }
            }
            mi.setExpanded(true);
        }
    }

    private TreeItem item(TreeItem parent, String what, String value) {
        TreeItem i = parent == null ? new TreeItem(details, SWT.NONE) : new TreeItem(parent, SWT.NONE);
        i.setText(new String[] {what, value == null ? "" : value});
        if (parent != null) {
            parent.setExpanded(true);
        }
        return i;
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String duration(long millis) {
        return millis < 10_000 ? String.format(Locale.ROOT, "%.2f s", millis / 1000.0)
                : millis < 600_000 ? String.format(Locale.ROOT, "%.1f s", millis / 1000.0)
                        : String.format(Locale.ROOT, "%d min %02d s", millis / 60_000, millis / 1000 % 60);
    }

    /** @return whether a load has not delivered yet (for tests and busy cursors) */
    public boolean isLoading() {
        return loader.busy() || detailLoader.busy();
    }

    /** @return the last loaded overview, or null */
    public HistoryOverview overview() {
        return overview;
    }

    public String status() {
        return status.getText();
    }

    public Table table() {
        return table;
    }

    public Tree details() {
        return details;
    }

    public Chart rowsChart() {
        return rowsChart;
    }

    public Chart rulesChart() {
        return rulesChart;
    }

    public Chart durationChart() {
        return durationChart;
    }
}
