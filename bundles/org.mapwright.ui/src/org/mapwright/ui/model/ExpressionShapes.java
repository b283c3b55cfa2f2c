package org.mapwright.ui.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.mapwright.engine.expr.ExpressionTokens;
import org.mapwright.engine.expr.Token;
import org.mapwright.engine.expr.TokenKind;

/**
 * Reads and writes the two expression shapes the mapping dialogs edit as structure instead of
 * text: an aggregate call around an input ({@code sum(amount)}, {@code string_agg(sku, ', ')}) and
 * a default for rows a left join found no match for ({@code coalesce(countries.name, 'Unknown')}).
 * Both are plain expressions in the project file, so the engine needs nothing new and a user can
 * still write them by hand; any other text is reported as "no such shape".
 */
public final class ExpressionShapes {

    /**
     * How a target field takes part in an aggregation.
     *
     * <p>{@link #GROUP_BY} is no function: in a mapping where any field aggregates, a field that
     * does not is a group-by key (SQL semantics, see {@code MappingDef}).
     */
    public enum Aggregate {
        GROUP_BY("group by", null), SUM("sum", "sum"), COUNT("count", "count"), MIN("min", "min"), MAX("max", "max"),
        AVG("avg", "avg"), FIRST("first", "first"), LAST("last", "last"), CONCAT("concat", "string_agg");

        private final String label;
        private final String function;

        Aggregate(String label, String function) {
            this.label = label;
            this.function = function;
        }

        /** @return the name shown to the user */
        public String label() {
            return label;
        }

        /** @return the engine function, or null for {@link #GROUP_BY} */
        public String function() {
            return function;
        }
    }

    /** The separator {@link Aggregate#CONCAT} uses unless the expression names another. */
    public static final String DEFAULT_SEPARATOR = ", ";

    /**
     * An expression read as an aggregation.
     *
     * @param aggregate the function, {@link Aggregate#GROUP_BY} for a plain expression
     * @param input     the aggregated expression ({@code *} for {@code count(*)}), or the whole
     *                  expression for {@link Aggregate#GROUP_BY}
     * @param separator the text between concatenated values, null unless {@link Aggregate#CONCAT}
     */
    public record AggregateShape(Aggregate aggregate, String input, String separator) {
    }

    private static final Set<String> AGGREGATE_ALIASES = Set.of("listagg", "group_concat", "mean");

    private ExpressionShapes() {
    }

    /** @return the expression read as an aggregate call, or as a group-by key when it is none */
    public static AggregateShape aggregate(String expression) {
        String text = expression == null ? "" : expression.strip();
        Call call = call(text);
        if (call != null) {
            String name = call.name.toLowerCase(Locale.ROOT);
            for (Aggregate a : Aggregate.values()) {
                boolean alias = AGGREGATE_ALIASES.contains(name)
                        && (a == Aggregate.CONCAT && !name.equals("mean") || a == Aggregate.AVG && name.equals("mean"));
                if (a.function() == null || !a.function().equals(name) && !alias) {
                    continue;
                }
                if (a == Aggregate.CONCAT && call.args.size() == 2) {
                    String sep = stringLiteral(call.args.get(1));
                    if (sep != null) {
                        return new AggregateShape(a, call.args.get(0), sep);
                    }
                } else if (call.args.size() == 1) {
                    return new AggregateShape(a, call.args.get(0), null);
                }
            }
        }
        return new AggregateShape(Aggregate.GROUP_BY, text, null);
    }

    /**
     * @param input     the expression to aggregate (or the group-by expression); blank is allowed
     *                  only for {@link Aggregate#COUNT}, which then counts rows
     * @param separator for {@link Aggregate#CONCAT}; null means {@link #DEFAULT_SEPARATOR}
     * @return the expression, or null when there is nothing to map
     */
    public static String aggregateExpression(Aggregate aggregate, String input, String separator) {
        String in = input == null ? "" : input.strip();
        if (aggregate == Aggregate.GROUP_BY) {
            return in.isEmpty() ? null : in;
        }
        if (in.isEmpty()) {
            return aggregate == Aggregate.COUNT ? "count(*)" : null;
        }
        if (aggregate == Aggregate.CONCAT) {
            return "string_agg(" + in + ", " + quoteString(separator == null ? DEFAULT_SEPARATOR : separator) + ")";
        }
        return aggregate.function() + "(" + in + ")";
    }

    /** @return whether any of the expressions is an aggregate call */
    public static boolean aggregates(Iterable<String> expressions) {
        for (String e : expressions) {
            if (e != null && aggregate(e).aggregate() != Aggregate.GROUP_BY) {
                return true;
            }
        }
        return false;
    }

    /**
     * An expression read as {@code coalesce(value, default)}.
     *
     * @param value        the expression a default applies to
     * @param defaultValue the default as written (a literal), or null when there is none
     */
    public record Defaulted(String value, String defaultValue) {
    }

    /** @return the expression split into value and literal default; no default unless it is {@code coalesce(x, literal)} */
    public static Defaulted defaulted(String expression) {
        String text = expression == null ? "" : expression.strip();
        Call call = call(text);
        if (call != null && call.name.equalsIgnoreCase("coalesce") && call.args.size() == 2 && isLiteral(call.args.get(1))) {
            return new Defaulted(call.args.get(0), call.args.get(1));
        }
        return new Defaulted(text, null);
    }

    /**
     * @param defaultValue the default as the user typed it: a number, {@code true}/{@code false},
     *                     an already quoted string, or other text (quoted here); blank removes it
     * @return the expression with that default for misses
     */
    public static String withDefault(String expression, String defaultValue) {
        String value = defaulted(expression).value();
        if (defaultValue == null || defaultValue.isBlank()) {
            return value;
        }
        return "coalesce(" + value + ", " + literal(defaultValue.strip()) + ")";
    }

    /** @return the text as an expression literal: numbers, booleans and quoted strings stay, other text is quoted */
    public static String literal(String text) {
        return isLiteral(text) ? text : quoteString(text);
    }

    /** @return the text as a single-quoted string literal */
    public static String quoteString(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** @return the literal's text for the user: quotes removed from strings */
    public static String unquote(String literal) {
        String s = stringLiteral(literal);
        return s != null ? s : literal;
    }

    /** @return whether {@code expression} reads a field of the named source ({@code name.field}) */
    public static boolean reads(String expression, String sourceName) {
        if (expression == null) {
            return false;
        }
        List<Token> tokens = significant(expression);
        for (int i = 0; i + 1 < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.kind() == TokenKind.IDENTIFIER && identifier(t.text()).equals(sourceName) && tokens.get(i + 1).text().equals(".")
                    && (i == 0 || !tokens.get(i - 1).text().equals("."))) {
                return true;
            }
        }
        return false;
    }

    private static String identifier(String text) {
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            return text.substring(1, text.length() - 1).replace("\"\"", "\"");
        }
        return text;
    }

    private static boolean isLiteral(String text) {
        List<Token> t = significant(text);
        if (t.size() == 1) {
            Token only = t.get(0);
            return only.kind() == TokenKind.STRING || only.kind() == TokenKind.NUMBER
                    || only.kind() == TokenKind.KEYWORD && Set.of("true", "false").contains(only.text().toLowerCase(Locale.ROOT));
        }
        return t.size() == 2 && t.get(0).text().equals("-") && t.get(1).kind() == TokenKind.NUMBER;
    }

    private static String stringLiteral(String text) {
        List<Token> t = significant(text);
        if (t.size() == 1 && t.get(0).kind() == TokenKind.STRING) {
            String s = t.get(0).text();
            return s.substring(1, s.length() - 1).replace("''", "'");
        }
        return null;
    }

    private static List<Token> significant(String text) {
        List<Token> out = new ArrayList<>();
        for (Token t : ExpressionTokens.tokenize(text)) {
            if (t.kind() != TokenKind.COMMENT) {
                out.add(t);
            }
        }
        return out;
    }

    private record Call(String name, List<String> args) {
    }

    /** @return the text as one function call spanning all of it, its arguments split at top-level commas; or null */
    private static Call call(String text) {
        List<Token> t = significant(text);
        if (t.size() < 3 || t.get(0).kind() != TokenKind.FUNCTION || !t.get(1).text().equals("(")
                || !t.get(t.size() - 1).text().equals(")")) {
            return null;
        }
        List<String> args = new ArrayList<>();
        int depth = 0;
        int argStart = t.get(1).end();
        for (int i = 1; i < t.size(); i++) {
            String s = t.get(i).text();
            if (t.get(i).kind() != TokenKind.OPERATOR) {
                continue;
            }
            if (s.equals("(")) {
                depth++;
            } else if (s.equals(")")) {
                depth--;
                if (depth == 0 && i != t.size() - 1) {
                    return null;
                }
            } else if (s.equals(",") && depth == 1) {
                args.add(text.substring(argStart, t.get(i).start()).strip());
                argStart = t.get(i).end();
            }
        }
        String last = text.substring(argStart, t.get(t.size() - 1).start()).strip();
        if (!last.isEmpty() || !args.isEmpty()) {
            args.add(last);
        }
        return depth == 0 ? new Call(t.get(0).text(), args) : null;
    }
}
