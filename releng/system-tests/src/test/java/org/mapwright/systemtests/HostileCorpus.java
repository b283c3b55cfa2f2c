package org.mapwright.systemtests;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Generates a corpus of nasty input files: odd encodings and byte order marks, ragged rows, huge
 * fields and records, an unclosed quote at the start of a large file, empty and header-only
 * files, binary garbage under data file names, awkward workbooks (merged cells, formulas, error
 * cells, dates before 1900, 1904 date system), a password-protected and a corrupt workbook, a zip
 * bomb, entity-expansion and external-entity XML inside .xlsx parts, deeply nested, truncated and
 * oversized JSON. Nothing is committed: every file is made in a temporary folder per run.
 */
public final class HostileCorpus {

    /**
     * One corpus file and what {@code mapwright inspect} must say about it.
     *
     * @param file      the file
     * @param args      extra inspect arguments (e.g. {@code --set encoding=UTF-8})
     * @param outcome   expected outcome
     * @param mentions  lower-case fragments the output must contain (reason, line, cell ...)
     */
    public record Case(Path file, List<String> args, Outcome outcome, List<String> mentions) {
        @Override
        public String toString() {
            return file.getFileName() + (args.isEmpty() ? "" : " " + String.join(" ", args));
        }
    }

    /** What the command must do with a file. */
    public enum Outcome {
        /** exit 0 */
        SUCCEEDS,
        /** exit 1 or 2 with a message naming the file */
        FAILS,
        /** either, but never a crash */
        EITHER
    }

    private static final String MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    private final Path dir;
    private final long largeBytes;
    private final List<Case> cases = new ArrayList<>();

    /**
     * @param dir        where to write the files
     * @param largeBytes size of the large file with an unclosed quote (about 50 MB by default)
     */
    public HostileCorpus(Path dir, long largeBytes) {
        this.dir = dir;
        this.largeBytes = largeBytes;
    }

    /** Writes every file and returns the cases. */
    public List<Case> generate() throws IOException {
        csvFiles();
        jsonFiles();
        excelFiles();
        garbage();
        return List.copyOf(cases);
    }

    private Path file(String name) {
        return dir.resolve(name);
    }

    private void add(Path file, Outcome outcome, String... mentions) {
        cases.add(new Case(file, List.of(), outcome, List.of(mentions)));
    }

    private void addWith(Path file, List<String> args, Outcome outcome, String... mentions) {
        cases.add(new Case(file, args, outcome, List.of(mentions)));
    }

    private static final String TABLE = "id,name,city\n1,Zoë,Zürich\n2,Åsa,Malmö\n3,Jürgen,Köln\n";

    private void csvFiles() throws IOException {
        add(bytes("utf16le-bom.csv", concat(new byte[] { (byte) 0xFF, (byte) 0xFE }, TABLE.getBytes(StandardCharsets.UTF_16LE))),
                Outcome.SUCCEEDS, "utf-16le", "zürich");
        add(bytes("utf16be-no-bom.csv", TABLE.getBytes(StandardCharsets.UTF_16BE)), Outcome.EITHER);
        add(bytes("utf8-bom.csv", concat(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF }, TABLE.getBytes(StandardCharsets.UTF_8))),
                Outcome.SUCCEEDS, "zürich");
        add(bytes("latin1.csv", TABLE.getBytes(StandardCharsets.ISO_8859_1)), Outcome.SUCCEEDS, "zürich");
        add(bytes("utf32-bom.csv", concat(new byte[] { 0, 0, (byte) 0xFE, (byte) 0xFF }, TABLE.getBytes(Charset.forName("UTF-32BE")))),
                Outcome.EITHER);
        byte[] invalid = "id,name\n1,ok\n2,bad \u00ff\u00fe here\n3,ok\n".getBytes(StandardCharsets.ISO_8859_1);
        addWith(bytes("invalid-utf8.csv", invalid), List.of("--set", "encoding=UTF-8"), Outcome.SUCCEEDS, "line 3");
        add(invalidUtf8Late(), Outcome.SUCCEEDS);
        add(text("ragged.csv", "a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n"), Outcome.SUCCEEDS, "line 3", "line 4");
        add(text("header-only.csv", "id,name,amount\n"), Outcome.SUCCEEDS);
        add(bytes("empty.csv", new byte[0]), Outcome.FAILS, "empty");
        add(text("only-newlines.csv", "\n\n\r\n\n"), Outcome.FAILS, "empty");
        add(hugeField(), Outcome.SUCCEEDS, "line 3", "limit");
        add(hugeRecordWithoutLineBreak(), Outcome.EITHER, "limit");
        add(unclosedQuoteLarge(), Outcome.SUCCEEDS, "line 2", "quote");
        add(text("nul-bytes.csv", "a,b\n1,\u0000\u0000\u0000\n2,x\u0000y\n"), Outcome.EITHER);
        add(text("cr-only.csv", "a,b\r1,2\r3,4\r"), Outcome.SUCCEEDS);
        add(wide(), Outcome.SUCCEEDS);
        add(text("formulas.csv", "id,cmd\n1,=HYPERLINK(\"http://evil.example\",\"x\")\n2,@SUM(A1)\n3,+1+1\n4,-2+3\n"), Outcome.SUCCEEDS);
        add(text("quotes-everywhere.csv", "\"a\",\"b\"\n\"1\"x,\"2\n\"\"\"\",\"\"\n\"3\",\"4\"\"\n"), Outcome.EITHER);
    }

    private void jsonFiles() throws IOException {
        add(text("deep.json", "[".repeat(100_000) + "]".repeat(100_000)), Outcome.FAILS, "depth", "line 1");
        add(text("deep-object.json", "[{\"a\":" + "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_001) + "]"), Outcome.FAILS, "depth");
        add(text("truncated.json", "[{\"id\": 1, \"name\": \"a\"},\n{\"id\": 2, \"name\": \"b"), Outcome.FAILS, "line 2");
        add(text("truncated-after-value.json", "[{\"id\": 1}, {\"id\": 2},"), Outcome.FAILS, "line 1");
        add(text("garbage-after.json", "[{\"id\": 1}] trailing {{{"), Outcome.EITHER);
        add(text("ndjson-bad-lines.ndjson", "{\"id\":1}\n{\"id\":\n{\"id\":3}\nnot json\n{\"id\":5}\n"), Outcome.SUCCEEDS, "line 2", "line 4");
        add(text("huge-number.json", "[{\"n\": " + "9".repeat(200_000) + "}]"), Outcome.FAILS, "number");
        add(text("huge-string.json", "[{\"s\": \"" + "x".repeat(3_000_000) + "\"}]"), Outcome.EITHER, "limit");
        add(text("duplicate-keys.json", "[{\"id\": 1, \"id\": 2}]"), Outcome.SUCCEEDS);
        add(bytes("utf16-bom.json", concat(new byte[] { (byte) 0xFE, (byte) 0xFF }, "[{\"name\": \"Zoë\"}]".getBytes(StandardCharsets.UTF_16BE))),
                Outcome.SUCCEEDS, "zoë");
        add(bytes("invalid-utf8.json", "[{\"name\": \"a\u00ff\u00fe\"}]".getBytes(StandardCharsets.ISO_8859_1)), Outcome.FAILS, "line 1");
        add(text("empty-array.json", "[]"), Outcome.EITHER);
        add(text("lone-surrogate.json", "[{\"s\": \"\\ud800\"}]"), Outcome.EITHER);
        add(bytes("empty.json", new byte[0]), Outcome.EITHER);
    }

    private void excelFiles() throws IOException {
        add(awkwardWorkbook(true), Outcome.SUCCEEDS, "d4");
        add(awkwardWorkbook(false), Outcome.SUCCEEDS, "d4");
        add(minimalXlsx("minimal.xlsx", "", sheet("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>id</t></is></c></row>"
                + "<row r=\"2\"><c r=\"A2\"><v>1</v></c></row>"), null, false), Outcome.SUCCEEDS);
        add(passwordProtected(), Outcome.FAILS, "password");
        add(corrupt(), Outcome.FAILS, "corrupt");
        add(zipBomb(), Outcome.FAILS, "zip");
        add(minimalXlsx("billion-laughs-sheet.xlsx", laughs(), sheet("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&lol9;</t></is></c></row>"),
                null, false), Outcome.EITHER);
        add(minimalXlsx("billion-laughs-workbook.xlsx", "", sheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"), laughs(), false),
                Outcome.EITHER);
        add(minimalXlsx("billion-laughs-shared-strings.xlsx", "", sheet("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"), null, true),
                Outcome.EITHER);
        add(minimalXlsx("external-entity.xlsx", "<!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/hostname\">]>",
                sheet("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&xxe;</t></is></c></row>"), null, false), Outcome.EITHER);
        add(minimalXlsx("huge-dimension.xlsx", "", "<worksheet xmlns=\"" + MAIN_NS + "\"><dimension ref=\"A1:XFD1048576\"/><sheetData>"
                + "<row r=\"1048576\"><c r=\"XFD1048576\"><v>1</v></c></row></sheetData></worksheet>", null, false), Outcome.EITHER);
        add(minimalXlsx("bad-cell-refs.xlsx", "", sheet("<row r=\"-5\"><c r=\"ZZZZZZ0\"><v>x</v></c><c r=\"A1\" t=\"n\"><v>1e999</v></c>"
                + "<c t=\"d\"><v>not a date</v></c><c t=\"s\"><v>99</v></c></row>"), null, false), Outcome.EITHER);
    }

    private void garbage() throws IOException {
        Random r = new Random(42);
        for (String name : List.of("garbage.csv", "garbage.json", "garbage.xlsx", "garbage.xls")) {
            byte[] b = new byte[200_000];
            r.nextBytes(b);
            add(bytes(name, b), name.endsWith(".csv") ? Outcome.EITHER : Outcome.FAILS);
        }
        byte[] zipHead = new byte[4096];
        r.nextBytes(zipHead);
        zipHead[0] = 'P';
        zipHead[1] = 'K';
        zipHead[2] = 3;
        zipHead[3] = 4;
        add(bytes("zip-signature-garbage.xlsx", zipHead), Outcome.FAILS, "corrupt");
        byte[] oleHead = new byte[4096];
        r.nextBytes(oleHead);
        System.arraycopy(new byte[] { (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1 }, 0, oleHead, 0, 8);
        add(bytes("ole2-signature-garbage.xls", oleHead), Outcome.FAILS, "corrupt");
        add(text("text-named.xlsx", TABLE), Outcome.FAILS, "corrupt");
        add(text("csv-named.json", TABLE), Outcome.FAILS);
    }

    // ---- CSV ----

    private Path invalidUtf8Late() throws IOException {
        Path f = file("invalid-utf8-after-sample.csv");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(f))) {
            out.write("id,text\n".getBytes(StandardCharsets.US_ASCII));
            byte[] line = "1,plain ascii text that fills the sniffing sample\n".getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 2_000_000 / line.length; i++) {
                out.write(line);
            }
            out.write("2,bad \u00ff byte\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        return f;
    }

    private Path hugeField() throws IOException {
        Path f = file("huge-field.csv");
        try (Writer w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            w.write("id,blob\n1,small\n2,");
            char[] chunk = new char[64 * 1024];
            Arrays.fill(chunk, 'x');
            for (int i = 0; i < 48; i++) {
                w.write(chunk);
            }
            w.write("\n3,after\n");
        }
        return f;
    }

    private Path hugeRecordWithoutLineBreak() throws IOException {
        Path f = file("huge-record-no-newline.csv");
        try (Writer w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            w.write("a,b\n");
            String cell = "y".repeat(1000) + ",";
            for (int i = 0; i < 20_000; i++) {
                w.write(cell);
            }
        }
        return f;
    }

    private Path unclosedQuoteLarge() throws IOException {
        Path f = file("unclosed-quote-large.csv");
        try (Writer w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            w.write("id,name,note\n1,\"never closed,starts here\n");
            StringBuilder b = new StringBuilder();
            long written = 0;
            for (long i = 2; written < largeBytes; i++) {
                b.setLength(0);
                b.append(i).append(",name ").append(i).append(",a note about row ").append(i).append('\n');
                w.write(b.toString());
                written += b.length();
            }
        }
        return f;
    }

    private Path wide() throws IOException {
        StringBuilder b = new StringBuilder();
        for (int row = 0; row < 3; row++) {
            for (int c = 0; c < 20_000; c++) {
                b.append(c == 0 ? "" : ",").append(row == 0 ? "col" + c : Integer.toString(c * row));
            }
            b.append('\n');
        }
        return text("wide-20000-columns.csv", b.toString());
    }

    // ---- Excel ----

    private Path awkwardWorkbook(boolean xlsx) throws IOException {
        Path f = file(xlsx ? "awkward.xlsx" : "awkward.xls");
        try (Workbook wb = xlsx ? new XSSFWorkbook() : new HSSFWorkbook()) {
            Sheet s = wb.createSheet("Data");
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
            String[] header = { "id", "group", "amount", "double", "when", "old" };
            Row h = s.createRow(0);
            for (int i = 0; i < header.length; i++) {
                h.createCell(i).setCellValue(header[i]);
            }
            for (int i = 1; i <= 6; i++) {
                Row r = s.createRow(i);
                r.createCell(0).setCellValue(i);
                if (i % 2 == 1) {
                    r.createCell(1).setCellValue("group " + i);
                }
                r.createCell(2).setCellValue(i * 1.5);
                Cell formula = r.createCell(3);
                formula.setCellFormula(i == 3 ? "1/0" : i == 5 ? "NA()" : "C" + (i + 1) + "*2");
                Cell when = r.createCell(4);
                Calendar c = Calendar.getInstance();
                c.clear();
                c.set(2024, Calendar.FEBRUARY, 28 + i);
                when.setCellValue(c.getTime());
                when.setCellStyle(date);
                Cell old = r.createCell(5);
                if (i == 2) {
                    old.setCellValue(-5);
                    old.setCellStyle(date);
                } else if (i == 4) {
                    old.setCellValue(1e308);
                    old.setCellStyle(date);
                } else {
                    old.setCellValue("18" + (50 + i) + "-03-01");
                }
                if (i % 2 == 1) {
                    s.addMergedRegion(new CellRangeAddress(i, i + 1, 1, 1));
                }
            }
            wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
            try (OutputStream out = Files.newOutputStream(f)) {
                wb.write(out);
            }
        }
        return f;
    }

    private Path passwordProtected() throws IOException {
        Path plain = awkwardWorkbook(true);
        Path f = file("password.xlsx");
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            EncryptionInfo info = new EncryptionInfo(EncryptionMode.agile);
            Encryptor enc = info.getEncryptor();
            enc.confirmPassword("Mapwright-Secret-1");
            try (java.io.InputStream in = Files.newInputStream(plain); OPCPackage opc = OPCPackage.open(in); OutputStream os = enc.getDataStream(fs)) {
                opc.save(os);
            } catch (Exception e) {
                throw new IOException("cannot encrypt the test workbook", e);
            }
            try (OutputStream out = Files.newOutputStream(f)) {
                fs.writeFilesystem(out);
            }
        }
        return f;
    }

    private Path corrupt() throws IOException {
        byte[] whole = Files.readAllBytes(awkwardWorkbook(true));
        return bytes("corrupt-truncated.xlsx", Arrays.copyOf(whole, whole.length / 2));
    }

    private Path zipBomb() throws IOException {
        Path f = file("zip-bomb.xlsx");
        try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(f)))) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            writeSkeleton(zip, null, false);
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            zip.write(("<worksheet xmlns=\"" + MAIN_NS + "\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[1 << 20];
            Arrays.fill(chunk, (byte) 'a');
            for (int i = 0; i < 256; i++) {
                zip.write(chunk);
            }
            zip.write("</t></is></c></row></sheetData></worksheet>".getBytes(StandardCharsets.US_ASCII));
            zip.closeEntry();
        }
        return f;
    }

    private static String laughs() {
        StringBuilder b = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            b.append("<!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) {
                b.append(i == 1 ? "&lol;" : "&lol" + (i - 1) + ";");
            }
            b.append("\">");
        }
        return b.append("]>").toString();
    }

    private static String sheet(String rows) {
        return "<worksheet xmlns=\"" + MAIN_NS + "\"><sheetData>" + rows + "</sheetData></worksheet>";
    }

    /**
     * A hand-made .xlsx with exactly the parts a reader needs.
     *
     * @param sheetDoctype     text put before the sheet's root element (a DOCTYPE), or empty
     * @param workbookDoctype  DOCTYPE before the workbook's root element, or null
     * @param laughingStrings  add a shared strings part whose DOCTYPE expands entities
     */
    private Path minimalXlsx(String name, String sheetDoctype, String sheetXml, String workbookDoctype, boolean laughingStrings)
            throws IOException {
        Path f = file(name);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(f))) {
            writeSkeleton(zip, workbookDoctype, laughingStrings);
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + sheetDoctype + sheetXml).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return f;
    }

    private static void writeSkeleton(ZipOutputStream zip, String workbookDoctype, boolean laughingStrings) throws IOException {
        entry(zip, "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                + (laughingStrings ? "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>" : "")
                + "</Types>");
        entry(zip, "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
                + "</Relationships>");
        entry(zip, "xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + (workbookDoctype == null ? "" : workbookDoctype)
                + "<workbook xmlns=\"" + MAIN_NS + "\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                + "<sheets><sheet name=\"" + (workbookDoctype == null ? "Sheet1" : "&lol9;") + "\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
        entry(zip, "xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                + (laughingStrings ? "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>" : "")
                + "</Relationships>");
        if (laughingStrings) {
            entry(zip, "xl/sharedStrings.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + laughs() + "<sst xmlns=\"" + MAIN_NS
                    + "\" count=\"1\" uniqueCount=\"1\"><si><t>&lol9;</t></si></sst>");
        }
    }

    private static void entry(ZipOutputStream zip, String name, String xml) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(xml.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    // ---- helpers ----

    private Path text(String name, String content) throws IOException {
        return Files.writeString(file(name), content, StandardCharsets.UTF_8);
    }

    private Path bytes(String name, byte[] content) throws IOException {
        return Files.write(file(name), content);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
