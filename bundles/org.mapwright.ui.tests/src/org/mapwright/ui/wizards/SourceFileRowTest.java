package org.mapwright.ui.wizards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The file and source-name lines the file source wizards share. */
class SourceFileRowTest {

    private final Shell shell = new Shell(Display.getDefault(), SWT.SHELL_TRIM);

    @AfterEach
    void dispose() {
        shell.dispose();
    }

    private SourceFileRow row(AtomicInteger nameChanges) {
        shell.setLayout(new GridLayout(4, false));
        return new SourceFileRow(shell, new String[] {"*.csv", "*"}, () -> Path.of("."), nameChanges::incrementAndGet);
    }

    @Test
    void theNameFollowsTheFileUntilTheUserTypesOne() {
        AtomicInteger changes = new AtomicInteger();
        SourceFileRow row = row(changes);
        assertEquals(5, shell.getChildren().length, "two lines of a four-column grid: label, file, Browse…, then label, name");

        row.suggestName("people");
        assertEquals("people", row.name().getText());
        assertFalse(row.nameEdited());
        assertEquals(1, changes.get(), "a suggested name is validated too");
        row.suggestName("orders");
        assertEquals("orders", row.name().getText());

        row.name().setText("customers");
        assertTrue(row.nameEdited());
        row.suggestName("other");
        assertEquals("customers", row.name().getText(), "the user's name stays");
        assertEquals(3, changes.get());
    }

    @Test
    void theFileFieldIsThePagesToListenTo() {
        SourceFileRow row = row(new AtomicInteger());
        AtomicInteger fileChanges = new AtomicInteger();
        row.file().addListener(SWT.Modify, e -> fileChanges.incrementAndGet());
        row.file().setText("data/people.csv");
        assertEquals(1, fileChanges.get());
        assertEquals("", row.name().getText(), "the row suggests nothing itself; the page knows the default name");
    }
}
