package org.mapwright.ui.dialogs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.core.JoinDef;
import org.mapwright.core.MappingDef;
import org.mapwright.core.RuleDef;
import org.mapwright.engine.Problem;
import org.mapwright.internal.ui.UiResources;
import org.mapwright.ui.ProjectActions;
import org.mapwright.ui.UiTest;

class MappingSettingsDialogTest {

    @TempDir
    Path temp;

    private UiTest ui;

    @BeforeEach
    void open() throws Exception {
        ui = UiTest.open(temp, "orders-project");
        ui.shell.open();
    }

    @AfterEach
    void close() {
        ui.close();
    }

    private MappingSettingsDialog dialog(MappingSettingsDialog.Page page) {
        MappingSettingsDialog d = new MappingSettingsDialog(ui.shell, ui.session, ui.context.get(UiResources.class), "map_orders", page);
        d.setBlockOnOpen(false);
        d.open();
        ui.spin();
        return d;
    }

    private MappingDef mapping() {
        return ui.session.project().mapping("map_orders").orElseThrow();
    }

    private static void select(Combo c, int index) {
        c.select(index);
        c.notifyListeners(SWT.Selection, new Event());
    }

    @Test
    void editsJoinKindKeysAndDefaultsAsOneUndoableCommand() throws Exception {
        MappingSettingsDialog d = dialog(MappingSettingsDialog.Page.JOINS);
        assertEquals("left join customers on orders.customer_id = id", d.joinList().getItem(0));
        d.joinList().select(0);
        d.joinList().notifyListeners(SWT.Selection, new Event());
        Text def = (Text) d.find("join.default.t_cust");
        assertNotNull(def, "customer_name reads the lookup, so it can have a default");
        def.setText("unknown customer");
        d.validateNow();
        ui.screenshot(d.getShell(), "mapping-settings-joins");
        d.pressOk();
        MappingDef m = mapping();
        assertEquals("coalesce(upper(customers.name), 'unknown customer')", m.mappingFor("t_cust").orElseThrow().expression());
        assertEquals(JoinDef.Kind.LEFT, m.joins().get(0).kind());

        ProjectActions.undo(ui.context);
        assertEquals("upper(customers.name)", mapping().mappingFor("t_cust").orElseThrow().expression(), "one undo reverts the dialog");
        ProjectActions.redo(ui.context);
        assertEquals("coalesce(upper(customers.name), 'unknown customer')", mapping().mappingFor("t_cust").orElseThrow().expression());
    }

    @Test
    void makesAJoinInnerWithTwoKeysAndRefusesAnIncompleteKey() {
        MappingSettingsDialog d = dialog(MappingSettingsDialog.Page.JOINS);
        d.joinList().select(0);
        d.joinList().notifyListeners(SWT.Selection, new Event());
        select((Combo) d.find("join.kind"), 0);
        ((org.eclipse.swt.widgets.Button) d.find("join.addKey")).notifyListeners(SWT.Selection, new Event());
        d.validateNow();
        assertNotNull(d.structuralError(), "an empty key is not a join");
        assertFalse(d.okEnabled());
        Combo[] lefts = combos(d, "join.key.left");
        Combo[] rights = combos(d, "join.key.right");
        assertEquals(2, lefts.length);
        lefts[1].setText("orders.status");
        rights[1].setText("country");
        d.validateNow();
        assertNull(d.structuralError());
        assertTrue(d.okEnabled());
        assertEquals("inner join customers on orders.customer_id = id and orders.status = country", d.joinList().getItem(0));
        d.pressOk();
        JoinDef j = mapping().joins().get(0);
        assertEquals(JoinDef.Kind.INNER, j.kind());
        assertEquals(2, j.keys().size());
        assertEquals(new JoinDef.Key("orders.status", "country"), j.keys().get(1));
    }

    private static Combo[] combos(MappingSettingsDialog d, String role) {
        java.util.List<Combo> out = new java.util.ArrayList<>();
        collect(d.getShell(), role, out);
        return out.toArray(Combo[]::new);
    }

    private static void collect(org.eclipse.swt.widgets.Control c, String role, java.util.List<Combo> out) {
        if (c instanceof Combo combo && role.equals(c.getData("role"))) {
            out.add(combo);
        }
        if (c instanceof org.eclipse.swt.widgets.Composite comp) {
            for (var child : comp.getChildren()) {
                collect(child, role, out);
            }
        }
    }

    @Test
    void showsFilterErrorsLiveAndSavesBothFilters() {
        MappingSettingsDialog d = dialog(MappingSettingsDialog.Page.FILTERS);
        d.inputFilterText().setText("amount >");
        d.validateNow();
        assertTrue(d.problems().stream().anyMatch(p -> p.isError() && Problem.FILTER.equals(p.location().element())),
                "the engine's error for the half-typed filter is shown: " + d.problems());
        assertTrue(Arrays.stream(d.problemLines()).anyMatch(l -> l.startsWith("error: input filter: ")), Arrays.toString(d.problemLines()));
        d.inputFilterText().setText("amount > 5");
        d.outputFilterText().setText("nosuchfield = 1");
        d.validateNow();
        assertTrue(d.problems().stream().noneMatch(p -> Problem.FILTER.equals(p.location().element())));
        assertTrue(d.problems().stream().anyMatch(p -> p.isError() && Problem.OUTPUT_FILTER.equals(p.location().element())));
        d.outputFilterText().setText("total >= 10");
        d.validateNow();
        d.pressOk();
        assertEquals("amount > 5", mapping().filter());
        assertEquals("total >= 10", mapping().outputFilter());
    }

    @Test
    void aggregatesWithGroupByKeysAndConcat() {
        MappingSettingsDialog d = dialog(MappingSettingsDialog.Page.AGGREGATION);
        select((Combo) d.find("agg.function.t_total"), ExpressionShapesRoles.SUM);
        Text input = (Text) d.find("agg.input.t_total");
        assertEquals("round(amount * qty, 2)", input.getText());
        input.setText("amount * qty");
        select((Combo) d.find("agg.function.t_status"), ExpressionShapesRoles.CONCAT);
        ((Text) d.find("agg.input.t_status")).setText("status");
        ((Text) d.find("agg.separator.t_status")).setText("/");
        select((Combo) d.find("agg.function.t_id"), ExpressionShapesRoles.COUNT);
        ((Text) d.find("agg.input.t_id")).setText("");
        d.validateNow();
        d.pressOk();
        MappingDef m = mapping();
        assertEquals("sum(amount * qty)", m.mappingFor("t_total").orElseThrow().expression());
        assertEquals("string_agg(status, '/')", m.mappingFor("t_status").orElseThrow().expression());
        assertEquals("count(*)", m.mappingFor("t_id").orElseThrow().expression());
        assertEquals("upper(customers.name)", m.mappingFor("t_cust").orElseThrow().expression(), "a group-by key stays as it was");
    }

    /** Indexes of the aggregate combo's items. */
    private static final class ExpressionShapesRoles {
        static final int SUM = org.mapwright.ui.model.ExpressionShapes.Aggregate.SUM.ordinal();
        static final int COUNT = org.mapwright.ui.model.ExpressionShapes.Aggregate.COUNT.ordinal();
        static final int CONCAT = org.mapwright.ui.model.ExpressionShapes.Aggregate.CONCAT.ordinal();
    }

    @Test
    void addsRulesOfEveryKindWithActionAndThresholds() throws Exception {
        MappingSettingsDialog d = dialog(MappingSettingsDialog.Page.RULES);
        assertEquals(0, d.ruleList().getItemCount());
        d.addRule();
        select((Combo) d.find("rule.field"), 3);
        select((Combo) d.find("rule.kind"), RuleDef.Kind.RANGE.ordinal());
        ((Text) d.find("rule.setting.min")).setText("0");
        ((Text) d.find("rule.setting.max")).setText("abc");
        select((Combo) d.find("rule.action"), RuleDef.Action.WARN.ordinal());
        d.validateNow();
        assertTrue(d.problems().stream().anyMatch(Problem::isError), "a range bound that is no number is reported: " + d.problems());
        ((Text) d.find("rule.setting.max")).setText("1000");
        d.addRule();
        select((Combo) d.find("rule.kind"), RuleDef.Kind.REFERENCE.ordinal());
        select((Combo) d.find("rule.setting.source"), 1);
        ((Combo) d.find("rule.setting.field")).setText("id");
        d.addRule();
        select((Combo) d.find("rule.kind"), RuleDef.Kind.REGEX.ordinal());
        ((Text) d.find("rule.setting.pattern")).setText("^[0-9]+$");
        select((Combo) d.find("rule.action"), RuleDef.Action.FAIL.ordinal());
        d.maxRowsText().setText("10");
        d.validateNow();
        assertTrue(d.problems().stream().noneMatch(Problem::isError), d.problems().toString());
        assertEquals("total range 0 … 1000 → warn", d.ruleList().getItem(0));
        ui.screenshot(d.getShell(), "mapping-settings-rules");
        d.pressOk();
        MappingDef m = mapping();
        assertEquals(3, m.rules().size());
        RuleDef range = m.rules().get(0);
        assertEquals("t_total", range.targetFieldId());
        assertEquals(RuleDef.Kind.RANGE, range.kind());
        assertEquals(RuleDef.Action.WARN, range.action());
        assertEquals("1000", range.settings().getString("max", null));
        assertEquals("customers", m.rules().get(1).settings().getString("source", null));
        assertEquals(RuleDef.Action.FAIL, m.rules().get(2).action());
        assertEquals(10, m.maxRejectedRows());

        ProjectActions.undo(ui.context);
        assertTrue(mapping().rules().isEmpty());
        assertEquals(-1, mapping().maxRejectedRows());
    }

    @Test
    void isReachableFromTheEditorToolbar() {
        UiTest.Workbench w = ui.workbench();
        assertNotNull(w.editor());
        org.eclipse.swt.widgets.ToolItem rules = null;
        for (org.eclipse.swt.widgets.Shell s : new org.eclipse.swt.widgets.Shell[] {ui.shell}) {
            rules = findTool(s, "Joins && Rules…");
        }
        assertNotNull(rules, "the editor bar has a Joins & Rules… button");
        org.eclipse.swt.widgets.ToolItem item = rules;
        boolean[] seen = new boolean[1];
        ui.display.timerExec(50, new Runnable() {
            @Override
            public void run() {
                for (org.eclipse.swt.widgets.Shell s : ui.display.getShells()) {
                    if (s.getText().equals("Mapping orders") && s.isVisible()) {
                        seen[0] = true;
                        s.close();
                        return;
                    }
                }
                ui.display.timerExec(50, this);
            }
        });
        item.notifyListeners(SWT.Selection, new Event());
        assertTrue(seen[0], "the mapping dialog opened");
    }

    private static org.eclipse.swt.widgets.ToolItem findTool(org.eclipse.swt.widgets.Control c, String text) {
        if (c instanceof org.eclipse.swt.widgets.ToolBar bar) {
            for (var i : bar.getItems()) {
                if (text.equals(i.getText())) {
                    return i;
                }
            }
        }
        if (c instanceof org.eclipse.swt.widgets.Composite comp) {
            for (var child : comp.getChildren()) {
                var hit = findTool(child, text);
                if (hit != null) {
                    return hit;
                }
            }
        }
        return null;
    }

    @Test
    void typingValidatesAfterADelayAndAProblemOpensItsTab() {
        MappingSettingsDialog d = dialog(MappingSettingsDialog.Page.FILTERS);
        assertTrue(d.okEnabled());
        d.inputFilterText().setText("amount >");
        ui.waitUntil(() -> Arrays.stream(d.problemLines()).anyMatch(l -> l.startsWith("error: input filter: ")),
                "the half-typed filter is validated without anything but typing");
        assertTrue(d.okEnabled(), "an engine error leaves OK enabled; only a refused edit disables it");

        d.tabs().setSelection(MappingSettingsDialog.Page.RULES.ordinal());
        org.eclipse.swt.widgets.List problems = (org.eclipse.swt.widgets.List) d.find("problems");
        assertNotNull(problems);
        int line = 0;
        while (!Problem.FILTER.equals(d.problems().get(line).location().element())) {
            line++;
        }
        problems.select(line);
        problems.notifyListeners(SWT.DefaultSelection, new Event());
        assertEquals(MappingSettingsDialog.Page.FILTERS.ordinal(), d.tabs().getSelectionIndex());
        d.close();
    }
}
