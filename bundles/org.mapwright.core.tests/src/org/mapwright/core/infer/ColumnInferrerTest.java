package org.mapwright.core.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mapwright.core.DataType;
import org.mapwright.core.value.Values;

class ColumnInferrerTest {

    private static ColumnInference infer(String... values) {
        return infer(InferenceOptions.DEFAULTS, values);
    }

    private static ColumnInference infer(InferenceOptions options, String... values) {
        ColumnInferrer c = new ColumnInferrer(options);
        for (String v : values) {
            c.accept(v);
        }
        ColumnInference r = c.result(true);
        // whatever is inferred must be readable by the engine's parser with the inferred format
        if (r.confidence() == 1.0 && r.type() != DataType.TEXT) {
            for (String v : values) {
                if (v != null && !v.isBlank() && !options.nullTokens().contains(v.strip().toLowerCase(Locale.ROOT))) {
                    Values.parse(v, r.type(), r.format());
                }
            }
        }
        return r;
    }

    private static void assertType(DataType type, String format, ColumnInference r) {
        assertEquals(type, r.type(), () -> "inferred " + r);
        assertEquals(format, r.format(), () -> "inferred " + r);
    }

    @Test
    void integersAreIntegers() {
        ColumnInference r = infer("1", "-20", "+3", " 42 ", "9223372036854775807");
        assertType(DataType.INTEGER, null, r);
        assertEquals(1.0, r.confidence());
    }

    @Test
    void integersMixedWithFractionsAreDecimals() {
        assertType(DataType.DECIMAL, null, infer("1", "2.5", "-0.25", ".5", "1.5E-3"));
    }

    @Test
    void integersBeyondLongRangeAreDecimals() {
        assertType(DataType.DECIMAL, null, infer("1", "99999999999999999999"));
    }

    @Test
    void leadingZerosMakeCodesText() {
        assertType(DataType.TEXT, null, infer("00123", "00456", "01"));
        assertType(DataType.TEXT, null, infer("00.5", "01.25"));
        assertType(DataType.INTEGER, null, infer("0", "10", "-0"));
    }

    @Test
    void exponentWithoutFractionPointStaysText() {
        assertType(DataType.TEXT, null, infer("3E5", "12E4"));
    }

    @Test
    void booleanWordsAreBooleansButZeroOneColumnsAreIntegers() {
        assertType(DataType.BOOLEAN, null, infer("yes", "No", "TRUE", "f"));
        assertType(DataType.INTEGER, null, infer("0", "1", "1"));
        assertType(DataType.BOOLEAN, null, infer("0", "1", "yes"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2024-01-31|2024-12-01|",
            "31/12/2024|01/02/2024|dd/MM/yyyy",
            "12/31/2024|01/02/2024|MM/dd/yyyy",
            "31.12.2024|01.02.2024|dd.MM.yyyy",
            "2024/12/31|2024/01/02|yyyy/MM/dd",
            "31-12-2024|01-02-2024|dd-MM-yyyy",
            "1/2/2024|13/2/2024|d/M/yyyy",
            "2024-1-5|2024-12-31|yyyy-M-d",
            "20240131|19991231|yyyyMMdd"})
    void detectsDateFormats(String a, String b, String format) {
        assertType(DataType.DATE, format, infer(a, b));
    }

    @Test
    void ambiguousDayMonthOrderFollowsTheOption() {
        assertType(DataType.DATE, "dd/MM/yyyy", infer("01/02/2024", "03/04/2024"));
        assertType(DataType.DATE, "MM/dd/yyyy", infer(new InferenceOptions(0.98, 5, false), "01/02/2024", "03/04/2024"));
        // one value with a day above 12 decides against the option
        assertType(DataType.DATE, "dd/MM/yyyy", infer(new InferenceOptions(0.98, 5, false), "01/02/2024", "25/04/2024"));
    }

    @Test
    void eightDigitNumbersAreDatesOnlyWhenAllOfThemAre() {
        assertType(DataType.INTEGER, null, infer("20240131", "12345678"));
    }

    @Test
    void impossibleCalendarDatesAreNotDates() {
        assertType(DataType.TEXT, null, infer("2023-02-30", "2023-02-31"));
        assertType(DataType.DATE, null, infer("2024-02-29"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2024-01-31T10:15:30|2024-12-01 08:00|",
            "2024-01-31 10:15:30.123|2024-12-01T08:00:00.5|",
            "31/12/2024 23:59|01/02/2024 00:00|dd/MM/yyyy HH:mm",
            "31/12/2024 23:59:01|01/02/2024 00:00:00|dd/MM/yyyy HH:mm:ss",
            "31/12/2024 23:59|01/02/2024 10:00:05|dd/MM/yyyy HH:mm[:ss]",
            "31.12.2024 9:05|01.02.2024 10:00|dd.MM.yyyy H:mm",
            "12/31/2024 23:59:59.250|01/02/2024 00:00:00.000|MM/dd/yyyy HH:mm:ss.SSS",
            "2024-1-31 10:15|2024-12-01 08:00|yyyy-M-dd HH:mm"})
    void detectsTimestampFormats(String a, String b, String format) {
        assertType(DataType.TIMESTAMP, format, infer(a, b));
    }

    @Test
    void zonedTimestampsStayText() {
        assertType(DataType.TEXT, null, infer("2024-01-31T10:15:30Z", "2024-01-31T10:15:30+01:00"));
    }

    @Test
    void nullabilityComesFromNullsAndCompleteness() {
        ColumnInferrer c = new ColumnInferrer(InferenceOptions.DEFAULTS);
        c.accept("1");
        c.accept("2");
        assertFalse(c.result(true).nullable());
        assertTrue(c.result(false).nullable(), "a sample cannot prove the absence of nulls");
        c.accept(" ");
        c.accept(null);
        ColumnInference r = c.result(true);
        assertTrue(r.nullable());
        assertEquals(2, r.nulls());
        assertEquals(2, r.values());
    }

    @Test
    void aFewStrayValuesLowerConfidenceButKeepTheType() {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 99; i++) {
            values.add(String.valueOf(i));
        }
        values.add("n/a");
        ColumnInference r = infer(values.toArray(new String[0]));
        assertType(DataType.INTEGER, null, r);
        assertEquals(0.99, r.confidence(), 1e-9);
        assertEquals(List.of("n/a"), r.mismatches());
    }

    @Test
    void tooManyStrayValuesMakeText() {
        List<String> values = new ArrayList<>(Arrays.asList("1", "2", "3", "4", "5", "6", "7", "8"));
        values.add("nine");
        values.add("ten");
        ColumnInference r = infer(values.toArray(new String[0]));
        assertType(DataType.TEXT, null, r);
        assertEquals(1.0, r.confidence());
        assertEquals(List.of(), r.mismatches());
        assertNull(r.warning());
    }

    private static String[] dates(int count, String... outliers) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add(LocalDate.of(2024, 1, 1).plusDays(i).toString());
        }
        values.addAll(Arrays.asList(outliers));
        return values.toArray(new String[0]);
    }

    @Test
    void oneStrayValueInASmallSampleKeepsTheTypeAndIsReported() {
        ColumnInference r = infer("1", "2", "3", "4", "5", "6", "7", "8", "9", "ten");
        assertType(DataType.INTEGER, null, r);
        assertEquals(0.9, r.confidence(), 1e-9, "the confidence stays the plain share");
        assertEquals(1, r.outliers());
        assertEquals("1 of 10 values is not an integer: 'ten'", r.warning());
    }

    @Test
    void twoOutliersOfFortyDatesAreListedAndNullMarkersNamed() {
        ColumnInference r = infer(dates(38, "n/a", "unknown"));
        assertType(DataType.DATE, null, r);
        assertEquals(38.0 / 40, r.confidence(), 1e-9);
        assertEquals(List.of("n/a", "unknown"), r.mismatches());
        assertEquals("2 of 40 values are not dates: 'n/a', 'unknown'; 'n/a' looks like a null marker", r.warning());
    }

    @Test
    void warningNamesTheFormatAndElidesFurtherOutliers() {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= 196; i++) {
            values.add(String.format("%02d/%02d/2024", i % 28 + 1, i % 12 + 1));
        }
        values.addAll(List.of("?", "x", "y", "z"));
        ColumnInference r = infer(values.toArray(new String[0]));
        assertType(DataType.DATE, "dd/MM/yyyy", r);
        assertEquals("4 of 200 values are not dates (dd/MM/yyyy): '?', 'x', 'y', ...", r.warning());
    }

    @Test
    void outliersNeedEnoughFittingValues() {
        assertType(DataType.TEXT, null, infer(dates(2, "unknown")));
        assertType(DataType.TEXT, null, infer(dates(4, "unknown")));
        assertType(DataType.DATE, null, infer(dates(5, "unknown")));
    }

    @Test
    void smallSampleToleranceGrowsWithTheSample() {
        assertType(DataType.TEXT, null, infer(dates(16, "a", "b")));
        assertType(DataType.DATE, null, infer(dates(17, "a", "b")));
        assertType(DataType.TEXT, null, infer(dates(38, "a", "b", "c")));
        assertType(DataType.DATE, null, infer(dates(39, "a", "b", "c")));
    }

    @ParameterizedTest
    @CsvSource({
            "1, 1, true", "3, 2, false", "6, 5, true", "5, 4, false",
            "18, 16, false", "19, 17, true", "41, 38, false", "42, 39, true",
            "100, 97, true", "100, 96, false", "149, 146, true", "150, 146, false",
            // from 150 values on the share rule alone decides, as before
            "200, 196, true", "200, 195, false", "10000, 9800, true", "10000, 9799, false",
            "10, 0, false", "0, 0, false"})
    void acceptsByShareOrBySmallSampleTolerance(long values, long fits, boolean accepted) {
        assertEquals(accepted, InferenceOptions.DEFAULTS.accepts(values, fits));
    }

    @Test
    void fullConfidenceToleratesNoOutlier() {
        InferenceOptions strict = new InferenceOptions(1.0, 5, true);
        assertFalse(strict.accepts(10, 9));
        assertFalse(strict.accepts(100_000, 99_999));
        assertTrue(strict.accepts(3, 3));
        assertType(DataType.TEXT, null, infer(strict, "1", "2", "3", "4", "5", "6", "7", "8", "9", "ten"));
    }

    @Test
    void largeSamplesKeepTheShareRule() {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 980; i++) {
            values.add(String.valueOf(i));
        }
        for (int i = 0; i < 20; i++) {
            values.add("x" + i);
        }
        ColumnInference r = infer(values.toArray(new String[0]));
        assertType(DataType.INTEGER, null, r);
        assertEquals("20 of 1000 values are not integers: 'x0', 'x1', 'x2', ...", r.warning());
        values.set(0, "x20");
        assertType(DataType.TEXT, null, infer(values.toArray(new String[0])));
    }

    @Test
    void compactDatesStillNeedEveryValue() {
        ColumnInference r = infer("20240101", "20240102", "20240103", "20240104", "20240105", "20240106",
                "20240107", "20240108", "20240109", "n/a");
        assertType(DataType.INTEGER, null, r);
        assertEquals("1 of 10 values is not an integer: 'n/a'; 'n/a' looks like a null marker", r.warning());
    }

    @Test
    void nullTokensCountAsNullsWhenTheOptionsSaySo() {
        String[] values = {"1", "2", "N/A", "null", " - ", "NA", "3", "4", "5", "6"};
        ColumnInference plain = infer(values);
        assertType(DataType.TEXT, null, plain);
        assertEquals(0, plain.nulls());

        ColumnInference r = infer(InferenceOptions.DEFAULTS.withNullTokens(InferenceOptions.COMMON_NULL_TOKENS), values);
        assertType(DataType.INTEGER, null, r);
        assertEquals(1.0, r.confidence());
        assertEquals(4, r.nulls());
        assertEquals(6, r.values());
        assertTrue(r.nullable());
        assertNull(r.warning());
    }

    @Test
    void nullTokensAreStrippedAndCaseInsensitive() {
        InferenceOptions o = InferenceOptions.DEFAULTS.withNullTokens(Set.of(" NULL ", "", "Missing"));
        assertEquals(Set.of("null", "missing"), o.nullTokens());
        assertEquals(Set.of(), InferenceOptions.DEFAULTS.nullTokens());
        ColumnInference r = infer(o, "MISSING", "2024-01-01", "Null");
        assertType(DataType.DATE, null, r);
        assertEquals(2, r.nulls());
        assertEquals(List.of("2024-01-01"), r.samples());
    }

    @Test
    void keepsDistinctSamplesInOrderOfAppearance() {
        ColumnInference r = infer(new InferenceOptions(0.98, 3, true), "b", "a", "b", null, "c", "d");
        assertEquals(List.of("b", "a", "c"), r.samples());
    }

    @Test
    void columnWithoutValuesIsNullableTextWithZeroConfidence() {
        ColumnInference r = infer(new String[] {null, "", "  "});
        assertType(DataType.TEXT, null, r);
        assertTrue(r.nullable());
        assertEquals(0.0, r.confidence());
    }

    @Test
    void acceptsValuesTypedBySources() {
        ColumnInferrer c = new ColumnInferrer(InferenceOptions.DEFAULTS);
        c.acceptValue(1L);
        c.acceptValue(2.0);
        c.acceptValue(new BigDecimal("3.00"));
        assertEquals(DataType.INTEGER, c.result(true).type());
        c.acceptValue(2.5);
        assertEquals(DataType.DECIMAL, c.result(true).type());

        ColumnInferrer d = new ColumnInferrer(InferenceOptions.DEFAULTS);
        d.acceptValue(LocalDate.of(2024, 1, 1));
        d.acceptValue("2024-02-03");
        assertType(DataType.DATE, null, d.result(true));

        ColumnInferrer t = new ColumnInferrer(InferenceOptions.DEFAULTS);
        t.acceptValue(LocalDateTime.of(2024, 1, 1, 10, 0));
        assertType(DataType.TIMESTAMP, null, t.result(true));

        ColumnInferrer b = new ColumnInferrer(InferenceOptions.DEFAULTS);
        b.acceptValue(Boolean.TRUE);
        b.acceptValue(null);
        assertEquals(DataType.BOOLEAN, b.result(true).type());
        assertNull(b.result(true).format());
    }
}
