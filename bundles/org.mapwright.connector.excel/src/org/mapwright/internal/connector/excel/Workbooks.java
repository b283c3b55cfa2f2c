package org.mapwright.internal.connector.excel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

import javax.xml.stream.XMLStreamException;

import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.DataLocation;
import org.mapwright.core.connector.Limits;

/**
 * Opens workbooks by their content, never their file name: a ZIP signature means .xlsx (Office
 * Open XML), an OLE2 signature means .xls (BIFF8) or an encrypted .xlsx (which Office stores in
 * an OLE2 container). Every failure becomes a {@link DataException} with a plain reason.
 */
public final class Workbooks {

    private static final byte[] ZIP = {'P', 'K', 3, 4};
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};

    /** Reason given for encrypted workbooks. */
    public static final String PASSWORD_PROTECTED = "workbook is password protected";
    /** Start of the reason given for files that are no readable workbook. */
    public static final String CORRUPT = "not an Excel file or corrupt: ";

    private Workbooks() {
    }

    /**
     * @param file   the file
     * @param label  the file as the user named it, for messages
     * @throws DataException (fatal) for a missing, unreadable, encrypted or corrupt file
     */
    public static WorkbookSource open(Path file, String label, ZipLimits zipLimits, Limits limits) throws DataException {
        byte[] head = new byte[8];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (NoSuchFileException e) {
            throw new DataException(DataLocation.of(label), "file not found: " + file);
        } catch (IOException e) {
            throw new DataException(DataLocation.of(label), "cannot read file: " + e.getMessage(), e);
        }
        if (n >= ZIP.length && Arrays.equals(head, 0, ZIP.length, ZIP, 0, ZIP.length)) {
            return XlsxWorkbook.open(file, label, zipLimits, limits);
        }
        if (n == OLE2.length && Arrays.equals(head, OLE2)) {
            return XlsWorkbook.open(file, label);
        }
        throw new DataException(DataLocation.of(label), CORRUPT + (n == 0 ? "the file is empty"
                : "the file starts with neither the .xlsx (ZIP) nor the .xls (OLE2) signature"));
    }

    /**
     * @return a fatal exception for a failure while opening or reading, with the reason taken
     *         from the cause chain (zip bomb, encryption, corruption)
     */
    public static DataException failure(DataLocation location, String context, Throwable t) {
        for (Throwable c = t; c != null; c = next(c)) {
            if (c instanceof DataException d) {
                return d;
            }
            if (c instanceof ZipBombException) {
                return new DataException(DataLocation.of(location.file()), c.getMessage(), t);
            }
            if (c.getMessage() != null && c.getMessage().startsWith("Zip bomb detected")) {
                return new DataException(DataLocation.of(location.file()), poiZipBomb(c.getMessage()), t);
            }
            if (c instanceof EncryptedDocumentException) {
                return new DataException(DataLocation.of(location.file()), PASSWORD_PROTECTED, t);
            }
        }
        String reason = t instanceof XMLStreamException x ? xmlReason(x) : firstLine(t.getMessage());
        if (reason.isEmpty()) {
            reason = t.getClass().getSimpleName();
        }
        return new DataException(location, CORRUPT + (context == null ? "" : context + ": ") + reason, t);
    }

    /** @return e.g. {@code XML error at line 1, column 39: XML document structures must ...} */
    private static String xmlReason(XMLStreamException x) {
        String m = x.getMessage() == null ? "" : x.getMessage();
        int at = m.indexOf("Message: ");
        String text = at < 0 ? firstLine(m) : firstLine(m.substring(at + "Message: ".length()));
        if (x.getLocation() == null) {
            return "XML error: " + text;
        }
        return "XML error at line " + x.getLocation().getLineNumber() + ", column " + x.getLocation().getColumnNumber()
                + ": " + text;
    }

    /** Restates the multi-line message of POI's process-wide zip-bomb guard in one line. */
    private static String poiZipBomb(String message) {
        int at = message.lastIndexOf("Entry: ");
        String entry = at < 0 ? "?" : firstLine(message.substring(at + "Entry: ".length()));
        String limit = message.contains("max. ratio")
                ? "expansion ratio (at most " + Math.round(1 / ZipSecureFile.getMinInflateRatio()) + "-fold)"
                : "expanded size (at most " + ZipSecureFile.getMaxEntrySize() + " bytes)";
        return "part '" + entry + "' exceeds POI's process-wide zip-bomb limit on the " + limit
                + "; the file may be a zip bomb";
    }

    private static Throwable next(Throwable t) {
        if (t.getCause() != null && t.getCause() != t) {
            return t.getCause();
        }
        if (t instanceof XMLStreamException x && x.getNestedException() != t) {
            return x.getNestedException();
        }
        return null;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
