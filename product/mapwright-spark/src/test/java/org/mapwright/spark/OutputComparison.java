package org.mapwright.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;

/**
 * Compares the files two runs produced after a declared ordering, since engines may write rows in
 * another order: CSV files (outputs and rejects) by their header and the sorted list of their
 * records; JSON and NDJSON files by the sorted list of their records (each record in its exact
 * text, so numbers keep their scale); Excel files by each sheet's sorted rows of cell values; any
 * other file (the run summary) by its exact text. Differences are listed readably.
 */
final class OutputComparison {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private OutputComparison() {
    }

    /** @return the differences of the two folders, empty when they hold the same data */
    static List<String> compare(Path expected, Path actual) throws IOException {
        TreeSet<String> names = new TreeSet<>(files(expected));
        names.addAll(files(actual));
        List<String> out = new ArrayList<>();
        for (String name : names) {
            Path e = expected.resolve(name);
            Path a = actual.resolve(name);
            if (!Files.exists(a)) {
                out.add("missing: " + name);
            } else if (!Files.exists(e)) {
                out.add("unexpected: " + name);
            } else {
                String d = difference(name, e, a);
                if (d != null) {
                    out.add("differs: " + name + "\n" + d);
                }
            }
        }
        return out;
    }

    private static String difference(String name, Path e, Path a) throws IOException {
        if (name.endsWith(".csv")) {
            return rows(csv(e), csv(a), true);
        }
        if (name.endsWith(".json") || name.endsWith(".ndjson") || name.endsWith(".jsonl")) {
            return rows(json(e), json(a), false);
        }
        if (name.endsWith(".xlsx")) {
            return rows(excel(e), excel(a), false);
        }
        String x = Files.readString(e, StandardCharsets.UTF_8);
        String y = Files.readString(a, StandardCharsets.UTF_8);
        return x.equals(y) ? null : "    expected:\n" + indent(x) + "    actual:\n" + indent(y);
    }

    private static String indent(String s) {
        StringBuilder b = new StringBuilder();
        for (String line : s.split("\n", -1)) {
            b.append("      ").append(line).append('\n');
        }
        return b.toString();
    }

    /** Compares the first row (a header) exactly when asked, the others as sorted lists. */
    private static String rows(List<String> expected, List<String> actual, boolean header) {
        List<String> out = new ArrayList<>();
        List<String> e = new ArrayList<>(expected);
        List<String> a = new ArrayList<>(actual);
        if (header && !e.isEmpty() && !a.isEmpty()) {
            String he = e.remove(0);
            String ha = a.remove(0);
            if (!he.equals(ha)) {
                out.add("    header: expected [" + he + "] but was [" + ha + "]");
            }
        }
        List<String> missing = new ArrayList<>(e.stream().sorted().toList());
        List<String> extra = new ArrayList<>(a.stream().sorted().toList());
        for (String r : new ArrayList<>(missing)) {
            if (extra.remove(r)) {
                missing.remove(r);
            }
        }
        for (String r : missing) {
            out.add("    - " + r);
        }
        for (String r : extra) {
            out.add("    + " + r);
        }
        return out.isEmpty() ? null : String.join("\n", out);
    }

    /** @return the records of a CSV file, each as its fields joined by a unit separator */
    private static List<String> csv(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        try (Reader r = new StringReader(Files.readString(file, StandardCharsets.UTF_8))) {
            for (CSVRecord rec : CSVFormat.DEFAULT.parse(r)) {
                List<String> cells = new ArrayList<>();
                rec.forEach(cells::add);
                out.add(String.join(" | ", cells));
            }
        }
        return out;
    }

    /** @return the records of a JSON array or NDJSON file, each as its text without layout */
    private static List<String> json(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        if (text.stripLeading().startsWith("[")) {
            JsonNode array = JSON.readTree(text);
            for (JsonNode n : array) {
                out.add(n.toString());
            }
        } else {
            for (String line : text.split("\n")) {
                if (!line.isBlank()) {
                    out.add(JSON.readTree(line).toString());
                }
            }
        }
        return out;
    }

    /** @return per sheet and row, the cell values as Excel shows them */
    private static List<String> excel(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        DataFormatter format = new DataFormatter();
        try (InputStream in = Files.newInputStream(file); Workbook wb = WorkbookFactory.create(in)) {
            for (Sheet sheet : wb) {
                for (org.apache.poi.ss.usermodel.Row row : sheet) {
                    List<String> cells = new ArrayList<>();
                    Iterator<Cell> it = row.cellIterator();
                    while (it.hasNext()) {
                        Cell c = it.next();
                        cells.add(c.getCellType() + ":" + format.formatCellValue(c));
                    }
                    out.add(sheet.getSheetName() + ": " + String.join(" | ", cells));
                }
            }
        }
        return out;
    }

    static List<String> files(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }
}
