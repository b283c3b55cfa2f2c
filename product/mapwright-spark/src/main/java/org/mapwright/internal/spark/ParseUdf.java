package org.mapwright.internal.spark;

import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mapwright.core.DataType;
import org.mapwright.core.value.Values;

/**
 * Parses text as a type exactly like the local engine ({@link Values#parse}): source values whose
 * rules Spark's casts do not share (decimals with their scale, date patterns) and untyped values.
 * The result is a struct of the value ({@code v}) and the reason it is not one ({@code e}).
 */
final class ParseUdf implements UDF1<String, Row> {

    private static final long serialVersionUID = 1L;

    private final DataType type;
    private final String format;

    ParseUdf(DataType type, String format) {
        this.type = type;
        this.format = format;
    }

    StructType resultType() {
        return DataTypes.createStructType(List.of(DataTypes.createStructField("v", SparkTypes.scalar(type), true),
                DataTypes.createStructField("e", DataTypes.StringType, true)));
    }

    @Override
    public Row call(String text) {
        try {
            return RowFactory.create(SparkValues.toSpark(Values.parse(text, type, format), type), null);
        } catch (IllegalArgumentException e) {
            return RowFactory.create(null, e.getMessage());
        }
    }
}
