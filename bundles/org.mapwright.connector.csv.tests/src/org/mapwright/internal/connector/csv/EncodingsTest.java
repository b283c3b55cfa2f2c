package org.mapwright.internal.connector.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class EncodingsTest {

    private static byte[] b(int... v) {
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (byte) v[i];
        }
        return out;
    }

    @Test
    void validatesUtf8Strictly() {
        byte[] text = "Grüße €".getBytes(StandardCharsets.UTF_8);
        assertTrue(Encodings.isUtf8(text, text.length, false));
        assertFalse(Encodings.isUtf8(b(0xC0, 0xAF), 2, false), "overlong");
        assertFalse(Encodings.isUtf8(b(0xED, 0xA0, 0x80), 3, false), "surrogate");
        assertFalse(Encodings.isUtf8(b(0x61, 0xE2, 0x82), 3, false), "cut at the end of the file");
        assertTrue(Encodings.isUtf8(b(0x61, 0xE2, 0x82), 3, true), "cut at the end of a sample");
    }

    @Test
    void fallsBackToWindows1252OrLatin1ForInvalidUtf8() {
        assertEquals(Encodings.WINDOWS_1252, Encodings.detect(b(0x61, 0xE9, 0x80), 3, false));
        assertEquals(StandardCharsets.ISO_8859_1, Encodings.detect(b(0x61, 0xE9, 0x81), 3, false));
        assertEquals(StandardCharsets.UTF_8, Encodings.detect(b(0x61, 0x62), 2, false));
    }
}
