package org.mapwright.core.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.Schema;
import org.mapwright.core.value.Values;

/** The shortcuts of the profiler's hot path give exactly what the general path gives. */
class ProfilerFastPathTest {

    private static final String[] INTEGERS = {"0", "-0", "+5", "-5", "007", "-007", "42", " 42", "42 ", "\t-3 ",
            "123456789012345678", "-123456789012345678", "1234567890123456789", "9223372036854775807",
            "-9223372036854775808", "+9223372036854775807", "\uFF11\uFF12", "1"};

    private static final String[] DECIMALS = {"0", "-0", "-0.00", "0.0", ".5", "-.5", "+.5", "5.", "+1.5", "007.50",
            "10.5", " 10.5", "10.5 ", "-12345678.123456789", "123456789012345678", "1234567890123456789.5",
            "0.000000000000000001", "1.5E3", "-2e-2", "99999999999999999.9", "1"};

    /** Text values of a column against the values {@link Values#parse} makes of them, profiled apart. */
    private static void assertSameProfile(DataType type, String[] texts, int repeat) {
        assertSameProfile(type, null, texts, repeat);
    }

    private static void assertSameProfile(DataType type, String format, String[] texts, int repeat) {
        Field field = Field.of("f", "f", type);
        Schema schema = Schema.of(List.of(format == null ? field : field.withFormat(format)));
        Profiler asText = new Profiler(schema, ProfileOptions.DEFAULTS);
        Profiler typed = new Profiler(schema, ProfileOptions.DEFAULTS);
        Random r = new Random(3);
        for (int i = 0; i < repeat; i++) {
            String t = texts[r.nextInt(texts.length)];
            asText.accept(new Object[] {t});
            typed.accept(new Object[] {Values.parse(t, type, format)});
        }
        FieldProfile a = asText.result().fields().get(0);
        assertEquals(0, a.invalidCount());
        assertEquals(typed.result().fields().get(0), a);
    }

    @Test
    void plainIntegersProfileAsTheirParsedValues() {
        assertSameProfile(DataType.INTEGER, INTEGERS, 2_000);
    }

    @Test
    void plainDecimalsProfileAsTheirParsedValuesKeepingTheScale() {
        assertSameProfile(DataType.DECIMAL, DECIMALS, 2_000);
        Profiler p = new Profiler(Schema.of(List.of(Field.of("f", "f", DataType.DECIMAL))), ProfileOptions.DEFAULTS);
        p.accept(new Object[] {"1.50"});
        p.accept(new Object[] {"1.5"});
        p.accept(new Object[] {"1.50"});
        List<ValueCount> top = p.result().fields().get(0).topValues();
        assertEquals(List.of(new ValueCount("1.50", 2, 0), new ValueCount("1.5", 1, 0)), top);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "|2024-02-29,2023-02-28,2000-02-29,1900-02-28,0000-01-01,2024-12-31,2024-04-30, 2024-01-05,2024-01-05 ",
            "uuuu-MM-dd|2024-02-29,2023-02-28,1999-12-31",
            "dd/MM/yyyy|29/02/2024,31/12/1999,01/01/0001,30/04/2024, 01/02/2024",
            "dd/MM/uuuu|29/02/2024,31/01/2024",
            "dd.MM.yyyy|29.02.2024,31.12.1999,28.02.2023",
            "MM/dd/yyyy|02/29/2024,12/31/1999,04/30/2024",
            "d/M/yyyy|1/2/2024,29/2/2024,31/12/2024"})
    void allDigitDatesProfileAsTheirParsedValues(String format, String dates) {
        assertSameProfile(DataType.DATE, format, dates.split(","), 500);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "|2023-02-29,1900-02-29,2024-04-31,2024-13-01,2024-00-10,2024-01-00,20x4-01-01,2024/01/01,2024-1-01,2024-01-01T10:00,2024-01-01",
            "dd/MM/yyyy|29/02/2023,29/02/1900,31/04/2024,01/13/2024,10/00/2024,00/01/2024,01/01/20x4,01-01-2024,1/01/2024,01/01/2024 10:00,01/01/2024"})
    void impossibleOrMisshapenDatesStayInvalid(String format, String dates) {
        Field field = Field.of("f", "f", DataType.DATE);
        Profiler p = new Profiler(Schema.of(List.of(format == null ? field : field.withFormat(format))), ProfileOptions.DEFAULTS);
        int invalid = 0;
        for (String text : dates.split(",")) {
            p.accept(new Object[] {text});
            try {
                Values.parse(text, DataType.DATE, format);
            } catch (IllegalArgumentException e) {
                invalid++;
            }
        }
        assertEquals(10, invalid, "all but the last are invalid");
        assertEquals(invalid, p.result().fields().get(0).invalidCount());
    }

    @Test
    void textThatIsNoPlainNumberIsStillParsedOrCountedInvalid() {
        Profiler p = new Profiler(Schema.of(List.of(Field.of("i", "i", DataType.INTEGER), Field.of("d", "d", DataType.DECIMAL))),
                ProfileOptions.DEFAULTS);
        for (String t : new String[] {"", "+", "-", ".", "1.2.3", "12x", "--1", "1-", "99999999999999999999", " "}) {
            p.accept(new Object[] {t, t});
        }
        FieldProfile i = p.result().fields().get(0);
        FieldProfile d = p.result().fields().get(1);
        assertEquals(2, i.nullCount(), "blank text is null");
        assertEquals(8, i.invalidCount());
        assertEquals(2, d.nullCount());
        // 99999999999999999999 is a decimal, the rest is not
        assertEquals(7, d.invalidCount());
        assertEquals(new java.math.BigDecimal("99999999999999999999"), d.max());
    }

    @Test
    void integerColumnMixingTextAndTypedValuesKeepsItsRange() {
        Profiler p = new Profiler(Schema.of(List.of(Field.of("i", "i", DataType.INTEGER))), ProfileOptions.DEFAULTS);
        p.accept(new Object[] {"5"});
        p.accept(new Object[] {-3L});
        p.accept(new Object[] {"12"});
        FieldProfile f = p.result().fields().get(0);
        assertEquals(-3L, f.min());
        assertEquals(12L, f.max());
        assertEquals(3, f.count());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ann@example.org|true", "a@b.co|true", "a@@b.co|false", "a@b@c.co|false", "@b.co|false", "a@b.|false",
            "a@.bc|false", "a.b@c|false", "a b@c.de|false", "a@b.c,d|false", "a@b.c;d|false", "<a@b.cd>|false",
            "first.last@sub.example.com|true", "a@bc|false", "a@b.c|true"})
    void recognizesEmailAddressesAsBefore(String text, boolean email) {
        assertEquals(email, Profiler.Shapes.isEmail(text));
    }

    @Test
    void blankTextCountsAsEmptyAndPaddingDoesNotHideShapes() {
        Profiler p = new Profiler(Schema.of(List.of(Field.of("t", "t", DataType.TEXT))), ProfileOptions.DEFAULTS);
        for (String t : new String[] {"", " ", "\u2003", " ann@example.org ", "\u2003https://x.org", "x", "\u0001"}) {
            p.accept(new Object[] {t});
        }
        FieldProfile f = p.result().fields().get(0);
        assertEquals(3, f.emptyCount());
        assertEquals(1L, f.patterns().get(ValuePattern.EMAIL));
        assertEquals(1L, f.patterns().get(ValuePattern.URL));
    }

    @Test
    void frozenSummaryTurnsAwayUntrackedValuesAndKeepsCountingTrackedOnes() {
        SpaceSaving s = new SpaceSaving(8);
        long heavy = 1L << 40;
        int n = 2 * SpaceSaving.WINDOW;
        for (int i = 0; i < n; i++) {
            s.add(i % 10 == 0 ? heavy : (long) i + 1);
        }
        assertTrue(s.frozen());
        assertTrue(s.mightTrack(heavy));
        long untracked = 0;
        for (long v = 1L << 50; v < (1L << 50) + 1000; v++) {
            untracked += s.mightTrack(v) ? 0 : 1;
        }
        assertTrue(untracked > 900, "most untracked values are turned away without a lookup: " + untracked);
        ValueCount before = s.top(1, Object::toString).get(0);
        for (int i = 0; i < 100; i++) {
            s.add(heavy);
            s.add((long) n + i + 1);
        }
        ValueCount after = s.top(1, Object::toString).get(0);
        assertEquals(String.valueOf(heavy), after.value());
        assertEquals(before.count() + 100, after.count(), "a tracked value keeps counting exactly");
        assertEquals(before.error(), after.error());
        assertTrue(after.count() >= n / 10 + 100 && after.count() - after.error() <= n / 10 + 100);
    }

    /** A value whose hash code collides with many others, to exercise probing and removal. */
    private record Colliding(int id) {
        @Override
        public int hashCode() {
            return id % 3;
        }
    }

    @Test
    void summaryWithEvictionsAndCollidingHashesKeepsItsGuarantees() {
        int capacity = 8;
        SpaceSaving s = new SpaceSaving(capacity);
        Random r = new Random(11);
        int[] truth = new int[40];
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            // skewed: low ids are frequent, so tracked values keep changing at the tail
            int id = Math.min(r.nextInt(40), r.nextInt(40));
            truth[id]++;
            s.add(new Colliding(id));
        }
        assertFalse(s.frozen());
        List<ValueCount> all = s.top(capacity, v -> String.valueOf(((Colliding) v).id()));
        assertEquals(capacity, all.size());
        assertEquals(capacity, all.stream().map(ValueCount::value).distinct().count(), "each value has one counter: " + all);
        assertEquals(n, all.stream().mapToLong(ValueCount::count).sum(), "counters add up to the values seen");
        for (ValueCount c : all) {
            int t = truth[Integer.parseInt(c.value())];
            assertTrue(c.count() >= t && c.count() - c.error() <= t, c + " vs " + t);
        }
    }

    @Test
    void unfrozenSummaryMightTrackAnything() {
        SpaceSaving s = new SpaceSaving(4);
        s.add(1L);
        assertFalse(s.frozen());
        assertTrue(s.mightTrack(12345L));
    }

    @Test
    void profilesLargeTypedAndTextColumnsAlike() {
        List<String> ints = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            ints.add(String.valueOf(i * 7919L % 1000 - 500));
        }
        assertSameProfile(DataType.INTEGER, ints.toArray(new String[0]), 3 * SpaceSaving.WINDOW);
    }
}
