package org.mapwright.connector.excel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mapwright.connector.excel.Fixtures.inspect;
import static org.mapwright.connector.excel.Fixtures.path;
import static org.mapwright.connector.excel.Fixtures.save;
import static org.mapwright.connector.excel.Fixtures.sheet;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.core.connector.DataException;

class ExcelSecurityTest {

    @TempDir
    Path dir;

    private static final String CONTENT_TYPES = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
            <Default Extension="xml" ContentType="application/xml"/>
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
            <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
            </Types>""";
    private static final String RELS = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
            </Relationships>""";
    private static final String WORKBOOK = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
            <sheets><sheet name="Bomb" sheetId="1" r:id="rId1"/></sheets></workbook>""";
    private static final String WORKBOOK_RELS = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
            </Relationships>""";
    private static final String SHEET_START = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
            + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>head</t></is></c></row>";

    /** Writes a minimal hand-made .xlsx whose sheet XML is {@code start}, {@code padding} blanks, {@code end}. */
    private Path handMade(String name, String start, long padding, String end) throws Exception {
        return handMade(name, start, padding, end, false);
    }

    /** @param mixed pad with a random mix of blanks, tabs and newlines, which compresses only about 4-fold */
    private Path handMade(String name, String start, long padding, String end, boolean mixed) throws Exception {
        Path file = dir.resolve(name);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            put(zip, "[Content_Types].xml", CONTENT_TYPES);
            put(zip, "_rels/.rels", RELS);
            put(zip, "xl/workbook.xml", WORKBOOK);
            put(zip, "xl/_rels/workbook.xml.rels", WORKBOOK_RELS);
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            zip.write(start.getBytes(StandardCharsets.UTF_8));
            byte[] blanks = new byte[1 << 20];
            Arrays.fill(blanks, (byte) ' ');
            if (mixed) {
                Random random = new Random(7);
                byte[] space = {' ', '\t', '\n', '\r'};
                for (int i = 0; i < blanks.length; i++) {
                    blanks[i] = space[random.nextInt(space.length)];
                }
            }
            for (long left = padding; left > 0; left -= blanks.length) {
                zip.write(blanks, 0, (int) Math.min(blanks.length, left));
            }
            zip.write(end.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return file;
    }

    private static void put(ZipOutputStream zip, String name, String text) throws Exception {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    @Test
    void handMadeWorkbookIsReadable() throws Exception {
        handMade("small.xlsx", SHEET_START, 1000, "<row r=\"2\"><c r=\"A2\"><v>5</v></c></row></sheetData></worksheet>");
        assertEquals(5L, Fixtures.readAll(dir, path("small.xlsx")).get(0)[0]);
    }

    @Test
    void rejectsZipBombQuicklyWithClearMessage() throws Exception {
        Path bomb = handMade("bomb.xlsx", SHEET_START, 16L << 20, "</sheetData></worksheet>");
        assertTrue(Files.size(bomb) < 1 << 20, "16 MiB of XML compressed to " + Files.size(bomb) + " bytes");

        DataException e = assertThrows(DataException.class, () -> inspect(dir, path("bomb.xlsx")));
        assertFalse(e.recoverable());
        assertEquals("part 'xl/worksheets/sheet1.xml' exceeds POI's process-wide zip-bomb limit on the expansion ratio "
                + "(at most 100-fold); the file may be a zip bomb", e.reason());
        assertEquals("bomb.xlsx", e.location().toString());
    }

    @Test
    void appliesStricterZipLimitsFromSettings() throws Exception {
        handMade("big.xlsx", SHEET_START, 3L << 20, "</sheetData></worksheet>");
        DataException size = assertThrows(DataException.class,
                () -> inspect(dir, path("big.xlsx").with("zipMaxEntrySize", 1_000_000L).with("zipMinInflateRatio", "0")));
        assertEquals("part 'xl/worksheets/sheet1.xml' expands to more than 1,000,000 bytes (setting zipMaxEntrySize); "
                + "the file may be a zip bomb", size.reason());

        handMade("mixed.xlsx", SHEET_START, 512L << 10, "</sheetData></worksheet>", true);
        assertTrue(Fixtures.readAll(dir, path("mixed.xlsx")).isEmpty(), "within the default limits");
        DataException ratio = assertThrows(DataException.class,
                () -> inspect(dir, path("mixed.xlsx").with("zipMinInflateRatio", "0.5")));
        assertTrue(ratio.reason().contains("expands more than 2-fold") && ratio.reason().contains("zipMinInflateRatio"),
                ratio.reason());
    }

    @Test
    void neverExpandsXmlEntities() throws Exception {
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ENTITY a \"aaaaaaaaaa\">"
                + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
                + "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">]>"
                + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>head</t></is></c></row>"
                + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;</t></is></c></row>";
        handMade("laughs.xlsx", laughs, 0, "</sheetData></worksheet>");
        DataException e = assertThrows(DataException.class, () -> Fixtures.readAll(dir, path("laughs.xlsx")));
        assertTrue(e.reason().startsWith("not an Excel file or corrupt: "), e.reason());
    }

    @Test
    void reportsPasswordProtectedWorkbook() throws Exception {
        XSSFWorkbook wb = new XSSFWorkbook();
        sheet(wb, "S", new Object[] {"secret"}, new Object[] {42});
        Path plain = save(wb, dir.resolve("plain.xlsx"));
        EncryptionInfo info = new EncryptionInfo(EncryptionMode.agile);
        Encryptor encryptor = info.getEncryptor();
        encryptor.confirmPassword("hunter2");
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            try (OPCPackage opc = OPCPackage.open(plain.toFile(), PackageAccess.READ_WRITE);
                    OutputStream os = encryptor.getDataStream(fs)) {
                opc.save(os);
            }
            try (OutputStream out = Files.newOutputStream(dir.resolve("locked.xlsx"))) {
                fs.writeFilesystem(out);
            }
        }
        DataException e = assertThrows(DataException.class, () -> inspect(dir, path("locked.xlsx")));
        assertEquals("workbook is password protected", e.reason());
        assertEquals("locked.xlsx: workbook is password protected", e.getMessage());
    }

    @Test
    void reportsCorruptFilesWithoutStackTraces() throws Exception {
        Files.writeString(dir.resolve("text.xlsx"), "name,city\nAda,London\n");
        DataException text = assertThrows(DataException.class, () -> inspect(dir, path("text.xlsx")));
        assertEquals("not an Excel file or corrupt: the file starts with neither the .xlsx (ZIP) nor the .xls (OLE2) signature",
                text.reason());

        XSSFWorkbook wb = new XSSFWorkbook();
        sheet(wb, "S", new Object[] {"a"}, new Object[] {1});
        Path whole = save(wb, dir.resolve("whole.xlsx"));
        byte[] bytes = Files.readAllBytes(whole);
        Files.write(dir.resolve("truncated.xlsx"), Arrays.copyOf(bytes, bytes.length / 2));
        DataException truncated = assertThrows(DataException.class, () -> inspect(dir, path("truncated.xlsx")));
        assertTrue(truncated.reason().startsWith("not an Excel file or corrupt: "), truncated.reason());
        assertFalse(truncated.reason().contains("\n"), truncated.reason());

        Files.write(dir.resolve("ole.xls"), new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1,
                (byte) 0xB1, 0x1A, (byte) 0xE1, 1, 2, 3});
        DataException ole = assertThrows(DataException.class, () -> inspect(dir, path("ole.xls")));
        assertTrue(ole.reason().startsWith("not an Excel file or corrupt: "), ole.reason());

        Fixtures.patchZip(whole, Map.of("xl/worksheets/sheet1.xml", "<worksheet><sheetData><row><c><v>1</v>"));
        DataException broken = assertThrows(DataException.class, () -> Fixtures.readAll(dir, path("whole.xlsx")));
        assertTrue(broken.reason().startsWith("not an Excel file or corrupt: sheet 'S'"), broken.reason());
        assertNull(broken.location().column());
    }
}
