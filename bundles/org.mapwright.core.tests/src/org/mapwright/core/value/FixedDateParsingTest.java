package org.mapwright.core.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mapwright.core.DataType;

class FixedDateParsingTest {

    private static final List<String> PATTERNS = List.of("yyyy-MM-dd", "dd/MM/yyyy", "MM/dd/yyyy", "dd.MM.yyyy");

    @Test
    void readsEachFixedPatternDirectly() {
        LocalDate d = LocalDate.of(2024, 2, 29);
        assertEquals(d, Values.parseFixedDate("2024-02-29", "yyyy-MM-dd"));
        assertEquals(d, Values.parseFixedDate("29/02/2024", "dd/MM/yyyy"));
        assertEquals(d, Values.parseFixedDate("02/29/2024", "MM/dd/yyyy"));
        assertEquals(d, Values.parseFixedDate("29.02.2024", "dd.MM.yyyy"));
        assertEquals(LocalDate.of(0, 1, 1), Values.parseFixedDate("0000-01-01", "yyyy-MM-dd"));
    }

    @Test
    void leavesImpossibleDatesNonDigitsAndOtherPatternsToTheFormatter() {
        assertNull(Values.parseFixedDate("31/02/1990", "dd/MM/yyyy"));
        assertNull(Values.parseFixedDate("2023-02-29", "yyyy-MM-dd"));
        assertNull(Values.parseFixedDate("2023-13-01", "yyyy-MM-dd"));
        assertNull(Values.parseFixedDate("2023-00-10", "yyyy-MM-dd"));
        assertNull(Values.parseFixedDate("00/01/2023", "dd/MM/yyyy"));
        assertNull(Values.parseFixedDate("2023-1a-01", "yyyy-MM-dd"));
        assertNull(Values.parseFixedDate("2023-\u0661\u0662-01", "yyyy-MM-dd"));
        assertNull(Values.parseFixedDate("2023/01/01", "yyyy-MM-dd"));
        assertNull(Values.parseFixedDate("01-01-2023", "dd/MM/yyyy"));
        assertNull(Values.parseFixedDate("+2023-01-01", "yyyy-MM-dd"));
        assertNull(Values.parseFixedDate("2023-1-01", "yyyy-MM-dd"));
        assertNull(Values.parseFixedDate("01-01-2023", "dd-MM-yyyy"));
    }

    @Test
    void impossibleDatesKeepTheirErrorMessages() {
        var e = assertThrows(IllegalArgumentException.class, () -> Values.parse("31/02/1990", DataType.DATE, "dd/MM/yyyy"));
        assertEquals("'31/02/1990' is not a date in format dd/MM/yyyy", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Values.parse("2023-02-29", DataType.DATE, null));
        assertEquals("'2023-02-29' is not a date (yyyy-MM-dd)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Values.parse("2023-0x-01", DataType.DATE, null));
        assertEquals("'2023-0x-01' is not a date (yyyy-MM-dd)", e.getMessage());
        assertEquals(LocalDate.of(2024, 3, 1), Values.parse(" 01.03.2024 ", DataType.DATE, "dd.MM.yyyy"));
    }

    @Test
    void agreesWithTheStrictFormatterOnValidAndInvalidDates() {
        String[] years = {"0000", "1900", "2000", "2023", "2024", "9999"};
        for (String pattern : PATTERNS) {
            DateTimeFormatter f = Values.formatter(pattern);
            for (String y : years) {
                for (int m = 0; m <= 13; m++) {
                    for (int d = 0; d <= 32; d++) {
                        String mm = String.format("%02d", m);
                        String dd = String.format("%02d", d);
                        String text = pattern.replace("yyyy", y).replace("MM", mm).replace("dd", dd);
                        LocalDate expected;
                        try {
                            expected = LocalDate.parse(text, f);
                        } catch (DateTimeParseException e) {
                            expected = null;
                        }
                        assertEquals(expected, Values.parseFixedDate(text, pattern), pattern + " " + text);
                    }
                }
            }
        }
    }
}
