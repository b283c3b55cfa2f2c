package org.mapwright.internal.spark;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;

import org.mapwright.core.DataType;
import org.mapwright.core.value.Values;

/** Conversions between the values of Spark rows and Mapwright's Java values (see {@link SparkTypes}). */
public final class SparkValues {

    private SparkValues() {
    }

    /** @return the Mapwright value of a Spark value of a scalar column of this type */
    public static Object toMapwright(Object v, DataType type) {
        if (v == null) {
            return null;
        }
        switch (type) {
            case DECIMAL:
                return new BigDecimal((String) v);
            case DATE:
                return v instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) v;
            case TIMESTAMP:
                return v instanceof java.sql.Timestamp t ? t.toLocalDateTime() : (LocalDateTime) v;
            default:
                return v;
        }
    }

    /** @return the Spark value of a Mapwright value of this type */
    public static Object toSpark(Object v, DataType type) {
        if (v == null) {
            return null;
        }
        if (v instanceof BigDecimal d) {
            return type == DataType.TEXT || type == DataType.ANY ? Values.format(d) : d.toString();
        }
        if ((type == DataType.TEXT || type == DataType.ANY) && !(v instanceof String)) {
            return Values.format(v);
        }
        return v;
    }
}
