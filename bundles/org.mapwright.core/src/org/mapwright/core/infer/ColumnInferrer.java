package org.mapwright.core.infer;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.mapwright.core.DataType;
import org.mapwright.core.value.Values;

/**
 * Infers the type of one column from its values, one value at a time, in bounded memory.
 *
 * <p>Every non-blank value is tested against all candidate types: INTEGER, DECIMAL (integers
 * count as decimals too), BOOLEAN (the words {@link Values#parseBoolean} accepts), DATE and
 * TIMESTAMP in each supported format (see below). The chosen type is the candidate that the most
 * values fit, ties going to the more specific type in that order; it must be fit by at least
 * {@link InferenceOptions#minConfidence()} of the values, or by all but a few in a small sample
 * ({@link InferenceOptions#accepts}), otherwise the column is TEXT. A column of 8-digit dates
 * ({@code 20240131}) is a DATE only when every value is one. Values equal to one of
 * {@link InferenceOptions#nullTokens()} count as null.
 *
 * <p>Numbers with a leading zero ({@code 00123}) are codes and make a column TEXT. Date formats:
 * {@code yyyy-MM-dd} (ISO, format null), {@code dd/MM/yyyy}, {@code MM/dd/yyyy}, {@code dd.MM.yyyy},
 * {@code yyyy/MM/dd}, {@code dd-MM-yyyy} and the other separator combinations, single-digit day
 * and month ({@code d/M/yyyy}), and {@code yyyyMMdd}. Timestamps: any of those dates followed by
 * {@code T} or a space and {@code H:mm}, {@code HH:mm:ss} or {@code HH:mm:ss.fraction}; ISO ones
 * get a null format (the lenient ISO parser of {@link Values}), others a pattern with optional
 * sections when values differ in having seconds. Zone offsets are not recognized (TEXT).
 *
 * <p>Not thread-safe.
 */
public final class ColumnInferrer {

    private static final int MAX_SAMPLE_CHARS = 200;
    /** Distinct values kept per type that do not fit it. */
    static final int MAX_MISMATCHES = 3;
    private static final int TS_KEYS = 18;
    /** Date key of {@code yyyy-MM-dd}; timestamp keys {@code 2 * key} ('T') and {@code 2 * key + 1} (space). */
    private static final int ORDER_ISO = 0;

    private final InferenceOptions options;
    private final int longestNullToken;
    private final TextShapes.Temporal shape = new TextShapes.Temporal();

    private long values;
    private long nulls;
    private long integers;
    private long decimals;
    private long booleans;

    private final long[] dateCount = new long[TextShapes.DATE_KEYS];
    private final boolean[] dateSingleDay = new boolean[TextShapes.DATE_KEYS];
    private final boolean[] dateSingleMonth = new boolean[TextShapes.DATE_KEYS];

    private final long[] tsCount = new long[TS_KEYS];
    private final boolean[] tsSingleDay = new boolean[TS_KEYS];
    private final boolean[] tsSingleMonth = new boolean[TS_KEYS];
    private final boolean[] tsSingleHour = new boolean[TS_KEYS];
    private final long[] tsWithSeconds = new long[TS_KEYS];
    private final long[] tsWithFraction = new long[TS_KEYS];
    /** Width of the fractions seen for a key; -1 when they differ (a pattern cannot express that). */
    private final int[] tsFractionWidth = new int[TS_KEYS];

    private final Set<String> samples = new LinkedHashSet<>();
    /** Index by type: INTEGER, DECIMAL, BOOLEAN, DATE, TIMESTAMP. */
    private final List<List<String>> misses = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
            new ArrayList<>(), new ArrayList<>());

    public ColumnInferrer(InferenceOptions options) {
        this.options = options;
        int longest = 0;
        for (String t : options.nullTokens()) {
            longest = Math.max(longest, t.length());
        }
        this.longestNullToken = longest;
    }

    /**
     * Adds one text value.
     *
     * @param text the value as read; null, empty and blank text and the null tokens of the options
     *             count as null
     */
    public void accept(String text) {
        if (text == null) {
            nulls++;
            return;
        }
        String t = text.strip();
        if (t.isEmpty() || isNullToken(t)) {
            nulls++;
            return;
        }
        values++;
        sample(text);
        int kind = TextShapes.numberKind(t);
        if (kind == TextShapes.INTEGER) {
            integers++;
            decimals++;
        } else if (kind == TextShapes.DECIMAL) {
            decimals++;
            miss(0, text);
        } else {
            miss(0, text);
            miss(1, text);
        }
        if (t.length() <= 5 && Values.parseBoolean(t) != null) {
            booleans++;
        } else {
            miss(2, text);
        }
        if (TextShapes.parseTemporal(t, shape)) {
            if (shape.hasTime) {
                addTimestamp(shape);
                miss(3, text);
            } else {
                addDate(shape);
                miss(4, text);
            }
        } else {
            miss(3, text);
            miss(4, text);
        }
    }

    /**
     * Adds one value that a source already typed: {@link Long}/{@link Integer} and integral
     * {@link BigDecimal}/{@link Double} fit INTEGER and DECIMAL, other numbers DECIMAL,
     * {@link Boolean} BOOLEAN, {@link LocalDate} ISO DATE, {@link LocalDateTime} ISO TIMESTAMP;
     * a {@link String} is treated as by {@link #accept(String)}; anything else counts as TEXT.
     *
     * @param value the value; null counts as null
     */
    public void acceptValue(Object value) {
        if (value == null || value instanceof String) {
            accept((String) value);
            return;
        }
        values++;
        String text = Values.format(value);
        sample(text);
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            integers++;
            decimals++;
        } else if (value instanceof BigDecimal || value instanceof Double || value instanceof Float) {
            decimals++;
            if (isIntegral(value)) {
                integers++;
            } else {
                miss(0, text);
            }
        } else if (value instanceof Boolean) {
            booleans++;
        } else if (value instanceof LocalDate) {
            dateCount[ORDER_ISO]++;
        } else if (value instanceof LocalDateTime) {
            tsCount[ORDER_ISO * 2]++;
            tsWithSeconds[ORDER_ISO * 2]++;
        } else {
            miss(0, text);
        }
    }

    private boolean isNullToken(String t) {
        return t.length() <= longestNullToken && options.nullTokens().contains(t.toLowerCase(Locale.ROOT));
    }

    private static boolean isIntegral(Object value) {
        if (value instanceof BigDecimal d) {
            return d.signum() == 0 || d.stripTrailingZeros().scale() <= 0 && d.precision() - d.scale() <= 18;
        }
        double v = ((Number) value).doubleValue();
        return v == Math.rint(v) && Math.abs(v) < 1e18;
    }

    private void addDate(TextShapes.Temporal s) {
        for (int k = 0; k < TextShapes.DATE_KEYS; k++) {
            if ((s.dateKeys & (1 << k)) != 0) {
                dateCount[k]++;
                boolean dayFirst = k / 3 == TextShapes.ORDER_DMY;
                dateSingleDay[k] |= dayFirst ? s.firstSingle : s.secondSingle;
                dateSingleMonth[k] |= dayFirst ? s.secondSingle : s.firstSingle;
            }
        }
    }

    private void addTimestamp(TextShapes.Temporal s) {
        for (int k = 0; k < TextShapes.KEY_COMPACT; k++) {
            if ((s.dateKeys & (1 << k)) != 0) {
                int key = k * 2 + (s.timeSeparator == 'T' ? 0 : 1);
                tsCount[key]++;
                boolean dayFirst = k / 3 == TextShapes.ORDER_DMY;
                tsSingleDay[key] |= dayFirst ? s.firstSingle : s.secondSingle;
                tsSingleMonth[key] |= dayFirst ? s.secondSingle : s.firstSingle;
                tsSingleHour[key] |= s.singleHour;
                if (s.hasSeconds) {
                    tsWithSeconds[key]++;
                }
                if (s.fractionDigits > 0) {
                    tsWithFraction[key]++;
                    if (tsFractionWidth[key] == 0) {
                        tsFractionWidth[key] = s.fractionDigits;
                    } else if (tsFractionWidth[key] != s.fractionDigits) {
                        tsFractionWidth[key] = -1;
                    }
                }
            }
        }
    }

    private void sample(String text) {
        if (samples.size() < options.sampleValues()) {
            samples.add(text.length() <= MAX_SAMPLE_CHARS ? text : text.substring(0, MAX_SAMPLE_CHARS - 3) + "...");
        }
    }

    private void miss(int typeIndex, String text) {
        List<String> list = misses.get(typeIndex);
        if (list.size() < MAX_MISMATCHES) {
            String s = text.length() <= MAX_SAMPLE_CHARS ? text : text.substring(0, MAX_SAMPLE_CHARS - 3) + "...";
            if (!list.contains(s)) {
                list.add(s);
            }
        }
    }

    /** @return non-blank values seen so far */
    public long values() {
        return values;
    }

    /** @return null values seen so far: null, blank or a null token */
    public long nulls() {
        return nulls;
    }

    /**
     * @param complete whether every value of the column was seen; only then can a column without
     *                 nulls be declared not nullable
     * @return the conclusion from the values seen so far
     */
    public ColumnInference result(boolean complete) {
        boolean nullable = nulls > 0 || !complete || values == 0;
        if (values == 0) {
            return new ColumnInference(DataType.TEXT, null, nullable, 0.0, 0, nulls, List.copyOf(samples), List.of());
        }
        if (dateCount[TextShapes.KEY_COMPACT] == values) {
            return new ColumnInference(DataType.DATE, "yyyyMMdd", nullable, 1.0, values, nulls, List.copyOf(samples), List.of());
        }
        Candidate date = bestDate();
        Candidate timestamp = bestTimestamp();
        DataType best = DataType.TEXT;
        long bestCount = 0;
        String format = null;
        long[] counts = {integers, decimals, booleans, date.count, timestamp.count};
        DataType[] types = {DataType.INTEGER, DataType.DECIMAL, DataType.BOOLEAN, DataType.DATE, DataType.TIMESTAMP};
        int bestIndex = -1;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > bestCount) {
                bestCount = counts[i];
                best = types[i];
                bestIndex = i;
            }
        }
        double confidence = (double) bestCount / values;
        if (bestIndex < 0 || !options.accepts(values, bestCount)) {
            return new ColumnInference(DataType.TEXT, null, nullable, 1.0, values, nulls, List.copyOf(samples), List.of());
        }
        if (best == DataType.DATE) {
            format = date.format;
        } else if (best == DataType.TIMESTAMP) {
            format = timestamp.format;
        }
        List<String> mismatches = confidence < 1.0 ? misses.get(bestIndex) : List.of();
        return new ColumnInference(best, format, nullable, confidence, values, nulls, List.copyOf(samples), mismatches);
    }

    private static final class Candidate {
        final long count;
        final String format;

        Candidate(long count, String format) {
            this.count = count;
            this.format = format;
        }
    }

    private static final Candidate NONE = new Candidate(0, null);

    private Candidate bestDate() {
        Candidate best = NONE;
        for (int k = 0; k < TextShapes.DATE_KEYS; k++) {
            if (dateCount[k] == 0) {
                continue;
            }
            if (dateCount[k] > best.count || dateCount[k] == best.count && prefer(k, best)) {
                best = new Candidate(dateCount[k], datePattern(k, dateSingleDay[k], dateSingleMonth[k]));
            }
        }
        return best;
    }

    /**
     * Equal counts of different keys only arise from values that read both day first and month
     * first; keys are visited day-first before month-first, so the later one wins only by option.
     */
    private boolean prefer(int key, Candidate current) {
        return key / 3 == TextShapes.ORDER_MDY && !options.dayFirst() && current.count > 0;
    }

    private Candidate bestTimestamp() {
        Candidate best = NONE;
        boolean isoSingles = false;
        for (int key = 0; key < 2; key++) {
            isoSingles |= tsSingleDay[key] || tsSingleMonth[key] || tsSingleHour[key];
        }
        if (!isoSingles && tsCount[0] + tsCount[1] > 0) {
            best = new Candidate(tsCount[0] + tsCount[1], null);
        }
        for (int key = isoSingles ? 0 : 2; key < TS_KEYS; key++) {
            if (tsCount[key] == 0 || tsFractionWidth[key] < 0) {
                continue;
            }
            if (tsCount[key] > best.count || tsCount[key] == best.count && prefer(key / 2, best)) {
                best = new Candidate(tsCount[key], timestampPattern(key));
            }
        }
        return best;
    }

    private static String datePattern(int key, boolean singleDay, boolean singleMonth) {
        if (key == TextShapes.KEY_COMPACT) {
            return "yyyyMMdd";
        }
        int order = key / 3;
        char sep = TextShapes.SEPARATORS[key % 3];
        String d = singleDay ? "d" : "dd";
        String m = singleMonth ? "M" : "MM";
        switch (order) {
            case TextShapes.ORDER_YMD:
                return sep == '-' && !singleDay && !singleMonth ? null : "yyyy" + sep + m + sep + d;
            case TextShapes.ORDER_DMY:
                return d + sep + m + sep + "yyyy";
            default:
                return m + sep + d + sep + "yyyy";
        }
    }

    private String timestampPattern(int key) {
        int dateKey = key / 2;
        String date = datePattern(dateKey, tsSingleDay[key], tsSingleMonth[key]);
        if (date == null) {
            date = "yyyy-MM-dd";
        }
        StringBuilder p = new StringBuilder(date);
        p.append(key % 2 == 0 ? "'T'" : " ");
        p.append(tsSingleHour[key] ? "H" : "HH").append(":mm");
        long count = tsCount[key];
        if (tsWithSeconds[key] == count) {
            p.append(":ss");
        } else if (tsWithSeconds[key] > 0) {
            p.append("[:ss");
        }
        int width = tsFractionWidth[key];
        if (width > 0) {
            String fraction = "." + "S".repeat(width);
            p.append(tsWithFraction[key] == count ? fraction : "[" + fraction + "]");
        }
        if (tsWithSeconds[key] > 0 && tsWithSeconds[key] < count) {
            p.append(']');
        }
        return p.toString();
    }
}
