package org.mapwright.internal.spark;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Spark writes a folder of part files; an output is one file (or, for Parquet, one folder) that
 * must appear complete or not at all. Parts are written into a hidden folder beside the target,
 * the single part becomes a hidden temporary file there, and {@link #commit()} moves it over the
 * target: atomically on a local file system, by delete and rename elsewhere (HDFS renames are
 * atomic, but cannot replace).
 */
final class FileCommit {

    private final SparkSession spark;
    private final Path target;
    private final boolean folder;
    private Path temp;

    /**
     * @param target the final file or folder (a URI)
     * @param folder whether the output is the part folder itself (Parquet) rather than one file
     */
    FileCommit(SparkSession spark, String target, boolean folder) {
        this.spark = spark;
        this.target = new Path(target);
        this.folder = folder;
    }

    Path target() {
        return target;
    }

    private FileSystem fs() throws IOException {
        return target.getFileSystem(spark.sparkContext().hadoopConfiguration());
    }

    /**
     * Writes one-column text lines (already in order, one partition) as the temporary file.
     *
     * @throws IOException when the folder cannot be written
     */
    void writeLines(Dataset<Row> lines, String lineSeparator) throws IOException {
        Path parts = hidden("parts");
        lines.write().option("lineSep", lineSeparator).text(parts.toString());
        FileSystem fs = fs();
        temp = hidden("tmp");
        if (local(fs)) {
            // java.nio, so the local file system's checksum files are not carried along
            java.nio.file.Path dir = Paths.get(fs.makeQualified(parts).toUri());
            java.nio.file.Path to = Paths.get(fs.makeQualified(temp).toUri());
            java.nio.file.Path part = null;
            try (var s = Files.list(dir)) {
                part = s.filter(p -> p.getFileName().toString().startsWith("part-")).findFirst().orElse(null);
            }
            if (part == null) {
                Files.createFile(to);
            } else {
                Files.move(part, to);
            }
            deleteLocal(dir);
            return;
        }
        Path part = null;
        for (FileStatus s : fs.listStatus(parts)) {
            if (s.getPath().getName().startsWith("part-")) {
                part = s.getPath();
            }
        }
        if (part == null) {
            fs.create(temp, true).close();
        } else if (!fs.rename(part, temp)) {
            throw new IOException("cannot move " + part + " to " + temp);
        }
        fs.delete(parts, true);
    }

    private static boolean local(FileSystem fs) {
        return fs instanceof LocalFileSystem || "file".equals(fs.getScheme());
    }

    /** Writes a frame as Parquet into the temporary folder. */
    void writeParquet(Dataset<Row> frame) {
        temp = hidden("parquet");
        frame.write().parquet(temp.toString());
    }

    private Path hidden(String kind) throws IllegalArgumentException {
        return new Path(target.getParent(), "." + target.getName() + "." + kind + "-" + UUID.randomUUID());
    }

    /** Replaces the target by what was written; without a write, removes nothing. */
    void commit() throws IOException {
        if (temp == null) {
            return;
        }
        FileSystem fs = fs();
        if (local(fs)) {
            java.nio.file.Path from = Paths.get(fs.makeQualified(temp).toUri());
            java.nio.file.Path to = Paths.get(fs.makeQualified(target).toUri());
            if (folder && Files.isDirectory(to)) {
                deleteLocal(to);
            }
            try {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            }
        } else {
            if (fs.exists(target)) {
                fs.delete(target, true);
            }
            if (!fs.rename(temp, target)) {
                throw new IOException("cannot rename " + temp + " to " + target);
            }
        }
        temp = null;
    }

    /** Removes the target (a rejects file left by an earlier run). */
    void deleteTarget() throws IOException {
        FileSystem fs = fs();
        if (fs.exists(target)) {
            fs.delete(target, true);
        }
    }

    /** Deletes what was written; silent, as it runs on failure paths. */
    void discard() {
        if (temp == null) {
            return;
        }
        try {
            FileSystem fs = fs();
            if (local(fs)) {
                java.nio.file.Path p = Paths.get(fs.makeQualified(temp).toUri());
                if (Files.isDirectory(p)) {
                    deleteLocal(p);
                } else {
                    Files.deleteIfExists(p);
                }
            } else {
                fs.delete(temp, true);
            }
        } catch (IOException e) {
            // a leftover hidden file is harmless: the target is untouched
        }
        temp = null;
    }

    private static void deleteLocal(java.nio.file.Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            for (java.nio.file.Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
