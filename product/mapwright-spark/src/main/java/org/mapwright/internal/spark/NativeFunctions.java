package org.mapwright.internal.spark;

import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.mapwright.core.DataType;
import org.mapwright.engine.expr.ExpressionTree;
import org.mapwright.engine.expr.ExpressionTree.FunctionCall;
import org.mapwright.engine.expr.ExpressionTree.Literal;

/**
 * The functions Spark computes natively with exactly the local engine's results. A function (or
 * an overload, or a call with a non-literal pattern) that is not here runs as an {@link EvalUdf}.
 */
final class NativeFunctions {

    /** Text functions with an exact native form whatever their arguments. */
    private static final Set<String> ALWAYS = Set.of("upper", "lower", "trim", "ltrim", "rtrim", "length", "concat", "contains",
            "starts_with", "ends_with", "nullif_empty", "squish", "reverse", "strpos", "replace", "md5", "sha1", "sha256", "crc32",
            "uuid", "year", "month", "day", "quarter", "day_of_year", "day_of_week", "week", "hour", "minute", "second",
            "last_day", "is_blank", "default_if_blank", "to_text", "list_size", "list_item", "list_join");

    /** Functions whose integer overload is native (the decimal one runs as a UDF). */
    private static final Set<String> INTEGER_ONLY = Set.of("abs", "round", "floor", "ceil", "trunc", "sign", "mod", "div");

    /** Date and time letters Spark reads and writes like java.time, with the run lengths where they agree (numbers only). */
    private static final String DATE_LETTERS = "yMd";
    private static final String TIME_LETTERS = "Hms";

    /**
     * @return whether a date pattern has only numeric fields of widths Spark treats as java.time
     *         does (no names of months or days, no week-based fields)
     */
    static boolean numericPattern(String pattern, boolean withTime) {
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '\'') {
                int close = pattern.indexOf('\'', i + 1);
                if (close < 0 || close == i + 1) {
                    return false;
                }
                i = close + 1;
                continue;
            }
            if (!Character.isLetter(c)) {
                i++;
                continue;
            }
            int run = 1;
            while (i + run < pattern.length() && pattern.charAt(i + run) == c) {
                run++;
            }
            boolean ok;
            if (c == 'y') {
                ok = run == 2 || run == 4;
            } else if (DATE_LETTERS.indexOf(c) >= 0 || withTime && TIME_LETTERS.indexOf(c) >= 0) {
                ok = run <= 2;
            } else {
                ok = withTime && c == 'S' && run <= 6;
            }
            if (!ok) {
                return false;
            }
            i += run;
        }
        return true;
    }

    private NativeFunctions() {
    }

    /** @return whether the call has an exact native translation */
    static boolean applies(FunctionCall n) {
        String f = n.function();
        List<ExpressionTree> a = n.arguments();
        if (ALWAYS.contains(f)) {
            return true;
        }
        if (INTEGER_ONLY.contains(f)) {
            return a.get(0).type() == DataType.INTEGER && a.size() == 1 || (f.equals("mod") || f.equals("div"))
                    && a.get(0).type() == DataType.INTEGER;
        }
        switch (f) {
            case "concat_ws":
                return a.get(0) instanceof Literal;
            case "regexp_like":
                return isTextLiteral(a.get(1));
            case "regexp_replace":
                return isTextLiteral(a.get(1)) && isTextLiteral(a.get(2)) && replacementWorks(a.get(1), a.get(2));
            case "coalesce": case "ifnull": case "if":
                return simpleConversions(a, f.equals("if") ? 1 : 0, n.type());
            case "greatest": case "least":
                return n.type() != DataType.DECIMAL && n.type() != DataType.ANY && simpleConversions(a, 0, n.type());
            case "add_days": case "add_months": case "add_years":
                return a.get(0).type() == DataType.DATE;
            case "parse_date":
                return a.size() == 1 || isTextLiteral(a.get(1)) && numericPattern((String) literal(a.get(1)), true);
            case "format_date":
                return isTextLiteral(a.get(1)) && numericPattern((String) literal(a.get(1)), a.get(0).type() != DataType.DATE);
            case "list_contains":
                return true;
            default:
                return false;
        }
    }

    private static boolean isTextLiteral(ExpressionTree t) {
        return t instanceof Literal l && l.value() instanceof String;
    }

    private static Object literal(ExpressionTree t) {
        return ((Literal) t).value();
    }

    /** Whether a replacement text refers only to groups the pattern has (else the local engine rejects rows). */
    private static boolean replacementWorks(ExpressionTree pattern, ExpressionTree replacement) {
        try {
            Pattern.compile((String) literal(pattern)).matcher("").replaceAll((String) literal(replacement));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Whether each argument from {@code first} on converts to the result type without parsing. */
    private static boolean simpleConversions(List<ExpressionTree> args, int first, DataType to) {
        for (int i = first; i < args.size(); i++) {
            DataType t = args.get(i).type();
            boolean nullLiteral = args.get(i) instanceof Literal l && l.value() == null;
            if (!(t == to || nullLiteral || t == DataType.INTEGER && to == DataType.DECIMAL
                    || t == DataType.DATE && to == DataType.TIMESTAMP)) {
                return false;
            }
        }
        return true;
    }

    /** @return the value converted (without parsing) to the call's type */
    private static Column widen(Column v, DataType from, DataType to) {
        if (from == to) {
            return v;
        }
        if (from == DataType.INTEGER && to == DataType.DECIMAL) {
            return v.cast(DataTypes.StringType);
        }
        return v.cast(SparkTypes.scalar(to));
    }

    static Val translate(FunctionCall n, List<Val> args, Translator t) {
        String f = n.function();
        List<ExpressionTree> a = n.arguments();
        Column x = args.isEmpty() ? null : args.get(0).value();
        Column strict = Translator.strict(args);
        switch (f) {
            case "upper":
                return new Val(functions.upper(x), strict);
            case "lower":
                return new Val(functions.lower(x), strict);
            case "trim":
                return new Val(Cols.strip(x), strict);
            case "ltrim":
                return new Val(Cols.stripLeading(x), strict);
            case "rtrim":
                return new Val(Cols.stripTrailing(x), strict);
            case "length":
                // UTF-16 units, as Java counts: Spark counts code points, so add one per supplementary character
                return new Val(functions.length(x).plus(functions.length(regexp_replace(x, "[^\\x{10000}-\\x{10FFFF}]", "")))
                        .cast(DataTypes.LongType), strict);
            case "concat": {
                List<Column> texts = new ArrayList<>();
                for (int i = 0; i < args.size(); i++) {
                    texts.add(Cols.text(args.get(i).value(), a.get(i).type()));
                }
                return new Val(concat_ws("", texts.toArray(new Column[0])), anyErrors(args));
            }
            case "concat_ws": {
                Object sep = literal(a.get(0));
                if (sep == null) {
                    return new Val(Cols.nullOf(DataType.TEXT), null);
                }
                List<Column> texts = new ArrayList<>();
                for (int i = 1; i < args.size(); i++) {
                    texts.add(Cols.text(args.get(i).value(), a.get(i).type()));
                }
                return new Val(concat_ws((String) sep, texts.toArray(new Column[0])), anyErrors(args));
            }
            case "contains":
                return new Val(x.contains(args.get(1).value()), strict);
            case "starts_with":
                return new Val(x.startsWith(args.get(1).value()), strict);
            case "ends_with":
                return new Val(x.endsWith(args.get(1).value()), strict);
            case "nullif_empty":
                return new Val(when(not(x.rlike("^\\p{javaWhitespace}*\\z")), x), strict);
            case "squish":
                return new Val(regexp_replace(Cols.strip(x), "\\s+", " "), strict);
            case "reverse":
                return new Val(functions.reverse(x), strict);
            case "strpos":
                return new Val(call_function("instr", x, args.get(1).value()).cast(DataTypes.LongType), strict);
            case "replace":
                return new Val(functions.replace(x, args.get(1).value(), args.get(2).value()), strict);
            case "regexp_like":
                return new Val(x.rlike((String) literal(a.get(1))), strict);
            case "regexp_replace":
                return new Val(regexp_replace(x, (String) literal(a.get(1)), (String) literal(a.get(2))), strict);
            case "md5":
                return new Val(functions.md5(x.cast(DataTypes.BinaryType)), strict);
            case "sha1":
                return new Val(functions.sha1(x.cast(DataTypes.BinaryType)), strict);
            case "sha256":
                return new Val(functions.sha2(x.cast(DataTypes.BinaryType), 256), strict);
            case "crc32":
                return new Val(functions.crc32(x.cast(DataTypes.BinaryType)), strict);
            case "uuid":
                return Val.of(call_function("uuid"));
            case "year":
                return new Val(functions.year(x).cast(DataTypes.LongType), strict);
            case "month":
                return new Val(functions.month(x).cast(DataTypes.LongType), strict);
            case "day":
                return new Val(functions.dayofmonth(x).cast(DataTypes.LongType), strict);
            case "quarter":
                return new Val(functions.quarter(x).cast(DataTypes.LongType), strict);
            case "day_of_year":
                return new Val(functions.dayofyear(x).cast(DataTypes.LongType), strict);
            case "day_of_week":
                return new Val(functions.weekday(x).plus(1).cast(DataTypes.LongType), strict);
            case "week":
                return new Val(functions.weekofyear(x).cast(DataTypes.LongType), strict);
            case "hour":
                return new Val(functions.hour(x).cast(DataTypes.LongType), strict);
            case "minute":
                return new Val(functions.minute(x).cast(DataTypes.LongType), strict);
            case "second":
                return new Val(functions.second(x).cast(DataTypes.LongType), strict);
            case "last_day":
                return new Val(functions.last_day(x.cast(DataTypes.DateType)), strict);
            case "is_blank":
                return new Val(x.isNull().or(x.rlike("^\\p{javaWhitespace}*\\z")), args.get(0).error());
            case "default_if_blank": {
                Column blank = x.isNull().or(x.rlike("^\\p{javaWhitespace}*\\z"));
                return new Val(when(blank, args.get(1).value()).otherwise(x), anyErrors(args));
            }
            case "to_text":
                return new Val(Cols.text(x, a.get(0).type()), strict);
            case "list_size":
                return new Val(when(x.isNotNull(), functions.size(x).cast(DataTypes.LongType)), strict);
            case "list_item": {
                Column n1 = args.get(1).value();
                Column fits = n1.between(lit(-Integer.MAX_VALUE), lit(Integer.MAX_VALUE)).and(n1.notEqual(0));
                return new Val(when(fits, functions.element_at(x, n1.cast(DataTypes.IntegerType))), strict);
            }
            case "list_join": {
                DataType el = a.get(0).type();
                Column texts = functions.transform(x, e -> Cols.text(e, el));
                return new Val(call_function("array_join", texts, args.get(1).value()), strict);
            }
            case "list_contains": {
                DataType el = a.get(0).type();
                DataType vt = a.get(1).type();
                Column v = Keys.of(args.get(1).value(), vt, el);
                return new Val(functions.exists(x, e -> e.isNotNull().and(Keys.of(e, el, vt).equalTo(v))), strict);
            }
            case "abs": {
                Column own = when(x.equalTo(Long.MIN_VALUE), t.ownError(n, "integer overflow: the result is beyond ±9223372036854775807; use decimals"));
                return new Val(functions.abs(x), Cols.firstError(strict, own));
            }
            case "round": case "floor": case "ceil": case "trunc":
                return new Val(x, strict);
            case "sign":
                return new Val(functions.signum(x).cast(DataTypes.LongType), strict);
            case "mod": {
                Column y = args.get(1).value();
                return new Val(x.mod(y), Cols.firstError(strict, when(Translator.notNull(args).and(y.equalTo(0)),
                        t.ownError(n, "division by zero"))));
            }
            case "div": {
                Column y = args.get(1).value();
                Column own = when(Translator.notNull(args).and(y.equalTo(0)), t.ownError(n, "division by zero"))
                        .when(Translator.notNull(args).and(x.equalTo(Long.MIN_VALUE)).and(y.equalTo(-1)),
                                t.ownError(n, "integer overflow: the result is beyond ±9223372036854775807; use decimals"));
                return new Val(when(y.notEqual(0), call_function("div", x, y)).cast(DataTypes.LongType), Cols.firstError(strict, own));
            }
            case "coalesce": case "ifnull": {
                List<Column> values = new ArrayList<>();
                List<Column> errors = new ArrayList<>();
                Column allNull = null;
                for (int i = 0; i < args.size(); i++) {
                    values.add(widen(args.get(i).value(), a.get(i).type(), n.type()));
                    if (args.get(i).error() != null) {
                        errors.add(allNull == null ? args.get(i).error() : when(allNull, args.get(i).error()));
                    }
                    allNull = allNull == null ? args.get(i).value().isNull() : allNull.and(args.get(i).value().isNull());
                }
                return new Val(coalesce(values.toArray(new Column[0])), Cols.firstError(errors.toArray(new Column[0])));
            }
            case "if": {
                Column cond = x.equalTo(true);
                Column then = widen(args.get(1).value(), a.get(1).type(), n.type());
                Column otherwise = widen(args.get(2).value(), a.get(2).type(), n.type());
                Column branchError = args.get(1).error() == null && args.get(2).error() == null ? null
                        : when(cond, args.get(1).error() == null ? Cols.nullOf(DataType.TEXT) : args.get(1).error())
                                .otherwise(args.get(2).error() == null ? Cols.nullOf(DataType.TEXT) : args.get(2).error());
                return new Val(when(cond, then).otherwise(otherwise), Cols.firstError(args.get(0).error(), branchError));
            }
            case "greatest": case "least": {
                Column[] values = new Column[args.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = widen(args.get(i).value(), a.get(i).type(), n.type());
                }
                return new Val(f.equals("greatest") ? functions.greatest(values) : functions.least(values), anyErrors(args));
            }
            case "add_days":
                return shift(n, x, args.get(1).value(), 1, strict, t);
            case "add_months":
                return shift(n, x, args.get(1).value(), 0, strict, t);
            case "add_years":
                return shift(n, x, args.get(1).value().multiply(12), 0, strict, t);
            case "parse_date": {
                String pattern = a.size() == 1 ? "yyyy-MM-dd" : (String) literal(a.get(1));
                Column text = Cols.javaTrim(x);
                Column parsed = a.size() == 1
                        ? when(text.rlike("^[0-9]{4}-[0-9]{2}-[0-9]{2}\\z"), functions.to_date(text, "yyyy-MM-dd"))
                        : functions.to_date(text, pattern);
                Column own = when(x.isNotNull().and(parsed.isNull()),
                        t.ownError(n, functions.concat(Cols.quoted(x), lit(" is not a date in format " + pattern))));
                return new Val(parsed, Cols.firstError(strict, own));
            }
            case "format_date":
                return new Val(functions.date_format(x, (String) literal(a.get(1))), strict);
            default:
                throw new IllegalStateException("no native translation of " + f + "()");
        }
    }

    /** Errors of operands all evaluated whatever their values, in order. */
    private static Column anyErrors(List<Val> args) {
        Column[] errors = new Column[args.size()];
        for (int i = 0; i < errors.length; i++) {
            errors[i] = args.get(i).error();
        }
        return Cols.firstError(errors);
    }

    /** add_days (unit 1: days) or add_months (unit 0: months) on a date, Spark taking an int amount. */
    private static Val shift(FunctionCall n, Column date, Column amount, int unit, Column strict, Translator t) {
        Column fits = amount.between(lit(-3_000_000L), lit(3_000_000L));
        Column shifted = unit == 1 ? functions.date_add(date, amount.cast(DataTypes.IntegerType))
                : functions.add_months(date, amount.cast(DataTypes.IntegerType));
        Column own = when(date.isNotNull().and(amount.isNotNull()).and(not(fits)), t.ownError(n, "invalid date or time"));
        return new Val(when(fits, shifted), Cols.firstError(strict, own));
    }
}
