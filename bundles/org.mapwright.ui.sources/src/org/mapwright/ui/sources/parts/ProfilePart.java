package org.mapwright.ui.sources.parts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.mapwright.core.Field;
import org.mapwright.core.Schema;
import org.mapwright.core.SourceDef;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.CredentialStore;
import org.mapwright.core.connector.Limits;
import org.mapwright.core.connector.ProgressMonitor;
import org.mapwright.core.connector.RecordReader;
import org.mapwright.core.connector.SourceConnector;
import org.mapwright.core.profile.FieldProfile;
import org.mapwright.core.profile.Histogram;
import org.mapwright.core.profile.Profile;
import org.mapwright.core.profile.ProfileOptions;
import org.mapwright.core.profile.Profiler;
import org.mapwright.core.profile.ValueCount;
import org.mapwright.core.profile.ValuePattern;
import org.mapwright.ui.jobs.Background;
import org.mapwright.internal.ui.sources.Rows;
import org.mapwright.ui.charts.Chart;
import org.mapwright.ui.charts.ChartSeries;
import org.mapwright.ui.model.ProjectDocument;
import org.mapwright.ui.model.Selection;
import org.mapwright.ui.model.WorkbenchSession;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * The Profile view: statistics of the source or source field selected in any view, computed by
 * the core {@link Profiler} in one streaming pass over the whole input, as a cancellable job with
 * a progress bar. A table lists every profiled field (nulls, empties, distinct estimate, min/max,
 * lengths); the selected field's details show its top values, detected patterns and mean, with
 * charts of its null/empty/invalid share, top values and numeric histogram.
 */
public final class ProfilePart {

    private static final RGB BAR = new RGB(0x3b, 0x7d, 0xd8);
    private static final RGB NULLS = new RGB(0xc0, 0x50, 0x4d);
    private static final long PROGRESS_EVERY_MS = 100;

    private final WorkbenchSession session;
    private final IEclipseContext context;
    private final WorkbenchSession.Listener listener = new WorkbenchSession.Listener() {
        @Override
        public void selectionChanged(Selection selection, Object origin) {
            follow(selection);
        }

        @Override
        public void documentChanged(ProjectDocument now) {
            work.cancel();
            profile = null;
            profiledSourceId = null;
            setTarget(null, null);
        }
    };
    private Background work;
    private Label title;
    private Button run;
    private Button cancel;
    private ProgressBar progress;
    private Table fields;
    private Text details;
    private Chart shares;
    private Chart topValues;
    private Chart histogram;
    private String sourceId;
    private String fieldId;
    private Profile profile;
    private String profiledSourceId;
    private String failure;

    @Inject
    public ProfilePart(WorkbenchSession session, IEclipseContext context) {
        this.session = session;
        this.context = context;
    }

    @PostConstruct
    public void create(Composite parent) {
        work = new Background(parent.getDisplay(), "Profile").userJobs();
        parent.setLayout(new GridLayout(4, false));
        title = new Label(parent, SWT.NONE);
        title.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        run = new Button(parent, SWT.PUSH);
        run.setText("Profile");
        run.setToolTipText("Read the whole source once and compute its statistics");
        run.addListener(SWT.Selection, e -> run());
        cancel = new Button(parent, SWT.PUSH);
        cancel.setText("Cancel");
        cancel.addListener(SWT.Selection, e -> cancel());
        progress = new ProgressBar(parent, SWT.HORIZONTAL | SWT.SMOOTH);
        progress.setMaximum(1000);
        GridData pg = new GridData(SWT.RIGHT, SWT.CENTER, false, false);
        pg.widthHint = 140;
        progress.setLayoutData(pg);

        SashForm rows = new SashForm(parent, SWT.VERTICAL);
        rows.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 4, 1));
        SashForm top = new SashForm(rows, SWT.HORIZONTAL);
        fields = new Table(top, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        fields.setHeaderVisible(true);
        fields.setLinesVisible(true);
        for (String[] col : new String[][] {{"Field", "120"}, {"Type", "70"}, {"Nulls", "60"}, {"Empty", "55"}, {"Distinct ≈", "70"},
                {"Min", "90"}, {"Max", "90"}, {"Length", "60"}}) {
            TableColumn c = new TableColumn(fields, SWT.LEFT);
            c.setText(col[0]);
            c.setWidth(Integer.parseInt(col[1]));
        }
        fields.addListener(SWT.Selection, e -> showDetails());
        details = new Text(top, SWT.READ_ONLY | SWT.MULTI | SWT.WRAP | SWT.V_SCROLL | SWT.BORDER);
        top.setWeights(60, 40);
        Composite charts = new Composite(rows, SWT.NONE);
        charts.setLayout(new FillLayout(SWT.HORIZONTAL));
        shares = chart(charts, "Null, empty, invalid (%)", "No values yet.");
        shares.setValueFormat(v -> String.format("%.1f %%", v));
        topValues = chart(charts, "Top values", "No value repeats.");
        histogram = chart(charts, "Histogram", "Not a numeric field.");
        rows.setWeights(50, 50);
        session.addListener(listener);
        follow(session.selection());
        update();
    }

    private static Chart chart(Composite parent, String heading, String empty) {
        Chart c = new Chart(parent, SWT.NONE);
        c.setTitle(heading);
        c.setEmptyMessage(empty);
        return c;
    }

    @PreDestroy
    public void dispose() {
        session.removeListener(listener);
        work.cancel();
    }

    private void follow(Selection s) {
        if (s instanceof Selection.Source x) {
            setTarget(x.sourceId(), null);
        } else if (s instanceof Selection.SourceField x) {
            setTarget(x.sourceId(), x.fieldId());
        }
    }

    /**
     * Chooses what to profile, as selecting it in another view does. A field of a source already
     * profiled as a whole is shown at once, without reading again.
     *
     * @param fieldId a field of the source, or null for the whole source
     */
    public void setTarget(String newSourceId, String newFieldId) {
        sourceId = newSourceId;
        fieldId = newFieldId;
        if (profile != null && newSourceId != null && newSourceId.equals(profiledSourceId)) {
            select(topLevel(newFieldId));
        }
        update();
    }

    private SourceDef source() {
        return sourceId == null || session.project() == null ? null : session.project().source(sourceId).orElse(null);
    }

    /** @return the id of the top-level field holding {@code id} (itself when top-level), or null */
    private String topLevel(String id) {
        SourceDef s = source();
        if (s == null || id == null) {
            return null;
        }
        for (Field f : s.schema().fields()) {
            if (f.id().equals(id) || contains(f, id)) {
                return f.id();
            }
        }
        return null;
    }

    private static boolean contains(Field f, String id) {
        for (Field c : f.children()) {
            if (c.id().equals(id) || contains(c, id)) {
                return true;
            }
        }
        return false;
    }

    /** Profiles the chosen source or field in a job; a running profile is cancelled first. */
    public void run() {
        SourceDef s = source();
        if (s == null || session.document() == null) {
            return;
        }
        String top = topLevel(fieldId);
        Schema schema = top == null ? s.schema() : Schema.of(List.of(s.schema().byId(top).orElseThrow()));
        SourceConnector connector;
        try {
            connector = session.engine().connectors().source(s.connector());
        } catch (IllegalArgumentException e) {
            failure = e.getMessage();
            update();
            return;
        }
        CredentialStore credentials = context.get(CredentialStore.class);
        ConnectorContext ctx = new ConnectorContext(session.document().folder(), credentials, Limits.DEFAULTS);
        failure = null;
        progress.setSelection(0);
        Display display = progress.getDisplay();
        work.run("profile " + s.name(), m -> {
            try (RecordReader reader = connector.open(ctx, s.settings(), schema)) {
                return Profiler.profile(reader, ProfileOptions.DEFAULTS, showing(m, display));
            }
        }, p -> {
            profile = p;
            profiledSourceId = s.id();
            fill();
            select(top);
            update();
        }, err -> {
            failure = err;
            update();
        });
        update();
    }

    /** Stops a running profile. */
    public void cancel() {
        work.cancel();
        update();
    }

    private ProgressMonitor showing(ProgressMonitor m, Display display) {
        return new ProgressMonitor() {
            private long total = -1;
            private long done;
            private long posted;

            @Override
            public void begin(String task, long totalWork) {
                m.begin(task, totalWork);
                total = totalWork;
            }

            @Override
            public void worked(long w) {
                m.worked(w);
                done += w;
                long now = System.currentTimeMillis();
                if (total > 0 && now - posted >= PROGRESS_EVERY_MS) {
                    posted = now;
                    int permille = (int) Math.min(1000, done * 1000 / total);
                    display.asyncExec(() -> {
                        if (!progress.isDisposed()) {
                            progress.setSelection(permille);
                        }
                    });
                }
            }

            @Override
            public boolean isCanceled() {
                return m.isCanceled();
            }
        };
    }

    private void update() {
        if (title == null || title.isDisposed()) {
            return;
        }
        SourceDef s = source();
        boolean busy = work.busy();
        String what = s == null ? "Select a source or a source field to profile it."
                : fieldId == null || topLevel(fieldId) == null ? "Source '" + s.name() + "'"
                        : "Field '" + s.schema().byId(topLevel(fieldId)).map(Field::name).orElse("?") + "' of '" + s.name() + "'";
        String state = busy ? " — profiling…" : failure != null ? " — " + failure : profile != null && s != null && s.id().equals(profiledSourceId)
                ? " — " + profile.records() + " records" + (profile.rejected() > 0 ? ", " + profile.rejected() + " rejected" : "") : "";
        title.setText(what + state);
        title.setToolTipText(title.getText());
        run.setEnabled(s != null && !busy);
        cancel.setEnabled(busy);
        progress.setVisible(busy);
        title.getParent().layout(true);
    }

    private void fill() {
        fields.removeAll();
        for (FieldProfile f : profile.fields()) {
            TableItem item = new TableItem(fields, SWT.NONE);
            item.setData(f);
            item.setText(new String[] {f.name(), f.type().id(), String.valueOf(f.nullCount()), String.valueOf(f.emptyCount()),
                    String.valueOf(f.distinctEstimate()), f.min() == null ? "" : Rows.text(f.min()), f.max() == null ? "" : Rows.text(f.max()),
                    f.minLength() < 0 ? "" : f.minLength() == f.maxLength() ? String.valueOf(f.minLength()) : f.minLength() + "–" + f.maxLength()});
        }
    }

    private void select(String top) {
        int index = 0;
        for (int i = 0; i < fields.getItemCount(); i++) {
            if (((FieldProfile) fields.getItem(i).getData()).fieldId().equals(top)) {
                index = i;
            }
        }
        if (fields.getItemCount() > 0) {
            fields.setSelection(index);
        }
        showDetails();
    }

    private void showDetails() {
        int i = fields.getSelectionIndex();
        FieldProfile f = i < 0 ? null : (FieldProfile) fields.getItem(i).getData();
        if (f == null) {
            details.setText("");
            shares.setData(List.of(), List.of());
            topValues.setData(List.of(), List.of());
            histogram.setData(List.of(), List.of());
            return;
        }
        details.setText(describe(f, profile.records()));
        long total = f.count() + f.nullCount();
        double pct = total == 0 ? 0 : 100.0 / total;
        shares.setData(List.of("null", "empty", "invalid", "valid"), List.of(ChartSeries.bar("% of values", NULLS, f.nullCount() * pct,
                f.emptyCount() * pct, f.invalidCount() * pct, (f.count() - f.emptyCount() - f.invalidCount()) * pct)));
        List<String> labels = new ArrayList<>();
        List<Double> counts = new ArrayList<>();
        for (ValueCount v : repeating(f)) {
            labels.add(v.value().length() > 12 ? v.value().substring(0, 11) + "…" : v.value());
            counts.add((double) v.count());
        }
        topValues.setData(labels, labels.isEmpty() ? List.of() : List.of(ChartSeries.bar("Occurrences", BAR, unbox(counts))));
        Histogram h = f.histogram();
        if (h == null || h.bins().isEmpty()) {
            histogram.setData(List.of(), List.of());
        } else {
            List<String> bins = new ArrayList<>();
            List<Double> binCounts = new ArrayList<>();
            for (Histogram.Bin b : h.bins()) {
                bins.add(org.mapwright.ui.charts.AxisScale.format(b.lower(), b.upper() - b.lower()));
                binCounts.add((double) b.count());
            }
            histogram.setData(bins, List.of(ChartSeries.bar("Values", BAR, unbox(binCounts))));
        }
    }

    private static double[] unbox(List<Double> values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    /** @return the statistics of one field as text, for the details pane */
    static String describe(FieldProfile f, long records) {
        StringBuilder b = new StringBuilder();
        b.append(f.name()).append(" (").append(f.type().id()).append("): ").append(f.count()).append(" values, ")
                .append(f.nullCount()).append(" null, ").append(f.emptyCount()).append(" empty");
        if (f.invalidCount() > 0) {
            b.append(", ").append(f.invalidCount()).append(" not a valid ").append(f.type().id());
        }
        b.append(" of ").append(records).append(" records; about ").append(f.distinctEstimate()).append(" distinct.");
        if (f.min() != null) {
            b.append("\nRange ").append(Rows.text(f.min())).append(" … ").append(Rows.text(f.max()));
        }
        if (f.minLength() >= 0) {
            b.append(f.min() != null ? "; " : "\n").append("length ").append(f.minLength()).append("–").append(f.maxLength());
        }
        if (f.mean() != null) {
            b.append(String.format("; mean %.4g, std. dev. %.4g", f.mean(), f.stdDev() == null ? 0.0 : f.stdDev()));
        }
        if (!f.patterns().isEmpty()) {
            b.append("\nPatterns:");
            for (ValuePattern p : ValuePattern.values()) {
                Long n = f.patterns().get(p);
                if (n != null) {
                    b.append(' ').append(patternName(p)).append(' ').append(n);
                }
            }
        }
        if (!repeating(f).isEmpty()) {
            b.append("\nTop values:");
            int shown = 0;
            for (ValueCount v : repeating(f)) {
                if (shown++ == 5) {
                    break;
                }
                b.append(' ').append(v.value()).append(" (").append(v.error() == 0 ? "" : "≤").append(v.count()).append(')');
            }
        }
        return b.toString();
    }

    /** @return the top values that occur more than once; a value seen once is not "top" however few records there are */
    private static List<ValueCount> repeating(FieldProfile f) {
        return f.topValues().stream().filter(v -> v.count() > 1).toList();
    }

    private static String patternName(ValuePattern p) {
        return Map.of(ValuePattern.EMAIL, "e-mail", ValuePattern.URL, "URL", ValuePattern.PHONE, "phone", ValuePattern.ISO_DATE, "ISO date").get(p);
    }

    /** @return the profile shown, or null */
    public Profile profile() {
        return profile;
    }

    /** @return whether a profile is running */
    public boolean busy() {
        return work.busy();
    }

    public String titleText() {
        return title.getText();
    }

    public String detailsText() {
        return details.getText();
    }

    public Table fieldsTable() {
        return fields;
    }

    public Chart histogramChart() {
        return histogram;
    }

    public Chart topValuesChart() {
        return topValues;
    }

    public Chart sharesChart() {
        return shares;
    }

    public Button runButton() {
        return run;
    }

    public Button cancelButton() {
        return cancel;
    }
}
