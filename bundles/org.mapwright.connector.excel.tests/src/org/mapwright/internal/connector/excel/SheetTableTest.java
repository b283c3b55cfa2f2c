package org.mapwright.internal.connector.excel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mapwright.core.Settings;
import org.mapwright.core.connector.DataException;

class SheetTableTest {

    private static SheetRow row(int number, Object... cells) {
        return new SheetRow(number, cells);
    }

    private static SheetTable.Layout detect(Settings settings, SheetRow... rows) throws DataException {
        return SheetTable.detect(List.of(rows), SourceOptions.parse(settings.with("path", "x.xlsx")), "x.xlsx", "S");
    }

    private static final BigDecimal ONE = BigDecimal.ONE;

    @Test
    void findsHeaderBelowTitleRows() throws DataException {
        SheetTable.Layout l = detect(Settings.empty(), row(1, "Title"), row(3, "a", "b", "c"), row(4, ONE, ONE, ONE));
        assertEquals(new SheetTable.Layout(true, 3, 4), l);
    }

    @Test
    void twoColumnTableStillSkipsOneCellTitle() throws DataException {
        assertEquals(new SheetTable.Layout(true, 2, 3), detect(Settings.empty(), row(1, "Title"), row(2, "a", "b"), row(3, ONE, ONE)));
    }

    @Test
    void firstRowSettingSearchesTheHeaderAboveIt() throws DataException {
        Settings s = Settings.empty().with("firstRow", 4L);
        assertEquals(new SheetTable.Layout(true, 1, 4),
                detect(s, row(1, "a", "b"), row(2, null, "kg"), row(4, ONE, ONE)));
        assertEquals(new SheetTable.Layout(false, 0, 2), detect(Settings.empty().with("firstRow", 2L), row(2, ONE, ONE)));
        DataException e = assertThrows(DataException.class,
                () -> detect(Settings.empty().with("firstRow", 2L).with("header", true), row(2, ONE, ONE)));
        assertEquals("sheet 'S' has no header row above row 2 (setting 'firstRow'); set 'headerRow'", e.reason());
    }

    @Test
    void headerFalseStartsAtTheTable() throws DataException {
        assertEquals(new SheetTable.Layout(false, 0, 2),
                detect(Settings.empty().with("header", false), row(1, "Title"), row(2, "a", "b"), row(3, "c", "d")));
    }

    @Test
    void allTextTableWithRepeatedValueBelowHasNoHeader() throws DataException {
        assertEquals(new SheetTable.Layout(false, 0, 1), detect(Settings.empty(), row(1, "x", "y"), row(2, "x", "z")));
    }

    @Test
    void emptySheetHasNoRows() throws DataException {
        assertEquals(new SheetTable.Layout(false, 0, 1), detect(Settings.empty()));
    }

    @Test
    void contradictorySettingsAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> SourceOptions.parse(Settings.empty().with("path", "x").with("header", false).with("headerRow", 2L)));
        assertThrows(IllegalArgumentException.class,
                () -> SourceOptions.parse(Settings.empty().with("path", "x").with("headerRow", 3L).with("firstRow", 2L)));
    }

    @Test
    void mergeFillingRepeatsTopLeftValueOverTheRegion() throws DataException, java.io.IOException {
        List<SheetRow> rows = List.of(row(1, "a", null, null), row(2, null, "x"), row(5, "z"));
        Iterator<SheetRow> it = rows.iterator();
        SheetRowSource source = new SheetRowSource() {
            @Override
            public SheetRow next() {
                return it.hasNext() ? it.next() : null;
            }

            @Override
            public void close() {
            }
        };
        List<MergedRegion> regions = List.of(MergedRegion.parse("A1:C1"), MergedRegion.parse("B2:B3"));
        List<SheetRow> out = new ArrayList<>();
        try (MergeFillingSource fill = new MergeFillingSource(source, regions)) {
            SheetRow r;
            while ((r = fill.next()) != null) {
                out.add(r);
            }
        }
        assertEquals(List.of(1, 2, 3, 5), out.stream().map(SheetRow::rowNumber).toList());
        assertArrayEquals(new Object[] {"a", "a", "a"}, out.get(0).cells());
        assertArrayEquals(new Object[] {null, "x"}, out.get(2).cells());
        assertArrayEquals(new Object[] {"z"}, out.get(3).cells());
    }
}
