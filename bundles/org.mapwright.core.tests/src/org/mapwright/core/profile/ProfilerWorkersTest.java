package org.mapwright.core.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.Schema;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.DataLocation;
import org.mapwright.core.connector.ProgressMonitor;
import org.mapwright.core.connector.RecordReader;
import org.mapwright.core.value.Values;

class ProfilerWorkersTest {

    private static final Schema SCHEMA = Schema.of(List.of(
            Field.of("f_id", "id", DataType.INTEGER),
            Field.of("f_amount", "amount", DataType.DECIMAL),
            Field.of("f_name", "name", DataType.TEXT),
            Field.of("f_email", "email", DataType.TEXT),
            Field.of("f_day", "day", DataType.DATE).withFormat("dd/MM/yyyy"),
            Field.of("f_signup", "signup", DataType.DATE),
            Field.of("f_flag", "flag", DataType.BOOLEAN),
            Field.of("f_any", "any", DataType.ANY),
            Field.of("f_qty", "qty", DataType.INTEGER)));

    /** Typed and text values, blanks, invalid text, nulls and short rows; more rows than one freeze window. */
    private static List<Object> generate(int rows) {
        Random r = new Random(42);
        String[] names = {"Ann", "Bob", " Chloé ", "Dmitri", "Eve", "Fiona", "Gu", "Hal"};
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            if (i % 5000 == 17) {
                out.add(DataException.badRecord(new DataLocation("mem", i, i, null), "bad", "raw"));
            }
            Object[] row = new Object[SCHEMA.fields().size()];
            row[0] = i % 3 == 0 ? Long.valueOf(i) : Long.toString(i);
            row[1] = i % 97 == 0 ? "x" + i : i % 2 == 0 ? new BigDecimal(BigInteger.valueOf(r.nextInt(2_000_000) - 1_000_000), r.nextInt(4))
                    : (r.nextInt(20_000) - 10_000) / 100.0 + "";
            row[2] = i % 50 == 0 ? null : names[r.nextInt(names.length)];
            row[3] = i % 20 == 0 ? "" : i % 333 == 0 ? "https://x.org/" + i : "user" + r.nextInt(1_000_000) + "@Example.org";
            row[4] = i % 101 == 0 ? "31/02/2020" : two(1 + r.nextInt(28)) + "/" + two(1 + r.nextInt(12)) + "/" + (1950 + r.nextInt(60));
            row[5] = i % 7 == 0 ? " " : LocalDate.of(2000, 1, 1).plusDays(r.nextInt(9000));
            row[6] = i % 3 == 0 ? Boolean.TRUE : i % 3 == 1 ? "no" : "maybe";
            row[7] = i % 4 == 0 ? Long.valueOf(i % 10) : i % 4 == 1 ? Long.toString(i % 10) : i % 4 == 2 ? new BigDecimal("1.50") : "+49 30 1234567";
            row[8] = Long.valueOf(r.nextInt(10));
            out.add(i % 1000 == 999 ? java.util.Arrays.copyOf(row, 5) : row);
        }
        return out;
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }

    private static Profile oneThread(List<Object> items) {
        Profiler p = new Profiler(SCHEMA, ProfileOptions.DEFAULTS);
        for (Object item : items) {
            if (item instanceof Object[] row) {
                p.accept(row);
            } else {
                p.reject();
            }
        }
        return p.result();
    }

    @Test
    void workersGiveTheSameProfileAsOneThread() throws Exception {
        List<Object> items = generate(SpaceSaving.WINDOW + 500);
        Profile expected = oneThread(items);
        assertTrue(expected.fields().get(0).topValues().isEmpty(), "the unique id column froze");
        for (int workers = 0; workers <= 3; workers++) {
            Profile actual = Profiler.profile(reader(items), ProfileOptions.DEFAULTS, ProgressMonitor.NONE, workers);
            assertEquals(expected, actual, workers + " workers");
        }
        assertEquals(expected, Profiler.profile(reader(items), ProfileOptions.DEFAULTS, ProgressMonitor.NONE));
    }

    @Test
    void fatalReadErrorStopsTheWorkersAndSurfaces() {
        List<Object> items = new ArrayList<>(generate(5000));
        items.add(3000, new DataException(new DataLocation("mem", 3000, 3000, null), "disk gone"));
        DataException e = assertThrows(DataException.class,
                () -> Profiler.profile(reader(items), ProfileOptions.DEFAULTS, ProgressMonitor.NONE, 2));
        assertEquals("disk gone", e.reason());
    }

    @Test
    void highCardinalityColumnStopsTrackingButKeepsItsHeavyHitters() {
        Schema s = Schema.of(List.of(Field.of("id", "id", DataType.INTEGER), Field.of("mail", "mail", DataType.TEXT)));
        Profiler p = new Profiler(s, ProfileOptions.DEFAULTS);
        int n = 3 * SpaceSaving.WINDOW;
        long empties = 0;
        for (int i = 0; i < n; i++) {
            boolean empty = i % 25 == 0;
            empties += empty ? 1 : 0;
            p.accept(new Object[] {(long) i, empty ? "" : "u" + i + "@example.org"});
        }
        FieldProfile id = p.result().fields().get(0);
        assertTrue(id.topValues().isEmpty(), "unique values have no top values");
        assertEquals(n, id.distinctEstimate(), n * 0.05);
        List<ValueCount> top = p.result().fields().get(1).topValues();
        assertEquals(1, top.size(), top.toString());
        assertEquals("", top.get(0).value());
        assertTrue(top.get(0).count() >= empties);
        assertTrue(top.get(0).count() - top.get(0).error() <= empties);
    }

    @Test
    void lowCardinalityColumnKeepsExactCounts() {
        Schema s = Schema.of(List.of(Field.of("q", "q", DataType.INTEGER)));
        Profiler p = new Profiler(s, ProfileOptions.DEFAULTS);
        for (int i = 0; i < 2 * SpaceSaving.WINDOW; i++) {
            p.accept(new Object[] {(long) (i % 3)});
        }
        List<ValueCount> top = p.result().fields().get(0).topValues();
        assertEquals(List.of(new ValueCount("0", 43_691, 0), new ValueCount("1", 43_691, 0), new ValueCount("2", 43_690, 0)), top);
    }

    @Test
    void textLengthOfTypedValuesMatchesTheirCanonicalText() {
        Random r = new Random(7);
        List<Object> values = new ArrayList<>(List.of(0L, -1L, 9L, 10L, Long.MAX_VALUE, Long.MIN_VALUE, 7, -123,
                new BigDecimal("0"), new BigDecimal("0.00"), new BigDecimal("-0.001"), new BigDecimal("0E+3"),
                new BigDecimal("1E+3"), new BigDecimal("-12.5E+2"), new BigDecimal("123.456"), new BigDecimal("-0.5"),
                LocalDate.of(1, 1, 1), LocalDate.of(12_345, 6, 7), LocalDate.of(-5, 1, 1), Boolean.TRUE, 1.5d));
        for (int i = 0; i < 2000; i++) {
            values.add(r.nextLong() >> r.nextInt(64));
            values.add(new BigDecimal(BigInteger.valueOf(r.nextLong() >> r.nextInt(64)), r.nextInt(30) - 10));
            values.add(new BigDecimal(new BigInteger(100, r).negate(), r.nextInt(60) - 20));
        }
        for (Object v : values) {
            assertEquals(Values.format(v).length(), Profiler.textLength(v), v.getClass().getSimpleName() + " " + Values.format(v));
        }
    }

    @Test
    void recognizesUrlsWhateverTheirSchemeCase() {
        assertTrue(Profiler.Shapes.isUrl("HTTPS://Example.org/a"));
        assertTrue(Profiler.Shapes.isUrl("ftp://host"));
        assertTrue(Profiler.Shapes.isUrl("Http://h"));
        assertFalse(Profiler.Shapes.isUrl("http://"));
        assertFalse(Profiler.Shapes.isUrl("http:///x"));
        assertFalse(Profiler.Shapes.isUrl("https://a b"));
        assertFalse(Profiler.Shapes.isUrl("htt"));
    }

    private static RecordReader reader(List<Object> items) {
        return new RecordReader() {
            private int next;
            private final Object[] reused = new Object[SCHEMA.fields().size()];

            @Override
            public Schema schema() {
                return SCHEMA;
            }

            @Override
            public Object[] next() throws DataException {
                if (next == items.size()) {
                    return null;
                }
                Object item = items.get(next++);
                if (item instanceof DataException e) {
                    throw e;
                }
                Object[] row = (Object[]) item;
                if (row.length != reused.length) {
                    return row.clone();
                }
                // like the CSV reader: the same array for every record
                System.arraycopy(row, 0, reused, 0, row.length);
                return reused;
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
