package org.mapwright.internal.connector.excel;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackageRelationship;
import org.apache.poi.openxml4j.opc.PackagingURIHelper;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.DataLocation;
import org.mapwright.core.connector.Limits;

/**
 * An .xlsx workbook read by streaming: the package is opened with {@link XSSFReader} through a
 * {@link GuardedZipEntrySource}, and each sheet's XML is pulled row by row with StAX, so memory
 * holds the shared strings and styles but never the cells of a sheet. ({@code XSSFWorkbook}
 * would build the whole sheet in memory, and POI's SAX handler would need a thread or a full
 * buffer to serve a pull-based reader.) XML parsers come from POI's {@link XMLHelper}: no DTDs,
 * no external entities, no entity expansion.
 */
final class XlsxWorkbook implements WorkbookSource {

    private final String label;
    private final ZipSecureFile zip;
    private final OPCPackage pkg;
    private final Parts parts;
    private final XMLInputFactory xmlFactory;
    private final List<String> names;
    private final List<String> relIds;
    private final boolean date1904;
    private final Limits limits;
    private String[] sharedStrings;
    private DateFormat[] formats;

    private XlsxWorkbook(String label, ZipSecureFile zip, OPCPackage pkg, Parts parts, XMLInputFactory xmlFactory,
            List<String> names, List<String> relIds, boolean date1904, Limits limits) {
        this.label = label;
        this.zip = zip;
        this.pkg = pkg;
        this.parts = parts;
        this.xmlFactory = xmlFactory;
        this.names = List.copyOf(names);
        this.relIds = relIds;
        this.date1904 = date1904;
        this.limits = limits;
    }

    static XlsxWorkbook open(Path file, String label, ZipLimits zipLimits, Limits limits) throws DataException {
        DataLocation loc = DataLocation.of(label);
        ZipSecureFile zip = null;
        OPCPackage pkg = null;
        try {
            zip = new ZipSecureFile(file.toFile());
            pkg = OPCPackage.open(new GuardedZipEntrySource(zip, zipLimits));
            Parts parts = new Parts(pkg);
            XMLInputFactory factory = XMLHelper.newXMLInputFactory();
            List<String> names = new ArrayList<>();
            List<String> relIds = new ArrayList<>();
            boolean date1904;
            try (InputStream in = parts.getWorkbookData()) {
                date1904 = readWorkbook(factory, in, names, relIds);
            }
            if (names.isEmpty()) {
                throw new DataException(loc, Workbooks.CORRUPT + "the workbook has no sheets");
            }
            return new XlsxWorkbook(label, zip, pkg, parts, factory, names, relIds, date1904, limits);
        } catch (DataException e) {
            release(pkg, zip);
            throw e;
        } catch (IOException | OpenXML4JException | XMLStreamException | RuntimeException e) {
            release(pkg, zip);
            throw Workbooks.failure(loc, null, e);
        }
    }

    /** @return whether the workbook uses the 1904 date system; fills sheet names and relation ids */
    private static boolean readWorkbook(XMLInputFactory factory, InputStream in, List<String> names, List<String> relIds)
            throws XMLStreamException {
        XMLStreamReader xml = factory.createXMLStreamReader(in);
        boolean date1904 = false;
        try {
            while (xml.hasNext()) {
                if (xml.next() != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                String name = xml.getLocalName();
                if ("workbookPr".equals(name)) {
                    String v = XmlText.attribute(xml, "date1904");
                    date1904 = "1".equals(v) || "true".equalsIgnoreCase(v);
                } else if ("sheet".equals(name)) {
                    String relId = null;
                    for (int i = 0; i < xml.getAttributeCount(); i++) {
                        String ns = xml.getAttributeNamespace(i);
                        if ("id".equals(xml.getAttributeLocalName(i)) && ns != null && !ns.isEmpty()) {
                            relId = xml.getAttributeValue(i);
                        }
                    }
                    String sheetName = XmlText.attribute(xml, "name");
                    if (sheetName != null && relId != null) {
                        names.add(sheetName);
                        relIds.add(relId);
                    }
                }
            }
        } finally {
            xml.close();
        }
        return date1904;
    }

    private static void release(OPCPackage pkg, ZipSecureFile zip) {
        if (pkg != null) {
            pkg.revert();
        }
        if (zip != null) {
            try {
                zip.close();
            } catch (IOException e) {
                // the file was only read; nothing is lost
            }
        }
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public boolean date1904() {
        return date1904;
    }

    @Override
    public List<String> sheetNames() {
        return names;
    }

    @Override
    public SheetRowSource openSheet(int index) throws DataException {
        String context = "sheet '" + names.get(index) + "'";
        DataLocation loc = DataLocation.of(label);
        InputStream in = null;
        try {
            if (sharedStrings == null) {
                sharedStrings = readSharedStrings();
            }
            if (formats == null) {
                formats = readFormats();
            }
            PackagePart part = sheetPart(index);
            in = part.getInputStream();
            Counting counting = new Counting(in);
            XMLStreamReader xml = xmlFactory.createXMLStreamReader(counting);
            return new XlsxSheetParser(xml, counting, part.getSize(), sharedStrings, formats, date1904,
                    limits.maxFieldChars(), label, names.get(index));
        } catch (DataException e) {
            closeQuietly(in);
            throw e;
        } catch (IOException | OpenXML4JException | XMLStreamException | RuntimeException e) {
            closeQuietly(in);
            throw Workbooks.failure(loc, context, e);
        }
    }

    @Override
    public List<MergedRegion> mergedRegions(int index) throws DataException {
        String context = "sheet '" + names.get(index) + "'";
        List<MergedRegion> regions = new ArrayList<>();
        try (InputStream in = sheetPart(index).getInputStream()) {
            XMLStreamReader xml = xmlFactory.createXMLStreamReader(in);
            try {
                while (xml.hasNext()) {
                    int e = xml.next();
                    if (e == XMLStreamConstants.START_ELEMENT && "mergeCell".equals(xml.getLocalName())) {
                        String ref = XmlText.attribute(xml, "ref");
                        MergedRegion r = ref == null ? null : MergedRegion.parse(ref);
                        if (r != null) {
                            regions.add(r);
                        }
                    } else if (e == XMLStreamConstants.END_ELEMENT && "mergeCells".equals(xml.getLocalName())) {
                        break;
                    }
                }
            } finally {
                xml.close();
            }
            return regions;
        } catch (IOException | OpenXML4JException | XMLStreamException | RuntimeException e) {
            throw Workbooks.failure(DataLocation.of(label), context, e);
        }
    }

    private PackagePart sheetPart(int index) throws DataException, InvalidFormatException {
        PackagePart part = parts.sheetPart(relIds.get(index));
        if (part == null) {
            throw new DataException(DataLocation.of(label), Workbooks.CORRUPT + "sheet '" + names.get(index) + "' has no data");
        }
        return part;
    }

    /**
     * Reads the shared strings into an array. POI's {@code ReadOnlySharedStringsTable} would hold
     * the same strings but hands each out as a new XMLBeans rich-text object per cell; a plain
     * array keeps the per-cell cost at an index lookup.
     */
    private String[] readSharedStrings() throws IOException, XMLStreamException {
        List<PackagePart> sst = pkg.getPartsByContentType(XSSFRelation.SHARED_STRINGS.getContentType());
        if (sst.isEmpty()) {
            return new String[0];
        }
        List<String> strings = new ArrayList<>();
        XmlText text = new XmlText(limits.maxFieldChars());
        try (InputStream in = sst.get(0).getInputStream()) {
            XMLStreamReader xml = xmlFactory.createXMLStreamReader(in);
            try {
                while (xml.hasNext()) {
                    if (xml.next() == XMLStreamConstants.START_ELEMENT && "si".equals(xml.getLocalName())) {
                        String s = text.read(xml, true);
                        strings.add(s);
                    }
                }
            } finally {
                xml.close();
            }
        }
        return strings.toArray(new String[0]);
    }

    /** @return per cell style index, what its number format says about dates */
    private DateFormat[] readFormats() throws IOException, InvalidFormatException {
        StylesTable styles = parts.getStylesTable();
        if (styles == null) {
            return new DateFormat[0];
        }
        DateFormat[] result = new DateFormat[styles.getNumCellStyles()];
        for (int i = 0; i < result.length; i++) {
            XSSFCellStyle style = styles.getStyleAt(i);
            result[i] = style == null ? DateFormat.NONE
                    : DateFormat.of(Short.toUnsignedInt(style.getDataFormat()), style.getDataFormatString());
        }
        return result;
    }

    @Override
    public void close() {
        release(pkg, zip);
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                // closing after a failure; the failure is what gets reported
            }
        }
    }

    /** Gives access to sheet parts by relation id, which {@link XSSFReader} keeps protected. */
    private static final class Parts extends XSSFReader {

        Parts(OPCPackage pkg) throws IOException, OpenXML4JException {
            super(pkg, true);
        }

        PackagePart sheetPart(String relId) throws InvalidFormatException {
            PackageRelationship rel = workbookPart.getRelationship(relId);
            return rel == null ? null : pkg.getPart(PackagingURIHelper.createPartName(rel.getTargetURI()));
        }
    }

    /** Counts the uncompressed bytes of a sheet consumed, for progress. */
    static final class Counting extends FilterInputStream {
        private long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        long count() {
            return count;
        }
    }
}
