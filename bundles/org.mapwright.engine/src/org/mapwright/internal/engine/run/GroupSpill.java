package org.mapwright.internal.engine.run;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

import org.mapwright.core.connector.DataException;

/**
 * Rows of an aggregation whose groups did not fit the memory budget, hash-partitioned by group
 * key into {@value #PARTITIONS} files so that each partition can be aggregated on its own; and
 * the files of finished groups those partitions give, merged back in the order groups were first
 * seen. Each level of partitioning uses other bits of the key's hash, so a partition still too
 * big splits further.
 */
final class GroupSpill {

    static final int PARTITIONS = 16;
    /** Levels of partitioning before a partition is aggregated in memory whatever its size (8 × 4 hash bits). */
    static final int MAX_DEPTH = 7;

    /** A spilled row: the group key, the key fields' values, the scope row and where it came from. */
    record Row(long seq, Keys.Composite key, Object[] keyValues, Object[] row, long record, String file, long line, String raw) {
    }

    /** A finished group: first-seen sequence, key values, first row, origin and the aggregate results per target. */
    record Result(long seq, Object[] keyValues, Object[] firstRow, long record, String file, long line, String raw,
            Object[][] results) {
    }

    private final SpillDirectory dir;
    private final int depth;
    private final Path[] files = new Path[PARTITIONS];
    private final DataOutputStream[] outs = new DataOutputStream[PARTITIONS];
    private long rows;

    GroupSpill(SpillDirectory dir, int depth) {
        this.dir = dir;
        this.depth = depth;
    }

    int depth() {
        return depth;
    }

    long rows() {
        return rows;
    }

    static int partition(Keys.Composite key, int depth) {
        int h = key.hashCode();
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return Integer.rotateRight(h, depth * 4) & (PARTITIONS - 1);
    }

    void write(Row r) throws IOException {
        int p = partition(r.key(), depth);
        DataOutputStream out = outs[p];
        if (out == null) {
            files[p] = dir.newFile("groups-d" + depth + "-p" + p);
            out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(files[p]), 1 << 15));
            outs[p] = out;
        }
        out.writeByte(1);
        out.writeLong(r.seq());
        SpillCodec.writeArray(out, r.key().values());
        SpillCodec.writeArray(out, r.keyValues());
        SpillCodec.writeArray(out, r.row());
        out.writeLong(r.record());
        SpillCodec.writeText(out, r.file());
        out.writeLong(r.line());
        SpillCodec.writeText(out, r.raw());
        rows++;
    }

    /** Closes the partition files. @return the non-empty ones, in partition order */
    List<Path> finish() throws IOException {
        List<Path> out = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            if (outs[p] != null) {
                outs[p].close();
                outs[p] = null;
                out.add(files[p]);
            }
        }
        return out;
    }

    /** Closes what is open after a failure; the files go with the spill folder. */
    void discard() {
        for (int p = 0; p < PARTITIONS; p++) {
            if (outs[p] != null) {
                try {
                    outs[p].close();
                } catch (IOException ignored) {
                    // deleted with the spill folder
                }
                outs[p] = null;
            }
        }
    }

    static DataInputStream open(Path file) throws IOException {
        return new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 15));
    }

    /** @return the next row, or null at the end */
    static Row readRow(DataInputStream in) throws IOException {
        int marker = in.read();
        if (marker < 0) {
            return null;
        }
        long seq = in.readLong();
        Keys.Composite key = new Keys.Composite(SpillCodec.readArray(in));
        Object[] keyValues = SpillCodec.readArray(in);
        Object[] row = SpillCodec.readArray(in);
        long record = in.readLong();
        String file = SpillCodec.readText(in);
        long line = in.readLong();
        String raw = SpillCodec.readText(in);
        return new Row(seq, key, keyValues, row, record, file, line, raw);
    }

    static void writeResult(DataOutputStream out, Result r) throws IOException {
        out.writeByte(1);
        out.writeLong(r.seq());
        SpillCodec.writeArray(out, r.keyValues());
        SpillCodec.writeArray(out, r.firstRow());
        out.writeLong(r.record());
        SpillCodec.writeText(out, r.file());
        out.writeLong(r.line());
        SpillCodec.writeText(out, r.raw());
        SpillCodec.writeArray(out, r.results());
    }

    static Result readResult(DataInputStream in) throws IOException {
        int marker = in.read();
        if (marker < 0) {
            return null;
        }
        try {
            long seq = in.readLong();
            Object[] keyValues = SpillCodec.readArray(in);
            Object[] firstRow = SpillCodec.readArray(in);
            long record = in.readLong();
            String file = SpillCodec.readText(in);
            long line = in.readLong();
            String raw = SpillCodec.readText(in);
            Object[] packed = SpillCodec.readArray(in);
            Object[][] results = new Object[packed.length][];
            for (int i = 0; i < packed.length; i++) {
                results[i] = (Object[]) packed[i];
            }
            return new Result(seq, keyValues, firstRow, record, file, line, raw, results);
        } catch (EOFException e) {
            throw new IOException("spill file truncated", e);
        }
    }

    /** Receives merged results; returns false to stop. */
    interface ResultSink {
        boolean accept(Result r) throws IOException, DataException, DataFailure, LimitExceeded;
    }

    /**
     * Merges result files, each in first-seen order, into one stream in first-seen order.
     *
     * @return false when the sink stopped the merge
     */
    static boolean merge(List<Path> files, ResultSink sink) throws IOException, DataException, DataFailure, LimitExceeded {
        record Head(Result result, DataInputStream in) {
        }
        PriorityQueue<Head> heads = new PriorityQueue<>((a, b) -> Long.compare(a.result().seq(), b.result().seq()));
        List<DataInputStream> open = new ArrayList<>();
        try {
            for (Path f : files) {
                DataInputStream in = open(f);
                open.add(in);
                Result r = readResult(in);
                if (r != null) {
                    heads.add(new Head(r, in));
                }
            }
            while (!heads.isEmpty()) {
                Head h = heads.poll();
                if (!sink.accept(h.result())) {
                    return false;
                }
                Result next = readResult(h.in());
                if (next != null) {
                    heads.add(new Head(next, h.in()));
                }
            }
            return true;
        } finally {
            for (DataInputStream in : open) {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // deleted with the spill folder
                }
            }
        }
    }
}
