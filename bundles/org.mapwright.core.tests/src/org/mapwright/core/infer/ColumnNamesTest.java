package org.mapwright.core.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class ColumnNamesTest {

    @Test
    void trimsAndFillsBlankNamesByPosition() {
        assertEquals(List.of("id", "column_2", "column_3"), ColumnNames.normalize(Arrays.asList(" id ", "", null)));
    }

    @Test
    void suffixesRepeatedNamesCaseInsensitivelyWithoutCollidingWithExistingNames() {
        assertEquals(List.of("a", "a_3", "a_2", "A_4"), ColumnNames.normalize(List.of("a", "a", "a_2", "A")));
    }
}
