package org.mapwright.internal.connector.excel;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.apache.poi.ss.usermodel.DateUtil;
import org.mapwright.core.value.Values;

/**
 * Turns stored cell content into the values of {@link SheetRow}.
 *
 * <p>Numbers: Excel computes with binary doubles but never shows more than 15 significant
 * digits, so a formula such as {@code =0.1+0.2} stores {@code 0.30000000000000004} yet displays
 * {@code 0.3}. Non-integral numbers are therefore rounded to 15 significant digits (the stored
 * decimal text of an .xlsx cell is used, not a double, so typed values stay exact); integral
 * numbers are kept exactly as stored. Integral numbers get scale 0, others carry no trailing
 * zeros, so equal numbers have equal representations.
 */
public final class CellValues {

    /** Excel's displayed precision. */
    private static final MathContext EXCEL_PRECISION = new MathContext(15, RoundingMode.HALF_EVEN);
    private static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private CellValues() {
    }

    /** @return the normalised number of a decimal text as stored in the sheet XML */
    public static BigDecimal number(String raw) throws NumberFormatException {
        return normalise(new BigDecimal(raw.trim()));
    }

    /** @return the normalised number of a double (finite) */
    public static BigDecimal number(double value) {
        return normalise(BigDecimal.valueOf(value));
    }

    private static BigDecimal normalise(BigDecimal exact) {
        if (exact.signum() == 0) {
            return BigDecimal.ZERO;
        }
        if (exact.scale() <= 0) {
            return exact.setScale(0);
        }
        BigDecimal d = exact.precision() > 15 ? exact.round(EXCEL_PRECISION) : exact;
        d = d.stripTrailingZeros();
        return d.scale() <= 0 ? d.setScale(0) : d;
    }

    /** @return whether a number from {@link #number} is integral */
    public static boolean isIntegral(BigDecimal normalised) {
        return normalised.scale() == 0;
    }

    /** @return the value as Long if it is integral and fits, else null */
    public static Long asLong(BigDecimal normalised) {
        if (normalised.scale() != 0 || normalised.unscaledValue().bitLength() > 63) {
            return null;
        }
        return normalised.longValueExact();
    }

    /**
     * Converts a date serial number of a date-formatted cell.
     *
     * @return a {@link LocalDate} when the format shows no time and the time is midnight, a
     *         {@link LocalDateTime} otherwise, the time of day as text ({@code HH:mm:ss}) for a
     *         time-only format, or null when the number is no valid Excel date (the caller keeps
     *         the number)
     */
    public static Object date(double serial, boolean date1904, DateFormat format) {
        LocalDateTime t = DateUtil.getLocalDateTime(serial, date1904, false);
        if (t == null) {
            return null;
        }
        if (format.timeOnly()) {
            return TIME_OF_DAY.format(t.toLocalTime());
        }
        if (!format.hasTime() && t.toLocalTime().equals(LocalTime.MIDNIGHT)) {
            return t.toLocalDate();
        }
        return t;
    }

    /** @return the text a header cell gives as column name */
    public static String headerText(Object cell) {
        if (cell == null || cell instanceof CellError) {
            return "";
        }
        return Values.format(cell).trim();
    }
}
