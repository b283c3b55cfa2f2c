package org.mapwright.ui.sources.wizards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.connector.excel.ExcelConnector;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.Ids;
import org.mapwright.core.SourceDef;
import org.mapwright.ui.sources.SourcesTest;

class AddExcelSourceWizardTest {

    @TempDir
    Path temp;

    private SourcesTest ui;

    @BeforeEach
    void open() throws Exception {
        ui = new SourcesTest(temp);
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(ui.projectDir.resolve("data/sales.xlsx"))) {
            Sheet notes = wb.createSheet("Notes");
            notes.createRow(0).createCell(0).setCellValue("Read me");
            Sheet orders = wb.createSheet("Orders");
            orders.createRow(0).createCell(0).setCellValue("Orders report 2025");
            Row header = orders.createRow(2);
            header.createCell(0).setCellValue("id");
            header.createCell(1).setCellValue("customer");
            header.createCell(2).setCellValue("amount");
            for (int i = 0; i < 5; i++) {
                Row r = orders.createRow(3 + i);
                r.createCell(0).setCellValue(i + 1);
                r.createCell(1).setCellValue("customer " + (i + 1));
                r.createCell(2).setCellValue(10.5 * (i + 1));
            }
            wb.write(out);
        }
    }

    @AfterEach
    void close() {
        ui.close();
    }

    @Test
    void picksASheetBelowATitleAndAddsIt() {
        AddExcelSourceWizard wizard = new AddExcelSourceWizard(ui.session, new ExcelConnector(new Ids(new Random(1))), new Ids(new Random(2)));
        SourcesTest.Dialog dialog = ui.open(wizard);
        ExcelSheetPage page = wizard.sheetPage();
        page.fileText().setText("data/sales.xlsx");
        ui.waitUntil(() -> page.sheetCombo().getItemCount() == 2 && page.isPageComplete(), "the sheets are listed and the first previewed");
        assertEquals(List.of("Notes", "Orders"), List.of(page.sheetCombo().getItems()));
        assertEquals("Notes", page.sheetCombo().getText());

        page.sheetCombo().select(1);
        page.sheetCombo().notifyListeners(SWT.Selection, new Event());
        ui.waitUntil(() -> page.isPageComplete() && page.previewTable().getItemCount() == 5, "the orders are previewed");
        assertEquals("customer", page.previewTable().getColumn(2).getText(), "the title rows are skipped");
        assertEquals("customer 1", page.previewTable().getItem(0).getText(2));
        assertTrue(page.headerCheck().getSelection(), "the detected header is shown");
        assertEquals(3, page.headerRowSpinner().getSelection());
        assertEquals(4, page.firstRowSpinner().getSelection());

        page.detectCheck().setSelection(false);
        page.detectCheck().notifyListeners(SWT.Selection, new Event());
        page.firstRowSpinner().setSelection(6);
        page.firstRowSpinner().notifyListeners(SWT.Modify, new Event());
        ui.waitUntil(() -> page.isPageComplete() && page.previewTable().getItemCount() == 3, "rows from row 6 on");
        assertEquals("customer 3", page.previewTable().getItem(0).getText(2));

        page.nameText().setText("orders");
        dialog.next();
        FieldsPage fields = wizard.fieldsPage();
        ui.waitUntil(fields::isPageComplete, "the columns are inferred");
        assertEquals(List.of("id", "customer", "amount"), fields.schema().fields().stream().map(Field::name).toList());
        assertEquals(DataType.INTEGER, fields.schema().fields().get(0).type());
        assertEquals(DataType.DECIMAL, fields.schema().fields().get(2).type());
        dialog.finish();

        SourceDef added = ui.session.project().sourceByName("orders").orElseThrow();
        assertEquals("excel", added.connector());
        assertEquals("Orders", added.settings().getString(ExcelConnector.SHEET, null));
        assertEquals(3L, added.settings().getLong(ExcelConnector.HEADER_ROW, -1));
        assertEquals(6L, added.settings().getLong(ExcelConnector.FIRST_ROW, -1));
        assertEquals("data/sales.xlsx", added.settings().getString(ExcelConnector.PATH, null));
    }

    @Test
    void readsAnOldXlsWorkbook() throws Exception {
        try (org.apache.poi.hssf.usermodel.HSSFWorkbook wb = new org.apache.poi.hssf.usermodel.HSSFWorkbook();
                OutputStream out = Files.newOutputStream(ui.projectDir.resolve("data/legacy.xls"))) {
            Sheet s = wb.createSheet("Legacy");
            Row h = s.createRow(0);
            h.createCell(0).setCellValue("code");
            h.createCell(1).setCellValue("ok");
            for (int i = 0; i < 3; i++) {
                Row r = s.createRow(1 + i);
                r.createCell(0).setCellValue("c" + i);
                r.createCell(1).setCellValue(i % 2 == 0);
            }
            wb.write(out);
        }
        AddExcelSourceWizard wizard = new AddExcelSourceWizard(ui.session, new ExcelConnector(), new Ids());
        SourcesTest.Dialog dialog = ui.open(wizard);
        ExcelSheetPage page = wizard.sheetPage();
        page.fileText().setText("data/legacy.xls");
        ui.waitUntil(() -> page.isPageComplete() && page.previewTable().getItemCount() == 3, "the sheet is previewed");
        assertEquals("true", page.previewTable().getItem(0).getText(2));
        dialog.next();
        ui.waitUntil(wizard.fieldsPage()::isPageComplete, "the columns are inferred");
        assertEquals(DataType.BOOLEAN, wizard.fieldsPage().schema().fields().get(1).type());
        dialog.finish();
        assertEquals("Legacy", ui.session.project().sourceByName("legacy").orElseThrow().settings().getString(ExcelConnector.SHEET, null));
    }

    @Test
    void showsWhyAFileIsNotAWorkbook() throws Exception {
        Files.writeString(ui.projectDir.resolve("data/fake.xlsx"), "id,name\n1,a\n");
        AddExcelSourceWizard wizard = new AddExcelSourceWizard(ui.session, new ExcelConnector(), new Ids());
        ui.open(wizard);
        ExcelSheetPage page = wizard.sheetPage();
        page.fileText().setText("data/fake.xlsx");
        ui.waitUntil(() -> page.getErrorMessage() != null, "the error is shown");
        assertTrue(page.getErrorMessage().contains("fake.xlsx") && page.getErrorMessage().contains("not an Excel file"), page.getErrorMessage());
        assertFalse(page.isPageComplete());
    }
}
