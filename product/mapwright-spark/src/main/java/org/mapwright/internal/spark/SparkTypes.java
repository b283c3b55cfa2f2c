package org.mapwright.internal.spark;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;

/**
 * How Mapwright values are held in Spark columns. Decimals are exact and keep their scale in
 * Mapwright ({@code 10.50 * 2} is {@code 21.00}), which Spark's fixed-scale decimal type cannot do,
 * so a decimal travels as the text of {@link java.math.BigDecimal#toString()} (which gives the
 * same BigDecimal back, scale included) and its arithmetic runs on BigDecimal. Untyped values are
 * their text. Nested records are structs with the children named {@code c0, c1, ...}; repeated
 * fields are arrays.
 */
public final class SparkTypes {

    private SparkTypes() {
    }

    /** @return the Spark type of one value of a scalar Mapwright type */
    public static org.apache.spark.sql.types.DataType scalar(DataType type) {
        switch (type) {
            case INTEGER:
                return DataTypes.LongType;
            case BOOLEAN:
                return DataTypes.BooleanType;
            case DATE:
                return DataTypes.DateType;
            case TIMESTAMP:
                return DataTypes.TimestampNTZType;
            case TEXT: case DECIMAL: case ANY:
                return DataTypes.StringType;
            default:
                throw new IllegalArgumentException("no scalar Spark type for " + type.id());
        }
    }

    /** @return the Spark type of a field's values: struct for a record, array when repeated */
    public static org.apache.spark.sql.types.DataType of(Field f) {
        org.apache.spark.sql.types.DataType one = f.isRecord() ? struct(f.children()) : scalar(f.type());
        return f.repeated() ? DataTypes.createArrayType(one, true) : one;
    }

    /** @return a struct of the fields, named {@link #child(int)} */
    public static StructType struct(List<Field> fields) {
        List<StructField> out = new ArrayList<>(fields.size());
        for (int i = 0; i < fields.size(); i++) {
            out.add(DataTypes.createStructField(child(i), of(fields.get(i)), true));
        }
        return DataTypes.createStructType(out);
    }

    /** @return the name of the i-th child of a record struct */
    public static String child(int i) {
        return "c" + i;
    }
}
