package org.mapwright.connector.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.Schema;
import org.mapwright.core.Settings;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.DataException;
import org.mapwright.core.connector.InspectOptions;
import org.mapwright.core.connector.Inspection;
import org.mapwright.core.connector.ProgressMonitor;
import org.mapwright.core.connector.RecordReader;
import org.mapwright.core.connector.RecordWriter;
import org.mapwright.core.value.Values;

/** Writes a value of every data type through the target connector and reads it back through the source. */
final class TypeRoundTrip {

    static final Schema SCHEMA = Schema.of(List.of(Field.of("t", "text", DataType.TEXT), Field.of("i", "integer", DataType.INTEGER),
            Field.of("d", "decimal", DataType.DECIMAL), Field.of("b", "boolean", DataType.BOOLEAN), Field.of("dt", "date", DataType.DATE),
            Field.of("ts", "timestamp", DataType.TIMESTAMP), Field.of("a", "any", DataType.ANY)));

    private TypeRoundTrip() {
    }

    /**
     * @param settings connection settings with {@code table} set to a table that does not exist yet
     * @param nanos    whether the database keeps nanoseconds (H2) or only microseconds (PostgreSQL)
     */
    static void check(JdbcConnector source, JdbcTargetConnector target, ConnectorContext context, Settings settings, boolean nanos)
            throws Exception {
        List<Object[]> rows = List.of(
                new Object[] { "plain", 1L, new BigDecimal("12.345"), true, LocalDate.of(2024, 2, 29),
                        LocalDateTime.of(2024, 2, 29, 13, 14, 15, nanos ? 123_456_789 : 123_456_000), 42L },
                new Object[] { "Zürich ✓ 東京 \"quoted\" 'single'; --", Long.MAX_VALUE, new BigDecimal("-98765432109876543210.0123456789"), false,
                        LocalDate.of(1899, 12, 31), LocalDateTime.of(1970, 1, 1, 0, 0), "any text" },
                new Object[] { "", Long.MIN_VALUE, BigDecimal.ZERO, false, LocalDate.of(9999, 12, 31), LocalDateTime.of(2038, 1, 19, 3, 14, 8),
                        new BigDecimal("1.50") },
                new Object[] { null, null, null, null, null, null, null });
        try (RecordWriter writer = target.open(context, settings, SCHEMA)) {
            for (Object[] row : rows) {
                writer.write(row);
            }
            writer.commit();
        }

        Inspection inspection = source.inspect(context, settings, InspectOptions.DEFAULTS, ProgressMonitor.NONE);
        assertEquals(List.of(DataType.TEXT, DataType.INTEGER, DataType.DECIMAL, DataType.BOOLEAN, DataType.DATE, DataType.TIMESTAMP, DataType.TEXT),
                inspection.schema().fields().stream().map(Field::type).toList());
        assertEquals(List.of("text", "integer", "decimal", "boolean", "date", "timestamp", "any"),
                inspection.schema().fields().stream().map(Field::name).toList());

        List<Object[]> read;
        try (RecordReader reader = source.open(context, settings.with("query", null), inspection.schema())) {
            read = JdbcFixtures.readAll(reader);
        }
        read.sort((x, y) -> x[1] == null ? 1 : y[1] == null ? -1 : Long.compare(rank((Long) x[1]), rank((Long) y[1])));
        assertEquals(rows.size(), read.size());
        for (int r = 0; r < rows.size(); r++) {
            Object[] expected = rows.get(r);
            Object[] actual = read.get(r);
            for (int c = 0; c < expected.length; c++) {
                Object want = c == 6 && expected[c] != null ? Values.format(expected[c]) : expected[c];
                if (want instanceof BigDecimal d) {
                    assertInstanceOf(BigDecimal.class, actual[c]);
                    assertEquals(0, d.compareTo((BigDecimal) actual[c]), "row " + r + " column " + c + ": " + actual[c]);
                } else if (want == null) {
                    assertNull(actual[c], "row " + r + " column " + c);
                } else {
                    assertEquals(want, actual[c], "row " + r + " column " + c);
                    assertEquals(want.getClass(), actual[c].getClass());
                }
            }
        }

        Schema nested = Schema.of(List.of(new Field("r", "address", DataType.RECORD, true, false, null, false,
                List.of(Field.of("c", "city", DataType.TEXT)))));
        DataException e = assertThrows(DataException.class, () -> target.open(context, settings.with("table", "never_created"), nested));
        assertTrue(e.reason().contains("field 'address' is a record"), e.reason());
    }

    /** Orders the test rows by their integer column: 1, MAX, MIN. */
    private static long rank(long v) {
        return v == 1 ? 0 : v == Long.MAX_VALUE ? 1 : 2;
    }
}
