package org.mapwright.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.SplittableRandom;

/**
 * Writes the benchmark data: a customer CSV of the standard job's shape and the country lookup
 * it joins. Deterministic (one seeded generator, rows drawn in order, so the same arguments give
 * byte-identical files) and streaming: one row is built at a time, whatever the file size.
 *
 * <p>Customer columns: {@code id, first, last, email, country_code, signup (yyyy-MM-dd),
 * birth (dd/MM/yyyy), amount (decimal), quantity (integer, 10 % zero), status (A/S/C), notes,
 * city}. The data carries what real exports carry: names with stray spaces and accents, mixed-case
 * emails, unknown and empty country codes, empty fields, quoted values with commas and doubled
 * quotes, negative amounts.
 */
final class DataGenerator {

    /** Bumped whenever the generated content changes, so old data folders are regenerated. */
    static final int VERSION = 1;

    static final int COUNTRIES = 250;

    private static final String[] FIRST = { "Anna", "Ben", "Carla", "David", "Emma", "Felix", "Grace", "Hugo", "Ines",
            "Jonas", "Katrin", "Lukas", "Maria", "Noah", "Olivia", "Paul", "Quentin", "Rosa", "Sven", "Tina", "Ulrich",
            "Vera", "William", "Xenia", "Yusuf", "Zoë", "José", "Łukasz", "Søren", "Chloé", "Mateo", "Aisha", "Kenji",
            "Priya", "Liam", "Mia", "Elif", "Tomás", "Björn", "Amélie" };
    private static final String[] FIRST_ASCII = { "anna", "ben", "carla", "david", "emma", "felix", "grace", "hugo", "ines",
            "jonas", "katrin", "lukas", "maria", "noah", "olivia", "paul", "quentin", "rosa", "sven", "tina", "ulrich",
            "vera", "william", "xenia", "yusuf", "zoe", "jose", "lukasz", "soren", "chloe", "mateo", "aisha", "kenji",
            "priya", "liam", "mia", "elif", "tomas", "bjorn", "amelie" };
    private static final String[] LAST = { "Müller", "Schmidt", "O'Brien", "García", "Rossi", "Dubois", "Novak", "Jensen",
            "Kowalski", "Silva", "Smith", "Johnson", "Brown", "Tanaka", "Nguyen", "Ivanova", "van der Berg", "Papadopoulos",
            "Hansen", "Fischer", "Weber", "Martin", "López", "Bianchi", "Andersson", "Yılmaz", "Horváth", "Kim", "Patel",
            "Murphy", "Dvořák", "Wagner", "Becker", "Costa", "Lambert", "Nowak", "Eriksson", "Moreau", "Schulz", "Keller" };
    private static final String[] LAST_ASCII = { "mueller", "schmidt", "obrien", "garcia", "rossi", "dubois", "novak", "jensen",
            "kowalski", "silva", "smith", "johnson", "brown", "tanaka", "nguyen", "ivanova", "vanderberg", "papadopoulos",
            "hansen", "fischer", "weber", "martin", "lopez", "bianchi", "andersson", "yilmaz", "horvath", "kim", "patel",
            "murphy", "dvorak", "wagner", "becker", "costa", "lambert", "nowak", "eriksson", "moreau", "schulz", "keller" };
    private static final String[] DOMAINS = { "Example.com", "MAIL.example.org", "example.net", "Post.Example.DE",
            "inbox.example.io", "Example.co.uk" };
    private static final String[] NOTES = { "prefers email", "VIP customer", "called about invoice", "asked for a refund",
            "moved recently", "newsletter opt-in", "second account", "paper invoice requested", "birthday discount sent",
            "referred by a friend", "late payer", "wholesale terms" };
    private static final String[] NOTES_WITH_COMMA = { "called twice, no answer", "prefers phone, not email",
            "address changed, check billing", "discount 10%, approved by sales", "returns often, be patient" };
    private static final String[] NOTES_WITH_QUOTE = { "said \"call me back\"", "nickname \"Bobby\", uses it on forms" };
    private static final String[] CITIES = { "Berlin", "Hamburg", "München", "Köln", "Paris", "Lyon", "Madrid", "Sevilla",
            "Roma", "Milano", "London", "Leeds", "Dublin", "Oslo", "Stockholm", "København", "Warszawa", "Praha", "Wien",
            "Zürich", "New York", "Chicago", "Toronto", "São Paulo", "Buenos Aires", "Tokyo", "Osaka", "Sydney", "Cape Town",
            "Nairobi" };
    private static final String[] CITIES_WITH_COMMA = { "Washington, D.C.", "Paris, Texas", "Frankfurt, Oder" };
    private static final String[] REGIONS = { "Northern Europe", "Western Europe", "Southern Europe", "Eastern Europe",
            "North America", "Latin America", "East Asia", "South Asia", "Africa", "Oceania", "Middle East" };
    private static final String[] SYLLABLES = { "al", "ba", "cor", "da", "el", "fa", "gor", "ha", "is", "ka", "lon", "mar",
            "nor", "os", "pa", "qua", "ri", "sa", "tor", "u", "va", "wen", "xi", "ya", "zan" };
    private static final String[] ENDINGS = { "ia", "land", "stan", "ania", "ora", "en", "ica", "ay" };
    /** Codes the lookup does not have: the left join must give 'Unknown'. */
    private static final String[] UNKNOWN_CODES = { "ZZ", "XQ", "KV", "QO" };

    /** 2010-01-01 .. 2025-12-31 */
    private static final long SIGNUP_FROM = 14610;
    private static final long SIGNUP_DAYS = 5844;
    /** 1940-01-01 .. 2006-12-31 */
    private static final long BIRTH_FROM = -10957;
    private static final long BIRTH_DAYS = 24471;

    static final String CUSTOMER_HEADER = "id,first,last,email,country_code,signup,birth,amount,quantity,status,notes,city";

    private DataGenerator() {
    }

    /** @return the lookup code of country {@code index} (0..249): AA, AB, ..., JP */
    static String countryCode(int index) {
        return new String(new char[] { (char) ('A' + index / 26), (char) ('A' + index % 26) });
    }

    /** Writes the country lookup: {@code code,name,region}, 250 rows, some names quoted. */
    static void countries(Path file, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        Path tmp = temp(file);
        try (Writer out = writer(tmp)) {
            out.write("code,name,region\n");
            StringBuilder row = new StringBuilder(80);
            for (int i = 0; i < COUNTRIES; i++) {
                row.setLength(0);
                StringBuilder name = new StringBuilder();
                int parts = 1 + random.nextInt(2);
                for (int p = 0; p < parts; p++) {
                    name.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
                }
                name.append(ENDINGS[random.nextInt(ENDINGS.length)]);
                name.setCharAt(0, Character.toUpperCase(name.charAt(0)));
                // make every name unique (the mapping is judged on exact output)
                name.append(' ').append(i + 1);
                String n = name.toString();
                if (i % 17 == 3) {
                    n = n + ", Republic of";
                } else if (i % 23 == 5) {
                    n = "Côte d'" + n;
                }
                row.append(countryCode(i)).append(',');
                csvField(row, n);
                row.append(',').append(REGIONS[random.nextInt(REGIONS.length)]).append('\n');
                out.write(row.toString());
            }
        }
        publish(tmp, file);
    }

    /** What was written: rows and UTF-8 bytes. */
    record Written(long rows, long bytes) {
    }

    /** Writes exactly {@code rows} customers. */
    static Written customers(Path file, long rows, long seed) throws IOException {
        return write(file, rows, Long.MAX_VALUE, seed);
    }

    /** Writes customers until the file holds at least {@code bytes} bytes. */
    static Written customersOfSize(Path file, long bytes, long seed) throws IOException {
        return write(file, Long.MAX_VALUE, bytes, seed);
    }

    private static Written write(Path file, long maxRows, long minBytes, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        Path tmp = temp(file);
        long bytes;
        long id = 0;
        try (Writer out = writer(tmp)) {
            out.write(CUSTOMER_HEADER);
            out.write('\n');
            bytes = CUSTOMER_HEADER.length() + 1;
            StringBuilder row = new StringBuilder(256);
            while (id < maxRows && bytes < minBytes) {
                id++;
                row.setLength(0);
                customer(row, id, random);
                out.append(row);
                bytes += utf8Length(row);
            }
        }
        publish(tmp, file);
        return new Written(id, bytes);
    }

    /** Columns of {@link #CUSTOMER_HEADER}, in order. */
    static final int COL_ID = 0, COL_FIRST = 1, COL_LAST = 2, COL_EMAIL = 3, COL_COUNTRY = 4, COL_SIGNUP = 5, COL_BIRTH = 6,
            COL_AMOUNT = 7, COL_QUANTITY = 8, COL_STATUS = 9, COL_NOTES = 10, COL_CITY = 11, COLUMNS = 12;

    private static void customer(StringBuilder row, long id, SplittableRandom r) {
        String[] v = new String[COLUMNS];
        customer(v, id, r);
        for (int i = 0; i < COLUMNS; i++) {
            if (i > 0) {
                row.append(',');
            }
            csvField(row, v[i]);
        }
        row.append('\n');
    }

    /**
     * Draws the next customer's values (unquoted; empty text for an empty field). Every writer of
     * customers draws through here, so the CSV and the workbook of the same seed hold the same rows.
     */
    static void customer(String[] v, long id, SplittableRandom r) {
        StringBuilder b = new StringBuilder(64);
        int f = r.nextInt(FIRST.length);
        int l = r.nextInt(LAST.length);
        v[COL_ID] = Long.toString(id);
        v[COL_FIRST] = padded(FIRST[f], r);
        v[COL_LAST] = padded(LAST[l], r);
        v[COL_EMAIL] = "";
        if (r.nextInt(100) >= 3) {
            String local = FIRST_ASCII[f] + '.' + LAST_ASCII[l] + r.nextInt(1000);
            if (r.nextBoolean()) {
                local = Character.toUpperCase(local.charAt(0)) + local.substring(1);
            }
            v[COL_EMAIL] = local + '@' + DOMAINS[r.nextInt(DOMAINS.length)];
        }
        int c = r.nextInt(100);
        if (c < 96) {
            v[COL_COUNTRY] = countryCode(r.nextInt(COUNTRIES));
        } else if (c < 98) {
            v[COL_COUNTRY] = UNKNOWN_CODES[r.nextInt(UNKNOWN_CODES.length)];
        } else {
            v[COL_COUNTRY] = "";
        }
        isoDate(b, SIGNUP_FROM + r.nextLong(SIGNUP_DAYS));
        v[COL_SIGNUP] = take(b);
        if (r.nextInt(100) >= 4) {
            europeanDate(b, BIRTH_FROM + r.nextLong(BIRTH_DAYS));
        }
        v[COL_BIRTH] = take(b);
        int a = r.nextInt(100);
        if (a > 0) {
            long thousandths = 10 + r.nextLong(9_999_990);
            if (a < 70) {
                thousandths -= thousandths % 10;
            }
            if (a == 99) {
                thousandths = -thousandths;
            }
            decimal(b, thousandths, a < 70 ? 2 : 3);
        }
        v[COL_AMOUNT] = take(b);
        v[COL_QUANTITY] = Integer.toString(r.nextInt(10) == 0 ? 0 : 1 + r.nextInt(20));
        int s = r.nextInt(100);
        v[COL_STATUS] = s < 70 ? "A" : s < 85 ? "S" : s < 99 ? "C" : "";
        int n = r.nextInt(100);
        if (n >= 40 && n < 85) {
            v[COL_NOTES] = NOTES[r.nextInt(NOTES.length)];
        } else if (n >= 85 && n < 97) {
            v[COL_NOTES] = NOTES_WITH_COMMA[r.nextInt(NOTES_WITH_COMMA.length)];
        } else if (n >= 97) {
            v[COL_NOTES] = NOTES_WITH_QUOTE[r.nextInt(NOTES_WITH_QUOTE.length)];
        } else {
            v[COL_NOTES] = "";
        }
        int t = r.nextInt(100);
        if (t < 95) {
            v[COL_CITY] = CITIES[r.nextInt(CITIES.length)];
        } else if (t < 97) {
            v[COL_CITY] = CITIES_WITH_COMMA[r.nextInt(CITIES_WITH_COMMA.length)];
        } else {
            v[COL_CITY] = "";
        }
    }

    private static String take(StringBuilder b) {
        String s = b.toString();
        b.setLength(0);
        return s;
    }

    /** One value in twenty gets stray spaces around it, as hand-typed exports have. */
    private static String padded(String v, SplittableRandom r) {
        int p = r.nextInt(40);
        if (p == 0) {
            return ' ' + v;
        } else if (p == 1) {
            return v + "  ";
        }
        return v;
    }

    static void csvField(StringBuilder row, String v) {
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0) {
            row.append(v);
            return;
        }
        row.append('"');
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            if (ch == '"') {
                row.append('"');
            }
            row.append(ch);
        }
        row.append('"');
    }

    private static void decimal(StringBuilder row, long thousandths, int scale) {
        if (thousandths < 0) {
            row.append('-');
            thousandths = -thousandths;
        }
        row.append(thousandths / 1000).append('.');
        long frac = thousandths % 1000;
        if (scale == 2) {
            frac /= 10;
            if (frac < 10) {
                row.append('0');
            }
        } else {
            if (frac < 100) {
                row.append('0');
            }
            if (frac < 10) {
                row.append('0');
            }
        }
        row.append(frac);
    }

    private static void isoDate(StringBuilder row, long epochDay) {
        java.time.LocalDate d = java.time.LocalDate.ofEpochDay(epochDay);
        row.append(d.getYear()).append('-');
        two(row, d.getMonthValue());
        row.append('-');
        two(row, d.getDayOfMonth());
    }

    private static void europeanDate(StringBuilder row, long epochDay) {
        java.time.LocalDate d = java.time.LocalDate.ofEpochDay(epochDay);
        two(row, d.getDayOfMonth());
        row.append('/');
        two(row, d.getMonthValue());
        row.append('/').append(d.getYear());
    }

    private static void two(StringBuilder row, int v) {
        if (v < 10) {
            row.append('0');
        }
        row.append(v);
    }

    static long utf8Length(CharSequence s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < 0x80) {
                n++;
            } else if (ch < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(ch)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    private static Writer writer(Path file) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 20);
    }

    /** Data is written beside its target and renamed, so an interrupted generation leaves no half file. */
    static Path temp(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return file.resolveSibling("." + file.getFileName() + ".tmp");
    }

    static void publish(Path tmp, Path file) throws IOException {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
