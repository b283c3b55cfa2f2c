package org.mapwright.internal.engine.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The temporary folder one execution spills into, created on first use and deleted with
 * everything in it by {@link #close()}. The files only live as long as the run.
 */
final class SpillDirectory implements AutoCloseable {

    private final Path parent;
    private Path dir;
    private int counter;

    /** @param parent folder to create the spill folder in, or null for {@code java.io.tmpdir} */
    SpillDirectory(Path parent) {
        this.parent = parent;
    }

    /** @return a new, not yet existing file in the spill folder */
    synchronized Path newFile(String prefix) throws IOException {
        if (dir == null) {
            Path base = parent != null ? parent : Path.of(System.getProperty("java.io.tmpdir"));
            Files.createDirectories(base);
            dir = Files.createTempDirectory(base, "mapwright-spill-");
        }
        return dir.resolve(prefix + "-" + (counter++) + ".bin");
    }

    /** @return the spill folder, or null when nothing spilled */
    synchronized Path path() {
        return dir;
    }

    @Override
    public synchronized void close() {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a temp file left behind is harmless; the run's result does not depend on it
        }
        dir = null;
    }
}
