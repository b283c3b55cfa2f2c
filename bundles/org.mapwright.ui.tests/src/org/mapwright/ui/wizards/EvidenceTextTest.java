package org.mapwright.ui.wizards;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mapwright.core.connector.FieldEvidence;

class EvidenceTextTest {

    private static final FieldEvidence CLEAN = new FieldEvidence("f_a", 40, 0, 1.0, List.of("1"));
    private static final FieldEvidence STRAY = new FieldEvidence("f_b", 40, 0, 0.95, List.of("01/03/2024"),
            "2 of 40 values are not dates (dd/MM/yyyy): 'n/a', 'unknown'", List.of("n/a", "unknown"));

    @Test
    void marksOnlyTheConfidenceOfAFieldThatKeptItsTypeDespiteStrayValues() {
        assertEquals("100%", EvidenceText.confidence(CLEAN));
        assertEquals("95% \u26a0", EvidenceText.confidence(STRAY));
        assertEquals("", EvidenceText.confidence(null), "no sample, no confidence");
    }

    @Test
    void countsTheMarkedFieldsForThePageLine() {
        assertEquals("", EvidenceText.strayValues(Arrays.asList(CLEAN, null)));
        assertEquals(" 1 field keeps its type despite a few values that do not fit (\u26a0: hover the confidence).",
                EvidenceText.strayValues(List.of(CLEAN, STRAY)));
        assertEquals(" 2 fields keep their type despite a few values that do not fit (\u26a0: hover the confidence).",
                EvidenceText.strayValues(List.of(STRAY, STRAY)));
    }
}
