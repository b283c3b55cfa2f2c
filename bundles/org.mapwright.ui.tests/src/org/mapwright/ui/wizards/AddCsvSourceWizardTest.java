package org.mapwright.ui.wizards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.connector.csv.CsvConnector;
import org.mapwright.core.DataType;
import org.mapwright.core.Ids;
import org.mapwright.core.SourceDef;
import org.mapwright.internal.ui.UiResources;
import org.mapwright.ui.UiTest;
import org.mapwright.ui.parts.ProjectExplorerPart;

class AddCsvSourceWizardTest {

    @TempDir
    Path temp;

    private UiTest ui;
    private ProjectExplorerPart explorer;

    @BeforeEach
    void open() throws Exception {
        ui = UiTest.open(temp, "orders-project");
        Files.copy(UiTest.testData().resolve("people.csv"), ui.projectDir.resolve("data/people.csv"));
        explorer = ui.workbench().explorer();
    }

    @AfterEach
    void close() {
        ui.close();
    }

    /** Opens the wizard without blocking, as the Add CSV Source command does. */
    private static final class Dialog extends WizardDialog {
        Dialog(AddCsvSourceWizard w, org.eclipse.swt.widgets.Shell parent) {
            super(parent, w);
            setBlockOnOpen(false);
        }

        void next() {
            nextPressed();
        }

        void finish() {
            finishPressed();
        }
    }

    @Test
    void addsASourceFromAFileWithLivePreviewAndEditedTypes() {
        AddCsvSourceWizard wizard = new AddCsvSourceWizard(ui.session, new CsvConnector(new Ids(new Random(1))), ui.context.get(UiResources.class),
                new Ids(new Random(2)));
        Dialog dialog = new Dialog(wizard, ui.shell);
        dialog.open();
        CsvFilePage page = wizard.filePage();
        page.fileText().setText(ui.projectDir.resolve("data/people.csv").toString());
        ui.waitUntil(() -> page.isSniffed() && page.previewTable().getItemCount() == 4, "the sniffed preview shows the 4 rows");
        assertEquals(";", page.delimiterCombo().getText(), "the delimiter is sniffed");
        assertEquals("people", page.nameText().getText());
        assertEquals("full_name", page.previewTable().getColumn(2).getText());
        assertEquals("Ana Lima", page.previewTable().getItem(0).getText(2));

        page.headerCheck().setSelection(false);
        page.headerCheck().notifyListeners(SWT.Selection, new Event());
        ui.waitUntil(() -> page.previewTable().getItemCount() == 5, "without header the header line becomes a row");
        assertEquals("person_id", page.previewTable().getItem(0).getText(1));
        page.headerCheck().setSelection(true);
        page.headerCheck().notifyListeners(SWT.Selection, new Event());
        page.delimiterCombo().setText(",");
        ui.waitUntil(() -> page.previewTable().getColumnCount() == 2, "a wrong delimiter gives one column");
        page.delimiterCombo().setText(";");
        ui.waitUntil(() -> page.previewTable().getColumnCount() == 5 && page.isPageComplete(), "the right delimiter again");

        dialog.next();
        CsvColumnsPage columns = wizard.columnsPage();
        ui.waitUntil(() -> columns.isPageComplete(), "the columns are inferred");
        assertEquals(List.of("person_id", "full_name", "birth_date", "score"), columns.columnNames());
        assertEquals(DataType.INTEGER, columns.type(0));
        assertEquals(DataType.DATE, columns.type(2));
        assertEquals(DataType.DECIMAL, columns.type(3));
        columns.setType(0, DataType.TEXT);
        assertFalse(columns.createMappingCheck().getSelection(), "the project has a mapping already");
        dialog.finish();

        SourceDef added = ui.session.project().sourceByName("people").orElseThrow();
        assertEquals(added, wizard.addedSource());
        assertTrue(added.id().startsWith("src_"));
        assertEquals("data/people.csv", added.settings().getString("path", null), "stored relative to the project");
        assertEquals(";", added.settings().getString("delimiter", null));
        assertEquals(DataType.TEXT, added.schema().fields().get(0).type());
        assertEquals(4, added.schema().size());
        ui.spin();
        assertTrue(explorer.viewer().testFindItem(new ProjectExplorerPart.SourceNode(added.id())) != null, "the explorer lists it");
        assertTrue(ui.session.document().canUndo());
    }

    /** A date column with two stray values keeps its type; the page marks it and names the values. */
    @Test
    void marksAFieldThatKeptItsTypeDespiteStrayValues() throws Exception {
        StringBuilder csv = new StringBuilder("id,signup\n");
        for (int i = 1; i <= 38; i++) {
            csv.append(i).append(',').append(String.format("%02d/03/2024", 1 + i % 28)).append('\n');
        }
        csv.append("39,n/a\n40,unknown\n");
        Files.writeString(ui.projectDir.resolve("data/signups.csv"), csv.toString());
        AddCsvSourceWizard wizard = new AddCsvSourceWizard(ui.session, new CsvConnector(), ui.context.get(UiResources.class), new Ids());
        Dialog dialog = new Dialog(wizard, ui.shell);
        dialog.open();
        wizard.filePage().fileText().setText("data/signups.csv");
        ui.waitUntil(() -> wizard.filePage().isPageComplete(), "the file is sniffed");
        dialog.next();
        CsvColumnsPage columns = wizard.columnsPage();
        ui.waitUntil(() -> columns.isPageComplete(), "the columns are inferred");
        assertEquals(DataType.DATE, columns.type(1), "two stray values of 40 keep the date type");
        var table = columns.viewer().getTable();
        int confidence = -1;
        for (int i = 0; i < table.getColumnCount(); i++) {
            if (table.getColumn(i).getText().equals("Confidence")) {
                confidence = i;
            }
        }
        assertTrue(table.getItem(1).getText(confidence).endsWith("\u26a0"), table.getItem(1).getText(confidence));
        assertFalse(table.getItem(0).getText(confidence).contains("\u26a0"), "a clean column is not marked");
        assertTrue(columns.messageText().contains("1 field keeps its type"), columns.messageText());
        dialog.close();
    }

    @Test
    void createsAMappingWhenAsked() {
        AddCsvSourceWizard wizard = new AddCsvSourceWizard(ui.session, new CsvConnector(), ui.context.get(UiResources.class), new Ids());
        Dialog dialog = new Dialog(wizard, ui.shell);
        dialog.open();
        wizard.filePage().fileText().setText("data/people.csv");
        ui.waitUntil(() -> wizard.filePage().isPageComplete(), "a relative path resolves against the project");
        dialog.next();
        ui.waitUntil(() -> wizard.columnsPage().isPageComplete(), "the columns are inferred");
        wizard.columnsPage().createMappingCheck().setSelection(true);
        dialog.finish();
        var mappings = ui.session.project().mappings();
        assertEquals(2, mappings.size());
        var m = mappings.get(1);
        assertEquals("people", m.name());
        assertEquals(4, m.fieldMappings().size());
        assertEquals(m.id(), ui.session.activeMappingId(), "the editor shows the new mapping");
    }
}
