package org.mapwright.internal.connector.excel;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;

import org.apache.poi.ss.usermodel.DateUtil;
import org.mapwright.core.DataType;
import org.mapwright.core.value.Values;

/**
 * Turns a cell into a record value for a field type: the type's Java class when the cell holds
 * it natively, otherwise the cell's canonical text, which the engine parses with the field's
 * type and format (so {@code "42"} in a text cell still becomes an integer, and {@code 1.5} in
 * an integer column is rejected with the engine's message).
 *
 * <ul>
 * <li>INTEGER: integral numbers within a long;</li>
 * <li>DECIMAL: numbers;</li>
 * <li>BOOLEAN: booleans;</li>
 * <li>DATE: date cells; the date part of date-time cells; plain numbers as date serials;</li>
 * <li>TIMESTAMP: date-time cells; date cells at midnight; plain numbers as date serials; ISO
 * date text at midnight when the field has no format;</li>
 * <li>TEXT: text as is, other cells in canonical form (numbers in plain notation, dates ISO);</li>
 * <li>ANY: the cell's own value, integral numbers within a long as Long.</li>
 * </ul>
 */
public final class CellConverter {

    private final DataType type;
    private final boolean date1904;
    private final boolean isoText;

    /**
     * @param format   the field's date/time format, or null for ISO
     * @param date1904 the workbook's date system, for numbers read as dates
     */
    public CellConverter(DataType type, String format, boolean date1904) {
        this.type = type;
        this.date1904 = date1904;
        this.isoText = format == null;
    }

    /** @param cell a non-error cell of {@link SheetRow} */
    public Object convert(Object cell) {
        if (cell == null) {
            return null;
        }
        switch (type) {
            case TEXT:
                return cell instanceof String ? cell : Values.format(cell);
            case INTEGER:
                if (cell instanceof BigDecimal d) {
                    Long l = CellValues.asLong(d);
                    return l != null ? l : d.toPlainString();
                }
                return Values.format(cell);
            case DECIMAL:
                return cell instanceof BigDecimal ? cell : Values.format(cell);
            case BOOLEAN:
                return cell instanceof Boolean ? cell : Values.format(cell);
            case DATE:
                if (cell instanceof LocalDate) {
                    return cell;
                }
                if (cell instanceof LocalDateTime t) {
                    return t.toLocalDate();
                }
                if (cell instanceof BigDecimal d) {
                    LocalDateTime t = serial(d);
                    return t != null ? t.toLocalDate() : d.toPlainString();
                }
                return Values.format(cell);
            case TIMESTAMP:
                if (cell instanceof LocalDateTime) {
                    return cell;
                }
                if (cell instanceof LocalDate d) {
                    return d.atStartOfDay();
                }
                if (cell instanceof BigDecimal d) {
                    LocalDateTime t = serial(d);
                    return t != null ? t : d.toPlainString();
                }
                if (isoText && cell instanceof String s && s.length() == 10) {
                    try {
                        return LocalDate.parse(s).atStartOfDay();
                    } catch (DateTimeParseException e) {
                        return s;
                    }
                }
                return Values.format(cell);
            case ANY:
                if (cell instanceof BigDecimal d) {
                    Long l = CellValues.asLong(d);
                    return l != null ? l : d;
                }
                return cell;
            default:
                return Values.format(cell);
        }
    }

    private LocalDateTime serial(BigDecimal d) {
        return DateUtil.getLocalDateTime(d.doubleValue(), date1904, false);
    }
}
