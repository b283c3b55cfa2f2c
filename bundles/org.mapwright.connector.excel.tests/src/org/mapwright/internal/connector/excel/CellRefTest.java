package org.mapwright.internal.connector.excel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CellRefTest {

    @ParameterizedTest
    @CsvSource({"0, A", "25, Z", "26, AA", "27, AB", "701, ZZ", "702, AAA", "16383, XFD"})
    void convertsBetweenIndexAndLetters(int index, String letters) {
        assertEquals(letters, CellRef.columnLetters(index));
        assertEquals(index, CellRef.columnIndex(letters + "12"));
    }

    @Test
    void parsesReferencesAndRanges() {
        assertEquals(12, CellRef.rowNumber("AB12"));
        assertEquals(-1, CellRef.rowNumber("AB"));
        assertEquals(-1, CellRef.columnIndex("12"));
        assertEquals("C5", CellRef.a1(2, 5));
        assertEquals(new MergedRegion(2, 4, 1, 3), MergedRegion.parse("B2:D4"));
        assertNull(MergedRegion.parse("B2"));
        assertNull(MergedRegion.parse("D4:B2"));
    }
}
