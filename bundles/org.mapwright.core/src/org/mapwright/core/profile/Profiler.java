package org.mapwright.core.profile;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;

import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.Schema;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.ProgressMonitor;
import org.mapwright.core.connector.RecordReader;
import org.mapwright.core.value.Values;

/**
 * Profiles records in one pass and bounded memory: per top-level field the null, empty and
 * invalid counts, a HyperLogLog distinct estimate, min/max, the most frequent values
 * (space-saving counters), the length range of the canonical text, counts of text shapes
 * ({@link ValuePattern}), and for numbers mean, standard deviation and a histogram (see
 * {@link Histogram}: equal-width bins that double their width when a value falls outside, so
 * counts are exact without a second pass).
 *
 * <p>Values may be typed (an instance of the field type's Java class) or text, as text sources
 * deliver them; text in a non-text field is parsed with the field's type and format (text that
 * does not parse counts as invalid; blank text counts as null, as the engine reads it). Nested
 * RECORD fields are counted as null or not only.
 *
 * <p>Not thread-safe.
 */
public final class Profiler {

    private static final int POLL_EVERY = 1024;

    private final FieldStats[] stats;
    private final ProfileOptions options;
    private long records;
    private long rejected;

    public Profiler(Schema schema, ProfileOptions options) {
        this.options = options;
        List<Field> fields = schema.fields();
        this.stats = new FieldStats[fields.size()];
        for (int i = 0; i < stats.length; i++) {
            stats[i] = new FieldStats(fields.get(i), options);
        }
    }

    /**
     * Profiles all records of {@code reader}; bad records the reader can skip are counted as
     * rejected. Does not close the reader.
     *
     * @throws DataException          for a fatal read error
     * @throws CancellationException  if the monitor asks to stop
     */
    public static Profile profile(RecordReader reader, ProfileOptions options, ProgressMonitor monitor) throws DataException {
        Profiler profiler = new Profiler(reader.schema(), options);
        monitor.begin("Profiling", reader.totalBytes());
        long reported = 0;
        long n = 0;
        for (;;) {
            if (++n % POLL_EVERY == 0) {
                if (monitor.isCanceled()) {
                    throw new CancellationException("profiling cancelled");
                }
                long done = reader.bytesRead();
                if (done > reported) {
                    monitor.worked(done - reported);
                    reported = done;
                }
            }
            Object[] row;
            try {
                row = reader.next();
            } catch (DataException e) {
                if (!e.recoverable()) {
                    throw e;
                }
                profiler.reject();
                continue;
            }
            if (row == null) {
                return profiler.result();
            }
            profiler.accept(row);
        }
    }

    /** Adds one record whose values follow the schema by position. */
    public void accept(Object[] record) {
        records++;
        int n = Math.min(record.length, stats.length);
        for (int i = 0; i < n; i++) {
            stats[i].add(record[i]);
        }
        for (int i = n; i < stats.length; i++) {
            stats[i].add(null);
        }
    }

    /** Counts a record the reader rejected. */
    public void reject() {
        rejected++;
    }

    /** @return the statistics so far */
    public Profile result() {
        List<FieldProfile> fields = new ArrayList<>(stats.length);
        for (FieldStats s : stats) {
            fields.add(s.result(options));
        }
        return new Profile(records, rejected, fields);
    }

    /** Accumulates one field. */
    private static final class FieldStats {
        private final Field field;
        private final DataType type;
        private final DateTimeFormatter formatter;
        private final int maxChars;
        private final HyperLogLog distinct;
        private final SpaceSaving top;
        private final StreamingHistogram histogram;
        private long count;
        private long nulls;
        private long empty;
        private long invalid;
        private Comparable<Object> min;
        private Comparable<Object> max;
        private boolean mixed;
        private int minLength = Integer.MAX_VALUE;
        private int maxLength = -1;
        private final long[] patterns = new long[ValuePattern.values().length];
        private long numbers;
        private double mean;
        private double m2;

        FieldStats(Field field, ProfileOptions options) {
            this.field = field;
            this.type = field.type();
            this.formatter = field.format() != null && (type == DataType.DATE || type == DataType.TIMESTAMP)
                    ? formatterOrNull(field.format()) : null;
            this.maxChars = options.maxValueChars();
            this.distinct = new HyperLogLog(options.hllPrecision());
            this.top = new SpaceSaving(options.topCapacity());
            this.histogram = type.isNumeric() || type == DataType.ANY ? new StreamingHistogram(options.histogramBins()) : null;
        }

        private static DateTimeFormatter formatterOrNull(String pattern) {
            try {
                return Values.formatter(pattern);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        void add(Object value) {
            if (value == null || type == DataType.RECORD) {
                if (value == null) {
                    nulls++;
                } else {
                    count++;
                }
                return;
            }
            Object typed = value;
            boolean valid = true;
            if (value instanceof String s) {
                if (type == DataType.TEXT || type == DataType.ANY) {
                    if (s.isBlank()) {
                        empty++;
                    }
                    pattern(s);
                } else if (s.isBlank()) {
                    nulls++;
                    return;
                } else {
                    typed = parse(s);
                    valid = typed != null;
                    if (!valid) {
                        invalid++;
                        typed = s;
                    }
                }
            }
            count++;
            String text = Values.format(typed);
            distinct.add(text);
            top.add(cut(text));
            minLength = Math.min(minLength, text.length());
            maxLength = Math.max(maxLength, text.length());
            if (valid) {
                range(typed);
                numeric(typed);
            }
        }

        private Object parse(String s) {
            try {
                if (formatter != null) {
                    String t = s.trim();
                    return type == DataType.DATE ? LocalDate.parse(t, formatter) : LocalDateTime.parse(t, formatter);
                }
                return Values.parse(s, type, field.format());
            } catch (IllegalArgumentException | DateTimeParseException e) {
                return null;
            }
        }

        @SuppressWarnings("unchecked")
        private void range(Object v) {
            if (mixed || !(v instanceof Comparable)) {
                return;
            }
            Object kept = v instanceof String s ? cut(s) : v;
            Comparable<Object> c = (Comparable<Object>) kept;
            if (min == null) {
                min = c;
                max = c;
                return;
            }
            if (min.getClass() != c.getClass()) {
                mixed = true;
                min = null;
                max = null;
                return;
            }
            if (c.compareTo(min) < 0) {
                min = c;
            }
            if (c.compareTo(max) > 0) {
                max = c;
            }
        }

        private void numeric(Object v) {
            double d;
            if (v instanceof Long l) {
                d = l;
            } else if (v instanceof BigDecimal b) {
                d = b.doubleValue();
            } else if (v instanceof Integer i) {
                d = i;
            } else if (v instanceof Double x) {
                d = x;
            } else {
                return;
            }
            if (!Double.isFinite(d)) {
                return;
            }
            numbers++;
            double delta = d - mean;
            mean += delta / numbers;
            m2 += delta * (d - mean);
            if (histogram != null) {
                histogram.add(d);
            }
        }

        private String cut(String s) {
            return s.length() <= maxChars ? s : s.substring(0, maxChars - 3) + "...";
        }

        private void pattern(String s) {
            String t = s.strip();
            if (t.isEmpty()) {
                return;
            }
            if (Shapes.isEmail(t)) {
                patterns[ValuePattern.EMAIL.ordinal()]++;
            } else if (Shapes.isUrl(t)) {
                patterns[ValuePattern.URL.ordinal()]++;
            } else if (Shapes.isIsoDate(t)) {
                patterns[ValuePattern.ISO_DATE.ordinal()]++;
            } else if (Shapes.isPhone(t)) {
                patterns[ValuePattern.PHONE.ordinal()]++;
            }
        }

        FieldProfile result(ProfileOptions options) {
            Map<ValuePattern, Long> found = new EnumMap<>(ValuePattern.class);
            for (ValuePattern p : ValuePattern.values()) {
                if (patterns[p.ordinal()] > 0) {
                    found.put(p, patterns[p.ordinal()]);
                }
            }
            boolean any = maxLength >= 0;
            Double avg = numbers > 0 ? mean : null;
            Double sd = numbers > 0 ? Math.sqrt(m2 / numbers) : null;
            return new FieldProfile(field.id(), field.name(), type, count, nulls, empty, invalid,
                    count == 0 ? 0 : distinct.estimate(), min, max, any ? minLength : -1, any ? maxLength : -1,
                    count == 0 ? List.of() : top.top(options.topValues()), found, avg, sd,
                    histogram == null ? null : histogram.result());
        }
    }

    /** Hand-written shape checks (no regular expressions per value). */
    static final class Shapes {

        private Shapes() {
        }

        static boolean isEmail(String t) {
            int at = t.indexOf('@');
            if (at <= 0 || at != t.lastIndexOf('@') || at == t.length() - 1) {
                return false;
            }
            int dot = t.lastIndexOf('.');
            if (dot < at + 2 || dot == t.length() - 1) {
                return false;
            }
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                if (Character.isWhitespace(c) || c == ',' || c == ';' || c == '<' || c == '>') {
                    return false;
                }
            }
            return true;
        }

        static boolean isUrl(String t) {
            String lower = t.length() > 8 ? t.substring(0, 8).toLowerCase(Locale.ROOT) : t.toLowerCase(Locale.ROOT);
            int prefix = lower.startsWith("https://") ? 8 : lower.startsWith("http://") ? 7 : lower.startsWith("ftp://") ? 6 : -1;
            if (prefix < 0 || t.length() <= prefix || t.charAt(prefix) == '/') {
                return false;
            }
            for (int i = prefix; i < t.length(); i++) {
                if (Character.isWhitespace(t.charAt(i))) {
                    return false;
                }
            }
            return true;
        }

        static boolean isIsoDate(String t) {
            if (t.length() < 10 || t.length() > 10 && t.charAt(10) != 'T' && t.charAt(10) != ' ') {
                return false;
            }
            for (int i = 0; i < 10; i++) {
                char c = t.charAt(i);
                boolean ok = i == 4 || i == 7 ? c == '-' : c >= '0' && c <= '9';
                if (!ok) {
                    return false;
                }
            }
            int m = (t.charAt(5) - '0') * 10 + t.charAt(6) - '0';
            int d = (t.charAt(8) - '0') * 10 + t.charAt(9) - '0';
            return m >= 1 && m <= 12 && d >= 1 && d <= 31;
        }

        static boolean isPhone(String t) {
            int digits = 0;
            boolean separated = t.charAt(0) == '+';
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                if (c >= '0' && c <= '9') {
                    digits++;
                } else if (c == ' ' || c == '-' || c == '(' || c == ')' || c == '/') {
                    separated = true;
                } else if (c == '.') {
                    separated = true;
                } else if (!(c == '+' && i == 0)) {
                    return false;
                }
            }
            // a separator or a leading + tells a phone number from a plain number or id
            return separated && digits >= 7 && digits <= 15 && !isDecimal(t);
        }

        private static boolean isDecimal(String t) {
            int i = t.charAt(0) == '-' || t.charAt(0) == '+' ? 1 : 0;
            int dots = 0;
            for (; i < t.length(); i++) {
                char c = t.charAt(i);
                if (c == '.') {
                    dots++;
                } else if (c < '0' || c > '9') {
                    return false;
                }
            }
            return dots <= 1;
        }
    }
}
