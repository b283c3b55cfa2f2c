package org.mapwright.internal.spark;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;
import org.mapwright.core.DataType;

/**
 * Join, group and rule keys compared as the local engine compares them: numbers by value whatever
 * their type or scale ({@code 1}, {@code 1.0} and {@code 1.00} are one key), everything else by
 * equality of equal types. Null stays null (a null key never matches).
 */
final class Keys {

    private Keys() {
    }

    /**
     * @param own   the type of this side's values
     * @param other the type of the values they are compared with
     * @return a column whose equality is the local engine's key equality
     */
    static Column of(Column v, DataType own, DataType other) {
        boolean numeric = own.isNumeric() && other.isNumeric();
        if (own == DataType.DECIMAL || numeric && own != other) {
            return number(v, own);
        }
        if (own == DataType.ANY || other == DataType.ANY) {
            return Cols.text(v, own);
        }
        return v;
    }

    /** A key that matches values of any type: numbers by value, other values by type and value. */
    static Column tagged(Column v, DataType type) {
        if (type.isNumeric()) {
            return concat(lit("n:"), number(v, type));
        }
        return concat(lit(type.id() + ":"), Cols.text(v, type));
    }

    private static Column number(Column v, DataType type) {
        return type == DataType.INTEGER ? v.cast(DataTypes.StringType) : Udfs.decimalKey().apply(v);
    }
}
