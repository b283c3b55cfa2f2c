package org.mapwright.internal.spark;

import static org.apache.spark.sql.functions.udf;

import java.math.BigDecimal;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.mapwright.core.DataType;

/** The small Java functions Spark runs where it has no equivalent. */
final class Udfs {

    private Udfs() {
    }

    /** @return {@link BigDecimal#toPlainString()} of a decimal's text */
    static UserDefinedFunction plainDecimal() {
        return udf((UDF1<String, String>) s -> s == null ? null : new BigDecimal(s).toPlainString(), DataTypes.StringType);
    }

    /**
     * @return the hash form of a decimal, as the local engine's keys compare them ({@code 1},
     *         {@code 1.0} and {@code 1.00} are one key): plain text without trailing zeros
     */
    static UserDefinedFunction decimalKey() {
        return udf((UDF1<String, String>) s -> {
            if (s == null) {
                return null;
            }
            BigDecimal d = new BigDecimal(s);
            return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
        }, DataTypes.StringType);
    }

    /** @return the parse of text as a type ({@link ParseUdf}) applied to a column */
    static Column parse(Column text, DataType type, String format) {
        ParseUdf f = new ParseUdf(type, format);
        return udf(f, f.resultType()).apply(text);
    }
}
