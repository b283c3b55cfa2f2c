package org.mapwright.ui.dialogs;

import static org.mapwright.ui.dialogs.LiveValidation.label;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.TabFolder;
import org.eclipse.swt.widgets.TabItem;
import org.eclipse.swt.widgets.Text;
import org.mapwright.core.Field;
import org.mapwright.core.FieldMapping;
import org.mapwright.core.Ids;
import org.mapwright.core.JoinDef;
import org.mapwright.core.Project;
import org.mapwright.core.RuleDef;
import org.mapwright.core.Settings;
import org.mapwright.core.SourceDef;
import org.mapwright.engine.Problem;
import org.mapwright.engine.expr.ExpressionTokens;
import org.mapwright.internal.ui.UiResources;
import org.mapwright.ui.model.ExpressionShapes;
import org.mapwright.ui.model.ExpressionShapes.Aggregate;
import org.mapwright.ui.model.ProjectEdits;
import org.mapwright.ui.model.WorkbenchSession;

/**
 * Edits what the diagram does not show as lines: the joins of a mapping (lookup source, inner or
 * left, one or more keys, defaults for rows without a match), its input and output filters, its
 * aggregation (group-by keys and sum/count/min/max/avg/first/last/concat per target field) and its
 * quality rules with the reject thresholds. The dialog edits a working copy and validates it with
 * the engine as the user types; OK applies everything as one command of the document's stack, so
 * one undo reverts it.
 */
public final class MappingSettingsDialog extends MappingEditDialog {

    /** The tabs of the dialog. */
    public enum Page {
        JOINS("Joins"), FILTERS("Filters"), AGGREGATION("Aggregation"), RULES("Rules");

        private final String title;

        Page(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    private static final String NO_LIMIT = "";

    private final UiResources res;
    private final Page initial;
    private final Ids ids = new Ids();

    private final List<JoinRow> joins = new ArrayList<>();
    private final Map<String, String> expressions = new LinkedHashMap<>();
    private final List<RuleRow> rules = new ArrayList<>();
    private String filter;
    private String outputFilter;
    private String maxRows;
    private String maxPercent;

    private TabFolder tabs;
    private RowList<JoinRow> joinRows;
    private Composite joinDetail;
    private Text inputFilterText;
    private Text outputFilterText;
    private Composite aggregationRows;
    private RowList<RuleRow> ruleRows;
    private Composite ruleDetail;
    private Text maxRowsText;
    private Text maxPercentText;

    /** A join being edited: keys as text pairs so half-typed keys survive until they are complete. */
    static final class JoinRow {
        String sourceId;
        JoinDef.Kind kind;
        final List<String[]> keys = new ArrayList<>();

        JoinRow(String sourceId, JoinDef.Kind kind) {
            this.sourceId = sourceId;
            this.kind = kind;
        }
    }

    /** A rule being edited; settings as text, only those its kind uses are kept. */
    static final class RuleRow {
        String id;
        String fieldId;
        RuleDef.Kind kind;
        RuleDef.Action action;
        final Map<String, String> settings = new LinkedHashMap<>();

        RuleRow(String id, String fieldId, RuleDef.Kind kind, RuleDef.Action action) {
            this.id = id;
            this.fieldId = fieldId;
            this.kind = kind;
            this.action = action;
        }
    }

    /**
     * @param mappingId the edited mapping of the session's open project
     * @param page      the tab to show first
     */
    public MappingSettingsDialog(Shell parent, WorkbenchSession session, UiResources res, String mappingId, Page page) {
        super(parent, session, mappingId);
        this.res = res;
        this.initial = page == null ? Page.JOINS : page;
        for (JoinDef j : mapping.joins()) {
            JoinRow r = new JoinRow(j.sourceId(), j.kind());
            j.keys().forEach(k -> r.keys.add(new String[] {k.left(), k.right()}));
            joins.add(r);
        }
        for (Field f : mapping.targetSchema().allFields()) {
            expressions.put(f.id(), mapping.mappingFor(f.id()).map(FieldMapping::expression).orElse(null));
        }
        for (RuleDef r : mapping.rules()) {
            RuleRow row = new RuleRow(r.id(), r.targetFieldId(), r.kind(), r.action());
            r.settings().asMap().forEach((k, v) -> row.settings.put(k, String.valueOf(v)));
            rules.add(row);
        }
        filter = mapping.filter() == null ? "" : mapping.filter();
        outputFilter = mapping.outputFilter() == null ? "" : mapping.outputFilter();
        maxRows = mapping.maxRejectedRows() < 0 ? NO_LIMIT : Long.toString(mapping.maxRejectedRows());
        maxPercent = mapping.maxRejectedPercent() < 0 ? NO_LIMIT : stripZeros(mapping.maxRejectedPercent());
    }

    private static String stripZeros(double d) {
        return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Mapping " + mapping.name());
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle("Joins, filters, aggregation and rules of '" + mapping.name() + "'");
        setMessage("Changes are checked as you type and applied together with OK (one undo step).");
        Composite body = new Composite(area, SWT.NONE);
        body.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        body.setLayout(new GridLayout(1, false));
        tabs = new TabFolder(body, SWT.TOP);
        GridData td = new GridData(SWT.FILL, SWT.FILL, true, true);
        td.widthHint = 760;
        td.heightHint = 380;
        tabs.setLayoutData(td);
        tab(Page.JOINS, this::createJoins);
        tab(Page.FILTERS, this::createFilters);
        tab(Page.AGGREGATION, this::createAggregation);
        tab(Page.RULES, this::createRules);
        tabs.setSelection(initial.ordinal());

        Label pl = new Label(body, SWT.NONE);
        pl.setText("Problems of this mapping:");
        org.eclipse.swt.widgets.List problemList = validation.createProblemList(body);
        GridData pd = new GridData(SWT.FILL, SWT.FILL, true, false);
        pd.heightHint = 70;
        problemList.setLayoutData(pd);
        problemList.addListener(SWT.DefaultSelection, e -> showProblemPage());
        return area;
    }

    private void tab(Page page, java.util.function.Consumer<Composite> content) {
        TabItem item = new TabItem(tabs, SWT.NONE);
        item.setText(page.title());
        Composite c = new Composite(tabs, SWT.NONE);
        c.setLayout(new GridLayout(2, false));
        content.accept(c);
        item.setControl(c);
    }

    // ---- joins ----

    private void createJoins(Composite c) {
        joinRows = new RowList<>(c, 230, SWT.DEFAULT, joins, this::describe, this::showJoin, this::changed);
        joinRows.buttons(null, this::addJoin, true);
        joinDetail = joinRows.createDetail(c, 3, SWT.DEFAULT, "No joins. Add one to look up values of another source by key.",
                "Select a join to edit it.");
        joinRows.showFirst();
    }

    /** Adds a left join of the first source not joined yet, keyed by a field both sides share by name when there is one. */
    void addJoin() {
        Set<String> used = new HashSet<>();
        used.add(mapping.sourceId());
        joins.forEach(j -> used.add(j.sourceId));
        SourceDef lookup = base.sources().stream().filter(s -> !used.contains(s.id())).findFirst()
                .orElse(base.sources().stream().filter(s -> !s.id().equals(mapping.sourceId())).findFirst().orElse(null));
        if (lookup == null) {
            setErrorMessage("The project has no other source to join; add one first.");
            return;
        }
        JoinRow row = new JoinRow(lookup.id(), JoinDef.Kind.LEFT);
        row.keys.add(guessKey(lookup, joins.size()));
        joins.add(row);
        joinRows.refresh(joins.size() - 1);
        changed();
    }

    private String[] guessKey(SourceDef lookup, int joinIndex) {
        List<String> leftCandidates = leftKeyCandidates(joinIndex);
        for (Field f : lookup.schema().fields()) {
            for (String l : leftCandidates) {
                if (l.endsWith("." + ExpressionTokens.quoteIdentifier(f.name()))) {
                    return new String[] {l, ExpressionTokens.quoteIdentifier(f.name())};
                }
            }
        }
        Field key = lookup.schema().fields().stream().filter(Field::key).findFirst()
                .orElse(lookup.schema().fields().isEmpty() ? null : lookup.schema().fields().get(0));
        return new String[] {"", key == null ? "" : ExpressionTokens.quoteIdentifier(key.name())};
    }

    /** @return the expressions a join's left key may read: primary source fields, then fields of earlier joins */
    List<String> leftKeyCandidates(int joinIndex) {
        List<String> out = new ArrayList<>();
        base.source(mapping.sourceId()).ifPresent(s -> qualified(s, out));
        for (int i = 0; i < joinIndex && i < joins.size(); i++) {
            base.source(joins.get(i).sourceId).ifPresent(s -> qualified(s, out));
        }
        return out;
    }

    private static void qualified(SourceDef s, List<String> out) {
        for (Field f : s.schema().fields()) {
            out.add(ExpressionTokens.quotePath(List.of(s.name(), f.name())));
        }
    }

    private String sourceName(String sourceId) {
        return base.source(sourceId).map(SourceDef::name).orElse(sourceId);
    }

    private String describe(JoinRow j) {
        StringBuilder b = new StringBuilder(j.kind.name().toLowerCase(Locale.ROOT)).append(" join ").append(sourceName(j.sourceId));
        String sep = " on ";
        for (String[] k : j.keys) {
            b.append(sep).append(k[0]).append(" = ").append(k[1]);
            sep = " and ";
        }
        return b.toString();
    }

    private void showJoin() {
        int index = joinRows.clearDetail();
        if (index < 0) {
            return;
        }
        JoinRow join = joins.get(index);
        List<SourceDef> lookups = base.sources().stream().filter(s -> !s.id().equals(mapping.sourceId())).toList();
        label(joinDetail, "Lookup source:");
        Combo source = new Combo(joinDetail, SWT.READ_ONLY);
        source.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        source.setData("role", "join.source");
        for (int i = 0; i < lookups.size(); i++) {
            source.add(lookups.get(i).name());
            if (lookups.get(i).id().equals(join.sourceId)) {
                source.select(i);
            }
        }
        source.addListener(SWT.Selection, e -> {
            join.sourceId = lookups.get(source.getSelectionIndex()).id();
            joinChanged(index);
            showJoin();
        });
        label(joinDetail, "Kind:");
        Combo kind = new Combo(joinDetail, SWT.READ_ONLY);
        kind.setData("role", "join.kind");
        kind.setItems("inner — rows without a match are dropped", "left — rows without a match keep their defaults");
        kind.select(join.kind == JoinDef.Kind.INNER ? 0 : 1);
        kind.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        kind.addListener(SWT.Selection, e -> {
            join.kind = kind.getSelectionIndex() == 0 ? JoinDef.Kind.INNER : JoinDef.Kind.LEFT;
            joinChanged(index);
            showJoin();
        });

        Label keysTitle = label(joinDetail, "Keys (rows so far = lookup field):");
        keysTitle.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
        List<String> leftItems = leftKeyCandidates(index);
        List<String> rightItems = base.source(join.sourceId).map(s -> s.schema().fields().stream()
                .map(f -> ExpressionTokens.quoteIdentifier(f.name())).toList()).orElse(List.of());
        for (int k = 0; k < join.keys.size(); k++) {
            String[] key = join.keys.get(k);
            Combo l = new Combo(joinDetail, SWT.DROP_DOWN);
            l.setData("role", "join.key.left");
            l.setItems(leftItems.toArray(String[]::new));
            l.setText(key[0]);
            l.setLayoutData(keyLayout());
            l.addListener(SWT.Modify, e -> {
                key[0] = l.getText();
                joinChanged(index);
            });
            Combo r = new Combo(joinDetail, SWT.DROP_DOWN);
            r.setData("role", "join.key.right");
            r.setItems(rightItems.toArray(String[]::new));
            r.setText(key[1]);
            r.setLayoutData(keyLayout());
            r.addListener(SWT.Modify, e -> {
                key[1] = r.getText();
                joinChanged(index);
            });
            Button remove = new Button(joinDetail, SWT.PUSH);
            remove.setText("✕");
            remove.setToolTipText("Remove this key");
            remove.addListener(SWT.Selection, e -> {
                join.keys.remove(key);
                joinChanged(index);
                showJoin();
            });
        }
        Button addKey = new Button(joinDetail, SWT.PUSH);
        addKey.setText("Add Key");
        addKey.setData("role", "join.addKey");
        addKey.addListener(SWT.Selection, e -> {
            join.keys.add(new String[] {"", ""});
            joinChanged(index);
            showJoin();
        });
        addKey.setLayoutData(new GridData(SWT.LEFT, SWT.CENTER, false, false, 3, 1));

        Group defaults = new Group(joinDetail, SWT.NONE);
        defaults.setText("Defaults when no lookup row matches");
        defaults.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 3, 1));
        defaults.setLayout(new GridLayout(2, false));
        String lookupName = sourceName(join.sourceId);
        List<Field> reading = mapping.targetSchema().allFields().stream()
                .filter(f -> ExpressionShapes.reads(expressions.get(f.id()), lookupName)).toList();
        if (join.kind == JoinDef.Kind.INNER) {
            label(defaults, "An inner join drops rows without a match; make it a left join to give defaults.");
        } else if (reading.isEmpty()) {
            label(defaults, "No target field reads " + lookupName + " yet; map one to give it a default.");
        }
        for (Field f : join.kind == JoinDef.Kind.INNER ? List.<Field>of() : reading) {
            label(defaults, f.name() + ":");
            Text value = new Text(defaults, SWT.BORDER);
            value.setData("role", "join.default." + f.id());
            value.setMessage("null");
            String current = ExpressionShapes.defaulted(expressions.get(f.id())).defaultValue();
            value.setText(current == null ? "" : ExpressionShapes.unquote(current));
            value.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            value.setToolTipText("The value of " + f.name() + " when " + lookupName + " has no matching row");
            value.addListener(SWT.Modify, e -> {
                String text = value.getText();
                String literal = text.isBlank() ? null : isNumberOrBoolean(text) ? text.strip() : ExpressionShapes.quoteString(text);
                expressions.put(f.id(), ExpressionShapes.withDefault(expressions.get(f.id()), literal));
                changed();
            });
        }
        joinDetail.layout(true, true);
    }

    /** Both sides of a key get the same width, whatever the length of their suggestions. */
    private static GridData keyLayout() {
        GridData gd = new GridData(SWT.FILL, SWT.CENTER, true, false);
        gd.widthHint = 150;
        return gd;
    }

    private static boolean isNumberOrBoolean(String text) {
        String t = text.strip();
        return t.matches("-?\\d+(\\.\\d+)?") || t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false");
    }

    private void joinChanged(int index) {
        joinRows.relabel(index);
    }

    // ---- filters ----

    private void createFilters(Composite c) {
        Label in = label(c, "Input filter over source fields — rows where it is not true are skipped before mapping:");
        in.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        inputFilterText = filterText(c, filter, t -> filter = t);
        inputFilterText.setMessage("e.g. quantity > 0 and status <> 'C'");
        Label out = label(c, "Output filter over target fields — mapped rows where it is not true are not written:");
        out.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        outputFilterText = filterText(c, outputFilter, t -> outputFilter = t);
        outputFilterText.setMessage("e.g. total >= 100");
    }

    private Text filterText(Composite c, String initialText, java.util.function.Consumer<String> sink) {
        Text t = new Text(c, SWT.BORDER | SWT.MULTI | SWT.WRAP | SWT.V_SCROLL);
        t.setFont(res.mono());
        t.setText(initialText);
        GridData gd = new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1);
        gd.heightHint = 60;
        t.setLayoutData(gd);
        t.addListener(SWT.Modify, e -> {
            sink.accept(t.getText());
            changed();
        });
        return t;
    }

    // ---- aggregation ----

    private void createAggregation(Composite c) {
        Label note = new Label(c, SWT.WRAP);
        note.setText("When any target field aggregates, the fields that do not are the group-by keys: one output row per "
                + "distinct key. Concat joins the group's values with the separator.");
        GridData nd = new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1);
        nd.widthHint = 700;
        note.setLayoutData(nd);
        ScrolledComposite scroll = new ScrolledComposite(c, SWT.V_SCROLL | SWT.BORDER);
        scroll.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));
        scroll.setExpandHorizontal(true);
        aggregationRows = new Composite(scroll, SWT.NONE);
        aggregationRows.setLayout(new GridLayout(4, false));
        scroll.setContent(aggregationRows);
        label(aggregationRows, "Target field").setFont(res.bold());
        label(aggregationRows, "Role").setFont(res.bold());
        label(aggregationRows, "Input expression").setFont(res.bold());
        label(aggregationRows, "Separator").setFont(res.bold());
        for (Field f : mapping.targetSchema().allFields()) {
            if (!f.children().isEmpty()) {
                continue;
            }
            ExpressionShapes.AggregateShape shape = ExpressionShapes.aggregate(expressions.get(f.id()));
            label(aggregationRows, f.name());
            Combo role = new Combo(aggregationRows, SWT.READ_ONLY);
            role.setData("role", "agg.function." + f.id());
            for (Aggregate a : Aggregate.values()) {
                role.add(a.label());
            }
            role.select(shape.aggregate().ordinal());
            Text input = new Text(aggregationRows, SWT.BORDER);
            input.setData("role", "agg.input." + f.id());
            input.setFont(res.mono());
            input.setText(shape.input());
            input.setMessage("not mapped");
            GridData id = new GridData(SWT.FILL, SWT.CENTER, true, false);
            id.widthHint = 320;
            input.setLayoutData(id);
            Text sep = new Text(aggregationRows, SWT.BORDER);
            sep.setData("role", "agg.separator." + f.id());
            sep.setText(shape.separator() == null ? ExpressionShapes.DEFAULT_SEPARATOR : shape.separator());
            sep.setEnabled(shape.aggregate() == Aggregate.CONCAT);
            GridData sd = new GridData(SWT.FILL, SWT.CENTER, false, false);
            sd.widthHint = 50;
            sep.setLayoutData(sd);
            Runnable update = () -> {
                Aggregate a = Aggregate.values()[role.getSelectionIndex()];
                sep.setEnabled(a == Aggregate.CONCAT);
                expressions.put(f.id(), ExpressionShapes.aggregateExpression(a, input.getText(), sep.getText()));
                changed();
            };
            role.addListener(SWT.Selection, e -> update.run());
            input.addListener(SWT.Modify, e -> update.run());
            sep.addListener(SWT.Modify, e -> update.run());
        }
        aggregationRows.setSize(aggregationRows.computeSize(SWT.DEFAULT, SWT.DEFAULT));
    }

    // ---- rules ----

    private void createRules(Composite c) {
        ruleRows = new RowList<>(c, 230, SWT.DEFAULT, rules, this::describe, this::showRule, this::changed);
        ruleRows.buttons(null, this::addRule, false);
        Group thresholds = new Group(ruleRows.left(), SWT.NONE);
        thresholds.setText("Fail the run when rejected rows exceed");
        thresholds.setLayout(new GridLayout(2, false));
        thresholds.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        label(thresholds, "Rows:");
        maxRowsText = new Text(thresholds, SWT.BORDER);
        maxRowsText.setMessage("no limit");
        maxRowsText.setText(maxRows);
        maxRowsText.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        maxRowsText.addListener(SWT.Modify, e -> {
            maxRows = maxRowsText.getText();
            changed();
        });
        label(thresholds, "Percent:");
        maxPercentText = new Text(thresholds, SWT.BORDER);
        maxPercentText.setMessage("no limit");
        maxPercentText.setText(maxPercent);
        maxPercentText.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        maxPercentText.addListener(SWT.Modify, e -> {
            maxPercent = maxPercentText.getText();
            changed();
        });
        ruleDetail = ruleRows.createDetail(c, 2, SWT.DEFAULT, "No rules. Add one to check target values on every row.",
                "Select a rule to edit it.");
        ruleRows.showFirst();
    }

    /** Adds a not-null rule (reject) on the selected rule's field, or the first target field. */
    void addRule() {
        List<Field> fields = mapping.targetSchema().allFields();
        if (fields.isEmpty()) {
            setErrorMessage("The mapping has no target field to check.");
            return;
        }
        Set<String> taken = new HashSet<>();
        rules.forEach(r -> taken.add(r.id));
        mapping.rules().forEach(r -> taken.add(r.id()));
        rules.add(new RuleRow(ids.nextUnique("r", taken), fields.get(0).id(), RuleDef.Kind.NOT_NULL, RuleDef.Action.REJECT));
        ruleRows.refresh(rules.size() - 1);
        changed();
    }

    private String describe(RuleRow r) {
        String field = mapping.targetSchema().pathOf(r.fieldId).orElse(r.fieldId);
        StringBuilder b = new StringBuilder(field).append(' ').append(r.kind.id());
        String detail = switch (r.kind) {
            case RANGE -> r.settings.getOrDefault("min", "") + " … " + r.settings.getOrDefault("max", "");
            case REGEX -> r.settings.getOrDefault("pattern", "");
            case ALLOWED -> r.settings.getOrDefault("values", "");
            case REFERENCE -> r.settings.getOrDefault("source", "") + "." + r.settings.getOrDefault("field", "");
            default -> "";
        };
        if (!detail.isBlank()) {
            b.append(' ').append(detail);
        }
        return b.append(" → ").append(r.action.id()).toString();
    }

    private void ruleChanged(int index) {
        ruleRows.relabel(index);
    }

    private void showRule() {
        int index = ruleRows.clearDetail();
        if (index < 0) {
            return;
        }
        RuleRow rule = rules.get(index);
        List<Field> fields = mapping.targetSchema().allFields();
        label(ruleDetail, "Target field:");
        Combo field = new Combo(ruleDetail, SWT.READ_ONLY);
        field.setData("role", "rule.field");
        field.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        for (int i = 0; i < fields.size(); i++) {
            field.add(mapping.targetSchema().pathOf(fields.get(i).id()).orElse(fields.get(i).name()));
            if (fields.get(i).id().equals(rule.fieldId)) {
                field.select(i);
            }
        }
        field.addListener(SWT.Selection, e -> {
            rule.fieldId = fields.get(field.getSelectionIndex()).id();
            ruleChanged(index);
        });
        label(ruleDetail, "Check:");
        Combo kind = new Combo(ruleDetail, SWT.READ_ONLY);
        kind.setData("role", "rule.kind");
        kind.setItems("not null", "unique", "range", "regex", "allowed values", "referential (value exists in a source)");
        kind.select(rule.kind.ordinal());
        kind.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        kind.addListener(SWT.Selection, e -> {
            rule.kind = RuleDef.Kind.values()[kind.getSelectionIndex()];
            ruleChanged(index);
            showRule();
        });
        switch (rule.kind) {
            case RANGE -> {
                setting(rule, index, "min", "Minimum:", "no minimum");
                setting(rule, index, "max", "Maximum:", "no maximum");
            }
            case REGEX -> setting(rule, index, "pattern", "Pattern:", "e.g. ^[A-Z]{2}$");
            case ALLOWED -> setting(rule, index, "values", "Values:", "comma separated, e.g. A,S,C");
            case REFERENCE -> {
                label(ruleDetail, "Source:");
                Combo src = new Combo(ruleDetail, SWT.READ_ONLY);
                src.setData("role", "rule.setting.source");
                src.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
                List<SourceDef> sources = base.sources();
                String current = rule.settings.get("source");
                for (int i = 0; i < sources.size(); i++) {
                    src.add(sources.get(i).name());
                    if (sources.get(i).name().equals(current) || sources.get(i).id().equals(current)) {
                        src.select(i);
                    }
                }
                src.addListener(SWT.Selection, e -> {
                    rule.settings.put("source", sources.get(src.getSelectionIndex()).name());
                    ruleChanged(index);
                    showRule();
                });
                label(ruleDetail, "Field:");
                Combo fld = new Combo(ruleDetail, SWT.DROP_DOWN);
                fld.setData("role", "rule.setting.field");
                fld.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
                sources.stream().filter(s -> s.name().equals(current) || s.id().equals(current)).findFirst()
                        .ifPresent(s -> s.schema().fields().forEach(f -> fld.add(f.name())));
                fld.setText(rule.settings.getOrDefault("field", ""));
                fld.addListener(SWT.Modify, e -> {
                    rule.settings.put("field", fld.getText());
                    ruleChanged(index);
                });
            }
            default -> {
                // not-null and unique have no settings
            }
        }
        label(ruleDetail, "On violation:");
        Combo action = new Combo(ruleDetail, SWT.READ_ONLY);
        action.setData("role", "rule.action");
        action.setItems("reject the row", "warn (write it, count the violation)", "fail the run");
        action.select(rule.action.ordinal());
        action.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        action.addListener(SWT.Selection, e -> {
            rule.action = RuleDef.Action.values()[action.getSelectionIndex()];
            ruleChanged(index);
        });
        ruleDetail.layout(true, true);
    }

    private void setting(RuleRow rule, int index, String key, String labelText, String hint) {
        label(ruleDetail, labelText);
        Text t = new Text(ruleDetail, SWT.BORDER);
        t.setData("role", "rule.setting." + key);
        t.setMessage(hint);
        t.setText(rule.settings.getOrDefault(key, ""));
        t.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        t.addListener(SWT.Modify, e -> {
            rule.settings.put(key, t.getText());
            ruleChanged(index);
        });
    }

    // ---- building and validating ----

    /**
     * @return the edit the dialog's state stands for
     * @throws IllegalArgumentException when the state cannot become a mapping (a join without a
     *         complete key, a threshold that is not a number); the message is for the user
     */
    @Override
    UnaryOperator<Project> edit() {
        List<JoinDef> joinDefs = new ArrayList<>();
        for (int i = 0; i < joins.size(); i++) {
            JoinRow j = joins.get(i);
            List<JoinDef.Key> keys = new ArrayList<>();
            for (String[] k : j.keys) {
                if (k[0].isBlank() || k[1].isBlank()) {
                    throw new IllegalArgumentException("join " + (i + 1) + " (" + sourceName(j.sourceId) + "): complete or remove the empty key");
                }
                keys.add(new JoinDef.Key(k[0].strip(), k[1].strip()));
            }
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("join " + (i + 1) + " (" + sourceName(j.sourceId) + ") needs at least one key");
            }
            joinDefs.add(new JoinDef(j.sourceId, j.kind, keys));
        }
        List<RuleDef> ruleDefs = new ArrayList<>();
        for (RuleRow r : rules) {
            Map<String, Object> settings = new LinkedHashMap<>();
            for (String key : settingKeys(r.kind)) {
                String v = r.settings.get(key);
                if (v != null && !v.isBlank()) {
                    settings.put(key, v.strip());
                }
            }
            ruleDefs.add(new RuleDef(r.id, r.fieldId, r.kind, Settings.of(settings), r.action));
        }
        long rows = parseLimit(maxRows, "rows");
        double percent = maxPercent.isBlank() ? -1 : parsePercent(maxPercent);
        Map<String, String> changedExpressions = new LinkedHashMap<>();
        expressions.forEach((id, expr) -> {
            String before = mapping.mappingFor(id).map(FieldMapping::expression).orElse(null);
            if (!Objects.equals(blankToNull(expr), before)) {
                changedExpressions.put(id, blankToNull(expr));
            }
        });
        return ProjectEdits.all(ProjectEdits.setJoins(mapping.id(), joinDefs), ProjectEdits.setFilters(mapping.id(), filter, outputFilter),
                ProjectEdits.setExpressions(mapping.id(), changedExpressions),
                ProjectEdits.setRules(mapping.id(), ruleDefs, rows, percent));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static List<String> settingKeys(RuleDef.Kind kind) {
        return switch (kind) {
            case RANGE -> List.of("min", "max");
            case REGEX -> List.of("pattern");
            case ALLOWED -> List.of("values");
            case REFERENCE -> List.of("source", "field");
            default -> List.of();
        };
    }

    private static long parseLimit(String text, String what) {
        if (text.isBlank()) {
            return -1;
        }
        try {
            long v = Long.parseLong(text.strip());
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the rejected " + what + " threshold must be a whole number ≥ 0, or empty for no limit");
        }
    }

    private static double parsePercent(String text) {
        try {
            double v = Double.parseDouble(text.strip());
            if (v < 0 || v > 100 || Double.isNaN(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the rejected percent threshold must be a number from 0 to 100, or empty for no limit");
        }
    }

    @Override
    String where(String element) {
        if (element == null) {
            return "";
        }
        if (element.startsWith("join[")) {
            int end = element.indexOf(']');
            try {
                int i = Integer.parseInt(element.substring(5, end));
                String rest = element.substring(end + 1);
                String key = rest.matches("\\.keys\\[\\d+]\\.(left|right)") ? " key " + (Integer.parseInt(rest.replaceAll("\\D", "")) + 1) : "";
                return "join " + (i + 1) + key + ": ";
            } catch (RuntimeException e) {
                return element + ": ";
            }
        }
        if (element.equals(Problem.FILTER)) {
            return "input filter: ";
        }
        if (element.equals(Problem.OUTPUT_FILTER)) {
            return "output filter: ";
        }
        for (RuleRow r : rules) {
            if (r.id.equals(element)) {
                return "rule " + describe(r) + ": ";
            }
        }
        return mapping.targetSchema().pathOf(element).map(p -> p + ": ").orElse("");
    }

    private Page pageOf(String element) {
        if (element == null) {
            return null;
        }
        if (element.startsWith("join[")) {
            return Page.JOINS;
        }
        if (element.equals(Problem.FILTER) || element.equals(Problem.OUTPUT_FILTER)) {
            return Page.FILTERS;
        }
        if (rules.stream().anyMatch(r -> r.id.equals(element)) || element.equals(Problem.MAPPING)) {
            return Page.RULES;
        }
        return mapping.targetSchema().byId(element).isPresent() ? Page.AGGREGATION : null;
    }

    private void showProblemPage() {
        Problem selected = validation.selectedProblem();
        if (selected != null) {
            Page page = pageOf(selected.location().element());
            if (page != null) {
                tabs.setSelection(page.ordinal());
            }
        }
    }

    @Override
    protected void okPressed() {
        validateNow();
        if (validation.structuralError() != null) {
            return;
        }
        try {
            session.execute("Edit " + mapping.name() + " settings", edit());
        } catch (IllegalArgumentException e) {
            setErrorMessage(e.getMessage());
            return;
        }
        super.okPressed();
    }

    // ---- for tests ----

    TabFolder tabs() {
        return tabs;
    }

    Text inputFilterText() {
        return inputFilterText;
    }

    Text outputFilterText() {
        return outputFilterText;
    }

    org.eclipse.swt.widgets.List joinList() {
        return joinRows.list();
    }

    org.eclipse.swt.widgets.List ruleList() {
        return ruleRows.list();
    }

    Text maxRowsText() {
        return maxRowsText;
    }
}
