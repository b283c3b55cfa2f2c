package org.mapwright.connector.excel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.PosixFilePermission;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.util.DefaultTempFileCreationStrategy;
import org.apache.poi.util.TempFile;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.Schema;
import org.mapwright.core.Settings;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.Inspection;
import org.mapwright.core.connector.RecordWriter;

class ExcelTargetConnectorTest {

    @TempDir
    Path dir;
    @TempDir
    Path poiTemp;

    private static final Schema SCHEMA = Schema.of(List.of(
            Field.of("f1", "id", DataType.INTEGER),
            Field.of("f2", "name", DataType.TEXT),
            Field.of("f3", "amount", DataType.DECIMAL),
            Field.of("f4", "active", DataType.BOOLEAN),
            Field.of("f5", "born", DataType.DATE),
            Field.of("f6", "seen", DataType.TIMESTAMP)));

    private static final Object[] ROW1 = {1L, "Ada", new BigDecimal("12.50"), true, LocalDate.of(1990, 5, 17),
            LocalDateTime.of(2024, 3, 16, 9, 30, 15)};
    private static final Object[] ROW2 = {2L, "=HYPERLINK(\"http://evil\")", new BigDecimal("-0.1"), false,
            LocalDate.of(1815, 6, 18), null};

    @BeforeEach
    void isolatePoiTempFiles() {
        TempFile.setTempFileCreationStrategy(new DefaultTempFileCreationStrategy(poiTemp.toFile()));
    }

    @AfterEach
    void restorePoiTempFiles() {
        TempFile.setTempFileCreationStrategy(new DefaultTempFileCreationStrategy());
    }

    private RecordWriter writer(Settings settings) throws DataException {
        return new ExcelTargetConnector().open(ConnectorContext.of(dir), settings, SCHEMA);
    }

    private static Settings out(String path) {
        return Settings.empty().with("path", path);
    }

    private List<Path> files(Path folder) throws IOException {
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void writesTypedCellsWithBoldHeader() throws Exception {
        try (RecordWriter w = writer(out("out/result.xlsx").with("sheet", "Result"))) {
            w.write(ROW1);
            w.write(ROW2);
            w.commit();
        }
        try (InputStream in = Files.newInputStream(dir.resolve("out/result.xlsx")); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            XSSFSheet sheet = wb.getSheet("Result");
            Row header = sheet.getRow(0);
            assertEquals("id", header.getCell(0).getStringCellValue());
            assertTrue(wb.getFontAt(header.getCell(0).getCellStyle().getFontIndex()).getBold());
            Row r1 = sheet.getRow(1);
            assertEquals(CellType.NUMERIC, r1.getCell(0).getCellType());
            assertEquals(12.5, r1.getCell(2).getNumericCellValue());
            assertEquals(CellType.BOOLEAN, r1.getCell(3).getCellType());
            assertTrue(DateUtil.isCellDateFormatted(r1.getCell(4)));
            assertEquals("yyyy-mm-dd", r1.getCell(4).getCellStyle().getDataFormatString());
            assertEquals("yyyy-mm-dd hh:mm:ss", r1.getCell(5).getCellStyle().getDataFormatString());
            assertEquals(LocalDateTime.of(2024, 3, 16, 9, 30, 15), r1.getCell(5).getLocalDateTimeCellValue());
            Row r2 = sheet.getRow(2);
            Cell injected = r2.getCell(1);
            assertEquals(CellType.STRING, injected.getCellType(), "never a formula");
            assertEquals("'=HYPERLINK(\"http://evil\")", injected.getStringCellValue());
            assertEquals(CellType.STRING, r2.getCell(4).getCellType(), "Excel cannot hold dates before 1900");
            assertNull(r2.getCell(5));
        }
    }

    @Test
    void neutralizesFormulaTextButNotNumbersLikeTheCsvWriter() throws Exception {
        Schema text = Schema.of(List.of(Field.of("a", "text", DataType.TEXT)));
        List<String> values = List.of("=SUM(A1:A9)", "+49 30 1234", "@cmd", "-12.5", "\tx", "\rx", "-", "a=b", "+1.5E3");
        try (RecordWriter w = new ExcelTargetConnector().open(ConnectorContext.of(dir), out("f.xlsx"), text)) {
            for (String v : values) {
                w.write(new Object[] { v });
            }
            w.commit();
        }
        try (InputStream in = Files.newInputStream(dir.resolve("f.xlsx")); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            XSSFSheet sheet = wb.getSheetAt(0);
            List<String> cells = new java.util.ArrayList<>();
            for (int i = 1; i <= values.size(); i++) {
                cells.add(sheet.getRow(i).getCell(0).getStringCellValue());
            }
            assertEquals(List.of("'=SUM(A1:A9)", "'+49 30 1234", "'@cmd", "-12.5", "'\tx", "'\rx", "'-", "a=b", "+1.5E3"), cells);
        }
    }

    @Test
    void roundTripsThroughTheReader() throws Exception {
        try (RecordWriter w = writer(out("round.xlsx"))) {
            w.write(ROW1);
            w.write(new Object[] {3L, "+plus", new BigDecimal("1234567.891234567891"), null, LocalDate.of(2000, 2, 29),
                    LocalDateTime.of(1999, 12, 31, 23, 59, 59)});
            w.commit();
        }
        Inspection i = Fixtures.inspect(dir, Fixtures.path("round.xlsx"));
        assertEquals(List.of("id", "name", "amount", "active", "born", "seen"),
                i.schema().fields().stream().map(Field::name).toList());
        assertEquals(List.of(DataType.INTEGER, DataType.TEXT, DataType.DECIMAL, DataType.BOOLEAN, DataType.DATE,
                DataType.TIMESTAMP), i.schema().fields().stream().map(Field::type).toList());
        List<Object[]> rows = Fixtures.read(dir, i.settings(), i);
        assertArrayEquals(new Object[] {1L, "Ada", new BigDecimal("12.5"), true, LocalDate.of(1990, 5, 17),
                LocalDateTime.of(2024, 3, 16, 9, 30, 15)}, rows.get(0));
        assertArrayEquals(new Object[] {3L, "'+plus", "1234567.891234567891", null, LocalDate.of(2000, 2, 29),
                LocalDateTime.of(1999, 12, 31, 23, 59, 59)}, rows.get(1),
                "a decimal a double cannot hold is kept as exact text for the engine to parse");
    }

    @Test
    void publishedFileHasTheFoldersDefaultPermissions() throws Exception {
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        try (RecordWriter w = writer(out("perm.xlsx"))) {
            w.write(ROW1);
            w.commit();
        }
        Path plain = Files.createFile(dir.resolve("plain"));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(dir.resolve("perm.xlsx")));
    }

    @Test
    void writesFormulaLikeTextUnchangedWhenNeutralisationIsOff() throws Exception {
        try (RecordWriter w = writer(out("raw.xlsx").with("neutralizeFormulas", false))) {
            w.write(ROW2);
            w.commit();
        }
        try (InputStream in = Files.newInputStream(dir.resolve("raw.xlsx")); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            Cell c = wb.getSheetAt(0).getRow(1).getCell(1);
            assertEquals(CellType.STRING, c.getCellType());
            assertEquals("=HYPERLINK(\"http://evil\")", c.getStringCellValue());
        }
    }

    @Test
    void neutralisesEveryFormulaTrigger() throws Exception {
        Schema one = Schema.of(List.of(Field.of("t", "t", DataType.TEXT)));
        // Plain signed numbers (+1, -1) are numbers to a spreadsheet, not formulas: left alone, as in CSV.
        String[] texts = {"=1+1", "+1+1", "-1-A1", "@SUM(A1)", "\tx", "\rx", "plain", "a=b", "+1", "-1"};
        try (RecordWriter w = new ExcelTargetConnector().open(ConnectorContext.of(dir), out("n.xlsx").with("header", false), one)) {
            for (String t : texts) {
                w.write(new Object[] {t});
            }
            w.commit();
        }
        try (InputStream in = Files.newInputStream(dir.resolve("n.xlsx")); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            for (int r = 0; r < texts.length; r++) {
                String expected = r < 6 ? "'" + texts[r] : texts[r];
                assertEquals(expected, wb.getSheetAt(0).getRow(r).getCell(0).getStringCellValue(), "row " + r);
            }
        }
    }

    @Test
    void nothingIsVisibleBeforeCommitAndCloseWithoutCommitKeepsOldFile() throws Exception {
        Path target = dir.resolve("keep.xlsx");
        Files.writeString(target, "old content");
        try (RecordWriter w = writer(out("keep.xlsx"))) {
            for (int i = 0; i < 500; i++) {
                w.write(ROW1);
            }
            assertEquals("old content", Files.readString(target));
        }
        assertEquals("old content", Files.readString(target));
        assertEquals(List.of(target), files(dir), "the temporary file is gone");
        assertEquals(List.of(), files(poiTemp), "SXSSF's spill files are disposed");

        try (RecordWriter w = writer(out("keep.xlsx"))) {
            for (int i = 0; i < 500; i++) {
                w.write(ROW1);
            }
            w.commit();
        }
        assertEquals(List.of(target), files(dir));
        assertEquals(List.of(), files(poiTemp));
        assertEquals(500, Fixtures.readAll(dir, Fixtures.path("keep.xlsx")).size());
    }

    @Test
    void rejectsOverlongTextAsRecoverableAndKeepsWriting() throws Exception {
        try (RecordWriter w = writer(out("long.xlsx"))) {
            DataException e = assertThrows(DataException.class,
                    () -> w.write(new Object[] {1L, "x".repeat(40_000), null, null, null, null}));
            assertTrue(e.recoverable());
            assertEquals("name", e.location().column());
            w.write(ROW1);
            w.commit();
        }
        assertEquals(1, Fixtures.readAll(dir, Fixtures.path("long.xlsx")).size());
    }

    @Test
    void refusesNestedFieldsAndBadSheetNames() {
        Schema nested = Schema.of(List.of(Field.of("r", "address", DataType.RECORD)
                .withChildren(List.of(Field.of("c", "city", DataType.TEXT)))));
        DataException e = assertThrows(DataException.class,
                () -> new ExcelTargetConnector().open(ConnectorContext.of(dir), out("n.xlsx"), nested));
        assertTrue(e.reason().contains("flatten field 'address'"), e.reason());
        DataException sheet = assertThrows(DataException.class, () -> writer(out("s.xlsx").with("sheet", "a/b")));
        assertTrue(sheet.reason().startsWith("invalid sheet name 'a/b'"), sheet.reason());
        assertThrows(DataException.class, () -> writer(Settings.empty()));
        assertFalse(new File(dir.toFile(), "n.xlsx").exists());
        assertEquals("excel out/x.xlsx [Data]", new ExcelTargetConnector().describe(out("out/x.xlsx").with("sheet", "Data")));
    }

    @Test
    void aReplacedWorkbookKeepsItsPermissionsAndANewOneGetsTheFolderDefault() throws Exception {
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Set<PosixFilePermission> umaskDefault = Files.getPosixFilePermissions(Files.createFile(dir.resolve("probe")));
        for (String name : List.of("new.xlsx", "old.xlsx")) {
            if (name.equals("old.xlsx")) {
                Files.writeString(dir.resolve(name), "not yet a workbook");
                Files.setPosixFilePermissions(dir.resolve(name), PosixFilePermissions.fromString("rw-r-----"));
            }
            try (RecordWriter w = writer(out(name))) {
                w.write(ROW1);
                w.commit();
            }
        }
        assertEquals(umaskDefault, Files.getPosixFilePermissions(dir.resolve("new.xlsx")), "not owner-only like a temp file");
        assertEquals(PosixFilePermissions.fromString("rw-r-----"), Files.getPosixFilePermissions(dir.resolve("old.xlsx")));
    }
}
