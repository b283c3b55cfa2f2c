package org.mapwright.internal.connector.excel;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** Bounded text collection and subtree skipping for the StAX readers of .xlsx parts. */
final class XmlText {

    /** Returned instead of a text longer than the limit; compared by identity. */
    static final String TOO_LONG = new String("<too long>");

    private final StringBuilder buffer = new StringBuilder();
    private final int maxChars;

    XmlText(int maxChars) {
        this.maxChars = maxChars;
    }

    /**
     * Reads the text of the current element (positioned on its start tag) up to its end tag.
     *
     * @param rich collect only {@code <t>} elements outside phonetic runs ({@code <rPh>}), as
     *             in shared strings and inline strings; otherwise all character data
     * @return the text, or {@link #TOO_LONG} when it exceeds the limit
     */
    String read(XMLStreamReader xml, boolean rich) throws XMLStreamException {
        buffer.setLength(0);
        boolean over = false;
        int depth = 1;
        int inT = 0;
        int phonetic = 0;
        while (depth > 0) {
            switch (xml.next()) {
                case XMLStreamConstants.START_ELEMENT:
                    depth++;
                    if (rich) {
                        String name = xml.getLocalName();
                        if ("t".equals(name)) {
                            inT++;
                        } else if ("rPh".equals(name)) {
                            phonetic++;
                        }
                    }
                    break;
                case XMLStreamConstants.END_ELEMENT:
                    depth--;
                    if (rich && depth > 0) {
                        String name = xml.getLocalName();
                        if ("t".equals(name)) {
                            inT--;
                        } else if ("rPh".equals(name)) {
                            phonetic--;
                        }
                    }
                    break;
                case XMLStreamConstants.CHARACTERS:
                case XMLStreamConstants.CDATA:
                case XMLStreamConstants.SPACE:
                    if (!rich || (inT > 0 && phonetic == 0)) {
                        int len = xml.getTextLength();
                        if (buffer.length() + len > maxChars) {
                            over = true;
                        } else if (!over) {
                            buffer.append(xml.getTextCharacters(), xml.getTextStart(), len);
                        }
                    }
                    break;
                case XMLStreamConstants.END_DOCUMENT:
                    throw new XMLStreamException("unexpected end of the document");
                default:
                    break;
            }
        }
        return over ? TOO_LONG : buffer.toString();
    }

    /** Skips the current element (positioned on its start tag) with everything inside. */
    static void skip(XMLStreamReader xml) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int e = xml.next();
            if (e == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (e == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (e == XMLStreamConstants.END_DOCUMENT) {
                throw new XMLStreamException("unexpected end of the document");
            }
        }
    }

    /** @return the value of the attribute with this local name in no namespace, or null */
    static String attribute(XMLStreamReader xml, String name) {
        return xml.getAttributeValue(null, name);
    }
}
