package org.mapwright.internal.engine.run;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * The rows of a joined source by key, first row per key. Small sources stay in a hash map; a
 * source with more distinct keys than the memory budget moves to a hash table on disk (a data
 * file of records and an open-addressing index of offsets), so a join of any size runs in
 * bounded memory. Lookups give the same rows either way. {@link #get} may run on another thread
 * than the one that built the table.
 */
abstract class JoinTable implements AutoCloseable {

    /** @return the row of this (normalized, non-null) key, or null */
    abstract Object[] get(Object key);

    /** @return how many added rows had a key an earlier row already had (those rows are dropped) */
    abstract long duplicates();

    /** @return whether the table lives on disk */
    abstract boolean spilled();

    @Override
    public void close() {
    }

    /** Collects rows, moving to disk once more than {@code memoryRows} keys are held. */
    static final class Builder {
        private final long memoryRows;
        private final SpillDirectory spill;
        private Map<Object, Object[]> map = new HashMap<>();
        private long duplicates;
        private Path dataFile;
        private DataOutputStream data;
        private long records;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
        private final DataOutputStream bufferOut = new DataOutputStream(buffer);

        Builder(long memoryRows, SpillDirectory spill) {
            this.memoryRows = memoryRows;
            this.spill = spill;
        }

        void add(Object key, Object[] row) throws IOException {
            if (data == null) {
                if (map.containsKey(key)) {
                    duplicates++;
                    return;
                }
                if (map.size() < memoryRows) {
                    map.put(key, row);
                    return;
                }
                dataFile = spill.newFile("join");
                data = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(dataFile), 1 << 16));
                for (Map.Entry<Object, Object[]> e : map.entrySet()) {
                    append(e.getKey(), e.getValue());
                }
                map = null;
            }
            append(key, row);
        }

        private void append(Object key, Object[] row) throws IOException {
            buffer.reset();
            SpillCodec.write(bufferOut, key);
            SpillCodec.writeArray(bufferOut, row);
            bufferOut.flush();
            data.writeInt(buffer.size());
            buffer.writeTo(data);
            records++;
        }

        JoinTable build() throws IOException {
            if (data == null) {
                return new InMemory(map, duplicates);
            }
            data.close();
            data = null;
            return DiskTable.index(dataFile, spill.newFile("join-index"), records, duplicates);
        }

        /** Deletes what was written when the build does not complete. */
        void discard() {
            try {
                if (data != null) {
                    data.close();
                }
            } catch (IOException ignored) {
                // the file goes with the spill folder
            }
        }
    }

    private static final class InMemory extends JoinTable {
        private final Map<Object, Object[]> map;
        private final long duplicates;

        InMemory(Map<Object, Object[]> map, long duplicates) {
            this.map = map;
            this.duplicates = duplicates;
        }

        @Override
        Object[] get(Object key) {
            return map.get(key);
        }

        @Override
        long duplicates() {
            return duplicates;
        }

        @Override
        boolean spilled() {
            return false;
        }
    }

    /** Linear-probing hash index over a data file; a slot is the key's hash and the record's offset + 1. */
    private static final class DiskTable extends JoinTable {
        private static final int SLOT = 12;

        private final FileChannel data;
        private final FileChannel index;
        private final long mask;
        private final long duplicates;
        private final ByteBuffer slot = ByteBuffer.allocate(SLOT);
        private final ByteBuffer length = ByteBuffer.allocate(4);

        private DiskTable(FileChannel data, FileChannel index, long mask, long duplicates) {
            this.data = data;
            this.index = index;
            this.mask = mask;
            this.duplicates = duplicates;
        }

        static DiskTable index(Path dataFile, Path indexFile, long records, long duplicatesInMemory) throws IOException {
            long capacity = Long.highestOneBit(Math.max(16, records * 2 - 1)) << 1;
            FileChannel data = FileChannel.open(dataFile, StandardOpenOption.READ);
            FileChannel index = FileChannel.open(indexFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            try {
                index.write(ByteBuffer.allocate(1), capacity * SLOT - 1);
                DiskTable t = new DiskTable(data, index, capacity - 1, 0);
                long dup = duplicatesInMemory;
                try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(dataFile), 1 << 16))) {
                    long offset = 0;
                    for (long r = 0; r < records; r++) {
                        int len = in.readInt();
                        byte[] bytes = new byte[len];
                        in.readFully(bytes);
                        Object key = SpillCodec.read(new DataInputStream(new ByteArrayInputStream(bytes)));
                        if (!t.insert(key, offset)) {
                            dup++;
                        }
                        offset += 4 + len;
                    }
                }
                return new DiskTable(data, index, capacity - 1, dup);
            } catch (IOException | RuntimeException e) {
                data.close();
                index.close();
                throw e;
            }
        }

        private static int hash(Object key) {
            int h = key.hashCode();
            return h ^ (h >>> 16) ^ (h * 0x9E3779B9);
        }

        /** @return false when the key is already there (the earlier row wins) */
        private boolean insert(Object key, long offset) throws IOException {
            int h = hash(key);
            for (long s = h & mask;; s = (s + 1) & mask) {
                readSlot(s);
                long at = slot.getLong(4);
                if (at == 0) {
                    slot.clear();
                    slot.putInt(h).putLong(offset + 1).flip();
                    while (slot.hasRemaining()) {
                        index.write(slot, s * SLOT + slot.position());
                    }
                    return true;
                }
                if (slot.getInt(0) == h && key.equals(record(at - 1, false)[0])) {
                    return false;
                }
            }
        }

        private void readSlot(long s) throws IOException {
            slot.clear();
            while (slot.hasRemaining()) {
                if (index.read(slot, s * SLOT + slot.position()) < 0) {
                    throw new IOException("spill index truncated");
                }
            }
        }

        /** @return {key} or {key, row} of the record at this offset */
        private Object[] record(long offset, boolean withRow) throws IOException {
            length.clear();
            while (length.hasRemaining()) {
                if (data.read(length, offset + length.position()) < 0) {
                    throw new IOException("spill data truncated");
                }
            }
            ByteBuffer b = ByteBuffer.allocate(length.getInt(0));
            while (b.hasRemaining()) {
                if (data.read(b, offset + 4 + b.position()) < 0) {
                    throw new IOException("spill data truncated");
                }
            }
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(b.array()));
            Object key = SpillCodec.read(in);
            return withRow ? new Object[] { key, SpillCodec.readArray(in) } : new Object[] { key };
        }

        /** Synchronized because the probe buffers are shared; probes come from one thread, so the lock is uncontended. */
        @Override
        synchronized Object[] get(Object key) {
            try {
                int h = hash(key);
                for (long s = h & mask;; s = (s + 1) & mask) {
                    readSlot(s);
                    long at = slot.getLong(4);
                    if (at == 0) {
                        return null;
                    }
                    if (slot.getInt(0) == h) {
                        Object[] rec = record(at - 1, true);
                        if (key.equals(rec[0])) {
                            return (Object[]) rec[1];
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("reading the spilled join: " + e.getMessage(), e);
            }
        }

        @Override
        long duplicates() {
            return duplicates;
        }

        @Override
        boolean spilled() {
            return true;
        }

        @Override
        public void close() {
            try {
                data.close();
                index.close();
            } catch (IOException ignored) {
                // the files go with the spill folder
            }
        }
    }
}
