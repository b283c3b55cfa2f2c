package org.mapwright.connector.excel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mapwright.connector.excel.Fixtures.inspect;
import static org.mapwright.connector.excel.Fixtures.path;
import static org.mapwright.connector.excel.Fixtures.readAll;
import static org.mapwright.connector.excel.Fixtures.save;
import static org.mapwright.connector.excel.Fixtures.sheet;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFRichTextString;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.Schema;
import org.mapwright.core.Settings;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.InspectOptions;
import org.mapwright.core.connector.Inspection;
import org.mapwright.core.connector.ProgressMonitor;
import org.mapwright.core.connector.RecordReader;
import org.mapwright.core.value.Values;

class ExcelConnectorReadTest {

    @TempDir
    Path dir;

    private static List<String> names(Inspection i) {
        return i.schema().fields().stream().map(Field::name).toList();
    }

    private static List<DataType> types(Inspection i) {
        return i.schema().fields().stream().map(Field::type).toList();
    }

    @Test
    void inspectsTypedColumnsAndReadsTypedValues() throws Exception {
        Workbook wb = new XSSFWorkbook();
        sheet(wb, "Orders",
                new Object[] {"id", "customer", "amount", "paid", "ordered", "shipped"},
                new Object[] {1, "Ada", 12.5, true, LocalDate.of(2024, 3, 15), LocalDateTime.of(2024, 3, 16, 9, 30)},
                new Object[] {2, "Bob", 7, false, LocalDate.of(2024, 3, 17), LocalDateTime.of(2024, 3, 18, 17, 5, 12)});
        save(wb, dir.resolve("orders.xlsx"));

        Inspection i = inspect(dir, path("orders.xlsx"));
        assertEquals(List.of("id", "customer", "amount", "paid", "ordered", "shipped"), names(i));
        assertEquals(List.of(DataType.INTEGER, DataType.TEXT, DataType.DECIMAL, DataType.BOOLEAN, DataType.DATE,
                DataType.TIMESTAMP), types(i));
        assertEquals("Orders", i.settings().getString("sheet", null));
        assertTrue(i.settings().getBoolean("header", false));
        assertEquals(1, i.settings().getLong("headerRow", -1));
        assertEquals(2, i.settings().getLong("firstRow", -1));
        assertTrue(i.complete());
        assertEquals(2, i.rowsSampled());

        List<Object[]> rows = Fixtures.read(dir, i.settings(), i);
        assertEquals(2, rows.size());
        assertArrayEquals(new Object[] {1L, "Ada", new BigDecimal("12.5"), true, LocalDate.of(2024, 3, 15),
                LocalDateTime.of(2024, 3, 16, 9, 30)}, rows.get(0));
        assertArrayEquals(new Object[] {2L, "Bob", new BigDecimal("7"), false, LocalDate.of(2024, 3, 17),
                LocalDateTime.of(2024, 3, 18, 17, 5, 12)}, rows.get(1));
    }

    @Test
    void listsEverySheetAndSelectsBySettingNameOrIndex() throws Exception {
        Workbook wb = new XSSFWorkbook();
        sheet(wb, "First", new Object[] {"a"}, new Object[] {1});
        sheet(wb, "Second", new Object[] {"b", "c"}, new Object[] {2, 3});
        sheet(wb, "3", new Object[] {"d"}, new Object[] {4});
        save(wb, dir.resolve("book.xlsx"));
        ExcelConnector excel = new ExcelConnector();
        ConnectorContext ctx = ConnectorContext.of(dir);

        assertEquals(List.of("First", "Second", "3"), excel.sheetNames(ctx, path("book.xlsx")));
        assertEquals(List.of("a"), names(inspect(dir, path("book.xlsx"))));
        assertEquals(List.of("b", "c"), names(inspect(dir, path("book.xlsx").with("sheet", "Second"))));
        assertEquals(List.of("b", "c"), names(inspect(dir, path("book.xlsx").with("sheet", "second"))));
        assertEquals(List.of("b", "c"), names(inspect(dir, path("book.xlsx").with("sheet", 2L))));
        assertEquals(List.of("d"), names(inspect(dir, path("book.xlsx").with("sheet", "3"))), "a sheet named 3 wins over index 3");

        Map<String, Inspection> all = excel.inspectSheets(ctx, path("book.xlsx"), InspectOptions.DEFAULTS, ProgressMonitor.NONE);
        assertEquals(List.of("First", "Second", "3"), List.copyOf(all.keySet()));
        assertEquals(List.of("b", "c"), names(all.get("Second")));
        assertEquals("Second", all.get("Second").settings().getString("sheet", null));

        DataException e = assertThrows(DataException.class, () -> inspect(dir, path("book.xlsx").with("sheet", "Nope")));
        assertTrue(e.getMessage().contains("sheet 'Nope' not found (sheets: First, Second, 3)"), e.getMessage());
    }

    @Test
    void skipsTitleRowsAboveTheHeader() throws Exception {
        Workbook wb = new XSSFWorkbook();
        sheet(wb, "Report",
                new Object[] {"Quarterly sales report"},
                new Object[] {"generated 2024-04-01"},
                null,
                new Object[] {"region", "units", "revenue"},
                new Object[] {"North", 10, 100.5},
                new Object[] {"South", 20, 200.25});
        save(wb, dir.resolve("report.xlsx"));

        Inspection i = inspect(dir, path("report.xlsx"));
        assertEquals(List.of("region", "units", "revenue"), names(i));
        assertEquals(4, i.settings().getLong("headerRow", -1));
        assertEquals(5, i.settings().getLong("firstRow", -1));
        List<Object[]> rows = Fixtures.read(dir, i.settings(), i);
        assertEquals(2, rows.size());
        assertArrayEquals(new Object[] {"South", 20L, new BigDecimal("200.25")}, rows.get(1));
    }

    @Test
    void explicitHeaderRowAndFirstRowOverrideDetection() throws Exception {
        Workbook wb = new XSSFWorkbook();
        sheet(wb, "S",
                new Object[] {"name", "weight"},
                new Object[] {"", "kg"},
                new Object[] {"apple", 0.2},
                new Object[] {"melon", 1.5});
        save(wb, dir.resolve("units.xlsx"));

        Inspection i = inspect(dir, path("units.xlsx").with("headerRow", 1L).with("firstRow", 3L));
        assertEquals(List.of("name", "weight"), names(i));
        assertEquals(DataType.DECIMAL, i.schema().fields().get(1).type());
        List<Object[]> rows = Fixtures.read(dir, i.settings(), i);
        assertEquals(2, rows.size());
        assertArrayEquals(new Object[] {"apple", new BigDecimal("0.2")}, rows.get(0));
    }

    @Test
    void firstRowOfNumbersIsNoHeaderAndColumnsAreNamedByLetter() throws Exception {
        Workbook wb = new XSSFWorkbook();
        sheet(wb, "S", new Object[] {1, "x", 2.5}, new Object[] {2, "y", 3.5});
        save(wb, dir.resolve("noheader.xlsx"));

        Inspection i = inspect(dir, path("noheader.xlsx"));
        assertFalse(i.settings().getBoolean("header", true));
        assertFalse(i.settings().has("headerRow"));
        assertEquals(List.of("A", "B", "C"), names(i));
        List<Object[]> rows = Fixtures.read(dir, i.settings(), i);
        assertEquals(2, rows.size());
        assertArrayEquals(new Object[] {1L, "x", new BigDecimal("2.5")}, rows.get(0));
    }

    @Test
    void detectsHeaderOfAllTextTableAndHonoursHeaderFalse() throws Exception {
        Workbook wb = new XSSFWorkbook();
        sheet(wb, "S", new Object[] {"name", "city"}, new Object[] {"Ada", "London"}, new Object[] {"Bob", "Paris"});
        save(wb, dir.resolve("text.xlsx"));

        Inspection detected = inspect(dir, path("text.xlsx"));
        assertEquals(List.of("name", "city"), names(detected));
        assertEquals(2, readAll(dir, path("text.xlsx")).size());

        Inspection forced = inspect(dir, path("text.xlsx").with("header", false));
        assertEquals(List.of("A", "B"), names(forced));
        List<Object[]> rows = Fixtures.read(dir, forced.settings(), forced);
        assertEquals(3, rows.size());
        assertArrayEquals(new Object[] {"name", "city"}, rows.get(0));
    }

    @Test
    void repeatedValuesInFirstRowMeanNoHeader() throws Exception {
        Workbook wb = new XSSFWorkbook();
        sheet(wb, "S", new Object[] {"x", "x"}, new Object[] {1, 2});
        save(wb, dir.resolve("dup.xlsx"));
        assertEquals(List.of("A", "B"), names(inspect(dir, path("dup.xlsx"))));

        Workbook wb2 = new XSSFWorkbook();
        sheet(wb2, "S", new Object[] {"x", "x"}, new Object[] {1, 2});
        save(wb2, dir.resolve("dup2.xlsx"));
        assertEquals(List.of("x", "x_2"), names(inspect(dir, path("dup2.xlsx").with("header", true))));
    }

    @Test
    void readsDatesOfThe1904DateSystem() throws Exception {
        XSSFWorkbook wb = new XSSFWorkbook();
        Sheet s = sheet(wb, "S", new Object[] {"day"});
        CellStyle style = wb.createCellStyle();
        style.setDataFormat(wb.createDataFormat().getFormat("dd.mm.yyyy"));
        Cell c = s.createRow(1).createCell(0);
        c.setCellValue(org.apache.poi.ss.usermodel.DateUtil.getExcelDate(LocalDate.of(2024, 3, 15), true));
        c.setCellStyle(style);
        Path file = save(wb, dir.resolve("mac.xlsx"));
        String workbookXml = Fixtures.zipEntry(file, "xl/workbook.xml");
        assertTrue(workbookXml.contains("date1904=\"false\""), workbookXml);
        Fixtures.patchZip(file, Map.of("xl/workbook.xml", workbookXml.replace("date1904=\"false\"", "date1904=\"true\"")));

        List<Object[]> rows = readAll(dir, path("mac.xlsx"));
        assertEquals(LocalDate.of(2024, 3, 15), rows.get(0)[0]);
    }

    @Test
    void readsDatesBefore1900StoredAsTextAsDateColumn() throws Exception {
        Workbook wb = new XSSFWorkbook();
        sheet(wb, "S", new Object[] {"event", "on"},
                new Object[] {"Waterloo", "1815-06-18"},
                new Object[] {"Moon landing", LocalDate.of(1969, 7, 20)});
        save(wb, dir.resolve("history.xlsx"));

        Inspection i = inspect(dir, path("history.xlsx"));
        assertEquals(DataType.DATE, i.schema().fields().get(1).type());
        List<Object[]> rows = Fixtures.read(dir, i.settings(), i);
        assertEquals("1815-06-18", rows.get(0)[1], "text goes to the engine, which parses it with the field type");
        assertEquals(LocalDate.of(1815, 6, 18), Values.parse((String) rows.get(0)[1], DataType.DATE, null));
        assertEquals(LocalDate.of(1969, 7, 20), rows.get(1)[1]);
    }

    @Test
    void keepsCodesWithLeadingZerosAsText() throws Exception {
        Workbook wb = new XSSFWorkbook();
        sheet(wb, "S", new Object[] {"zip", "count"}, new Object[] {"01234", "42"}, new Object[] {"98765", "7"});
        save(wb, dir.resolve("codes.xlsx"));
        Inspection i = inspect(dir, path("codes.xlsx"));
        assertEquals(List.of(DataType.TEXT, DataType.INTEGER), types(i));
        List<Object[]> rows = Fixtures.read(dir, i.settings(), i);
        assertArrayEquals(new Object[] {"01234", "42"}, rows.get(0));
    }

    @Test
    void widensMixedColumns() throws Exception {
        Workbook wb = new XSSFWorkbook();
        sheet(wb, "S", new Object[] {"n", "mixed", "when"},
                new Object[] {1, 1, LocalDate.of(2024, 1, 1)},
                new Object[] {2.25, "n/a", LocalDateTime.of(2024, 1, 2, 3, 4)});
        save(wb, dir.resolve("mixed.xlsx"));
        Inspection i = inspect(dir, path("mixed.xlsx"));
        assertEquals(List.of(DataType.DECIMAL, DataType.TEXT, DataType.TIMESTAMP), types(i));
        String mixedId = i.schema().fields().get(1).id();
        assertEquals(0.5, i.evidence().get(mixedId).confidence(), 1e-9);
        List<Object[]> rows = Fixtures.read(dir, i.settings(), i);
        assertArrayEquals(new Object[] {new BigDecimal("1"), "1", LocalDateTime.of(2024, 1, 1, 0, 0)}, rows.get(0));
        assertArrayEquals(new Object[] {new BigDecimal("2.25"), "n/a", LocalDateTime.of(2024, 1, 2, 3, 4)}, rows.get(1));
    }

    @Test
    void roundsBinaryFloatingPointArtifactsToExcelPrecision() throws Exception {
        XSSFWorkbook wb = new XSSFWorkbook();
        Sheet s = sheet(wb, "S", new Object[] {"sum", "third", "big"});
        Row r = s.createRow(1);
        r.createCell(0).setCellFormula("0.1+0.2");
        r.createCell(1).setCellFormula("1/3");
        r.createCell(2).setCellValue(9007199254740993d);
        wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
        Path file = save(wb, dir.resolve("float.xlsx"));
        assertTrue(Fixtures.zipEntry(file, "xl/worksheets/sheet1.xml").contains("0.30000000000000004"));

        List<Object[]> rows = readAll(dir, path("float.xlsx"));
        assertEquals(new BigDecimal("0.3"), rows.get(0)[0]);
        assertEquals(new BigDecimal("0.333333333333333"), rows.get(0)[1]);
        assertEquals(9007199254740992L, rows.get(0)[2], "integral numbers are kept exactly as stored");
    }

    @Test
    void readsCachedFormulaResultsOfEveryType() throws Exception {
        XSSFWorkbook wb = new XSSFWorkbook();
        Sheet s = sheet(wb, "S", new Object[] {"n", "t", "b"});
        Row r = s.createRow(1);
        r.createCell(0).setCellFormula("6*7");
        r.createCell(1).setCellFormula("CONCATENATE(\"a\",\"b\")");
        r.createCell(2).setCellFormula("1>0");
        wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
        save(wb, dir.resolve("formulas.xlsx"));

        Inspection i = inspect(dir, path("formulas.xlsx"));
        assertEquals(List.of(DataType.INTEGER, DataType.TEXT, DataType.BOOLEAN), types(i));
        assertArrayEquals(new Object[] {42L, "ab", true}, Fixtures.read(dir, i.settings(), i).get(0));
    }

    @Test
    void rejectsRowWithErrorCellAndKeepsReading() throws Exception {
        XSSFWorkbook wb = new XSSFWorkbook();
        Sheet s = sheet(wb, "Data", new Object[] {"item", "qty", "Amount"}, new Object[] {"a", 1, 5});
        Row bad = s.createRow(2);
        bad.createCell(0).setCellValue("b");
        bad.createCell(1).setCellValue(0);
        bad.createCell(2).setCellFormula("1/B3");
        Row na = s.createRow(3);
        na.createCell(0).setCellValue("c");
        na.createCell(2).setCellErrorValue(FormulaError.NA.getCode());
        Row good = s.createRow(4);
        good.createCell(0).setCellValue("d");
        good.createCell(2).setCellValue(9);
        wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
        save(wb, dir.resolve("errors.xlsx"));

        Inspection i = inspect(dir, path("errors.xlsx"));
        assertEquals(DataType.INTEGER, i.schema().fields().get(2).type(), "error cells do not spoil inference");
        assertEquals(2, i.warnings().size());
        assertTrue(i.warnings().get(0).getMessage().contains("#DIV/0!"), i.warnings().get(0).getMessage());

        try (RecordReader reader = new ExcelConnector().open(ConnectorContext.of(dir), i.settings(), i.schema())) {
            assertArrayEquals(new Object[] {"a", 1L, 5L}, reader.next());
            DataException e = assertThrows(DataException.class, reader::next);
            assertTrue(e.recoverable());
            assertEquals("sheet 'Data', cell C3 holds the error #DIV/0!", e.reason());
            assertEquals(3, e.location().line());
            assertEquals(2, e.location().record());
            assertEquals("Amount (C)", e.location().column());
            assertTrue(e.getMessage().startsWith("errors.xlsx, line 3, record 2, column 'Amount (C)'"), e.getMessage());
            DataException e2 = assertThrows(DataException.class, reader::next);
            assertTrue(e2.reason().endsWith("cell C4 holds the error #N/A"), e2.reason());
            Object[] last = reader.next();
            assertArrayEquals(new Object[] {"d", null, 9L}, last);
            assertEquals(5, reader.location().line());
            assertEquals(4, reader.location().record());
            assertNull(reader.next());
        }
    }

    @Test
    void errorCellsInColumnsNotReadAreIgnored() throws Exception {
        XSSFWorkbook wb = new XSSFWorkbook();
        Sheet s = sheet(wb, "S", new Object[] {"keep", "broken"}, new Object[] {"a"});
        s.getRow(1).createCell(1).setCellErrorValue(FormulaError.REF.getCode());
        save(wb, dir.resolve("ignored.xlsx"));
        Inspection i = inspect(dir, path("ignored.xlsx"));
        Schema onlyKeep = Schema.of(List.of(i.schema().fields().get(0)));
        try (RecordReader reader = new ExcelConnector().open(ConnectorContext.of(dir), i.settings(), onlyKeep)) {
            assertArrayEquals(new Object[] {"a"}, reader.next());
            assertNull(reader.next());
        }
    }

    @Test
    void fillsMergedCellsOnlyWhenAsked() throws Exception {
        XSSFWorkbook wb = new XSSFWorkbook();
        Sheet s = sheet(wb, "S",
                new Object[] {"region", "address", null, "sales"},
                new Object[] {"North", "Main St", "1", 10},
                new Object[] {null, "High St", "2", 20},
                new Object[] {null, "Low St", "3", 30},
                new Object[] {"South", "Bay Rd", "4", 40});
        s.addMergedRegion(CellRangeAddress.valueOf("B1:C1"));
        s.addMergedRegion(CellRangeAddress.valueOf("A2:A4"));
        save(wb, dir.resolve("merged.xlsx"));

        Inspection first = inspect(dir, path("merged.xlsx"));
        assertEquals(List.of("region", "address", "C", "sales"), names(first));
        List<Object[]> plain = Fixtures.read(dir, first.settings(), first);
        assertEquals("North", plain.get(0)[0]);
        assertNull(plain.get(1)[0]);
        assertNull(plain.get(2)[0]);

        Inspection fill = inspect(dir, path("merged.xlsx").with("mergedCells", "fill"));
        assertEquals(List.of("region", "address", "address_2", "sales"), names(fill));
        List<Object[]> filled = Fixtures.read(dir, fill.settings(), fill);
        assertEquals(List.of("North", "North", "North", "South"), filled.stream().map(r -> r[0]).toList());
        assertEquals(4, filled.size());
    }

    @Test
    void fillsVerticalMergesOverRowsTheFileDoesNotStore() throws Exception {
        XSSFWorkbook wb = new XSSFWorkbook();
        Sheet s = sheet(wb, "S", new Object[] {"group", "n"}, new Object[] {"G1", 1});
        s.createRow(3).createCell(1).setCellValue(3);
        s.addMergedRegion(CellRangeAddress.valueOf("A2:A4"));
        save(wb, dir.resolve("gaps.xlsx"));

        List<Object[]> rows = readAll(dir, path("gaps.xlsx").with("mergedCells", "fill"));
        assertEquals(3, rows.size());
        assertArrayEquals(new Object[] {"G1", null}, rows.get(1), "row 3 exists only through the merge");
        assertArrayEquals(new Object[] {"G1", 3L}, rows.get(2));
    }

    @Test
    void ignoresEmptyTrailingRowsAndColumnsAndReadsBlankCellsAsNull() throws Exception {
        XSSFWorkbook wb = new XSSFWorkbook();
        Sheet s = sheet(wb, "S", new Object[] {"a", "b", "c"}, new Object[] {1, null, 3}, new Object[] {null, "x", null});
        CellStyle yellow = wb.createCellStyle();
        yellow.setFillForegroundColor((short) 13);
        for (int r = 3; r < 40; r++) {
            Row row = s.createRow(r);
            for (int c = 0; c < 8; c++) {
                row.createCell(c).setCellStyle(yellow);
            }
        }
        s.getRow(1).createCell(6).setCellValue("");
        save(wb, dir.resolve("trailing.xlsx"));

        Inspection i = inspect(dir, path("trailing.xlsx"));
        assertEquals(List.of("a", "b", "c"), names(i));
        List<Object[]> rows = Fixtures.read(dir, i.settings(), i);
        assertEquals(2, rows.size());
        assertArrayEquals(new Object[] {1L, null, 3L}, rows.get(0));
        assertArrayEquals(new Object[] {null, "x", null}, rows.get(1));
    }

    @Test
    void readsRichTextAndTimeOnlyCells() throws Exception {
        XSSFWorkbook wb = new XSSFWorkbook();
        Sheet s = sheet(wb, "S", new Object[] {"note", "at"});
        Row r = s.createRow(1);
        XSSFRichTextString rich = new XSSFRichTextString("Hello World");
        XSSFFont bold = wb.createFont();
        bold.setBold(true);
        rich.applyFont(6, 11, bold);
        r.createCell(0).setCellValue(rich);
        CellStyle time = wb.createCellStyle();
        time.setDataFormat(wb.createDataFormat().getFormat("h:mm"));
        Cell at = r.createCell(1);
        at.setCellValue(0.5 + 1.0 / 24 / 60 * 15);
        at.setCellStyle(time);
        save(wb, dir.resolve("rich.xlsx"));

        assertArrayEquals(new Object[] {"Hello World", "12:15:00"}, readAll(dir, path("rich.xlsx")).get(0));
    }

    @Test
    void readsLegacyXlsWithHssf() throws Exception {
        HSSFWorkbook wb = new HSSFWorkbook();
        Sheet s = sheet(wb, "Legacy", new Object[] {"id", "price", "day", "ok"},
                new Object[] {1, 2.5, LocalDate.of(2001, 2, 3), true},
                new Object[] {2, 3.75, LocalDate.of(2002, 3, 4), false});
        s.createRow(3).createCell(0).setCellValue(3);
        s.getRow(3).createCell(1).setCellFormula("1/0");
        wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
        save(wb, dir.resolve("legacy.xls"));

        Inspection i = inspect(dir, path("legacy.xls"));
        assertEquals(List.of(DataType.INTEGER, DataType.DECIMAL, DataType.DATE, DataType.BOOLEAN), types(i));
        assertEquals(1, i.warnings().size());
        try (RecordReader reader = new ExcelConnector().open(ConnectorContext.of(dir), i.settings(), i.schema())) {
            assertArrayEquals(new Object[] {1L, new BigDecimal("2.5"), LocalDate.of(2001, 2, 3), true}, reader.next());
            assertArrayEquals(new Object[] {2L, new BigDecimal("3.75"), LocalDate.of(2002, 3, 4), false}, reader.next());
            DataException e = assertThrows(DataException.class, reader::next);
            assertEquals("sheet 'Legacy', cell B4 holds the error #DIV/0!", e.reason());
            assertNull(reader.next());
        }
    }

    @Test
    void sniffsFormatFromContentNotExtension() throws Exception {
        Workbook x = new XSSFWorkbook();
        sheet(x, "S", new Object[] {"v"}, new Object[] {"from xlsx"});
        save(x, dir.resolve("really-xlsx.xls"));
        Workbook h = new HSSFWorkbook();
        sheet(h, "S", new Object[] {"v"}, new Object[] {"from xls"});
        save(h, dir.resolve("really-xls.xlsx"));

        assertEquals("from xlsx", readAll(dir, path("really-xlsx.xls")).get(0)[0]);
        assertEquals("from xls", readAll(dir, path("really-xls.xlsx")).get(0)[0]);
    }

    @Test
    void fieldsSelectColumnsByNameInAnyOrder() throws Exception {
        Workbook wb = new XSSFWorkbook();
        sheet(wb, "S", new Object[] {"a", "b", "c"}, new Object[] {1, "two", 3});
        save(wb, dir.resolve("pick.xlsx"));
        Inspection i = inspect(dir, path("pick.xlsx"));
        Schema picked = Schema.of(List.of(Field.of("x", "c", DataType.TEXT), Field.of("y", "a", DataType.DECIMAL)));
        try (RecordReader reader = new ExcelConnector().open(ConnectorContext.of(dir), i.settings(), picked)) {
            assertArrayEquals(new Object[] {"3", new BigDecimal("1")}, reader.next());
        }
        Schema missing = Schema.of(List.of(Field.of("z", "nope", DataType.TEXT)));
        DataException e = assertThrows(DataException.class,
                () -> new ExcelConnector().open(ConnectorContext.of(dir), i.settings(), missing));
        assertTrue(e.getMessage().contains("has no column 'nope' (columns: a, b, c)"), e.getMessage());
    }

    @Test
    void textValuesTheFieldTypeDoesNotHoldGoToTheEngineAsText() throws Exception {
        Workbook wb = new XSSFWorkbook();
        sheet(wb, "S", new Object[] {"n"}, new Object[] {1.5}, new Object[] {"12"});
        save(wb, dir.resolve("strict.xlsx"));
        Inspection i = inspect(dir, path("strict.xlsx"));
        Schema integer = Schema.of(List.of(Field.of("n", "n", DataType.INTEGER)));
        try (RecordReader reader = new ExcelConnector().open(ConnectorContext.of(dir), i.settings(), integer)) {
            assertEquals("1.5", reader.next()[0]);
            assertEquals("12", reader.next()[0]);
        }
    }

    @Test
    void reportsBadSettingsAndMissingFiles() throws Exception {
        DataException missing = assertThrows(DataException.class, () -> inspect(dir, path("absent.xlsx")));
        assertTrue(missing.reason().startsWith("file not found"), missing.reason());
        DataException merged = assertThrows(DataException.class, () -> inspect(dir, path("x.xlsx").with("mergedCells", "spread")));
        assertTrue(merged.reason().contains("'mergedCells' must be 'first' or 'fill'"), merged.reason());
        DataException row = assertThrows(DataException.class, () -> inspect(dir, path("x.xlsx").with("headerRow", 0L)));
        assertTrue(row.reason().contains("'headerRow' must be a row number"), row.reason());
        assertThrows(DataException.class, () -> inspect(dir, Settings.empty()));
        Files.writeString(dir.resolve("empty.xlsx"), "");
        DataException empty = assertThrows(DataException.class, () -> inspect(dir, path("empty.xlsx")));
        assertEquals("not an Excel file or corrupt: the file is empty", empty.reason());
    }

    @Test
    void reportsProgressAndStopsWhenCancelled() throws Exception {
        Workbook wb = new XSSFWorkbook();
        sheet(wb, "S", new Object[] {"a"}, new Object[] {1}, new Object[] {2});
        save(wb, dir.resolve("progress.xlsx"));
        ExcelConnector excel = new ExcelConnector();
        ConnectorContext ctx = ConnectorContext.of(dir);
        long[] total = {0};
        ProgressMonitor recording = new ProgressMonitor() {
            @Override
            public void begin(String task, long totalWork) {
                total[0] = totalWork;
            }

            @Override
            public void worked(long work) {
            }

            @Override
            public boolean isCanceled() {
                return false;
            }
        };
        excel.inspect(ctx, path("progress.xlsx"), new InspectOptions(10, true, 3), recording);
        assertTrue(total[0] > 0, "the sheet size is the total work");

        ProgressMonitor cancelled = new ProgressMonitor() {
            @Override
            public void begin(String task, long totalWork) {
            }

            @Override
            public void worked(long work) {
            }

            @Override
            public boolean isCanceled() {
                return true;
            }
        };
        assertThrows(CancellationException.class,
                () -> excel.inspect(ctx, path("progress.xlsx"), InspectOptions.DEFAULTS, cancelled));
    }
}
