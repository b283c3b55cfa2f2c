package org.mapwright.ui.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.e4.ui.model.application.ui.basic.MBasicFactory;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.TreeItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.core.Project;
import org.mapwright.drift.RebaseProposal;
import org.mapwright.ui.model.ProjectEdits;

class DriftPartTest {

    private static final String EMAIL_ID = "f_c9d4h6jd";
    private static final String EMAIL_TARGET = "t_em9s3v6w";

    @TempDir
    Path dir;

    private Bench bench;
    private Path project;

    @BeforeEach
    void open() throws Exception {
        bench = new Bench();
        project = Bench.copySample(dir.resolve("sample"));
    }

    @AfterEach
    void close() {
        bench.close();
    }

    private MPart model;

    private DriftPart checked() {
        model = MBasicFactory.INSTANCE.createPart();
        model.setLabel("Schema Drift");
        bench.context.set(MPart.class, model);
        DriftPart part = bench.part(DriftPart.class);
        bench.waitUntil(() -> !part.isChecking() && part.report() != null, "the drift check finishes");
        return part;
    }

    private static List<String> texts(TreeItem[] items, List<String> into) {
        for (TreeItem i : items) {
            into.add(i.getText(0) + " | " + i.getText(1));
            texts(i.getItems(), into);
        }
        return into;
    }

    private static String emailName(Project p) {
        return p.source("src_customers").orElseThrow().schema().byId(EMAIL_ID).map(f -> f.name()).orElse(null);
    }

    private static String emailExpression(Project p) {
        return p.mapping("map_customers").orElseThrow().mappingFor(EMAIL_TARGET).orElseThrow().expression();
    }

    @Test
    void aProjectRebasedAndSavedHasNoDriftLeft() throws Exception {
        bench.session.open(project);
        DriftPart part = checked();
        if (part.report().drifted()) {
            // The sample may lag behind its data (a nullability or type the inspection sees differently); the rebase takes it in.
            assertTrue(part.applyRebase(), part.status());
            bench.session.document().save(bench.session.io());
            part.check();
            bench.waitUntil(() -> !part.isChecking() && part.report() != null, "the second check finishes");
        }
        assertTrue(part.status().startsWith("No drift"), part.status() + texts(part.changes().getItems(), new ArrayList<>()));
        assertEquals(0, part.proposals().getItemCount());
        assertFalse(part.applyButton().getEnabled());
    }

    @Test
    void aRenamedColumnShowsItsImpactAndTheAcceptedRebaseIsOneUndoableEdit() throws Exception {
        Bench.replaceInFile(project.resolve("data/customers.csv"), "email", "e_mail");
        bench.session.open(project);
        DriftPart part = checked();

        List<String> lines = texts(part.changes().getItems(), new ArrayList<>());
        assertTrue(lines.stream().anyMatch(s -> s.startsWith("renamed email")), lines.toString());
        assertTrue(lines.stream().anyMatch(s -> s.startsWith("broken: customers") && s.contains("lower(email)")), lines.toString());
        assertEquals(1, part.proposals().getItemCount());
        TableItem proposal = part.proposals().getItem(0);
        assertEquals("customers.email", proposal.getText(0));
        assertEquals("e_mail", proposal.getText(1));
        assertTrue(proposal.getText(3).length() > 0, "reasons are shown");
        assertTrue(proposal.getText(4).contains("lower(email) \u2192 lower(e_mail)"), proposal.getText(4));
        assertTrue(proposal.getChecked(), "a sure rename starts accepted");
        assertTrue(((RebaseProposal) proposal.getData()).confidence() >= DriftPart.PRESELECT_CONFIDENCE);
        bench.screenshot("schema-drift");

        assertEquals("Schema Drift (2 broken)", model.getLabel(), "the tab shows drift found on open");
        TreeItem customers = part.changes().getItem(0);
        TreeItem impact = java.util.Arrays.stream(customers.getItems()).filter(i -> i.getText(0).equals("Impact on mappings")).findFirst()
                .orElseThrow();
        assertTrue(customers.getExpanded() && impact.getExpanded(), "the broken elements are in view");
        Project before = bench.session.project();
        assertTrue(part.applyButton().getEnabled());
        Bench.select(part.applyButton());
        Project after = bench.session.project();
        assertEquals("e_mail", emailName(after), "the field keeps its id under its new name");
        assertEquals("lower(e_mail)", emailExpression(after));
        assertTrue(bench.session.document().isDirty());
        assertEquals("Schema Drift", model.getLabel());
        assertEquals(0, part.proposals().getItemCount(), "applied proposals are gone");
        assertTrue(part.status().startsWith("Rebased: 1 accepted, 0 rejected, 1 expression rewritten"), part.status());

        bench.session.document().undo();
        assertEquals(before, bench.session.project(), "undo restores the project before the rebase");
        assertEquals("lower(email)", emailExpression(bench.session.project()));
    }

    @Test
    void aRejectedRenameLeavesTheExpressionAsWritten() throws Exception {
        Bench.replaceInFile(project.resolve("data/customers.csv"), "email", "e_mail");
        bench.session.open(project);
        DriftPart part = checked();
        part.proposals().getItem(0).setChecked(false);
        assertTrue(part.applyRebase());
        assertEquals("lower(email)", emailExpression(bench.session.project()), "nothing is re-bound silently");
        assertTrue(part.status().startsWith("Rebased: 0 accepted, 1 rejected"), part.status());
        assertTrue(part.status().contains("problems remain"), "the broken expression stays a problem: " + part.status());
    }

    @Test
    void anEditAfterTheCheckBlocksTheStaleRebase() throws Exception {
        Bench.replaceInFile(project.resolve("data/customers.csv"), "email", "e_mail");
        bench.session.open(project);
        DriftPart part = checked();
        bench.session.execute("edit", ProjectEdits.setExpression("map_customers", EMAIL_TARGET, "upper(email)"));
        assertFalse(part.applyButton().getEnabled());
        assertFalse(part.applyRebase());
        assertEquals("upper(email)", emailExpression(bench.session.project()));
        assertTrue(part.status().contains("check again"), part.status());

        Bench.select(findButton(part, "Check Now"));
        bench.waitUntil(() -> !part.isChecking() && part.report() != null, "the second check finishes");
        assertTrue(part.applyButton().getEnabled());
    }

    private static org.eclipse.swt.widgets.Button findButton(DriftPart part, String text) {
        for (org.eclipse.swt.widgets.Control c : part.applyButton().getParent().getChildren()) {
            if (c instanceof org.eclipse.swt.widgets.Button b && b.getText().equals(text)) {
                return b;
            }
        }
        throw new AssertionError("no button " + text);
    }
}
