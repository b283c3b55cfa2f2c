package org.mapwright.core.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;
import org.mapwright.core.DataType;

class ValuesTest {

    @Test
    void formatsCanonically() {
        assertEquals("", Values.format(null));
        assertEquals("1000000", Values.format(new BigDecimal("1E+6")));
        assertEquals("2024-02-29", Values.format(LocalDate.of(2024, 2, 29)));
        assertEquals("2024-02-29T10:00:00", Values.format(LocalDateTime.of(2024, 2, 29, 10, 0)));
        assertEquals("2024-02-29T10:00:00.5", Values.format(LocalDateTime.of(2024, 2, 29, 10, 0, 0, 500_000_000)));
    }

    @Test
    void parsesEachTypeAndTreatsEmptyAsNull() {
        assertEquals(42L, Values.parse(" +42 ", DataType.INTEGER, null));
        assertEquals(new BigDecimal("3.50"), Values.parse("3.50", DataType.DECIMAL, null));
        assertEquals(Boolean.FALSE, Values.parse("No", DataType.BOOLEAN, null));
        assertEquals(LocalDate.of(1990, 12, 31), Values.parse("31/12/1990", DataType.DATE, "dd/MM/yyyy"));
        assertEquals(LocalDateTime.of(2024, 1, 2, 3, 4), Values.parse("2024-01-02 03:04", DataType.TIMESTAMP, null));
        assertNull(Values.parse("  ", DataType.INTEGER, null));
        assertEquals("  ", Values.parse("  ", DataType.TEXT, null));
    }

    @Test
    void explainsUnparseableText() {
        var e = assertThrows(IllegalArgumentException.class, () -> Values.parse("12x", DataType.INTEGER, null));
        assertEquals("'12x' is not an integer", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Values.parse("31/02/1990", DataType.DATE, "dd/MM/yyyy"));
        assertEquals("'31/02/1990' is not a date in format dd/MM/yyyy", e.getMessage(), "impossible dates are errors, never clamped");
        assertThrows(IllegalArgumentException.class, () -> Values.parse("2023-02-29T10:00", DataType.TIMESTAMP, null));
        assertThrows(IllegalArgumentException.class, () -> Values.parse("1e999999999", DataType.DECIMAL, null), "huge exponents are refused");
        e = assertThrows(IllegalArgumentException.class, () -> Values.parse("2024-13-01", DataType.DATE, null));
        assertEquals("'2024-13-01' is not a date (yyyy-MM-dd)", e.getMessage());
    }

    @Test
    void aPatternTheJdkFailsOnWithAnotherExceptionIsAnIllegalArgument() {
        for (String pattern : new String[] { "pyY", "puY", "yyyy-MM-dd pyY" }) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Values.formatter(pattern), pattern);
            assertTrue(e.getMessage().contains("cannot be combined"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Values.parse("2024", DataType.DATE, "pyY"));
    }
}
