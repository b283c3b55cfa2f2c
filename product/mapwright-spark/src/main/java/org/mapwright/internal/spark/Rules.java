package org.mapwright.internal.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.Project;
import org.mapwright.core.RuleDef;
import org.mapwright.core.Schema;
import org.mapwright.core.SourceDef;
import org.mapwright.core.value.Values;

/**
 * Quality rules as columns over the target values {@code t0..tn}: whether a row violates a rule
 * and the local engine's reason. Null values pass every rule but {@code not-null}. A
 * {@code unique} rule depends on which rows were written before, so it yields its key and the
 * caller decides with a window; a {@code reference} rule asks the caller to join the referenced
 * values.
 */
final class Rules {

    /** Joins the values of a reference rule's source field and says per row whether the value is among them. */
    interface References {
        Column matched(SourceDef source, int field, Column key);
    }

    /**
     * @param path      the checked field's dotted path
     * @param violated  whether the row violates the rule (for unique: null, see {@code unique})
     * @param reason    why, for violating rows
     * @param unique    for a unique rule the key its values compare by, else null
     */
    record Compiled(RuleDef def, String path, Column violated, Column reason, Column unique) {
    }

    private final Schema target;
    private final Project project;
    private final References references;

    Rules(Schema target, Project project, References references) {
        this.target = target;
        this.project = project;
        this.references = references;
    }

    List<Compiled> compile(List<RuleDef> rules) {
        List<Compiled> out = new ArrayList<>();
        for (RuleDef r : rules) {
            out.add(compile(r));
        }
        return out;
    }

    private Compiled compile(RuleDef r) {
        List<String> names = new ArrayList<>();
        Column v = value(target.fields(), r.targetFieldId(), names, null);
        Field f = target.byId(r.targetFieldId()).orElseThrow();
        String path = String.join(".", names);
        DataType type = f.type();
        Column text = f.isRecord() || f.repeated() ? functions.to_json(v) : Cols.text(v, type);
        Column quotedValue = concat(lit("'"), text, lit("'"));
        switch (r.kind()) {
            case NOT_NULL: {
                Column empty = type == DataType.TEXT || type == DataType.ANY ? v.rlike("^\\p{javaWhitespace}*\\z") : lit(false);
                return new Compiled(r, path, v.isNull().or(empty), when(v.isNull(), lit("is null")).otherwise(lit("is empty")), null);
            }
            case UNIQUE: {
                Column key = f.isRecord() || f.repeated() ? functions.to_json(v) : Keys.of(v, type, type);
                return new Compiled(r, path, null, concat(lit("duplicate value "), quotedValue), key);
            }
            case RANGE: {
                Object min = bound(r, "min", type);
                Object max = bound(r, "max", type);
                Column below = min == null ? lit(false) : compare(v, type, min).lt(0);
                Column above = max == null ? lit(false) : compare(v, type, max).gt(0);
                Column reason = when(below, concat(quotedValue, lit(" is below the minimum " + (min == null ? "" : Values.format(min)))))
                        .otherwise(concat(quotedValue, lit(" is above the maximum " + (max == null ? "" : Values.format(max)))));
                return new Compiled(r, path, v.isNotNull().and(below.or(above)), reason, null);
            }
            case REGEX: {
                String p = r.settings().getString("pattern", "");
                Column matches = text.rlike("\\A(?:" + p + ")\\z");
                return new Compiled(r, path, v.isNotNull().and(not(matches)), concat(quotedValue, lit(" does not match " + p)), null);
            }
            case ALLOWED: {
                List<Object> allowed = new ArrayList<>();
                List<String> shown = new ArrayList<>();
                for (String s : r.settings().getString("values", "").split(",", -1)) {
                    String t = s.trim();
                    Object parsed = Values.parse(t, type == DataType.ANY ? DataType.TEXT : type, f.format());
                    shown.add(t);
                    if (parsed != null) {
                        allowed.add(parsed);
                    }
                }
                Column key = Keys.of(v, type, type);
                List<Column> literals = new ArrayList<>();
                for (Object a : allowed) {
                    literals.add(type == DataType.DECIMAL ? lit(decimalKey((BigDecimal) a)) : Cols.lit(a, type));
                }
                Column in = literals.isEmpty() ? lit(false) : key.isin(literals.toArray());
                return new Compiled(r, path, v.isNotNull().and(not(in)),
                        concat(quotedValue, lit(" is not one of " + String.join(", ", shown))), null);
            }
            case REFERENCE: {
                String name = r.settings().getString("source", null);
                SourceDef ref = project.sourceByName(name).or(() -> project.source(name)).orElseThrow();
                String fieldName = r.settings().getString("field", null);
                Field rf = ref.schema().byPath(fieldName).orElseThrow();
                int index = ref.schema().indexOf(rf.id());
                Column matched = references.matched(ref, index, Keys.tagged(v, type));
                return new Compiled(r, path, v.isNotNull().and(not(matched)),
                        concat(quotedValue, lit(" not found in " + ref.name() + "." + fieldName)), null);
            }
            default:
                throw new IllegalStateException("unknown rule kind " + r.kind());
        }
    }

    /** @return the column of a (possibly nested) target field, collecting the names of its path */
    static Column value(List<Field> fields, String id, List<String> names, Column parent) {
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            Column c = parent == null ? col("t" + i) : parent.getField(SparkTypes.child(i));
            names.add(f.name());
            if (f.id().equals(id)) {
                return c;
            }
            Column inner = value(f.children(), id, names, c);
            if (inner != null) {
                return inner;
            }
            names.remove(names.size() - 1);
        }
        return null;
    }

    /** A range bound in the field's type (integers as decimals), as the local engine reads it. */
    private static Object bound(RuleDef def, String key, DataType type) {
        Object raw = def.settings().asMap().get(key);
        if (raw == null) {
            return null;
        }
        Object v = Values.parse(raw instanceof BigDecimal d ? d.toPlainString() : raw.toString(), type, null);
        return v instanceof Long l ? BigDecimal.valueOf(l) : v;
    }

    /** @return the sign of comparing a value with a constant of its type (null for null) */
    private static Column compare(Column v, DataType type, Object bound) {
        switch (type) {
            case INTEGER: {
                BigDecimal b = (BigDecimal) bound;
                return when(v.isNull(), lit(null)).when(v.lt(b.longValueExact()), lit(-1)).when(v.gt(b.longValueExact()), lit(1))
                        .otherwise(lit(0));
            }
            case DECIMAL: {
                BigDecimal b = (BigDecimal) bound;
                return functions.udf((UDF1<String, Integer>) s -> s == null ? null : new BigDecimal(s).compareTo(b), DataTypes.IntegerType)
                        .apply(v);
            }
            default: {
                Column c = Cols.lit(bound, type);
                return when(v.isNull(), lit(null)).when(v.lt(c), lit(-1)).when(v.gt(c), lit(1)).otherwise(lit(0));
            }
        }
    }

    private static String decimalKey(BigDecimal d) {
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }
}
