package org.mapwright.internal.connector.json;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file opened as characters: the encoding is taken from the byte order mark, else from the
 * RFC 4627 pattern of zero bytes (JSON text starts with two ASCII characters), else UTF-8. The
 * decoder is strict: a byte sequence that is not valid in the encoding fails reading instead of
 * silently turning into replacement characters.
 */
final class EncodedInput implements Closeable {

    private static final Charset UTF_32BE = Charset.forName("UTF-32BE");
    private static final Charset UTF_32LE = Charset.forName("UTF-32LE");

    private final CountingStream counter;
    private final Reader reader;
    private final Charset charset;
    private final long size;

    private EncodedInput(CountingStream counter, Reader reader, Charset charset, long size) {
        this.counter = counter;
        this.reader = reader;
        this.charset = charset;
        this.size = size;
    }

    /**
     * @param forced the encoding the user set, or null to detect it; a byte order mark of the
     *               forced encoding is skipped
     */
    static EncodedInput open(Path file, Charset forced) throws IOException {
        long size = Files.size(file);
        CountingStream counter = new CountingStream(Files.newInputStream(file));
        try {
            BufferedInputStream in = new BufferedInputStream(counter, 1 << 16);
            in.mark(4);
            byte[] head = in.readNBytes(4);
            in.reset();
            Detected d = detect(head);
            Charset cs = forced != null ? forced : d.charset;
            int skip = d.bomLength > 0 && d.charset.equals(cs) ? d.bomLength : 0;
            in.skipNBytes(skip);
            Reader reader = new InputStreamReader(in, cs.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT));
            return new EncodedInput(counter, reader, cs, size);
        } catch (IOException | RuntimeException e) {
            counter.close();
            throw e;
        }
    }

    /** @return the detected encoding of a file, reading only its first bytes */
    static Charset detect(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return detect(in.readNBytes(4)).charset;
        }
    }

    private record Detected(Charset charset, int bomLength) {
    }

    private static Detected detect(byte[] h) {
        int n = h.length;
        int b0 = n > 0 ? h[0] & 0xff : -1;
        int b1 = n > 1 ? h[1] & 0xff : -1;
        int b2 = n > 2 ? h[2] & 0xff : -1;
        int b3 = n > 3 ? h[3] & 0xff : -1;
        if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) {
            return new Detected(StandardCharsets.UTF_8, 3);
        }
        if (b0 == 0x00 && b1 == 0x00 && b2 == 0xFE && b3 == 0xFF) {
            return new Detected(UTF_32BE, 4);
        }
        if (b0 == 0xFF && b1 == 0xFE && b2 == 0x00 && b3 == 0x00) {
            return new Detected(UTF_32LE, 4);
        }
        if (b0 == 0xFE && b1 == 0xFF) {
            return new Detected(StandardCharsets.UTF_16BE, 2);
        }
        if (b0 == 0xFF && b1 == 0xFE) {
            return new Detected(StandardCharsets.UTF_16LE, 2);
        }
        if (n == 4 && b0 == 0 && b1 == 0 && b2 == 0 && b3 != 0) {
            return new Detected(UTF_32BE, 0);
        }
        if (n == 4 && b0 != 0 && b1 == 0 && b2 == 0 && b3 == 0) {
            return new Detected(UTF_32LE, 0);
        }
        if (n >= 2 && b0 == 0 && b1 != 0) {
            return new Detected(StandardCharsets.UTF_16BE, 0);
        }
        if (n >= 2 && b0 != 0 && b1 == 0) {
            return new Detected(StandardCharsets.UTF_16LE, 0);
        }
        return new Detected(StandardCharsets.UTF_8, 0);
    }

    Reader reader() {
        return reader;
    }

    Charset charset() {
        return charset;
    }

    /** @return bytes taken from the file so far (read-ahead included) */
    long bytesRead() {
        return counter.count;
    }

    long size() {
        return size;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
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

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            count += s;
            return s;
        }
    }
}
