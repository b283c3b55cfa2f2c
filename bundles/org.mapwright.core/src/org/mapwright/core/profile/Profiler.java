package org.mapwright.core.profile;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

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
 * <p>{@link #profile} reads on the calling thread and hands batches of records to worker threads
 * that each own a fixed set of columns; every column still sees its values in record order, so
 * the result is the same as {@link #accept} on one thread. A {@code Profiler} instance itself is
 * not thread-safe.
 */
public final class Profiler {

    private static final int POLL_EVERY = 1024;
    /** Records per batch handed to the workers. */
    private static final int BATCH = 1024;
    /** Batches queued per worker: bounds the memory the reader can run ahead with. */
    private static final int QUEUED = 4;
    private static final int MAX_WORKERS = 4;

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
     * rejected. Does not close the reader. Uses up to one worker thread per available processor
     * (none on a single processor); the threads end before this method returns.
     *
     * @throws DataException          for a fatal read error
     * @throws CancellationException  if the monitor asks to stop or the calling thread is interrupted
     */
    public static Profile profile(RecordReader reader, ProfileOptions options, ProgressMonitor monitor) throws DataException {
        int cores = Runtime.getRuntime().availableProcessors();
        int workers = cores < 2 ? 0 : Math.min(Math.min(cores, MAX_WORKERS), reader.schema().fields().size());
        return profile(reader, options, monitor, workers);
    }

    /** As {@link #profile(RecordReader, ProfileOptions, ProgressMonitor)} with 0 (profile on the calling thread) or more workers. */
    static Profile profile(RecordReader reader, ProfileOptions options, ProgressMonitor monitor, int workers) throws DataException {
        Profiler profiler = new Profiler(reader.schema(), options);
        monitor.begin("Profiling", reader.totalBytes());
        if (workers < 1) {
            return profiler.readAll(reader, monitor, null);
        }
        Workers pool = new Workers(profiler, workers);
        boolean done = false;
        try {
            Profile p = profiler.readAll(reader, monitor, pool);
            done = true;
            return p;
        } finally {
            pool.finish(done);
        }
    }

    /** Reads every record; hands them to {@code pool}, or profiles them here when it is null. */
    private Profile readAll(RecordReader reader, ProgressMonitor monitor, Workers pool) throws DataException {
        long reported = 0;
        long n = 0;
        Object[][] batch = pool == null ? null : new Object[BATCH][];
        int size = 0;
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
                reject();
                continue;
            }
            if (row == null) {
                if (pool != null) {
                    pool.hand(batch, size);
                    pool.await();
                }
                return result();
            }
            if (pool == null) {
                accept(row);
                continue;
            }
            records++;
            // the reader may reuse its array
            batch[size++] = row.clone();
            if (size == BATCH) {
                pool.hand(batch, size);
                batch = new Object[BATCH][];
                size = 0;
            }
        }
    }

    /**
     * Worker threads, each owning a fixed set of columns (balanced by a rough cost per type).
     * Every batch goes to every worker's queue, so each column sees the records in order.
     */
    private static final class Workers {
        private record Batch(Object[][] rows, int size) {
        }

        private static final Batch END = new Batch(new Object[0][], 0);

        private final Thread[] threads;
        private final List<BlockingQueue<Batch>> queues = new ArrayList<>();
        private volatile boolean abort;
        private volatile Throwable failure;

        Workers(Profiler profiler, int count) {
            FieldStats[] stats = profiler.stats;
            int[][] columns = assign(stats, count);
            this.threads = new Thread[count];
            for (int w = 0; w < count; w++) {
                BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUED);
                queues.add(queue);
                int[] mine = columns[w];
                Thread t = new Thread(() -> work(stats, mine, queue), "mapwright-profile-" + w);
                t.setDaemon(true);
                threads[w] = t;
            }
            for (Thread t : threads) {
                t.start();
            }
        }

        /** Longest-processing-time-first over the per-type costs. */
        private static int[][] assign(FieldStats[] stats, int count) {
            Integer[] order = new Integer[stats.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Integer.compare(stats[b].cost(), stats[a].cost()));
            int[] load = new int[count];
            List<List<Integer>> owned = new ArrayList<>();
            for (int w = 0; w < count; w++) {
                owned.add(new ArrayList<>());
            }
            for (int c : order) {
                int least = 0;
                for (int w = 1; w < count; w++) {
                    if (load[w] < load[least]) {
                        least = w;
                    }
                }
                load[least] += stats[c].cost();
                owned.get(least).add(c);
            }
            int[][] out = new int[count][];
            for (int w = 0; w < count; w++) {
                out[w] = owned.get(w).stream().mapToInt(Integer::intValue).sorted().toArray();
            }
            return out;
        }

        private void work(FieldStats[] stats, int[] columns, BlockingQueue<Batch> queue) {
            try {
                for (;;) {
                    Batch batch = queue.poll(50, TimeUnit.MILLISECONDS);
                    if (batch == END || batch == null && abort) {
                        return;
                    }
                    // after a failure keep draining, so the reader never waits for a dead worker
                    if (batch == null || abort || failure != null) {
                        continue;
                    }
                    Object[][] rows = batch.rows();
                    int size = batch.size();
                    // row by row: each row array is loaded once, not once per column
                    for (int r = 0; r < size; r++) {
                        Object[] row = rows[r];
                        int n = row.length;
                        for (int c : columns) {
                            stats[c].add(c < n ? row[c] : null);
                        }
                    }
                }
            } catch (InterruptedException e) {
                failure = new CancellationException("profiling interrupted");
            } catch (RuntimeException | Error e) {
                failure = e;
            }
        }

        /** Gives a batch to every worker; waits while their queues are full. */
        void hand(Object[][] rows, int size) {
            if (size > 0) {
                put(new Batch(rows, size));
            }
        }

        /** Waits until the workers processed everything handed to them. */
        void await() {
            put(END);
            try {
                for (Thread t : threads) {
                    t.join();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("profiling interrupted");
            }
            rethrow();
        }

        private void put(Batch batch) {
            try {
                for (BlockingQueue<Batch> q : queues) {
                    while (!q.offer(batch, 50, TimeUnit.MILLISECONDS)) {
                        rethrow();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("profiling interrupted");
            }
            rethrow();
        }

        /** Stops the workers after a failure of the reading side; no-op after {@link #await}. */
        void finish(boolean done) {
            if (done) {
                return;
            }
            abort = true;
            boolean interrupted = false;
            for (Thread t : threads) {
                for (;;) {
                    try {
                        t.join();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        private void rethrow() {
            Throwable f = failure;
            if (f instanceof RuntimeException r) {
                throw r;
            }
            if (f instanceof Error e) {
                throw e;
            }
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
        private static final int NO_DATE = 0;
        private static final int DATE_YMD = 1;
        private static final int DATE_DMY = 2;
        private static final int DATE_MDY = 3;

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
        private boolean longRange;
        private long longMin;
        private long longMax;
        private boolean mixed;
        private int minLength = Integer.MAX_VALUE;
        private int maxLength = -1;
        private final long[] patterns = new long[ValuePattern.values().length];
        private long numbers;
        private double mean;
        private double m2;
        /** Result of {@link #plainLong}. */
        private long parsedLong;
        /** The all-digit date pattern {@link #plainDate} reads for this field, or {@link #NO_DATE}. */
        private final int dateLayout;
        private final char dateSeparator;

        FieldStats(Field field, ProfileOptions options) {
            this.field = field;
            this.type = field.type();
            this.formatter = field.format() != null && (type == DataType.DATE || type == DataType.TIMESTAMP)
                    ? formatterOrNull(field.format()) : null;
            String pattern = field.format() == null ? "yyyy-MM-dd" : field.format().replace("uuuu", "yyyy");
            this.dateLayout = type != DataType.DATE ? NO_DATE
                    : pattern.equals("yyyy-MM-dd") ? DATE_YMD
                    : pattern.equals("dd/MM/yyyy") || pattern.equals("dd.MM.yyyy") ? DATE_DMY
                    : pattern.equals("MM/dd/yyyy") ? DATE_MDY : NO_DATE;
            this.dateSeparator = dateLayout == DATE_YMD ? '-' : dateLayout == NO_DATE ? 0 : pattern.charAt(2);
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

        /** Rough relative cost of a value, to balance columns over workers. */
        int cost() {
            switch (type) {
                case RECORD:
                    return 1;
                case INTEGER:
                case BOOLEAN:
                    return 2;
                case TEXT:
                case ANY:
                    return 4;
                default:
                    return 3;
            }
        }

        void add(Object value) {
            if (value == null) {
                nulls++;
                return;
            }
            if (type == DataType.RECORD) {
                count++;
                return;
            }
            Object typed = value;
            boolean valid = true;
            if (value instanceof String s) {
                // plain numbers without padding (most of them) skip the blank check, trimming,
                // exceptions and, for integers, boxing; they give the values Values.parse gives
                if (type == DataType.INTEGER && plainLong(s)) {
                    addLong(parsedLong);
                    return;
                }
                Object plain = type == DataType.DECIMAL ? plainDecimal(s) : dateLayout != NO_DATE ? plainDate(s) : null;
                if (plain != null) {
                    typed = plain;
                } else if (type == DataType.TEXT || type == DataType.ANY) {
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
            int length;
            if (typed instanceof String s) {
                distinct.addHash(HyperLogLog.hash(s));
                top.add(cut(s));
                length = s.length();
            } else if (type == DataType.ANY) {
                // values of several classes may share a canonical text: count by text
                String text = Values.format(typed);
                distinct.addHash(HyperLogLog.hash(text));
                top.add(cut(text));
                length = text.length();
            } else {
                // a typed value counts by its own equality, which matches equality of its canonical text
                distinct.addHash(hash(typed));
                top.add(typed);
                length = textLength(typed);
            }
            minLength = Math.min(minLength, length);
            maxLength = Math.max(maxLength, length);
            if (valid) {
                range(typed);
                numeric(typed);
            }
        }

        /** As {@link #add} of {@code Long.valueOf(v)}, without boxing unless the top values need it. */
        private void addLong(long v) {
            count++;
            distinct.addHash(HyperLogLog.mix(v));
            if (top.mightTrack(v)) {
                top.add(v);
            }
            int length = digits(v);
            minLength = Math.min(minLength, length);
            maxLength = Math.max(maxLength, length);
            if (!mixed && (longRange || min == null)) {
                if (!longRange) {
                    longRange = true;
                    longMin = v;
                    longMax = v;
                } else if (v < longMin) {
                    longMin = v;
                } else if (v > longMax) {
                    longMax = v;
                }
            } else {
                range(v);
            }
            numeric((double) v);
        }

        /**
         * @return whether {@code s} is {@code [+-]?[0-9]{1,18}} (no padding), then its value in
         *         {@link #parsedLong}: exactly what {@link Values#parse} gives for such text
         */
        private boolean plainLong(String s) {
            int n = s.length();
            if (n == 0 || n > 19) {
                return false;
            }
            char c = s.charAt(0);
            boolean negative = c == '-';
            int i = negative || c == '+' ? 1 : 0;
            if (i == n || n - i > 18) {
                return false;
            }
            long v = 0;
            for (; i < n; i++) {
                int d = s.charAt(i) - '0';
                if (d < 0 || d > 9) {
                    return false;
                }
                v = v * 10 + d;
            }
            parsedLong = negative ? -v : v;
            return true;
        }

        /**
         * @return for {@code [+-]?[0-9]*(.[0-9]*)?} with 1 to 18 digits (no padding, no exponent)
         *         the value {@code new BigDecimal(s)} gives (same unscaled value and scale), else null
         */
        private static BigDecimal plainDecimal(String s) {
            int n = s.length();
            if (n == 0 || n > 20) {
                return null;
            }
            char c = s.charAt(0);
            boolean negative = c == '-';
            int i = negative || c == '+' ? 1 : 0;
            long unscaled = 0;
            int digits = 0;
            int scale = 0;
            boolean point = false;
            for (; i < n; i++) {
                c = s.charAt(i);
                if (c >= '0' && c <= '9') {
                    unscaled = unscaled * 10 + (c - '0');
                    digits++;
                    if (point) {
                        scale++;
                    }
                } else if (c == '.' && !point) {
                    point = true;
                } else {
                    return null;
                }
            }
            if (digits == 0 || digits > 18) {
                return null;
            }
            return BigDecimal.valueOf(negative ? -unscaled : unscaled, scale);
        }

        /**
         * @return for text of exactly the field's all-digit date pattern (no padding) the date
         *         {@link Values#parseFixedDate} gives, without its allocations; else null
         */
        private LocalDate plainDate(String s) {
            if (s.length() != 10) {
                return null;
            }
            int year;
            int month;
            int day;
            if (dateLayout == DATE_YMD) {
                if (s.charAt(4) != '-' || s.charAt(7) != '-') {
                    return null;
                }
                year = digitsAt(s, 0, 4);
                month = digitsAt(s, 5, 2);
                day = digitsAt(s, 8, 2);
            } else {
                if (s.charAt(2) != dateSeparator || s.charAt(5) != dateSeparator) {
                    return null;
                }
                int first = digitsAt(s, 0, 2);
                int second = digitsAt(s, 3, 2);
                day = dateLayout == DATE_DMY ? first : second;
                month = dateLayout == DATE_DMY ? second : first;
                year = digitsAt(s, 6, 4);
            }
            if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31) {
                return null;
            }
            if (day > 28 && day > monthLength(year, month)) {
                return null;
            }
            return LocalDate.of(year, month, day);
        }

        private static int monthLength(int year, int month) {
            switch (month) {
                case 2:
                    return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
                case 4: case 6: case 9: case 11:
                    return 30;
                default:
                    return 31;
            }
        }

        /** @return the value of {@code n} ASCII digits at {@code from}, or -1 when one is not a digit */
        private static int digitsAt(String s, int from, int n) {
            int v = 0;
            for (int i = from; i < from + n; i++) {
                int d = s.charAt(i) - '0';
                if (d < 0 || d > 9) {
                    return -1;
                }
                v = v * 10 + d;
            }
            return v;
        }

        private static long hash(Object v) {
            if (v instanceof Long l) {
                return HyperLogLog.mix(l);
            }
            if (v instanceof Integer i) {
                return HyperLogLog.mix(i.longValue());
            }
            if (v instanceof LocalDate d) {
                return HyperLogLog.mix(d.toEpochDay() ^ 0x632BE59BD9B4E019L);
            }
            if (v instanceof BigDecimal d) {
                return HyperLogLog.mix(d.hashCode() ^ 0x85157AF5L << 32);
            }
            return HyperLogLog.hash(Values.format(v));
        }

        private String text(Object v) {
            return v instanceof String s ? s : cut(Values.format(v));
        }

        private Object parse(String s) {
            try {
                if (formatter != null) {
                    String t = s.trim();
                    if (type == DataType.DATE) {
                        // the common all-digit patterns without the formatter, which costs far more
                        LocalDate fast = Values.parseFixedDate(t, field.format());
                        return fast != null ? fast : LocalDate.parse(t, formatter);
                    }
                    return LocalDateTime.parse(t, formatter);
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
            if (v instanceof Long l && (longRange || min == null)) {
                // unboxed comparisons for the most common typed column
                long x = l;
                if (!longRange) {
                    longRange = true;
                    longMin = x;
                    longMax = x;
                } else if (x < longMin) {
                    longMin = x;
                } else if (x > longMax) {
                    longMax = x;
                }
                return;
            }
            if (longRange) {
                mixed = true;
                longRange = false;
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
            } else if (c.compareTo(max) > 0) {
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
            numeric(d);
        }

        private void numeric(double d) {
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

        /** Counts the shape of {@code s} stripped, or counts it as empty when it is blank. */
        private void pattern(String s) {
            int to = s.length();
            int from = 0;
            while (from < to && Shapes.space(s.charAt(from))) {
                from++;
            }
            if (from == to) {
                empty++;
                return;
            }
            while (Shapes.space(s.charAt(to - 1))) {
                to--;
            }
            String t = from == 0 && to == s.length() ? s : s.substring(from, to);
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
                    count == 0 ? 0 : distinct.estimate(), longRange ? (Object) longMin : min, longRange ? (Object) longMax : max, any ? minLength : -1, any ? maxLength : -1,
                    count == 0 ? List.of() : top.top(options.topValues(), this::text), found, avg, sd,
                    histogram == null ? null : histogram.result());
        }
    }

    /** Length of {@link Values#format} of a typed value, without formatting the common types. */
    static int textLength(Object v) {
        if (v instanceof Long l) {
            return digits(l);
        }
        if (v instanceof Integer i) {
            return digits(i);
        }
        if (v instanceof BigDecimal d) {
            // BigDecimal.toPlainString: digits, a point before the last `scale` digits, zeros for a negative scale
            int scale = d.scale();
            int sign = d.signum() < 0 ? 1 : 0;
            if (scale < 0) {
                return d.signum() == 0 ? 1 : sign + d.precision() - scale;
            }
            int precision = d.precision();
            if (scale == 0) {
                return sign + precision;
            }
            return sign + (precision > scale ? precision + 1 : scale + 2);
        }
        if (v instanceof LocalDate d && d.getYear() >= 0 && d.getYear() <= 9999) {
            return 10;
        }
        return Values.format(v).length();
    }

    private static int digits(long v) {
        if (v == Long.MIN_VALUE) {
            return 20;
        }
        int n = v < 0 ? 2 : 1;
        for (long a = Math.abs(v); a >= 10; a /= 10) {
            n++;
        }
        return n;
    }

    /** Hand-written shape checks (no regular expressions per value). */
    static final class Shapes {

        private Shapes() {
        }

        static boolean isEmail(String t) {
            // indexOf is vectorized: most text has no '@' and leaves here
            int at = t.indexOf('@');
            int n = t.length();
            if (at <= 0 || at == n - 1) {
                return false;
            }
            int dot = -1;
            for (int i = 0; i < n; i++) {
                char c = t.charAt(i);
                if (c > '@' && c < 0x7F) {
                    // letters and the like, most of an address: nothing to check
                    continue;
                }
                if (c == '.') {
                    dot = i;
                } else if (c == '@' ? i != at : c == ',' || c == ';' || c == '<' || c == '>' || space(c)) {
                    return false;
                }
            }
            return dot >= at + 2 && dot != n - 1;
        }

        static boolean isUrl(String t) {
            char first = t.charAt(0);
            if (first != 'h' && first != 'H' && first != 'f' && first != 'F') {
                return false;
            }
            int prefix = t.regionMatches(true, 0, "https://", 0, 8) ? 8
                    : t.regionMatches(true, 0, "http://", 0, 7) ? 7 : t.regionMatches(true, 0, "ftp://", 0, 6) ? 6 : -1;
            if (prefix < 0 || t.length() <= prefix || t.charAt(prefix) == '/') {
                return false;
            }
            for (int i = prefix; i < t.length(); i++) {
                if (space(t.charAt(i))) {
                    return false;
                }
            }
            return true;
        }

        /** {@link Character#isWhitespace} without its table lookup for printable ASCII. */
        static boolean space(char c) {
            return (c <= ' ' || c >= 0x80) && Character.isWhitespace(c);
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
