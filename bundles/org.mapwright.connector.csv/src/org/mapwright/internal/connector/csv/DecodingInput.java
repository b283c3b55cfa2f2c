package org.mapwright.internal.connector.csv;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;

/**
 * Decodes a file with a decoder that reports malformed and unmappable input instead of silently
 * replacing it: each undecodable byte sequence becomes one U+FFFD whose offset is remembered, so
 * the record containing it can be rejected with its line. A byte order mark matching the charset
 * is skipped.
 */
public final class DecodingInput extends CharInput {

    private static final int BYTE_BUFFER = 1 << 20;
    /** Bad characters remembered at most; beyond that every record would be rejected anyway. */
    private static final int MAX_PENDING_BAD = 1 << 16;

    private final FileChannel channel;
    private final CharsetDecoder decoder;
    private final ByteBuffer bytes = ByteBuffer.allocate(BYTE_BUFFER);
    private final long totalBytes;
    private long bytesRead;
    private long charsProduced;
    private boolean bytesEnded;
    private boolean flushed;
    private final ArrayDeque<long[]> bad = new ArrayDeque<>();
    private final ArrayDeque<String> badBytes = new ArrayDeque<>();

    public DecodingInput(Path file, Charset charset) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            this.totalBytes = channel.size();
            this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            bytes.flip();
            skipByteOrderMark(charset);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private void skipByteOrderMark(Charset charset) throws IOException {
        fillBytes();
        byte[] bom = Encodings.byteOrderMark(charset);
        if (bom.length == 0 || bytes.remaining() < bom.length) {
            return;
        }
        for (int i = 0; i < bom.length; i++) {
            if (bytes.get(i) != bom[i]) {
                return;
            }
        }
        bytes.position(bom.length);
    }

    private void fillBytes() throws IOException {
        bytes.compact();
        int n = 0;
        while (bytes.hasRemaining() && (n = channel.read(bytes)) > 0) {
            bytesRead += n;
        }
        if (n < 0) {
            bytesEnded = true;
        }
        bytes.flip();
    }

    @Override
    public int read(char[] dst, int off, int len) throws IOException {
        if (flushed) {
            return -1;
        }
        CharBuffer out = CharBuffer.wrap(dst, off, len);
        while (out.hasRemaining()) {
            CoderResult r = decoder.decode(bytes, out, bytesEnded);
            if (r.isError()) {
                if (!out.hasRemaining()) {
                    break;
                }
                int n = r.length();
                StringBuilder hex = new StringBuilder();
                for (int i = 0; i < n && i < 8; i++) {
                    hex.append(hex.length() == 0 ? "" : " ").append(String.format("0x%02X", bytes.get(bytes.position() + i) & 0xFF));
                }
                bytes.position(bytes.position() + n);
                if (bad.size() < MAX_PENDING_BAD) {
                    bad.add(new long[] {charsProduced + out.position() - off});
                    badBytes.add(hex.toString());
                }
                out.put('\uFFFD');
            } else if (r.isOverflow()) {
                break;
            } else if (bytesEnded) {
                if (decoder.flush(out).isOverflow()) {
                    break;
                }
                flushed = true;
                break;
            } else {
                fillBytes();
            }
        }
        int produced = out.position() - off;
        charsProduced += produced;
        return produced == 0 && flushed ? -1 : produced;
    }

    @Override
    public long nextBadChar() {
        long[] next = bad.peek();
        return next == null ? Long.MAX_VALUE : next[0];
    }

    @Override
    public String badCharBytes() {
        String s = badBytes.peek();
        return s == null ? "" : s;
    }

    @Override
    public void dropBadChar() {
        bad.poll();
        badBytes.poll();
    }

    @Override
    public long bytesRead() {
        return bytesRead - bytes.remaining();
    }

    @Override
    public long totalBytes() {
        return totalBytes;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
