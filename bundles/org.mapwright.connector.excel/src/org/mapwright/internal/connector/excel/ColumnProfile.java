package org.mapwright.internal.connector.excel;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.mapwright.core.DataType;
import org.mapwright.core.value.Values;

/**
 * Infers the type of one column from its cells.
 *
 * <p>Each cell has a kind: numbers are INTEGER when integral and within a long, else DECIMAL;
 * date cells DATE or TIMESTAMP; booleans BOOLEAN. Text cells are TEXT unless they spell another
 * kind exactly: an integer or decimal without leading zeros or plus sign ({@code 00123} stays
 * text, it is usually a code), {@code true}/{@code false}, an ISO date ({@code 1850-03-01}: Excel
 * cannot store dates before 1900 as dates, so such sheets hold them as text) or an ISO timestamp.
 * The column type is the common kind; INTEGER and DECIMAL widen to DECIMAL, DATE and TIMESTAMP
 * to TIMESTAMP, any other mix to TEXT. A column without values is TEXT. Error cells count as
 * blank.
 */
public final class ColumnProfile {

    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]{0,17})");
    private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]*)\\.[0-9]+");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?");

    private final int maxSamples;
    private final long[] counts = new long[DataType.values().length];
    private final Set<String> samples = new LinkedHashSet<>();
    private long nulls;
    private long textCells;
    private DataType type;

    public ColumnProfile(int maxSamples) {
        this.maxSamples = maxSamples;
    }

    /** Adds one cell (any value of {@link SheetRow}). */
    public void add(Object cell) {
        if (cell == null || cell instanceof CellError) {
            nulls++;
            return;
        }
        DataType kind = kindOf(cell);
        counts[kind.ordinal()]++;
        if (cell instanceof String) {
            textCells++;
        }
        type = type == null ? kind : widen(type, kind);
        if (samples.size() < maxSamples) {
            samples.add(Values.format(cell));
        }
    }

    /** Adds {@code n} blank cells (rows seen before this column had a value). */
    public void addNulls(long n) {
        nulls += n;
    }

    /** @return the inferred type */
    public DataType type() {
        return type == null ? DataType.TEXT : type;
    }

    public long nullCount() {
        return nulls;
    }

    /**
     * @return the share of values whose kind is the inferred type (or, for a widened type, one of
     *         its parts); for TEXT, the share of cells that really hold text
     */
    public double confidence() {
        long values = 0;
        for (long c : counts) {
            values += c;
        }
        if (values == 0) {
            return 1.0;
        }
        long fit;
        switch (type()) {
            case DECIMAL:
                fit = counts[DataType.DECIMAL.ordinal()] + counts[DataType.INTEGER.ordinal()];
                break;
            case TIMESTAMP:
                fit = counts[DataType.TIMESTAMP.ordinal()] + counts[DataType.DATE.ordinal()];
                break;
            case TEXT:
                fit = textCells;
                break;
            default:
                fit = counts[type().ordinal()];
        }
        return (double) fit / values;
    }

    public List<String> samples() {
        return new ArrayList<>(samples);
    }

    static DataType kindOf(Object cell) {
        if (cell instanceof BigDecimal d) {
            return CellValues.asLong(d) != null ? DataType.INTEGER : DataType.DECIMAL;
        }
        if (cell instanceof Boolean) {
            return DataType.BOOLEAN;
        }
        if (cell instanceof LocalDate) {
            return DataType.DATE;
        }
        if (cell instanceof LocalDateTime) {
            return DataType.TIMESTAMP;
        }
        return textKind(cell.toString().trim());
    }

    private static DataType textKind(String s) {
        if (s.isEmpty() || s.length() > 40) {
            return DataType.TEXT;
        }
        char c = s.charAt(0);
        if (c == '-' || (c >= '0' && c <= '9')) {
            if (INTEGER.matcher(s).matches()) {
                return DataType.INTEGER;
            }
            if (DECIMAL.matcher(s).matches()) {
                return DataType.DECIMAL;
            }
            if (parses(s, DATE, DataType.DATE)) {
                return DataType.DATE;
            }
            if (parses(s, TIMESTAMP, DataType.TIMESTAMP)) {
                return DataType.TIMESTAMP;
            }
            return DataType.TEXT;
        }
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return DataType.BOOLEAN;
        }
        return DataType.TEXT;
    }

    private static boolean parses(String s, Pattern shape, DataType type) {
        if (!shape.matcher(s).matches()) {
            return false;
        }
        try {
            Values.parse(s, type, null);
            return true;
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return false;
        }
    }

    static DataType widen(DataType a, DataType b) {
        if (a == b) {
            return a;
        }
        if (a.isNumeric() && b.isNumeric()) {
            return DataType.DECIMAL;
        }
        if ((a == DataType.DATE || a == DataType.TIMESTAMP) && (b == DataType.DATE || b == DataType.TIMESTAMP)) {
            return DataType.TIMESTAMP;
        }
        return DataType.TEXT;
    }
}
