package org.mapwright.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.ui.model.Selection;

class WorkbenchScreenshotTest {

    @TempDir
    Path temp;

    @Test
    void assembledWorkbenchRendersAndIsSavedAsPng() throws Exception {
        try (UiTest ui = UiTest.open(temp, "orders-project")) {
            UiTest.Workbench w = ui.workbench();
            ui.waitUntil(() -> w.preview().table().getItemCount() > 0, "the preview shows rows");
            ui.waitUntil(() -> w.problems().summaryText().length() > 0, "problems are listed");
            ui.session.select(new Selection.TargetField("map_orders", "t_total"), this);
            ui.spin();
            Path png = ui.screenshot(w.root(), "workbench");
            assertTrue(Files.size(png) > 10_000, "a real picture, not an empty image: " + png);
        }
    }
}
