package org.mapwright.internal.spark;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;

/**
 * The local engine's coercion of source text into field types ({@code Values.parse} with the
 * field's format), as columns: the value, and the reason when the text does not fit (the same
 * words as the local rejects). Common cases are native; decimals and date patterns use
 * {@link ParseUdf}, which is Values.parse itself.
 */
final class Coercions {

    /** A coerced value and the reason it failed (null when it cannot fail). */
    record Coerced(Column value, Column reason) {
    }

    private Coercions() {
    }

    /** @return the coercion of a raw column (text, or for JSON records a struct of raw children) */
    static Coerced of(Column raw, Field f) {
        if (f.repeated()) {
            Field element = f.withRepeated(false);
            Column values = functions.transform(raw, e -> of(e, element).value());
            if (!canFail(element)) {
                return new Coerced(values, null);
            }
            Column reasons = functions.filter(functions.transform(raw, e -> of(e, element).reason()), r -> r.isNotNull());
            return new Coerced(values, when(functions.size(reasons).gt(0), functions.element_at(reasons, 1)));
        }
        if (f.isRecord()) {
            List<Column> children = new ArrayList<>();
            List<Column> reasons = new ArrayList<>();
            for (int i = 0; i < f.children().size(); i++) {
                Coerced c = of(raw.getField(SparkTypes.child(i)), f.children().get(i));
                children.add(c.value().as(SparkTypes.child(i)));
                if (c.reason() != null) {
                    reasons.add(c.reason());
                }
            }
            Column value = when(raw.isNotNull(), functions.struct(children.toArray(new Column[0])));
            Column reason = reasons.isEmpty() ? null : when(raw.isNotNull(), functions.coalesce(reasons.toArray(new Column[0])));
            return new Coerced(value, reason);
        }
        return scalar(raw, f.type(), f.format());
    }

    /** @return whether coercing values of the field can fail (anything but text, recursively) */
    static boolean canFail(Field f) {
        if (f.isRecord()) {
            for (Field c : f.children()) {
                if (canFail(c)) {
                    return true;
                }
            }
            return false;
        }
        return f.type() != DataType.TEXT && f.type() != DataType.ANY;
    }

    /** @return text parsed as a scalar type like {@code Values.parse(text, type, format)} */
    static Coerced scalar(Column text, DataType type, String format) {
        Column t = Cols.javaTrim(text);
        Column blank = t.equalTo("");
        switch (type) {
            case TEXT: case ANY:
                return new Coerced(text, null);
            case INTEGER: {
                Column digits = functions.regexp_replace(t, "^\\+", "");
                Column value = when(blank, lit(null)).when(t.rlike("^\\+?[+-]?[0-9]{1,19}\\z"), digits.cast(DataTypes.LongType));
                Column bad = text.isNotNull().and(not(blank)).and(value.isNull());
                return new Coerced(value.cast(DataTypes.LongType), when(bad, concat(Cols.quoted(text), lit(" is not an integer"))));
            }
            case BOOLEAN: {
                Column w = lower(t);
                Column value = when(w.isin("true", "yes", "y", "1", "t"), lit(true)).when(w.isin("false", "no", "n", "0", "f"), lit(false));
                Column bad = text.isNotNull().and(not(blank)).and(value.isNull());
                return new Coerced(value, when(bad, concat(Cols.quoted(text), lit(" is not a boolean (true/false, yes/no, 1/0)"))));
            }
            case DATE:
                if (format == null) {
                    Column value = when(t.rlike("^[0-9]{4}-[0-9]{2}-[0-9]{2}\\z"), functions.to_date(t, "yyyy-MM-dd"));
                    Column bad = text.isNotNull().and(not(blank)).and(value.isNull());
                    return new Coerced(value, when(bad, concat(Cols.quoted(text), lit(" is not a date (yyyy-MM-dd)"))));
                }
                return parsed(text, type, format);
            case TIMESTAMP:
                if (format == null) {
                    // Values' lenient ISO form: 'T' and/or a space, seconds and fraction optional
                    Column iso = t.rlike("^[0-9]{4}-[0-9]{2}-[0-9]{2}T? ?[0-9]{2}:[0-9]{2}(:[0-9]{2})?(\\.[0-9]{0,9})?\\z");
                    Column canonical = functions.regexp_replace(t,
                            "^([0-9]{4}-[0-9]{2}-[0-9]{2})T? ?([0-9]{2}:[0-9]{2})(:[0-9]{2})?\\.?([0-9]*)\\z", "$1 $2$3.$40");
                    Column withSeconds = functions.regexp_replace(canonical, "^(.{16})\\.", "$1:00.");
                    Column value = when(iso, withSeconds.cast(DataTypes.TimestampNTZType));
                    Column bad = text.isNotNull().and(not(blank)).and(value.isNull());
                    return new Coerced(value, when(bad, concat(Cols.quoted(text), lit(" is not a timestamp (yyyy-MM-ddTHH:mm:ss)"))));
                }
                return parsed(text, type, format);
            case DECIMAL:
                return parsed(text, type, format);
            default:
                throw new IllegalArgumentException("cannot coerce text to " + type.id());
        }
    }

    private static Coerced parsed(Column text, DataType type, String format) {
        Column p = Udfs.parse(text, type, format);
        return new Coerced(p.getField("v"), p.getField("e"));
    }
}
