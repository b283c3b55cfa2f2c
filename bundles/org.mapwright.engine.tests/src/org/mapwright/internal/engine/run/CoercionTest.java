package org.mapwright.internal.engine.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;

class CoercionTest {

    @Test
    void parsesTextWithTheFieldsTypeAndFormat() {
        assertEquals(LocalDate.of(2024, 3, 5), Coercion.of(Field.of("d", "d", DataType.DATE).withFormat("dd/MM/yyyy")).apply("05/03/2024"));
        assertEquals(12L, Coercion.of(Field.of("i", "i", DataType.INTEGER)).apply(" 12 "));
        assertNull(Coercion.of(Field.of("i", "i", DataType.INTEGER)).apply(""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Coercion.of(Field.of("i", "i", DataType.INTEGER)).apply("12x"));
        assertEquals("'12x' is not an integer", e.getMessage());
    }

    @Test
    void widensJavaTypesWithoutLosingInformation() {
        assertEquals(5L, Coercion.of(Field.of("i", "i", DataType.INTEGER)).apply(5));
        assertEquals(new BigDecimal("2.5"), Coercion.of(Field.of("d", "d", DataType.DECIMAL)).apply(2.5d));
        assertEquals(7L, Coercion.of(Field.of("i", "i", DataType.INTEGER)).apply(new BigDecimal("7.00")));
        assertThrows(IllegalArgumentException.class, () -> Coercion.of(Field.of("i", "i", DataType.INTEGER)).apply(new BigDecimal("7.5")));
        assertEquals("true", Coercion.of(Field.of("t", "t", DataType.TEXT)).apply(Boolean.TRUE));
        assertEquals(LocalDate.of(2024, 1, 1).atStartOfDay(), Coercion.of(Field.of("t", "t", DataType.TIMESTAMP)).apply(LocalDate.of(2024, 1, 1)));
    }

    @Test
    void coercesRecordChildrenAndListElements() {
        Field rec = new Field("r", "r", DataType.RECORD, true, false, null, false,
                List.of(Field.of("a", "a", DataType.INTEGER), Field.of("b", "b", DataType.TEXT)));
        assertArrayEquals(new Object[] {1L, "x"}, (Object[]) Coercion.of(rec).apply(new Object[] {"1", "x"}));
        assertEquals(List.of(1L, 2L), Coercion.of(Field.of("l", "l", DataType.INTEGER).withRepeated(true)).apply(List.of("1", 2)));
    }

    @Test
    void keysOfEqualNumbersAreEqual() {
        assertEquals(Keys.normalize(1L), Keys.normalize(new BigDecimal("1.00")));
        assertEquals(Keys.normalize(new BigDecimal("2.50")), Keys.normalize(new BigDecimal("2.5")));
        assertEquals(Keys.composite(new Object[] {1L, "a"}), Keys.composite(new Object[] {new BigDecimal("1.0"), "a"}));
        assertNull(Keys.composite(new Object[] {1L, null}));
        assertNotEquals(Keys.normalize("1"), Keys.normalize(1L));
    }
}
