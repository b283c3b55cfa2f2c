package org.mapwright.internal.connector.json;

import java.io.IOException;
import java.io.Reader;

/**
 * Splits characters into lines ({@code \n} or {@code \r\n}) without ever holding more than
 * {@code maxChars} of one line: a longer line is consumed and reported as {@link #tooLong()}, so
 * a broken file without line breaks cannot exhaust memory.
 */
final class LineReader {

    private final Reader in;
    private final int maxChars;
    private final char[] chunk = new char[8192];
    private int pos;
    private int end;
    private char[] line = new char[256];
    private int length;
    private boolean tooLong;
    private long lineNumber;

    LineReader(Reader in, int maxChars) {
        this.in = in;
        this.maxChars = maxChars;
    }

    /** @return false at the end of input; otherwise the next line is available */
    boolean next() throws IOException {
        length = 0;
        tooLong = false;
        boolean any = false;
        while (true) {
            if (pos >= end) {
                int n = in.read(chunk);
                if (n < 0) {
                    if (!any) {
                        return false;
                    }
                    break;
                }
                pos = 0;
                end = n;
            }
            any = true;
            int start = pos;
            while (pos < end && chunk[pos] != '\n') {
                pos++;
            }
            append(start, pos - start);
            if (pos < end) {
                pos++;
                break;
            }
        }
        lineNumber++;
        if (!tooLong && length > 0 && line[length - 1] == '\r') {
            length--;
        }
        return true;
    }

    private void append(int from, int count) {
        if (tooLong || count == 0) {
            return;
        }
        if ((long) length + count > maxChars) {
            tooLong = true;
            length = 0;
            return;
        }
        if (length + count > line.length) {
            char[] bigger = new char[Math.min(maxChars, Math.max(line.length * 2, length + count))];
            System.arraycopy(line, 0, bigger, 0, length);
            line = bigger;
        }
        System.arraycopy(chunk, from, line, length, count);
        length += count;
    }

    /** @return the characters of the current line (valid up to {@link #length()}, until the next call) */
    char[] buffer() {
        return line;
    }

    int length() {
        return length;
    }

    /** @return whether the current line was longer than the limit (its characters are dropped) */
    boolean tooLong() {
        return tooLong;
    }

    /** @return whether the current line holds only JSON whitespace */
    boolean blank() {
        for (int i = 0; i < length; i++) {
            char c = line[i];
            if (c != ' ' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return !tooLong;
    }

    /** @return the 1-based number of the current line */
    long lineNumber() {
        return lineNumber;
    }

    String text() {
        return new String(line, 0, length);
    }
}
