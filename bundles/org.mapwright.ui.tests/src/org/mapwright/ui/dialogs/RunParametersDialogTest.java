package org.mapwright.ui.dialogs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.util.Map;

import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.ui.UiTest;

class RunParametersDialogTest {

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

    @Test
    void listsEverySettingWithItsProjectValueAndReturnsOnlyTheGivenOnes() {
        RunParametersDialog d = new RunParametersDialog(ui.shell, ui.session.project());
        d.setBlockOnOpen(false);
        d.open();
        Text path = d.input("out_csv.path");
        assertNotNull(path, "an output's setting is a parameter");
        assertEquals("out/orders.csv", path.getMessage(), "the project's value is shown");
        assertNotNull(d.input("customers.path"), "a source's setting is a parameter");
        path.setText(" out/other.csv ");
        d.pressOk();
        assertEquals(Map.of("out_csv.path", "out/other.csv"), d.values());
    }
}
