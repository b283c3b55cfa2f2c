package org.mapwright.internal.connector.excel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CellValuesTest {

    @ParameterizedTest
    @CsvSource({
        "0.30000000000000004, 0.3",
        "0.1, 0.1",
        "42, 42",
        "4.2E1, 42",
        "1.0, 1",
        "-0, 0",
        "2.0000000000000004, 2",
        "123456789.123456789, 123456789.123457",
        "9007199254740993, 9007199254740993",
        "1E-7, 0.0000001"
    })
    void normalisesStoredNumbersToExcelPrecision(String raw, String expected) {
        BigDecimal n = CellValues.number(raw);
        assertEquals(new BigDecimal(expected), n);
        assertEquals(expected, n.toPlainString());
    }

    @Test
    void normalisesDoublesLikeText() {
        assertEquals(new BigDecimal("0.3"), CellValues.number(0.1 + 0.2));
        assertEquals(new BigDecimal("12"), CellValues.number(12.0));
        assertThrows(NumberFormatException.class, () -> CellValues.number("abc"));
    }

    @Test
    void convertsIntegralNumbersToLongOnlyWhenTheyFit() {
        assertEquals(42L, CellValues.asLong(CellValues.number("42")));
        assertNull(CellValues.asLong(CellValues.number("1.5")));
        assertNull(CellValues.asLong(CellValues.number("1E30")));
        assertTrue(CellValues.isIntegral(CellValues.number("1E30")));
        assertFalse(CellValues.isIntegral(CellValues.number("0.5")));
    }

    @Test
    void convertsDateSerialsByFormatAndDateSystem() {
        DateFormat date = DateFormat.of(14, "m/d/yy");
        DateFormat dateTime = DateFormat.of(22, "m/d/yy h:mm");
        assertEquals(LocalDate.of(2024, 3, 15), CellValues.date(45366, false, date));
        assertEquals(LocalDate.of(2028, 3, 16), CellValues.date(45366, true, date));
        assertEquals(LocalDateTime.of(2024, 3, 15, 12, 0), CellValues.date(45366.5, false, date), "time part is kept");
        assertEquals(LocalDateTime.of(2024, 3, 15, 0, 0), CellValues.date(45366, false, dateTime), "format shows a time");
        assertEquals("06:00:00", CellValues.date(0.25, false, DateFormat.of(164, "hh:mm")));
        assertNull(CellValues.date(-5, false, date));
    }
}
