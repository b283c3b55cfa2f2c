package org.mapwright.internal.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.mapwright.core.DataType;

/** Column building blocks with the local engine's text rules. */
public final class Cols {

    /** What Java's {@link String#trim()} removes at both ends: the characters up to U+0020. */
    private static final String JAVA_TRIM;
    /** What Java's {@link String#strip()} removes at both ends: every {@link Character#isWhitespace} character. */
    static final String JAVA_WHITESPACE;

    static {
        StringBuilder trim = new StringBuilder();
        for (char c = 0; c <= ' '; c++) {
            trim.append(c);
        }
        JAVA_TRIM = trim.toString();
        StringBuilder ws = new StringBuilder();
        for (int c = 0; c <= 0xFFFF; c++) {
            if (Character.isWhitespace(c)) {
                ws.append((char) c);
            }
        }
        JAVA_WHITESPACE = ws.toString();
    }
    /** What {@code new BigDecimal(text)} accepts (ASCII digits). */
    static final String DECIMAL_SYNTAX = "^[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?\\z";

    private Cols() {
    }

    /** @return a literal of a Mapwright value of the type; null gives a typed null */
    public static Column lit(Object value, DataType type) {
        if (value == null) {
            return nullOf(type);
        }
        if (value instanceof BigDecimal d) {
            return functions.lit(d.toString());
        }
        if (type == DataType.ANY || type == DataType.TEXT) {
            return functions.lit(org.mapwright.core.value.Values.format(value));
        }
        return functions.lit(value).cast(SparkTypes.scalar(type));
    }

    /** @return a null of a scalar type */
    public static Column nullOf(DataType type) {
        return functions.lit(null).cast(type == DataType.RECORD ? SparkTypes.scalar(DataType.TEXT) : SparkTypes.scalar(type));
    }

    /** @return {@link String#trim()}, with Spark's trim of a character set (no regular expression per value) */
    public static Column javaTrim(Column c) {
        return functions.call_function("btrim", c, functions.lit(JAVA_TRIM));
    }

    /** @return {@link String#strip()} */
    public static Column strip(Column c) {
        return functions.call_function("btrim", c, functions.lit(JAVA_WHITESPACE));
    }

    /** @return {@link String#stripLeading()} */
    public static Column stripLeading(Column c) {
        return regexp_replace(c, "^\\p{javaWhitespace}+", "");
    }

    /** @return {@link String#stripTrailing()} */
    public static Column stripTrailing(Column c) {
        return regexp_replace(c, "\\p{javaWhitespace}+\\z", "");
    }

    /** @return the text cut to 40 characters with "..." as the local engine's messages quote values */
    public static Column abbreviate(Column c) {
        return when(length(c).leq(40), c).otherwise(concat(substring(c, 1, 37), functions.lit("...")));
    }

    /** @return {@code 'text'} abbreviated, for reasons such as {@code 'x2' is not an integer} */
    public static Column quoted(Column raw) {
        return concat(functions.lit("'"), abbreviate(raw), functions.lit("'"));
    }

    /** @return the first non-null of the errors that exist, or null when none can fail */
    public static Column firstError(Column... errors) {
        List<Column> present = new ArrayList<>();
        for (Column e : errors) {
            if (e != null) {
                present.add(e);
            }
        }
        if (present.isEmpty()) {
            return null;
        }
        return present.size() == 1 ? present.get(0) : coalesce(present.toArray(new Column[0]));
    }

    /** @return the error only when the guard holds (an operand the local engine evaluates only then) */
    public static Column errorWhen(Column guard, Column error) {
        return error == null ? null : when(guard, error);
    }

    /** @return the canonical text of a value ({@link org.mapwright.core.value.Values#format}) */
    public static Column text(Column c, DataType type) {
        switch (type) {
            case TEXT: case ANY:
                return c;
            case DECIMAL:
                return plainDecimal(c);
            case TIMESTAMP:
                return regexp_replace(c.cast("string"), " ", "T");
            default:
                return c.cast("string");
        }
    }

    /** @return a decimal's text in plain notation ({@link BigDecimal#toPlainString()}) */
    public static Column plainDecimal(Column c) {
        return when(c.rlike("[eE]"), Udfs.plainDecimal().apply(c)).otherwise(c);
    }

    /** @return a character class body matching exactly these characters */
    static String charClass(Character... chars) {
        StringBuilder b = new StringBuilder();
        for (Character ch : chars) {
            if (ch != null) {
                b.append(escapeInClass(ch));
            }
        }
        return b.toString();
    }

    private static String escapeInClass(char c) {
        if (c == '\n') {
            return "\\n";
        }
        if (c == '\r') {
            return "\\r";
        }
        if (c == '\t') {
            return "\\t";
        }
        if (Character.isLetterOrDigit(c) || c == ' ' || c == ',' || c == ';' || c == '|' || c == '"' || c == '\'') {
            return String.valueOf(c);
        }
        return String.format("\\x{%x}", (int) c);
    }

    /** @return a regular expression matching exactly the text */
    static String literalRegex(String s) {
        return Pattern.quote(s);
    }

    /** @return a replacement text for regexp_replace that inserts exactly {@code s} */
    static String literalReplacement(String s) {
        return java.util.regex.Matcher.quoteReplacement(s);
    }
}
