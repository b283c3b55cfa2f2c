package org.mapwright.internal.connector.excel;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.DataLocation;
import org.mapwright.core.connector.Limits;

/**
 * Pulls the rows of one worksheet XML part ({@code <sheetData><row><c>}) with StAX.
 *
 * <p>Cell types ({@code t}): {@code s} shared string, {@code inlineStr}, {@code str} (text result
 * of a formula), {@code b} boolean, {@code e} error, {@code d} ISO date, otherwise a number whose
 * cell style decides whether it is a date serial. Formulas are never evaluated: a formula cell
 * gives its cached value ({@code <v>}), or blank when the file has none. The decimal text of
 * {@code <v>} is used as stored (see {@link CellValues}). Empty strings are blank.
 */
final class XlsxSheetParser implements SheetRowSource {

    /** Excel's column limit; a reference beyond it means a corrupt file. */
    private static final int MAX_COLUMNS = 16_384;

    private final XMLStreamReader xml;
    private final XlsxWorkbook.Counting counter;
    private final long totalBytes;
    private final String[] sharedStrings;
    private final DateFormat[] formats;
    private final boolean date1904;
    private final XmlText text;
    private final String label;
    private final String sheet;
    private final String tooLong;
    private Object[] scratch = new Object[16];
    private int lastRow;
    private boolean done;

    XlsxSheetParser(XMLStreamReader xml, XlsxWorkbook.Counting counter, long totalBytes, String[] sharedStrings,
            DateFormat[] formats, boolean date1904, int maxChars, String label, String sheet) {
        this.xml = xml;
        this.counter = counter;
        this.totalBytes = totalBytes;
        this.sharedStrings = sharedStrings;
        this.formats = formats;
        this.date1904 = date1904;
        this.text = new XmlText(maxChars);
        this.label = label;
        this.sheet = sheet;
        this.tooLong = "text longer than " + maxChars + " characters " + Limits.hit(Limits.MAX_FIELD_CHARS);
    }

    @Override
    public SheetRow next() throws DataException {
        if (done) {
            return null;
        }
        try {
            while (xml.hasNext()) {
                int e = xml.next();
                if (e == XMLStreamConstants.START_ELEMENT && "row".equals(xml.getLocalName())) {
                    return row();
                }
                if (e == XMLStreamConstants.END_ELEMENT && "sheetData".equals(xml.getLocalName())) {
                    break;
                }
            }
            done = true;
            return null;
        } catch (XMLStreamException | RuntimeException e) {
            done = true;
            throw Workbooks.failure(DataLocation.of(label), "sheet '" + sheet + "'", e);
        }
    }

    private SheetRow row() throws XMLStreamException, DataException {
        String r = XmlText.attribute(xml, "r");
        int rowNumber = r == null ? lastRow + 1 : parseIndex(r, lastRow + 1);
        lastRow = rowNumber;
        int width = 0;
        int nextColumn = 0;
        while (true) {
            int e = xml.next();
            if (e == XMLStreamConstants.START_ELEMENT) {
                if ("c".equals(xml.getLocalName())) {
                    String ref = XmlText.attribute(xml, "r");
                    int col = ref == null ? nextColumn : CellRef.columnIndex(ref);
                    if (col < 0 || col >= MAX_COLUMNS) {
                        throw new DataException(new DataLocation(label, rowNumber, -1, ref), Workbooks.CORRUPT
                                + "sheet '" + sheet + "' row " + rowNumber + " has an invalid cell reference '" + ref + "'");
                    }
                    Object value = cell(rowNumber, col);
                    if (value != null) {
                        if (col >= scratch.length) {
                            scratch = Arrays.copyOf(scratch, Math.max(col + 1, scratch.length * 2));
                        }
                        scratch[col] = value;
                        width = Math.max(width, col + 1);
                    }
                    nextColumn = col + 1;
                } else {
                    XmlText.skip(xml);
                }
            } else if (e == XMLStreamConstants.END_ELEMENT) {
                break;
            } else if (e == XMLStreamConstants.END_DOCUMENT) {
                throw new XMLStreamException("unexpected end of the document");
            }
        }
        Object[] cells = Arrays.copyOf(scratch, width);
        Arrays.fill(scratch, 0, width, null);
        return new SheetRow(rowNumber, cells);
    }

    private Object cell(int rowNumber, int col) throws XMLStreamException {
        String type = XmlText.attribute(xml, "t");
        String style = XmlText.attribute(xml, "s");
        String v = null;
        String inline = null;
        while (true) {
            int e = xml.next();
            if (e == XMLStreamConstants.START_ELEMENT) {
                String name = xml.getLocalName();
                if ("v".equals(name)) {
                    v = text.read(xml, false);
                } else if ("is".equals(name)) {
                    inline = text.read(xml, true);
                } else {
                    XmlText.skip(xml);
                }
            } else if (e == XMLStreamConstants.END_ELEMENT) {
                break;
            } else if (e == XMLStreamConstants.END_DOCUMENT) {
                throw new XMLStreamException("unexpected end of the document");
            }
        }
        if (v == XmlText.TOO_LONG || inline == XmlText.TOO_LONG) {
            return new CellError(tooLong);
        }
        if (type == null || "n".equals(type)) {
            return v == null || v.isEmpty() ? null : number(v, style);
        }
        switch (type) {
            case "s":
                return sharedString(v);
            case "inlineStr":
                return emptyToNull(inline != null ? inline : v);
            case "str":
                return emptyToNull(v);
            case "b":
                if (v == null || v.isEmpty()) {
                    return null;
                }
                if ("1".equals(v) || "true".equalsIgnoreCase(v)) {
                    return Boolean.TRUE;
                }
                if ("0".equals(v) || "false".equalsIgnoreCase(v)) {
                    return Boolean.FALSE;
                }
                return new CellError("a malformed boolean '" + abbreviate(v) + "'");
            case "e":
                return CellError.excelError(v == null || v.isEmpty() ? "#N/A" : v.trim());
            case "d":
                return v == null || v.isEmpty() ? null : isoDate(v.trim());
            default:
                return new CellError("an unknown cell type '" + abbreviate(type) + "'");
        }
    }

    private Object number(String v, String style) {
        int s = style == null ? 0 : parseIndex(style, 0);
        DateFormat format = s < formats.length ? formats[s] : DateFormat.NONE;
        try {
            if (format.date()) {
                Object date = CellValues.date(Double.parseDouble(v), date1904, format);
                if (date != null) {
                    return date;
                }
            }
            return CellValues.number(v);
        } catch (NumberFormatException e) {
            return new CellError("a malformed number '" + abbreviate(v) + "'");
        }
    }

    private Object sharedString(String v) {
        int index = v == null ? -1 : parseIndex(v.trim(), -1);
        if (index < 0 || index >= sharedStrings.length) {
            return new CellError("a reference to a missing shared string '" + abbreviate(String.valueOf(v)) + "'");
        }
        String s = sharedStrings[index];
        return s == XmlText.TOO_LONG ? new CellError(tooLong) : emptyToNull(s);
    }

    private static Object isoDate(String v) {
        try {
            if (v.indexOf('T') < 0) {
                return java.time.LocalDate.parse(v);
            }
            LocalDateTime t = LocalDateTime.parse(v);
            return t.toLocalTime().equals(LocalTime.MIDNIGHT) && v.endsWith("T00:00:00") ? t.toLocalDate() : t;
        } catch (DateTimeParseException e) {
            return new CellError("a malformed date '" + abbreviate(v) + "'");
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static int parseIndex(String s, int fallback) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    @Override
    public long bytesRead() {
        return counter.count();
    }

    @Override
    public long totalBytes() {
        return totalBytes;
    }

    @Override
    public void close() {
        done = true;
        try {
            xml.close();
        } catch (XMLStreamException e) {
            // the stream below is closed next either way
        }
        try {
            counter.close();
        } catch (java.io.IOException e) {
            // read-only part stream
        }
    }
}
