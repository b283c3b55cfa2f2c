package org.mapwright.systemtests.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.RecordReader;

/**
 * What the reader fuzz targets share: one scratch folder per JVM for the file under test, and
 * the loop that reads a source to its end the way the engine does.
 */
final class FuzzFiles {

    /** Fewer bad records than this many per input byte means the reader makes progress. */
    private static final int MAX_CALLS_PER_BYTE = 4;

    private static final Path DIR = createDir();

    private FuzzFiles() {
    }

    private static Path createDir() {
        try {
            Path dir = Files.createTempDirectory("mapwright-fuzz");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path dir() {
        return DIR;
    }

    /** Writes the fuzzed bytes as the one input file (overwriting the previous input). */
    static Path write(String name, byte[] bytes) {
        try {
            return Files.write(DIR.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads every record like the engine: a recoverable error skips the record, a fatal one
     * ends reading. A reader that keeps reporting bad records without consuming input would hang
     * a run, so that is a finding too.
     *
     * @return records read
     * @throws DataException the fatal error that ended reading
     */
    static long drain(RecordReader reader, long inputBytes) throws DataException, IOException {
        long records = 0;
        long calls = 0;
        long maxCalls = MAX_CALLS_PER_BYTE * (inputBytes + 16);
        try (reader) {
            while (true) {
                if (++calls > maxCalls) {
                    throw new AssertionError("reader made " + calls + " calls on " + inputBytes + " bytes without reaching the end");
                }
                Object[] row;
                try {
                    row = reader.next();
                } catch (DataException e) {
                    checkMessage(e);
                    if (!e.recoverable()) {
                        throw e;
                    }
                    continue;
                }
                if (row == null) {
                    return records;
                }
                if (row.length != reader.schema().size()) {
                    throw new AssertionError("record of " + row.length + " values for a schema of " + reader.schema().size() + " fields");
                }
                records++;
            }
        }
    }

    /** Errors are for users: they name where and why. */
    static void checkMessage(DataException e) {
        if (e.reason() == null || e.reason().isBlank()) {
            throw new AssertionError("DataException without a reason: " + e.getMessage(), e);
        }
        if (e.location() == null || e.location().file() == null) {
            throw new AssertionError("DataException without a file: " + e.getMessage(), e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // best effort at JVM exit
        }
    }
}
