package org.mapwright.ui.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.mapwright.ui.UiTest;

/** The Edit menu reaches the outputs dialog and the target schema import through commands wired to these handlers. */
class OutputsAndSchemaCommandsTest {

    @Test
    void applicationModelWiresMenuItemsCommandsAndHandlers() throws Exception {
        Path model = UiTest.sampleProject().getParent().resolve("Application.e4xmi");
        String xml = Files.readString(model);
        for (String[] c : new String[][] {{"mw.cmd.outputs", OutputsHandler.class.getName()},
                {"mw.cmd.importTargetSchema", ImportTargetSchemaHandler.class.getName()}}) {
            assertTrue(xml.contains("<commands xmi:id=\"" + c[0] + "\""), c[0]);
            assertTrue(Pattern.compile("HandledMenuItem\"[^>]*command=\"" + Pattern.quote(c[0]) + "\"").matcher(xml).find(), "menu item for " + c[0]);
            Matcher h = Pattern.compile("<handlers [^>]*contributionURI=\"bundleclass://org.mapwright.ui/([^\"]+)\" command=\"" + Pattern.quote(c[0]) + "\"")
                    .matcher(xml);
            assertTrue(h.find(), "handler for " + c[0]);
            assertEquals(c[1], h.group(1));
        }
    }

    @Test
    void handlersNeedAnOpenMapping() {
        assertFalse(new OutputsHandler().canExecute(null));
        assertFalse(new ImportTargetSchemaHandler().canExecute(null));
    }
}
