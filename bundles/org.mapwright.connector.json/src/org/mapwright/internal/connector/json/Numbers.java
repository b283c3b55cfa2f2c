package org.mapwright.internal.connector.json;

import java.math.BigDecimal;
import org.mapwright.core.connector.Limits;

/** Conversion of JSON number literals with a guard against exponents that explode in plain form. */
final class Numbers {

    private Numbers() {
    }

    /**
     * Parses a JSON number literal. Rejects values whose plain notation would need more than
     * {@code maxDigits} digits (e.g. {@code 1e999999999}): every writer prints decimals in plain
     * notation, so such a value would exhaust memory downstream.
     *
     * @throws IllegalArgumentException with a reason a user can act on
     */
    static BigDecimal decimal(String literal, int maxDigits) {
        BigDecimal d;
        try {
            d = new BigDecimal(literal);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("number " + abbreviate(literal) + " is out of range");
        }
        long scale = d.scale();
        long integerDigits = d.precision() - scale;
        if (scale > maxDigits || integerDigits > maxDigits) {
            throw new IllegalArgumentException("number " + abbreviate(literal)
                    + " is out of range: written in full it would have more than " + maxDigits + " digits " + Limits.hit(Limits.MAX_NUMBER_CHARS));
        }
        return d;
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
