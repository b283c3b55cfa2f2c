package org.mapwright.benchmarks;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Properties;

/**
 * The data folder: the standard job's customers and countries, the same customers as an .xlsx
 * workbook, the large source file for inference and profiling, and {@code dataset.properties} saying what was generated, so files are
 * regenerated only when missing or when the requested size differs.
 */
final class Dataset {

    static final String SOURCE = "source.csv";
    static final String XLSX = "customers.xlsx";
    private static final String MANIFEST = "dataset.properties";
    private static final long JOB_SEED = 1L;
    private static final long COUNTRY_SEED = 2L;
    private static final long SOURCE_SEED = 3L;

    final Path folder;
    long jobRows;
    long jobBytes;
    long sourceRows;
    long sourceBytes;
    long xlsxRows;
    long xlsxBytes;

    private final Properties manifest = new Properties();

    private Dataset(Path folder) {
        this.folder = folder;
    }

    Path customers() {
        return folder.resolve(StandardJob.CUSTOMERS);
    }

    Path countries() {
        return folder.resolve(StandardJob.COUNTRIES);
    }

    Path source() {
        return folder.resolve(SOURCE);
    }

    Path xlsx() {
        return folder.resolve(XLSX);
    }

    /**
     * Makes sure the folder holds the requested data, generating what is missing or of another size.
     *
     * @param rows      customer rows of the standard job, or -1 when the job is not run
     * @param sourceMb  size of the inference/profile source in MB (10^6 bytes), or -1 when not needed
     * @param xlsxRows  customer rows of the workbook (the first rows of the job's customers), or -1 when not needed
     */
    static Dataset prepare(Path folder, long rows, long sourceMb, long xlsxRows) throws IOException {
        Dataset d = new Dataset(folder);
        Files.createDirectories(folder);
        Path m = folder.resolve(MANIFEST);
        if (Files.isRegularFile(m)) {
            try (Reader r = Files.newBufferedReader(m, StandardCharsets.UTF_8)) {
                d.manifest.load(r);
            }
        }
        String version = Integer.toString(DataGenerator.VERSION);
        if (!version.equals(d.manifest.getProperty("version"))) {
            d.manifest.clear();
            d.manifest.setProperty("version", version);
        }
        if (rows >= 0) {
            if (!d.matches("job.rows", rows, d.customers(), "job.bytes") || !Files.isRegularFile(d.countries())) {
                System.out.printf(Locale.ROOT, "generating %,d customer rows into %s ...%n", rows, d.customers());
                long t0 = System.nanoTime();
                DataGenerator.countries(d.countries(), COUNTRY_SEED);
                DataGenerator.Written w = DataGenerator.customers(d.customers(), rows, JOB_SEED);
                d.manifest.setProperty("job.rows", Long.toString(w.rows()));
                d.manifest.setProperty("job.bytes", Long.toString(w.bytes()));
                d.save();
                System.out.printf(Locale.ROOT, "  %,d bytes in %.1f s%n", w.bytes(), (System.nanoTime() - t0) / 1e9);
            }
            d.jobRows = Long.parseLong(d.manifest.getProperty("job.rows"));
            d.jobBytes = Long.parseLong(d.manifest.getProperty("job.bytes"));
        }
        if (sourceMb > 0) {
            if (!d.matches("source.mb", sourceMb, d.source(), "source.bytes")) {
                System.out.printf(Locale.ROOT, "generating a %,d MB source file %s ...%n", sourceMb, d.source());
                long t0 = System.nanoTime();
                DataGenerator.Written w = DataGenerator.customersOfSize(d.source(), sourceMb * 1_000_000L, SOURCE_SEED);
                d.manifest.setProperty("source.mb", Long.toString(sourceMb));
                d.manifest.setProperty("source.rows", Long.toString(w.rows()));
                d.manifest.setProperty("source.bytes", Long.toString(w.bytes()));
                d.save();
                System.out.printf(Locale.ROOT, "  %,d rows in %.1f s%n", w.rows(), (System.nanoTime() - t0) / 1e9);
            }
            d.sourceRows = Long.parseLong(d.manifest.getProperty("source.rows"));
            d.sourceBytes = Long.parseLong(d.manifest.getProperty("source.bytes"));
        }
        if (xlsxRows > 0) {
            if (!d.matches("xlsx.rows", xlsxRows, d.xlsx(), "xlsx.bytes")) {
                System.out.printf(Locale.ROOT, "generating a %,d-row workbook %s ...%n", xlsxRows, d.xlsx());
                long t0 = System.nanoTime();
                DataGenerator.Written w = XlsxGenerator.customers(d.xlsx(), xlsxRows, JOB_SEED);
                d.manifest.setProperty("xlsx.rows", Long.toString(w.rows()));
                d.manifest.setProperty("xlsx.bytes", Long.toString(w.bytes()));
                d.save();
                System.out.printf(Locale.ROOT, "  %,d bytes in %.1f s%n", w.bytes(), (System.nanoTime() - t0) / 1e9);
            }
            d.xlsxRows = Long.parseLong(d.manifest.getProperty("xlsx.rows"));
            d.xlsxBytes = Long.parseLong(d.manifest.getProperty("xlsx.bytes"));
        }
        return d;
    }

    /** @return whether the manifest records {@code value} under {@code key} and the file has the recorded size */
    private boolean matches(String key, long value, Path file, String bytesKey) throws IOException {
        String v = manifest.getProperty(key);
        String b = manifest.getProperty(bytesKey);
        return v != null && b != null && Long.parseLong(v) == value && Files.isRegularFile(file)
                && Files.size(file) == Long.parseLong(b);
    }

    private void save() throws IOException {
        try (Writer w = Files.newBufferedWriter(folder.resolve(MANIFEST), StandardCharsets.UTF_8)) {
            manifest.store(w, "Mapwright benchmark data (releng/bench); delete this folder to regenerate");
        }
    }

    /** Reads files once so every benchmark finds them in the page cache, not on whatever the disk is doing; null entries are skipped. */
    static void warm(Path... files) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
        for (Path f : files) {
            if (f == null || !Files.isRegularFile(f)) {
                continue;
            }
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
                while (ch.read(buffer) >= 0) {
                    buffer.clear();
                }
            }
        }
    }
}
