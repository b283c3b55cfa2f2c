package org.mapwright.core.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Test;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.Schema;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.DataLocation;
import org.mapwright.core.connector.ProgressMonitor;
import org.mapwright.core.connector.RecordReader;

class ProfilerTest {

    private static final Schema SCHEMA = Schema.of(List.of(
            Field.of("f_id", "id", DataType.INTEGER),
            Field.of("f_amount", "amount", DataType.DECIMAL),
            Field.of("f_contact", "contact", DataType.TEXT),
            Field.of("f_day", "day", DataType.DATE).withFormat("dd.MM.yyyy")));

    /** Ten records of text as a CSV source delivers them. */
    private static final Object[][] ROWS = {
            {"1", "10.5", "ann@example.org", "01.02.2024"},
            {"2", "20", "https://example.org/x", "15.03.2024"},
            {"3", "abc", "+49 30 123456", "31.12.2023"},
            {"4", " ", "", null},
            {"5", null, "2024-05-06", "bad"},
            {"6", "30.5", "ann@example.org", "01.02.2024"},
            {"7", "-5", "ann@example.org", "02.02.2024"},
            {"8", "10.5", null, "03.02.2024"},
            {"9", "10.5", "plain text", "04.02.2024"},
            {"10", "4", "bob@example.org", "05.02.2024"}};

    private static Profile profileRows() {
        Profiler p = new Profiler(SCHEMA, ProfileOptions.DEFAULTS);
        for (Object[] r : ROWS) {
            p.accept(r);
        }
        return p.result();
    }

    @Test
    void countsNullsEmptiesAndInvalidValues() {
        Profile p = profileRows();
        assertEquals(10, p.records());
        FieldProfile amount = p.fields().get(1);
        assertEquals(8, amount.count());
        assertEquals(2, amount.nullCount(), "null and blank text in a numeric field are null");
        assertEquals(1, amount.invalidCount());
        FieldProfile contact = p.fields().get(2);
        assertEquals(9, contact.count());
        assertEquals(1, contact.nullCount());
        assertEquals(1, contact.emptyCount());
        FieldProfile day = p.fields().get(3);
        assertEquals(1, day.invalidCount());
        assertEquals(LocalDate.of(2023, 12, 31), day.min());
        assertEquals(LocalDate.of(2024, 3, 15), day.max());
    }

    @Test
    void computesRangeDistinctTopValuesAndLengths() {
        Profile p = profileRows();
        FieldProfile id = p.fields().get(0);
        assertEquals(1L, id.min());
        assertEquals(10L, id.max());
        assertEquals(10, id.distinctEstimate());
        assertEquals(1, id.minLength());
        assertEquals(2, id.maxLength());
        FieldProfile amount = p.fields().get(1);
        assertEquals(new BigDecimal("-5"), amount.min());
        assertEquals(new BigDecimal("30.5"), amount.max());
        assertEquals(6, amount.distinctEstimate(), "10.5, 20, abc, 30.5, -5, 4");
        assertEquals(new ValueCount("10.5", 3, 0), amount.topValues().get(0));
        FieldProfile contact = p.fields().get(2);
        assertEquals(new ValueCount("ann@example.org", 3, 0), contact.topValues().get(0));
        assertEquals(0, contact.minLength());
        assertEquals(21, contact.maxLength());
    }

    @Test
    void countsTextPatterns() {
        FieldProfile contact = profileRows().fields().get(2);
        assertEquals(Map.of(ValuePattern.EMAIL, 4L, ValuePattern.URL, 1L, ValuePattern.PHONE, 1L, ValuePattern.ISO_DATE, 1L),
                contact.patterns());
    }

    @Test
    void computesMeanDeviationAndAnExactHistogramForSmallInputs() {
        FieldProfile amount = profileRows().fields().get(1);
        // valid amounts: 10.5, 20, 30.5, -5, 10.5, 10.5, 4
        assertEquals(81.0 / 7, amount.mean(), 1e-9);
        double var = 0;
        for (double v : new double[] {10.5, 20, 30.5, -5, 10.5, 10.5, 4}) {
            var += (v - 81.0 / 7) * (v - 81.0 / 7);
        }
        assertEquals(Math.sqrt(var / 7), amount.stdDev(), 1e-9);
        Histogram h = amount.histogram();
        assertEquals(7, h.total());
        assertEquals(-5.0, h.bins().get(0).lower(), 1e-9);
        assertEquals(30.5, h.bins().get(h.bins().size() - 1).upper(), 1e-9);
        assertNull(profileRows().fields().get(2).histogram());
    }

    @Test
    void histogramStaysExactAndCoversTheRangeBeyondTheBuffer() {
        Schema s = Schema.of(List.of(Field.of("x", "x", DataType.INTEGER)));
        Profiler p = new Profiler(s, ProfileOptions.DEFAULTS);
        Random r = new Random(5);
        long n = 20_000;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            // the first values span a narrow range; later ones widen it on both sides
            long v = i < 2000 ? r.nextInt(100) : r.nextInt(100_000) - 50_000;
            min = Math.min(min, v);
            max = Math.max(max, v);
            p.accept(new Object[] {v});
        }
        Histogram h = p.result().fields().get(0).histogram();
        assertEquals(n, h.total());
        assertTrue(h.bins().size() <= ProfileOptions.DEFAULTS.histogramBins());
        assertTrue(h.bins().get(0).lower() <= min && h.bins().get(h.bins().size() - 1).upper() >= max);
        for (int i = 1; i < h.bins().size(); i++) {
            assertEquals(h.bins().get(i - 1).upper(), h.bins().get(i).lower(), 1e-6);
        }
    }

    @Test
    void distinctEstimateIsCloseForLargeCardinalitiesAndTopValuesFindHeavyHitters() {
        Schema s = Schema.of(List.of(Field.of("x", "x", DataType.TEXT)));
        Profiler p = new Profiler(s, ProfileOptions.DEFAULTS);
        int distinct = 100_000;
        for (int i = 0; i < distinct; i++) {
            p.accept(new Object[] {"v" + i});
            if (i % 10 == 0) {
                p.accept(new Object[] {"hot"});
            }
        }
        FieldProfile f = p.result().fields().get(0);
        assertEquals(distinct + 1, f.distinctEstimate(), distinct * 0.05);
        assertEquals("hot", f.topValues().get(0).value());
        assertTrue(f.topValues().get(0).count() >= distinct / 10);
        assertTrue(f.topValues().get(0).count() - f.topValues().get(0).error() <= distinct / 10);
    }

    @Test
    void profilesAReaderCountingRejectsAndStopsWhenCancelled() throws Exception {
        Profile p = Profiler.profile(reader(5, 2), ProfileOptions.DEFAULTS, ProgressMonitor.NONE);
        assertEquals(5, p.records());
        assertEquals(2, p.rejected());
        assertEquals(5, p.fields().get(0).count());

        ProgressMonitor cancelled = new ProgressMonitor() {
            @Override
            public void begin(String task, long totalWork) {
            }

            @Override
            public void worked(long work) {
            }

            @Override
            public boolean isCanceled() {
                return true;
            }
        };
        assertThrows(CancellationException.class, () -> Profiler.profile(reader(5000, 0), ProfileOptions.DEFAULTS, cancelled));
    }

    /** A reader of {@code good} one-field records preceded by {@code bad} rejected ones. */
    private static RecordReader reader(int good, int bad) {
        Schema s = Schema.of(List.of(Field.of("x", "x", DataType.INTEGER)));
        Deque<Object> items = new ArrayDeque<>();
        for (int i = 0; i < bad; i++) {
            items.add(DataException.badRecord(new DataLocation("mem", -1, i + 1, null), "bad", "raw"));
        }
        for (long i = 0; i < good; i++) {
            items.add(new Object[] {i});
        }
        return new RecordReader() {
            @Override
            public Schema schema() {
                return s;
            }

            @Override
            public Object[] next() throws DataException {
                Object next = items.poll();
                if (next instanceof DataException e) {
                    throw e;
                }
                return (Object[]) next;
            }

            @Override
            public DataLocation location() {
                return DataLocation.of("mem");
            }

            @Override
            public void close() {
            }
        };
    }
}
