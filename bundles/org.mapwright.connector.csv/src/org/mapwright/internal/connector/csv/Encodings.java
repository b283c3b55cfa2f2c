package org.mapwright.internal.connector.csv;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;

/** Byte order marks and encoding detection from a sample of bytes. */
final class Encodings {

    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final byte[] UTF16LE_BOM = {(byte) 0xFF, (byte) 0xFE};
    private static final byte[] UTF16BE_BOM = {(byte) 0xFE, (byte) 0xFF};

    private Encodings() {
    }

    /** @return the byte order mark a file in {@code charset} may start with, empty if none applies */
    static byte[] byteOrderMark(Charset charset) {
        if (charset.equals(StandardCharsets.UTF_8)) {
            return UTF8_BOM;
        }
        if (charset.equals(StandardCharsets.UTF_16LE)) {
            return UTF16LE_BOM;
        }
        if (charset.equals(StandardCharsets.UTF_16BE)) {
            return UTF16BE_BOM;
        }
        // "UTF-16" decodes its own byte order mark
        return new byte[0];
    }

    /**
     * @throws IllegalArgumentException naming the unknown encoding
     */
    static Charset forName(String name) {
        try {
            return Charset.forName(name.trim());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new IllegalArgumentException("unknown encoding '" + name + "' (e.g. UTF-8, UTF-16LE, UTF-16BE, windows-1252, ISO-8859-1)");
        }
    }

    /**
     * Detects the encoding of a file from its first bytes: a byte order mark (UTF-8, UTF-16LE/BE);
     * else UTF-16 without mark when nearly every other byte is zero; else UTF-8 when the sample is
     * valid UTF-8 (pure ASCII included); else ISO-8859-1 when a byte appears that windows-1252
     * leaves undefined, else windows-1252.
     *
     * @param truncated whether the file continues after the sample (a multi-byte sequence cut at
     *                  the end of the sample is then no evidence against UTF-8)
     */
    static Charset detect(byte[] b, int len, boolean truncated) {
        if (startsWith(b, len, UTF8_BOM)) {
            return StandardCharsets.UTF_8;
        }
        if (startsWith(b, len, UTF16LE_BOM)) {
            return StandardCharsets.UTF_16LE;
        }
        if (startsWith(b, len, UTF16BE_BOM)) {
            return StandardCharsets.UTF_16BE;
        }
        Charset utf16 = utf16WithoutMark(b, len);
        if (utf16 != null) {
            return utf16;
        }
        if (isUtf8(b, len, truncated)) {
            return StandardCharsets.UTF_8;
        }
        for (int i = 0; i < len; i++) {
            int v = b[i] & 0xFF;
            if (v == 0x81 || v == 0x8D || v == 0x8F || v == 0x90 || v == 0x9D) {
                return StandardCharsets.ISO_8859_1;
            }
        }
        return WINDOWS_1252;
    }

    private static boolean startsWith(byte[] b, int len, byte[] prefix) {
        if (len < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static Charset utf16WithoutMark(byte[] b, int len) {
        int n = Math.min(len, 4096) & ~1;
        if (n < 4) {
            return null;
        }
        int evenZero = 0;
        int oddZero = 0;
        for (int i = 0; i < n; i += 2) {
            if (b[i] == 0) {
                evenZero++;
            }
            if (b[i + 1] == 0) {
                oddZero++;
            }
        }
        int pairs = n / 2;
        if (oddZero * 10 >= pairs * 7 && evenZero * 10 <= pairs) {
            return StandardCharsets.UTF_16LE;
        }
        if (evenZero * 10 >= pairs * 7 && oddZero * 10 <= pairs) {
            return StandardCharsets.UTF_16BE;
        }
        return null;
    }

    /** Strict UTF-8 validation: no overlong forms, no surrogates, nothing above U+10FFFF. */
    static boolean isUtf8(byte[] b, int len, boolean truncated) {
        int i = 0;
        while (i < len) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                i++;
                continue;
            }
            int need;
            int min;
            if (c >= 0xC2 && c <= 0xDF) {
                need = 1;
                min = 0x80;
            } else if (c >= 0xE0 && c <= 0xEF) {
                need = 2;
                min = 0x800;
            } else if (c >= 0xF0 && c <= 0xF4) {
                need = 3;
                min = 0x10000;
            } else {
                return false;
            }
            if (i + need >= len) {
                return truncated && allContinuation(b, i + 1, len);
            }
            int cp = c & (0x3F >> need);
            for (int k = 1; k <= need; k++) {
                int cc = b[i + k] & 0xFF;
                if ((cc & 0xC0) != 0x80) {
                    return false;
                }
                cp = cp << 6 | cc & 0x3F;
            }
            if (cp < min || cp > 0x10FFFF || cp >= 0xD800 && cp <= 0xDFFF) {
                return false;
            }
            i += need + 1;
        }
        return true;
    }

    private static boolean allContinuation(byte[] b, int from, int len) {
        for (int i = from; i < len; i++) {
            if ((b[i] & 0xC0) != 0x80) {
                return false;
            }
        }
        return true;
    }
}
