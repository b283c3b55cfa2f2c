package org.mapwright.core.value;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FormulaTextTest {

    @ParameterizedTest
    @ValueSource(strings = { "=SUM(A1:A9)", "+49 30 1234", "-", "+", "-cmd|' /C calc'!A0", "@SUM(1)", "\t-1", "\r=1", "-1+1",
            "-12.5.3", "-1e", "-e5", "-.", "-12,5", "-١٢", "+1.5E3x" })
    void defusesTextAFormulaCouldStartWith(String text) {
        assertEquals("'" + text, FormulaText.neutralize(text));
    }

    @ParameterizedTest
    @ValueSource(strings = { "-12.5", "+3", "-0.001", "-.5", "-5.", "+1.5E3", "-2e-7", "12.5", "a=b", "", " =1", "'=1", "x" })
    void leavesPlainNumbersAndOrdinaryTextAlone(String text) {
        assertEquals(text, FormulaText.neutralize(text));
    }
}
