package org.mapwright.benchmarks;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Compares two outputs of the standard job row by row, keyed by {@code id} (so row order does not
 * matter), on the parsed values: quoting style may differ between writers, and an empty field
 * equals an empty quoted one (null and empty text are both blank in the reference). Holds one
 * 64-bit digest per id of the expected file, never the files.
 */
final class OutputCheck {

    /** The outcome: rows of each side, rows that differ, and the first difference spelled out. */
    record Comparison(long expectedRows, long actualRows, long differing, long missing, long extra, String header,
            String firstDifference) {

        boolean equal() {
            return differing == 0 && missing == 0 && extra == 0 && header == null;
        }

        String summary() {
            if (equal()) {
                return actualRows + " rows equal";
            }
            StringBuilder b = new StringBuilder();
            if (header != null) {
                b.append(header).append("; ");
            }
            b.append(differing).append(" rows differ, ").append(missing).append(" missing, ").append(extra)
                    .append(" unexpected (expected ").append(expectedRows).append(" rows, got ").append(actualRows).append(')');
            if (firstDifference != null) {
                b.append("; first: ").append(firstDifference);
            }
            return b.toString();
        }
    }

    private OutputCheck() {
    }

    /**
     * @param maxId the largest id the input has
     */
    static Comparison compare(Path expected, Path actual, long maxId) throws IOException {
        return compare(expected, actual, maxId, maxId);
    }

    /**
     * Compares only the expected rows with an id up to {@code limitId}: for a job that read the
     * first rows of the reference's input (the workbook holds the first customers of the CSV).
     *
     * @param maxId   the largest id the reference's input has
     * @param limitId the largest id the actual output's input has
     */
    static Comparison compare(Path expected, Path actual, long maxId, long limitId) throws IOException {
        if (maxId >= Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many rows to compare: " + maxId);
        }
        long[] digests = new long[(int) maxId + 1];
        long expectedRows = 0;
        List<String> expectedHeader;
        try (Reader r = Files.newBufferedReader(expected, StandardCharsets.UTF_8); CSVParser p = CSVParser.parse(r, CSVFormat.DEFAULT)) {
            var it = p.iterator();
            expectedHeader = it.hasNext() ? it.next().toList() : List.of();
            while (it.hasNext()) {
                CSVRecord rec = it.next();
                int id = id(rec, expected);
                if (id > limitId) {
                    continue;
                }
                digests[id] = digest(rec);
                expectedRows++;
            }
        }
        BitSet seen = new BitSet(digests.length);
        long actualRows = 0;
        long differing = 0;
        long extra = 0;
        long firstId = -1;
        String header = null;
        try (Reader r = Files.newBufferedReader(actual, StandardCharsets.UTF_8); CSVParser p = CSVParser.parse(r, CSVFormat.DEFAULT)) {
            var it = p.iterator();
            List<String> actualHeader = it.hasNext() ? it.next().toList() : List.of();
            if (!actualHeader.equals(expectedHeader)) {
                header = "header " + actualHeader + " instead of " + expectedHeader;
            }
            while (it.hasNext()) {
                CSVRecord rec = it.next();
                int id = id(rec, actual);
                actualRows++;
                if (id >= digests.length || digests[id] == 0 || seen.get(id)) {
                    extra++;
                    firstId = firstId < 0 ? id : firstId;
                    continue;
                }
                if (digests[id] != digest(rec)) {
                    differing++;
                    firstId = firstId < 0 ? id : firstId;
                }
                seen.set(id);
            }
        }
        long missing = 0;
        for (int id = 0; id < digests.length; id++) {
            if (digests[id] != 0 && !seen.get(id)) {
                missing++;
                firstId = firstId < 0 ? id : firstId;
            }
        }
        String first = firstId < 0 ? null
                : "id " + firstId + ": expected " + row(expected, firstId) + " but got " + row(actual, firstId);
        return new Comparison(expectedRows, actualRows, differing, missing, extra, header, first);
    }

    private static int id(CSVRecord rec, Path file) throws IOException {
        try {
            long id = Long.parseLong(rec.get(0));
            if (id < 0 || id > Integer.MAX_VALUE) {
                throw new NumberFormatException();
            }
            return (int) id;
        } catch (RuntimeException e) {
            throw new IOException(file + ", line " + rec.getParser().getCurrentLineNumber() + ": no numeric id in " + rec.toList());
        }
    }

    /** A 64-bit digest of a record's values (never 0, which marks "no row"). */
    private static long digest(CSVRecord rec) {
        long h = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < rec.size(); i++) {
            String v = rec.get(i);
            for (int k = 0; k < v.length(); k++) {
                h = (h ^ v.charAt(k)) * 0x100000001B3L;
                h ^= h >>> 29;
            }
            h = (h ^ 0x1F) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 31;
        }
        return h == 0 ? 1 : h;
    }

    /** @return the record with this id as a list of values, or "no row" (a slow scan, for messages only) */
    private static String row(Path file, long id) throws IOException {
        String key = Long.toString(id);
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8); CSVParser p = CSVParser.parse(r, CSVFormat.DEFAULT)) {
            for (CSVRecord rec : p) {
                if (rec.size() > 0 && rec.get(0).equals(key)) {
                    return new ArrayList<>(rec.toList()).toString();
                }
            }
        }
        return "no row";
    }
}
