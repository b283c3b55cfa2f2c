package org.mapwright.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.core.Project;
import org.mapwright.core.io.ProjectIO;
import org.mapwright.ui.UiTest;

class ProjectDocumentTest {

    @TempDir
    Path temp;

    private ProjectDocument open() throws Exception {
        Path dir = temp.resolve("p");
        UiTest.copy(UiTest.testData().resolve("orders-project"), dir);
        return ProjectDocument.open(new ProjectIO(), dir);
    }

    private static String expr(ProjectDocument d, String target) {
        return d.project().mapping("map_orders").orElseThrow().mappingFor(target).map(m -> m.expression()).orElse(null);
    }

    @Test
    void undoAndRedoWalkThroughProjectSnapshots() throws Exception {
        ProjectDocument d = open();
        Project original = d.project();
        d.execute("Map email", ProjectEdits.setExpression("map_orders", "t_mail", "email"));
        d.execute("Map status", ProjectEdits.setExpression("map_orders", "t_status", "status"));
        assertEquals("Map status", d.undoLabel());
        d.undo();
        assertNull(expr(d, "t_status"));
        assertEquals("email", expr(d, "t_mail"));
        d.undo();
        assertEquals(original, d.project());
        assertFalse(d.canUndo());
        d.redo();
        d.redo();
        assertEquals("status", expr(d, "t_status"));
        assertFalse(d.canRedo());
    }

    @Test
    void typingInOneExpressionIsOneUndoStepUntilTheMergeIsClosed() throws Exception {
        ProjectDocument d = open();
        for (String text : List.of("l", "lo", "low", "lower(email)")) {
            d.execute("Edit", "expr:t_mail", ProjectEdits.setExpression("map_orders", "t_mail", text));
        }
        d.closeMerge();
        d.execute("Edit", "expr:t_mail", ProjectEdits.setExpression("map_orders", "t_mail", "email"));
        d.undo();
        assertEquals("lower(email)", expr(d, "t_mail"));
        d.undo();
        assertNull(expr(d, "t_mail"));
    }

    @Test
    void aNewEditAfterUndoDropsTheRedoBranch() throws Exception {
        ProjectDocument d = open();
        d.execute("a", ProjectEdits.setExpression("map_orders", "t_mail", "email"));
        d.undo();
        d.execute("b", ProjectEdits.setExpression("map_orders", "t_status", "status"));
        assertFalse(d.canRedo());
        assertNull(expr(d, "t_mail"));
    }

    @Test
    void editsThatChangeNothingAreNotCommands() throws Exception {
        ProjectDocument d = open();
        assertFalse(d.execute("same", ProjectEdits.setExpression("map_orders", "t_id", "order_id")));
        assertFalse(d.canUndo());
    }

    @Test
    void dirtyUntilSavedAndCleanAgainWhenUndoneToTheSavedState() throws Exception {
        ProjectDocument d = open();
        List<String> events = new ArrayList<>();
        d.addListener(c -> events.add(c.label()));
        assertFalse(d.isDirty());
        d.execute("Map email", ProjectEdits.setExpression("map_orders", "t_mail", "email"));
        assertTrue(d.isDirty());
        d.undo();
        assertFalse(d.isDirty());
        d.redo();
        d.save(new ProjectIO());
        assertFalse(d.isDirty());
        assertEquals(new ProjectIO().toJson(d.project()), Files.readString(d.file(), StandardCharsets.UTF_8));
        assertEquals(List.of("Map email", "Undo Map email", "Redo Map email", "Save"), events);
    }

    @Test
    void saveAsRebasesRelativeSourcePathsOntoTheNewFolder() throws Exception {
        ProjectDocument d = open();
        Path elsewhere = temp.resolve("elsewhere/copy");
        d.saveAs(new ProjectIO(), elsewhere);
        assertEquals(elsewhere.toAbsolutePath().normalize(), d.folder());
        Project reread = new ProjectIO().read(elsewhere);
        String path = reread.source("src_orders").orElseThrow().settings().getString("path", null);
        assertEquals("../../p/data/orders.csv", path);
        assertTrue(Files.isRegularFile(elsewhere.resolve(path)));
        assertFalse(d.isDirty());
    }
}
