package org.mapwright.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.core.SourceDef;
import org.mapwright.engine.MappingEngine;
import org.mapwright.internal.ui.AnalysisService;
import org.mapwright.runtime.StandardConnectors;

/** The bundled sample project as a newcomer sees it on first start. */
class SampleProjectTest {

    @TempDir
    Path temp;

    private UiTest ui;
    private UiTest.Workbench w;

    @BeforeEach
    void open() throws Exception {
        ui = UiTest.open(temp, UiTest.sampleProject(), new MappingEngine(StandardConnectors.registry()));
        w = ui.workbench();
        ui.waitUntil(() -> w.preview().table().getItemCount() > 0, "the sample's preview arrives");
    }

    @AfterEach
    void close() {
        ui.close();
    }

    @Test
    void joinsCsvJsonAndExcelSourcesIntoAnH2TargetWithoutProblems() throws Exception {
        List<SourceDef> sources = ui.session.project().sources();
        assertEquals(Set.of("csv", "json", "excel"), sources.stream().map(SourceDef::connector).collect(Collectors.toSet()));
        assertTrue(ui.session.project().mappings().get(0).outputs().stream()
                .anyMatch(o -> o.connector().equals("jdbc") && "h2".equals(o.settings().getString("driver", null))), "an embedded H2 target");
        assertEquals(3, ui.session.project().mappings().get(0).joins().size());
        assertTrue(ui.context.get(AnalysisService.class).problems().stream().noneMatch(p -> p.isError()),
                ui.context.get(AnalysisService.class).problems().toString());
        Table t = w.preview().table();
        List<String> columns = java.util.Arrays.stream(t.getColumns()).map(TableColumn::getText).toList();
        int tier = columns.indexOf("loyalty_tier");
        int manager = columns.indexOf("account_manager");
        assertTrue(tier > 0 && manager > 0, columns.toString());
        Set<String> managers = new java.util.HashSet<>();
        Set<String> tiers = new java.util.HashSet<>();
        for (int i = 0; i < t.getItemCount(); i++) {
            managers.add(t.getItem(i).getText(manager));
            tiers.add(t.getItem(i).getText(tier));
        }
        assertTrue(managers.contains("Astrid Nilsson") && managers.contains("Unassigned"), managers.toString());
        assertTrue(tiers.contains("Gold") && tiers.contains("None"), tiers.toString());
        ui.screenshot(w.root(), "sample-workbench");
    }

    @Test
    void runsIntoTheEmbeddedH2Database() {
        String[] report = new String[1];
        ui.display.timerExec(20, new Runnable() {
            @Override
            public void run() {
                for (org.eclipse.swt.widgets.Shell s : ui.display.getShells()) {
                    if ("Run Report".equals(s.getText()) && s.isVisible()) {
                        StringBuilder b = new StringBuilder();
                        collect(s, b);
                        report[0] = b.toString();
                        s.close();
                        return;
                    }
                }
                ui.display.timerExec(20, this);
            }
        });
        ProjectActions.run(ui.shell, ui.context);
        ui.waitUntil(() -> report[0] != null, "the run report appears");
        assertTrue(report[0].contains("read 40 · written 34 · rejected 2"), report[0]);
        assertTrue(Files.isRegularFile(ui.projectDir.resolve("out/warehouse.mv.db")), report[0]);
    }

    private static void collect(org.eclipse.swt.widgets.Control c, StringBuilder b) {
        if (c instanceof org.eclipse.swt.widgets.Text t) {
            b.append(t.getText());
        }
        if (c instanceof org.eclipse.swt.widgets.Composite comp) {
            for (var child : comp.getChildren()) {
                collect(child, b);
            }
        }
    }
}
