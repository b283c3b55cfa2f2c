package org.mapwright.internal.connector.csv;

import java.io.Closeable;
import java.io.IOException;

/**
 * Characters for {@link CsvParser}, delivered in large blocks so the parser makes one call per
 * buffer fill, never one per character. Input decoded from bytes reports characters that stand for
 * undecodable bytes (each is a U+FFFD in the text) by their absolute offset, so the parser can
 * reject exactly the record that contains them.
 */
public abstract class CharInput implements Closeable {

    /**
     * Reads up to {@code len} characters.
     *
     * @return the number read (at least 1), or -1 at the end of input
     */
    public abstract int read(char[] dst, int off, int len) throws IOException;

    /** @return absolute offset of the next character that replaced undecodable bytes, or {@link Long#MAX_VALUE} */
    public long nextBadChar() {
        return Long.MAX_VALUE;
    }

    /** @return a description of the bytes behind {@link #nextBadChar()}, e.g. {@code "0xC3 0x28"} */
    public String badCharBytes() {
        return "";
    }

    /** Forgets the bad character at {@link #nextBadChar()}. */
    public void dropBadChar() {
    }

    /** @return bytes consumed so far, or -1 when the input is not bytes */
    public long bytesRead() {
        return -1;
    }

    /** @return total bytes of the input, or -1 when unknown */
    public long totalBytes() {
        return -1;
    }

    @Override
    public void close() throws IOException {
    }

    /** @return input over text already in memory (sniffing samples, tests) */
    public static CharInput of(CharSequence text) {
        String s = text.toString();
        return new CharInput() {
            private int next;

            @Override
            public int read(char[] dst, int off, int len) {
                if (next >= s.length()) {
                    return -1;
                }
                int n = Math.min(len, s.length() - next);
                s.getChars(next, next + n, dst, off);
                next += n;
                return n;
            }
        };
    }
}
