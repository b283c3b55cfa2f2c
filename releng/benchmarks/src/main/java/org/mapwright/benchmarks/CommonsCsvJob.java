package org.mapwright.benchmarks;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The standard job written by hand the way most people would: Commons CSV parser, compute each
 * column, Commons CSV printer. Deliberately naive (records by header name, no tuning), as the
 * program Mapwright should beat without its users writing code. An empty field is null, as
 * Mapwright reads it.
 */
final class CommonsCsvJob {

    private CommonsCsvJob() {
    }

    /** Counts of one run. */
    record Counts(long read, long written) {
    }

    static Counts run(Path folder, Path output) throws IOException {
        Map<String, String[]> countries = new HashMap<>();
        CSVFormat in = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader r = Files.newBufferedReader(folder.resolve(StandardJob.COUNTRIES), StandardCharsets.UTF_8);
                CSVParser p = CSVParser.parse(r, in)) {
            for (CSVRecord rec : p) {
                countries.putIfAbsent(rec.get("code"), new String[] { rec.get("name"), rec.get("region") });
            }
        }
        DateTimeFormatter dayMonthYear = DateTimeFormatter.ofPattern("dd/MM/yyyy", Locale.ROOT);
        CSVFormat outFormat = CSVFormat.DEFAULT.builder().setHeader(StandardJob.OUTPUT_COLUMNS.toArray(new String[0]))
                .setRecordSeparator('\n').get();
        long read = 0;
        long written = 0;
        Files.createDirectories(output.toAbsolutePath().getParent());
        try (Reader r = Files.newBufferedReader(folder.resolve(StandardJob.CUSTOMERS), StandardCharsets.UTF_8);
                CSVParser p = CSVParser.parse(r, in);
                Writer w = Files.newBufferedWriter(output, StandardCharsets.UTF_8);
                CSVPrinter printer = new CSVPrinter(w, outFormat)) {
            for (CSVRecord rec : p) {
                read++;
                String quantity = empty(rec.get("quantity"));
                if (quantity == null || Long.parseLong(quantity) <= 0) {
                    continue;
                }
                long qty = Long.parseLong(quantity);
                String first = empty(rec.get("first"));
                String last = empty(rec.get("last"));
                String name = first == null || last == null ? null : first.strip() + " " + last.strip().toUpperCase(Locale.ROOT);
                String email = empty(rec.get("email"));
                String code = empty(rec.get("country_code"));
                String[] country = code == null ? null : countries.get(code);
                String signup = empty(rec.get("signup"));
                String birth = empty(rec.get("birth"));
                String amount = empty(rec.get("amount"));
                String total = amount == null ? null
                        : new BigDecimal(amount).multiply(BigDecimal.valueOf(qty)).setScale(2, RoundingMode.HALF_UP).toPlainString();
                String status = empty(rec.get("status"));
                String statusText;
                if ("A".equals(status)) {
                    statusText = "active";
                } else if ("S".equals(status)) {
                    statusText = "suspended";
                } else if ("C".equals(status)) {
                    statusText = "closed";
                } else {
                    statusText = "unknown";
                }
                printer.printRecord(rec.get("id"), name, email == null ? null : email.toLowerCase(Locale.ROOT),
                        country == null ? "Unknown" : country[0], country == null ? "Unknown" : country[1],
                        signup == null ? null : LocalDate.parse(signup).toString(),
                        birth == null ? null : LocalDate.parse(birth, dayMonthYear).toString(), total, statusText);
                written++;
            }
        }
        return new Counts(read, written);
    }

    private static String empty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
