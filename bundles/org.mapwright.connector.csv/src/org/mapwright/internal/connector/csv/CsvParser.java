package org.mapwright.internal.connector.csv;

import java.io.Closeable;
import java.io.IOException;
import java.util.Arrays;
import org.mapwright.core.connector.Limits;

/**
 * A streaming CSV parser: a state machine over a large character buffer with the quoting rules of
 * Apache Commons CSV 1.14.1 ({@code CSVFormat.DEFAULT} with the given delimiter, quote and escape,
 * {@code QuoteMode.ALL_NON_NULL} null handling):
 * <ul>
 * <li>records end at LF, CR or CRLF outside quotes; empty lines are skipped; a last record without
 * line break counts, and a delimiter right before the end of input adds an empty last field;</li>
 * <li>a field that starts with the quote character is quoted: it runs to the next single quote
 * character, a doubled quote character stands for one, line breaks belong to the value; after the
 * closing quote only whitespace may come before the delimiter or line break;</li>
 * <li>a quote character inside an unquoted field is an ordinary character;</li>
 * <li>with an escape character, in and outside quotes: escape + delimiter, quote or escape gives
 * that character, escape + {@code r n t b f} gives CR, LF, TAB, BS, FF, escape + a control
 * character gives it, escape + any other character keeps both;</li>
 * <li>an unquoted field equal to the null text is null (by default the empty unquoted field); a
 * quoted field never is.</li>
 * </ul>
 *
 * <p>Fields are kept as offsets into the buffer and only turned into strings on request, so columns
 * nobody asked for cost no allocation. When a record crosses the end of the buffer the parser
 * moves the record to the front, reads more and parses that record again from its start, which
 * keeps the inner loops free of refill logic. The buffer grows for long records up to the record
 * limit.
 *
 * <p>Bad input does not end parsing: {@link #next()} answers {@link #BAD} with a
 * {@link #problem()} and is positioned after the bad record. An unclosed quote (end of input
 * reached, or the quoted value grew over the field limit) rejects the text from the record start to
 * the end of the line on which the quote was opened, and parsing resumes on the next line, so one
 * stray quote costs one line, not the rest of the file. A record over the record limit is rejected
 * and skipped to the end of its line. Undecodable bytes (see {@link CharInput#nextBadChar()})
 * reject the record they are in.
 *
 * <p>Not thread-safe. The design leaves room for a parallel chunked reader: a parser only needs a
 * {@link CharInput} positioned at a record start.
 */
public final class CsvParser implements Closeable {

    public static final int RECORD = 0;
    public static final int END = 1;
    public static final int BAD = 2;
    private static final int NEED_MORE = 3;

    private static final byte QUOTED = 1;
    private static final byte UNESCAPE = 2;

    private static final int MAX_RAW_CHARS = 65_536;

    private final CharInput input;
    private final char delimiter;
    private final boolean quoting;
    private final char quote;
    private final boolean escaping;
    private final char escape;
    private final String nullText;
    private final int maxFieldChars;
    private final int maxRecordChars;

    /** Characters that end or interrupt an unquoted field; index up to {@link #plainMax}. */
    private final boolean[] plainStop;
    private final int plainMax;
    /** Characters that interrupt a quoted field; index up to {@link #quotedMax}. */
    private final boolean[] quotedStop;
    private final int quotedMax;

    private char[] buf;
    private int pos;
    private int limit;
    /** Absolute character offset of {@code buf[0]}. */
    private long base;
    private boolean inputEnded;
    /** Physical line of {@link #pos}, 1-based. */
    private long line = 1;
    private long linesToSkip;
    private boolean skipToLineEnd;

    private int fieldCount;
    private int[] starts = new int[64];
    private int[] ends = new int[64];
    private byte[] flags = new byte[64];
    private int recordStart;
    private int recordContentEnd;
    private long recordLine;
    private CsvProblem problem;
    /** Raw text of a rejected record whose characters are no longer in the buffer. */
    private String rawOverride;
    private char[] scratch = new char[256];

    /**
     * @param quote      quote character, or null for no quoting
     * @param escape     escape character, or null for none
     * @param nullText   unquoted text that means null; null means the empty unquoted field
     * @param skipLines  physical lines to skip before the first record, without parsing them
     * @param initialBufferChars buffer size to start with (it grows for long records)
     * @throws IllegalArgumentException if delimiter, quote and escape are not distinct or one is a line break
     */
    public CsvParser(CharInput input, char delimiter, Character quote, Character escape, String nullText,
            int maxFieldChars, int maxRecordChars, long skipLines, int initialBufferChars) {
        check(delimiter, "delimiter");
        if (quote != null) {
            check(quote, "quote");
            if (quote == delimiter) {
                throw new IllegalArgumentException("the quote character and the delimiter must differ");
            }
        }
        if (escape != null) {
            check(escape, "escape");
            if (escape == delimiter || quote != null && escape.charValue() == quote.charValue()) {
                throw new IllegalArgumentException("the escape character must differ from delimiter and quote");
            }
        }
        this.input = input;
        this.delimiter = delimiter;
        this.quoting = quote != null;
        this.quote = quote == null ? 0 : quote;
        this.escaping = escape != null;
        this.escape = escape == null ? 0 : escape;
        this.nullText = nullText;
        this.maxFieldChars = maxFieldChars;
        this.maxRecordChars = maxRecordChars;
        this.linesToSkip = skipLines;
        this.plainMax = max(delimiter, '\n', '\r', escaping ? this.escape : '\r');
        this.plainStop = new boolean[plainMax + 1];
        plainStop[delimiter] = true;
        plainStop['\n'] = true;
        plainStop['\r'] = true;
        if (escaping) {
            plainStop[this.escape] = true;
        }
        this.quotedMax = max(this.quote, '\n', '\r', escaping ? this.escape : '\r');
        this.quotedStop = new boolean[quotedMax + 1];
        quotedStop[this.quote] = true;
        quotedStop['\n'] = true;
        quotedStop['\r'] = true;
        if (escaping) {
            quotedStop[this.escape] = true;
        }
        this.buf = new char[Math.max(8, initialBufferChars)];
    }

    private static void check(char c, String what) {
        if (c == '\n' || c == '\r') {
            throw new IllegalArgumentException("the " + what + " must not be a line break");
        }
    }

    private static int max(int a, int b, int c, int d) {
        return Math.max(Math.max(a, b), Math.max(c, d));
    }

    /**
     * Parses the next record.
     *
     * @return {@link #RECORD}, {@link #END}, or {@link #BAD} (see {@link #problem()}; parsing can go on)
     * @throws IOException if reading fails
     */
    public int next() throws IOException {
        problem = null;
        rawOverride = null;
        for (;;) {
            int r = parse();
            if (r != NEED_MORE) {
                return r;
            }
            if (!fill()) {
                inputEnded = true;
            }
        }
    }

    /** Keeps {@code [pos, limit)} and reads more characters behind it; false at the end of input. */
    private boolean fill() throws IOException {
        if (inputEnded) {
            return false;
        }
        int keep = limit - pos;
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, keep);
            base += pos;
            pos = 0;
            limit = keep;
        }
        if (keep > buf.length / 2) {
            int cap = Math.max(buf.length, maxRecordChars + 2);
            if (buf.length < cap) {
                buf = Arrays.copyOf(buf, (int) Math.min(cap, 2L * buf.length));
            }
        }
        if (limit == buf.length) {
            return true;
        }
        int n = input.read(buf, limit, buf.length - limit);
        if (n < 0) {
            return false;
        }
        limit += n;
        return true;
    }

    private int parse() {
        final char[] b = buf;
        final int lim = limit;
        final boolean ended = inputEnded;
        final char delimiter = this.delimiter;
        final char quote = this.quote;
        final boolean quoting = this.quoting;
        final boolean[] plainStop = this.plainStop;
        final int plainMax = this.plainMax;
        final boolean[] quotedStop = this.quotedStop;
        final int quotedMax = this.quotedMax;
        int p = pos;
        long ln = line;

        while (linesToSkip > 0 || skipToLineEnd) {
            while (p < lim && b[p] != '\n' && b[p] != '\r') {
                p++;
            }
            if (p >= lim) {
                pos = p;
                line = ln;
                if (ended) {
                    linesToSkip = 0;
                    skipToLineEnd = false;
                    return END;
                }
                return NEED_MORE;
            }
            if (b[p] == '\r') {
                if (p + 1 >= lim && !ended) {
                    pos = p;
                    line = ln;
                    return NEED_MORE;
                }
                p++;
                if (p < lim && b[p] == '\n') {
                    p++;
                }
            } else {
                p++;
            }
            ln++;
            if (skipToLineEnd) {
                skipToLineEnd = false;
            } else {
                linesToSkip--;
            }
            pos = p;
            line = ln;
        }

        for (;;) {
            if (p >= lim) {
                pos = p;
                line = ln;
                return ended ? END : NEED_MORE;
            }
            char c = b[p];
            if (c == '\n') {
                p++;
                ln++;
            } else if (c == '\r') {
                if (p + 1 >= lim && !ended) {
                    pos = p;
                    line = ln;
                    return NEED_MORE;
                }
                p++;
                if (p < lim && b[p] == '\n') {
                    p++;
                }
                ln++;
            } else {
                break;
            }
        }
        pos = p;
        line = ln;
        final int rs = p;
        recordStart = rs;
        recordLine = ln;
        int nf = 0;
        CsvProblem prob = null;

        fields:
        for (;;) {
            if (nf == starts.length) {
                growFields();
            }
            if (p >= lim) {
                if (!ended) {
                    return needMore(rs, lim, -1, 0, nf);
                }
                setField(nf++, p, p, (byte) 0);
                return endRecord(rs, p, p, ln, nf, prob);
            }
            char c = b[p];
            if (quoting && c == quote) {
                final int q = p;
                final long qLine = ln;
                byte fl = QUOTED;
                p++;
                for (;;) {
                    if (p >= lim) {
                        if (!ended) {
                            return needMore(rs, lim, q, qLine, nf);
                        }
                        return unclosedQuote(rs, q, qLine, nf, "the end of the file came first");
                    }
                    c = b[p];
                    if (c > quotedMax || !quotedStop[c]) {
                        p++;
                        continue;
                    }
                    if (c == quote) {
                        if (p + 1 >= lim && !ended) {
                            return needMore(rs, lim, q, qLine, nf);
                        }
                        if (p + 1 < lim && b[p + 1] == quote) {
                            fl |= UNESCAPE;
                            p += 2;
                            continue;
                        }
                        final int contentEnd = p;
                        p++;
                        if (prob == null && contentEnd - q - 1 > maxFieldChars) {
                            prob = tooLong(nf, qLine);
                        }
                        for (;;) {
                            if (p >= lim) {
                                if (!ended) {
                                    return needMore(rs, lim, -1, 0, nf);
                                }
                                setField(nf++, q + 1, contentEnd, fl);
                                return endRecord(rs, p, p, ln, nf, prob);
                            }
                            c = b[p];
                            if (c == delimiter) {
                                setField(nf++, q + 1, contentEnd, fl);
                                p++;
                                continue fields;
                            }
                            if (c == '\n' || c == '\r') {
                                setField(nf++, q + 1, contentEnd, fl);
                                return endOfLine(rs, p, ln, nf, prob);
                            }
                            if (prob == null && !Character.isWhitespace(c)) {
                                prob = new CsvProblem("unexpected character '" + c + "' after the closing quote at character "
                                        + (p - lineStart(p) + 1) + " (a quote inside a quoted value must be doubled)", ln, nf);
                            }
                            p++;
                        }
                    }
                    if (c == '\n' || c == '\r') {
                        if (c == '\r') {
                            if (p + 1 >= lim && !ended) {
                                return needMore(rs, lim, q, qLine, nf);
                            }
                            if (p + 1 < lim && b[p + 1] == '\n') {
                                p++;
                            }
                        }
                        p++;
                        ln++;
                        if (p - q > maxFieldChars + 1) {
                            return unclosedQuote(rs, q, qLine, nf, "the value grew longer than " + maxFieldChars + " characters " + Limits.hit(Limits.MAX_FIELD_CHARS));
                        }
                        continue;
                    }
                    // escape character
                    if (p + 1 >= lim) {
                        if (!ended) {
                            return needMore(rs, lim, q, qLine, nf);
                        }
                        return unclosedQuote(rs, q, qLine, nf, "the end of the file came first");
                    }
                    int skip = escapedLineBreak(b, p, lim, ended);
                    if (skip < 0) {
                        return needMore(rs, lim, q, qLine, nf);
                    }
                    ln += skip;
                    fl |= UNESCAPE;
                    p += 2;
                }
            }
            final int s = p;
            byte fl = 0;
            for (;;) {
                if (p >= lim) {
                    if (!ended) {
                        return needMore(rs, lim, -1, 0, nf);
                    }
                    setField(nf++, s, p, fl);
                    if (prob == null && p - s > maxFieldChars) {
                        prob = tooLong(nf - 1, ln);
                    }
                    return endRecord(rs, p, p, ln, nf, prob);
                }
                c = b[p];
                if (c > plainMax || !plainStop[c]) {
                    p++;
                    continue;
                }
                if (c == delimiter || c == '\n' || c == '\r') {
                    setField(nf++, s, p, fl);
                    if (prob == null && p - s > maxFieldChars) {
                        prob = tooLong(nf - 1, ln);
                    }
                    if (c == delimiter) {
                        p++;
                        continue fields;
                    }
                    return endOfLine(rs, p, ln, nf, prob);
                }
                // escape character
                if (p + 1 >= lim) {
                    if (!ended) {
                        return needMore(rs, lim, -1, 0, nf);
                    }
                    setField(nf++, s, p, fl);
                    if (prob == null) {
                        prob = new CsvProblem("the file ends with an escape character", ln, nf - 1);
                    }
                    return endRecord(rs, lim, lim, ln, nf, prob);
                }
                int skip = escapedLineBreak(b, p, lim, ended);
                if (skip < 0) {
                    return needMore(rs, lim, -1, 0, nf);
                }
                ln += skip;
                fl |= UNESCAPE;
                p += 2;
            }
        }
    }

    /**
     * @return 1 if the escape at {@code p} escapes a line break that counts as a physical line, 0
     *         if not, -1 if the next character is needed to decide
     */
    private static int escapedLineBreak(char[] b, int p, int lim, boolean ended) {
        char x = b[p + 1];
        if (x == '\n') {
            return 1;
        }
        if (x == '\r') {
            if (p + 2 >= lim) {
                return ended ? 1 : -1;
            }
            // an escaped CR followed by LF is one line break, counted at the LF
            return b[p + 2] == '\n' ? 0 : 1;
        }
        return 0;
    }

    /** Consumes the line break at {@code p} (known to be CR or LF) and ends the record. */
    private int endOfLine(int rs, int p, long ln, int nf, CsvProblem prob) {
        int contentEnd = p;
        if (buf[p] == '\r') {
            if (p + 1 >= limit && !inputEnded) {
                return NEED_MORE;
            }
            if (p + 1 < limit && buf[p + 1] == '\n') {
                p++;
            }
        }
        return endRecord(rs, contentEnd, p + 1, ln + 1, nf, prob);
    }

    private int endRecord(int rs, int contentEnd, int next, long nextLine, int nf, CsvProblem prob) {
        fieldCount = nf;
        recordContentEnd = contentEnd;
        pos = next;
        line = nextLine;
        if (prob == null && contentEnd - rs > maxRecordChars) {
            prob = new CsvProblem("the record is longer than " + maxRecordChars + " characters " + Limits.hit(Limits.MAX_RECORD_CHARS), recordLine, -1);
        }
        long badAt = input.nextBadChar();
        if (badAt != Long.MAX_VALUE) {
            prob = checkBadChars(rs, contentEnd, next, prob);
        }
        if (prob != null) {
            problem = prob;
            return BAD;
        }
        return RECORD;
    }

    private CsvProblem checkBadChars(int rs, int contentEnd, int next, CsvProblem prob) {
        long start = base + rs;
        long end = base + next;
        while (input.nextBadChar() < start) {
            input.dropBadChar();
        }
        long badAt = input.nextBadChar();
        if (badAt >= end) {
            return prob;
        }
        CsvProblem result = prob;
        if (result == null) {
            int at = (int) (badAt - base);
            long badLine = recordLine;
            for (int i = rs; i < at; i++) {
                if (buf[i] == '\n' || buf[i] == '\r' && (i + 1 >= contentEnd || buf[i + 1] != '\n')) {
                    badLine++;
                }
            }
            result = new CsvProblem("bytes " + input.badCharBytes() + " at character " + (at - lineStart(at) + 1)
                    + " are not valid in the file's encoding", badLine, fieldAt(at));
        }
        while (input.nextBadChar() < end) {
            input.dropBadChar();
        }
        return result;
    }

    private int fieldAt(int at) {
        for (int i = 0; i < fieldCount; i++) {
            if (at < ends[i] + 1) {
                return i;
            }
        }
        return fieldCount - 1;
    }

    /**
     * The record does not fit in what was read; asks for more unless the record is already over
     * the limit, in which case the record is rejected.
     *
     * @param q     buffer index of the opening quote of the quoted field being read, or -1
     * @param qLine line of that quote
     * @param field index of the field being read
     */
    private int needMore(int rs, int lim, int q, long qLine, int field) {
        if (q >= 0 && lim - q > maxFieldChars + 1) {
            return unclosedQuote(rs, q, qLine, field, "the value grew longer than " + maxFieldChars + " characters " + Limits.hit(Limits.MAX_FIELD_CHARS));
        }
        if (lim - rs > maxRecordChars) {
            if (q >= 0) {
                return unclosedQuote(rs, q, qLine, field, "the record grew longer than " + maxRecordChars + " characters " + Limits.hit(Limits.MAX_RECORD_CHARS));
            }
            fieldCount = 0;
            recordContentEnd = lim;
            long ln = recordLine;
            for (int i = rs; i < lim; i++) {
                if (buf[i] == '\n' || buf[i] == '\r' && (i + 1 >= lim || buf[i + 1] != '\n')) {
                    ln++;
                }
            }
            problem = new CsvProblem("the record is longer than " + maxRecordChars
                    + " characters " + Limits.hit(Limits.MAX_RECORD_CHARS) + "; skipped to the end of its line", recordLine, -1);
            // keep the start of the record for the raw text until the caller asked for it
            rawOverride = raw(rs, Math.min(lim, rs + MAX_RAW_CHARS));
            pos = lim;
            line = ln;
            skipToLineEnd = true;
            return BAD;
        }
        pos = rs;
        line = recordLine;
        return NEED_MORE;
    }

    /** Rejects the text from the record start to the end of the line that opened the quote at {@code q}. */
    private int unclosedQuote(int rs, int q, long qLine, int field, String why) {
        final char[] b = buf;
        int e = q + 1;
        while (e < limit && b[e] != '\n' && b[e] != '\r') {
            e++;
        }
        int next = e;
        long nextLine = qLine;
        if (e < limit) {
            next = b[e] == '\r' && e + 1 < limit && b[e + 1] == '\n' ? e + 2 : e + 1;
            nextLine++;
        }
        fieldCount = 0;
        recordContentEnd = e;
        problem = new CsvProblem("unclosed quote: the quoted value opened at line " + qLine + ", character "
                + (q - lineStart(q) + 1) + " does not end (" + why + "); skipped to the end of that line", qLine, field);
        pos = next;
        line = nextLine;
        if (input.nextBadChar() != Long.MAX_VALUE) {
            checkBadChars(rs, e, next, problem);
        }
        return BAD;
    }

    private CsvProblem tooLong(int field, long ln) {
        return new CsvProblem("the value is longer than " + maxFieldChars + " characters " + Limits.hit(Limits.MAX_FIELD_CHARS), ln, field);
    }

    /** @return buffer index of the first character of the physical line containing {@code at} */
    private int lineStart(int at) {
        int i = at;
        while (i > recordStart && buf[i - 1] != '\n' && buf[i - 1] != '\r') {
            i--;
        }
        return i;
    }

    private void setField(int i, int start, int end, byte flag) {
        starts[i] = start;
        ends[i] = end;
        flags[i] = flag;
    }

    private void growFields() {
        int n = starts.length * 2;
        starts = Arrays.copyOf(starts, n);
        ends = Arrays.copyOf(ends, n);
        flags = Arrays.copyOf(flags, n);
    }

    /** @return fields of the last record (0 after a rejected record whose fields are unknown) */
    public int fieldCount() {
        return fieldCount;
    }

    /** @return the problem of the last {@link #BAD} answer */
    public CsvProblem problem() {
        return problem;
    }

    /** @return physical line where the last record started */
    public long recordLine() {
        return recordLine;
    }

    /** @return physical line of the next character to parse */
    public long line() {
        return line;
    }

    /** @return whether field {@code i} of the last record was quoted */
    public boolean isQuoted(int i) {
        return (flags[i] & QUOTED) != 0;
    }

    /**
     * @return the value of field {@code i} (0-based) of the last record, or null when it is an
     *         unquoted field equal to the null text
     */
    public String value(int i) {
        final int s = starts[i];
        final int e = ends[i];
        final byte f = flags[i];
        if ((f & UNESCAPE) == 0) {
            if ((f & QUOTED) == 0 && isNullText(s, e)) {
                return null;
            }
            return new String(buf, s, e - s);
        }
        String v = unescape(s, e, (f & QUOTED) != 0);
        if ((f & QUOTED) == 0 && nullText != null && nullText.equals(v)) {
            return null;
        }
        return v;
    }

    private boolean isNullText(int s, int e) {
        if (nullText == null) {
            return s == e;
        }
        int n = nullText.length();
        if (e - s != n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (buf[s + i] != nullText.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private String unescape(int s, int e, boolean quoted) {
        if (scratch.length < e - s) {
            scratch = new char[Math.max(e - s, scratch.length * 2)];
        }
        final char[] b = buf;
        final char[] out = scratch;
        int w = 0;
        for (int i = s; i < e; i++) {
            char c = b[i];
            if (quoted && c == quote && i + 1 < e && b[i + 1] == quote) {
                out[w++] = c;
                i++;
            } else if (escaping && c == escape && i + 1 < e) {
                char x = b[++i];
                if (x == delimiter || x == escape || quoting && x == quote) {
                    out[w++] = x;
                } else {
                    switch (x) {
                        case 'r':
                            out[w++] = '\r';
                            break;
                        case 'n':
                            out[w++] = '\n';
                            break;
                        case 't':
                            out[w++] = '\t';
                            break;
                        case 'b':
                            out[w++] = '\b';
                            break;
                        case 'f':
                            out[w++] = '\f';
                            break;
                        case '\r': case '\n': case '\t': case '\b': case '\f':
                            out[w++] = x;
                            break;
                        default:
                            out[w++] = c;
                            out[w++] = x;
                    }
                }
            } else {
                out[w++] = c;
            }
        }
        return new String(out, 0, w);
    }

    /**
     * @return the text of the last record or rejected input as it stood in the file (without the
     *         final line break), cut to 65,536 characters
     */
    public String rawRecord() {
        if (rawOverride != null) {
            return rawOverride;
        }
        return raw(recordStart, Math.min(recordContentEnd, recordStart + MAX_RAW_CHARS));
    }

    private String raw(int from, int to) {
        return new String(buf, from, Math.max(0, to - from));
    }

    /** @return bytes consumed from the input so far, or -1 */
    public long bytesRead() {
        return input.bytesRead();
    }

    /** @return total bytes of the input, or -1 */
    public long totalBytes() {
        return input.totalBytes();
    }

    @Override
    public void close() throws IOException {
        input.close();
    }
}
