package org.mapwright.internal.connector.excel;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Enumeration;
import java.util.Locale;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.poi.openxml4j.util.ZipEntrySource;
import org.apache.poi.openxml4j.util.ZipSecureFile;

/**
 * The entries of an .xlsx file, inflated under this reader's {@link ZipLimits}.
 *
 * <p>POI keeps its zip-bomb limits in JVM-wide static fields of {@link ZipSecureFile}; changing
 * them per workbook would race with every other workbook read in the same process. So the
 * entries are read through POI's {@code ZipSecureFile} (its own protection stays on with its
 * process-wide values) and additionally through a guard with this reader's explicit limits,
 * which fails with a {@link ZipBombException} naming the entry and the limit.
 */
final class GuardedZipEntrySource implements ZipEntrySource {

    private final ZipSecureFile zip;
    private final ZipLimits limits;
    private boolean closed;

    GuardedZipEntrySource(ZipSecureFile zip, ZipLimits limits) {
        this.zip = zip;
        this.limits = limits;
    }

    @Override
    public Enumeration<? extends ZipArchiveEntry> getEntries() {
        return zip.getEntries();
    }

    @Override
    public ZipArchiveEntry getEntry(String path) {
        return zip.getEntry(path);
    }

    @Override
    public InputStream getInputStream(ZipArchiveEntry entry) throws IOException {
        if (entry.getSize() > limits.maxEntrySize()) {
            throw tooLarge(entry, entry.getSize());
        }
        return new Guard(zip.getInputStream(entry), entry);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        zip.close();
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    private ZipBombException tooLarge(ZipArchiveEntry entry, long size) {
        return new ZipBombException(String.format(Locale.ROOT,
                "part '%s' expands to more than %,d bytes (setting zipMaxEntrySize); the file may be a zip bomb",
                entry.getName(), Math.min(size, limits.maxEntrySize())));
    }

    /** Counts inflated bytes and compares them with the entry's compressed size. */
    private final class Guard extends FilterInputStream {

        private final ZipArchiveEntry entry;
        private final long compressed;
        private long inflated;

        Guard(InputStream in, ZipArchiveEntry entry) {
            super(in);
            this.entry = entry;
            this.compressed = entry.getCompressedSize();
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            if (skipped > 0) {
                count(skipped);
            }
            return skipped;
        }

        private void count(long n) throws ZipBombException {
            inflated += n;
            if (inflated > limits.maxEntrySize()) {
                throw tooLarge(entry, inflated);
            }
            // The compressed size bounds the compressed bytes consumed so far, so the ratio
            // judged here is never stricter than the true one.
            if (inflated > ZipLimits.GRACE_ENTRY_SIZE && compressed >= 0
                    && (double) compressed / inflated < limits.minInflateRatio()) {
                throw new ZipBombException(String.format(Locale.ROOT,
                        "part '%s' expands more than %.0f-fold (%,d compressed bytes gave over %,d bytes; setting zipMinInflateRatio); the file may be a zip bomb",
                        entry.getName(), 1 / limits.minInflateRatio(), compressed, inflated));
            }
        }
    }
}
