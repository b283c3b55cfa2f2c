package org.mapwright.internal.engine.expr;

import static org.mapwright.core.DataType.ANY;
import static org.mapwright.core.DataType.BOOLEAN;
import static org.mapwright.core.DataType.INTEGER;
import static org.mapwright.core.DataType.TEXT;
import static org.mapwright.internal.engine.expr.Library.def;
import static org.mapwright.internal.engine.expr.Library.p;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.mapwright.core.value.Values;
import org.mapwright.engine.expr.ExpressionException;
import org.mapwright.engine.expr.FunctionCategory;

/** Text functions. Positions are 1-based and count UTF-16 characters, like Java and most SQL engines. */
final class StringFunctions {

    private static final FunctionCategory C = FunctionCategory.STRING;
    private static final Pattern WHITESPACE_RUN = Pattern.compile("\\s+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private StringFunctions() {
    }

    static void define(List<Library.Def> d) {
        def(d, "upper", C).doc("The text in upper case.").example("upper('Straße') → 'STRASSE'")
                .sig(TEXT, p("text", TEXT)).f1(a -> ((String) a).toUpperCase(Locale.ROOT));
        def(d, "lower", C).doc("The text in lower case.").example("lower('ABC') → 'abc'")
                .sig(TEXT, p("text", TEXT)).f1(a -> ((String) a).toLowerCase(Locale.ROOT));
        def(d, "trim", C).doc("The text without leading and trailing whitespace.").example("trim('  a b  ') → 'a b'")
                .sig(TEXT, p("text", TEXT)).f1(a -> ((String) a).strip());
        def(d, "ltrim", C).doc("The text without leading whitespace.").example("ltrim('  ab ') → 'ab '")
                .sig(TEXT, p("text", TEXT)).f1(a -> ((String) a).stripLeading());
        def(d, "rtrim", C).doc("The text without trailing whitespace.").example("rtrim(' ab  ') → ' ab'")
                .sig(TEXT, p("text", TEXT)).f1(a -> ((String) a).stripTrailing());
        def(d, "length", C).alias("char_length").doc("The number of characters.").example("length('abc') → 3")
                .sig(INTEGER, p("text", TEXT)).f1(a -> (long) ((String) a).length());
        def(d, "substr", C).alias("substring")
                .doc("Part of the text from a 1-based start position, to the end or for a number of characters.")
                .example("substr('abcdef', 2, 3) → 'bcd'")
                .sig(TEXT, p("text", TEXT), p("start", INTEGER)).f2((a, b) -> substr((String) a, (Long) b, Long.MAX_VALUE))
                .sig(TEXT, p("text", TEXT), p("start", INTEGER), p("length", INTEGER))
                .f3((a, b, c) -> substr((String) a, (Long) b, (Long) c));
        def(d, "left", C).doc("The first n characters; a negative n drops the last -n characters.")
                .example("left('abcdef', 2) → 'ab'")
                .sig(TEXT, p("text", TEXT), p("n", INTEGER)).f2((a, b) -> left((String) a, (Long) b));
        def(d, "right", C).doc("The last n characters; a negative n drops the first -n characters.")
                .example("right('abcdef', 2) → 'ef'")
                .sig(TEXT, p("text", TEXT), p("n", INTEGER)).f2((a, b) -> right((String) a, (Long) b));
        def(d, "replace", C).doc("The text with every occurrence of a search text replaced (no patterns).")
                .example("replace('a-b-c', '-', '/') → 'a/b/c'")
                .sig(TEXT, p("text", TEXT), p("search", TEXT), p("replacement", TEXT))
                .f3((a, b, c) -> ((String) b).isEmpty() ? a : ((String) a).replace((String) b, (String) c));
        def(d, "regexp_replace", C)
                .doc("The text with every match of a Java regular expression replaced; `$1` in the replacement inserts group 1.")
                .example("regexp_replace('a1b22', '[0-9]+', '#') → 'a#b#'")
                .sig(TEXT, p("text", TEXT), p("pattern", TEXT), p("replacement", TEXT))
                .bind((site, a) -> {
                    Memo<Pattern> m = regex(site, 1);
                    return new Node.Call3(TEXT, (x, p, r) -> {
                        try {
                            return m.get((String) p).matcher((String) x).replaceAll((String) r);
                        } catch (IndexOutOfBoundsException e) {
                            throw new Fail("replacement '" + r + "' refers to a group the pattern does not have");
                        }
                    }, a[0], a[1], a[2], true);
                });
        def(d, "regexp_extract", C)
                .doc("The first match of a regular expression: group 1 if the pattern has groups (or the given group), "
                        + "else the whole match; null when nothing matches.")
                .example("regexp_extract('order 4711 shipped', '([0-9]+)') → '4711'")
                .sig(TEXT, p("text", TEXT), p("pattern", TEXT)).bind((site, a) -> {
                    Memo<Pattern> m = regex(site, 1);
                    return new Node.Call2(TEXT, (x, p) -> {
                        Pattern pat = m.get((String) p);
                        return extract(pat, (String) x, pat.matcher("").groupCount() > 0 ? 1 : 0);
                    }, a[0], a[1], true);
                })
                .sig(TEXT, p("text", TEXT), p("pattern", TEXT), p("group", INTEGER)).bind((site, a) -> {
                    Memo<Pattern> m = regex(site, 1);
                    return new Node.Call3(TEXT, (x, p, g) -> extract(m.get((String) p), (String) x, (int) (long) (Long) g),
                            a[0], a[1], a[2], true);
                });
        def(d, "regexp_like", C).alias("regexp_matches")
                .doc("Whether a regular expression matches somewhere in the text (anchor with ^ and $ for the whole text).")
                .example("regexp_like('AB-123', '^[A-Z]{2}-[0-9]+$') → true")
                .sig(BOOLEAN, p("text", TEXT), p("pattern", TEXT)).bind((site, a) -> {
                    Memo<Pattern> m = regex(site, 1);
                    return new Node.Call2(BOOLEAN, (x, p) -> m.get((String) p).matcher((String) x).find(), a[0], a[1], true);
                });
        def(d, "split_part", C)
                .doc("The n-th part (1-based; negative counts from the end) of the text split at a delimiter; "
                        + "empty text when there is no such part.")
                .example("split_part('a,b,c', ',', 2) → 'b'")
                .sig(TEXT, p("text", TEXT), p("delimiter", TEXT), p("n", INTEGER))
                .f3((a, b, c) -> splitPart((String) a, (String) b, (Long) c));
        def(d, "lpad", C).doc("The text padded on the left to a length with spaces or a fill text; longer text is cut.")
                .example("lpad('42', 5, '0') → '00042'")
                .sig(TEXT, p("text", TEXT), p("length", INTEGER)).f2((a, b) -> pad((String) a, (Long) b, " ", true))
                .sig(TEXT, p("text", TEXT), p("length", INTEGER), p("fill", TEXT))
                .f3((a, b, c) -> pad((String) a, (Long) b, (String) c, true));
        def(d, "rpad", C).doc("The text padded on the right to a length with spaces or a fill text; longer text is cut.")
                .example("rpad('ab', 4, '.') → 'ab..'")
                .sig(TEXT, p("text", TEXT), p("length", INTEGER)).f2((a, b) -> pad((String) a, (Long) b, " ", false))
                .sig(TEXT, p("text", TEXT), p("length", INTEGER), p("fill", TEXT))
                .f3((a, b, c) -> pad((String) a, (Long) b, (String) c, false));
        def(d, "concat", C).doc("The values joined as text; nulls are skipped (unlike `||`).")
                .example("concat('a', NULL, 1) → 'a1'")
                .varsig(TEXT, p("value", ANY)).lenientN(StringFunctions::concat);
        def(d, "concat_ws", C).doc("The values joined with a separator; nulls are skipped.")
                .example("concat_ws(', ', 'Main St', NULL, 'Springfield') → 'Main St, Springfield'")
                .varsig(TEXT, p("separator", TEXT), p("value", ANY)).lenientN(StringFunctions::concatWs);
        def(d, "initcap", C).doc("Each word with its first letter upper case and the rest lower case.")
                .example("initcap('jOHN o''neil') → 'John O''Neil'")
                .sig(TEXT, p("text", TEXT)).f1(a -> initcap((String) a));
        def(d, "reverse", C).doc("The characters in reverse order.").example("reverse('abc') → 'cba'")
                .sig(TEXT, p("text", TEXT)).f1(a -> new StringBuilder((String) a).reverse().toString());
        def(d, "repeat", C).doc("The text repeated n times.").example("repeat('ab', 3) → 'ababab'")
                .sig(TEXT, p("text", TEXT), p("n", INTEGER)).f2((a, b) -> repeat((String) a, (Long) b));
        def(d, "strpos", C).alias("position", "instr")
                .doc("The 1-based position of the first occurrence of a search text, or 0 when absent.")
                .example("strpos('hello', 'l') → 3")
                .sig(INTEGER, p("text", TEXT), p("search", TEXT)).f2((a, b) -> (long) ((String) a).indexOf((String) b) + 1);
        def(d, "starts_with", C).doc("Whether the text starts with a prefix.").example("starts_with('INV-1', 'INV') → true")
                .sig(BOOLEAN, p("text", TEXT), p("prefix", TEXT)).f2((a, b) -> ((String) a).startsWith((String) b));
        def(d, "ends_with", C).doc("Whether the text ends with a suffix.").example("ends_with('a.csv', '.csv') → true")
                .sig(BOOLEAN, p("text", TEXT), p("suffix", TEXT)).f2((a, b) -> ((String) a).endsWith((String) b));
        def(d, "contains", C).doc("Whether the text contains a search text.").example("contains('abc', 'b') → true")
                .sig(BOOLEAN, p("text", TEXT), p("search", TEXT)).f2((a, b) -> ((String) a).contains((String) b));
        def(d, "nullif_empty", C).doc("Null when the text is empty or only whitespace, else the text unchanged.")
                .example("nullif_empty('  ') → NULL")
                .sig(TEXT, p("text", TEXT)).f1(a -> ((String) a).isBlank() ? null : a);
        def(d, "squish", C).doc("The text trimmed, with every run of inner whitespace replaced by one space.")
                .example("squish('  a   b ') → 'a b'")
                .sig(TEXT, p("text", TEXT)).f1(a -> WHITESPACE_RUN.matcher(((String) a).strip()).replaceAll(" "));
        def(d, "unaccent", C).doc("The text without accents and other combining marks.")
                .example("unaccent('Crème brûlée') → 'Creme brulee'")
                .sig(TEXT, p("text", TEXT))
                .f1(a -> MARKS.matcher(Normalizer.normalize((String) a, Normalizer.Form.NFD)).replaceAll(""));
        def(d, "translate", C)
                .doc("The text with each character found in `from` replaced by the character at the same place in `to`, "
                        + "or removed when `to` is shorter.")
                .example("translate('a-b_c', '-_', '  ') → 'a b c'")
                .sig(TEXT, p("text", TEXT), p("from", TEXT), p("to", TEXT))
                .f3((a, b, c) -> translate((String) a, (String) b, (String) c));
    }

    /** Binds the pattern argument: compiled once when constant, else cached per distinct value. */
    static Memo<Pattern> regex(Library.Site site, int arg) throws ExpressionException {
        Memo<Pattern> memo = new Memo<>(p -> {
            try {
                return Pattern.compile(p);
            } catch (PatternSyntaxException e) {
                throw new Fail("invalid regular expression '" + p + "': " + e.getDescription());
            }
        });
        if (site.isConstant(arg) && site.constant(arg) != null) {
            try {
                memo.get((String) site.constant(arg));
            } catch (Fail e) {
                throw site.error(arg, e.getMessage(), null);
            }
        }
        return memo;
    }

    static String substr(String s, long start, long length) {
        if (length < 0) {
            throw new Fail("negative substring length " + length);
        }
        long from = start - 1;
        long to = length == Long.MAX_VALUE ? s.length() : from + length;
        int f = (int) Math.max(0, Math.min(from, s.length()));
        int t = (int) Math.max(f, Math.min(to, s.length()));
        return s.substring(f, t);
    }

    static String left(String s, long n) {
        int len = s.length();
        int k = n >= 0 ? (int) Math.min(n, len) : (int) Math.max(0, len + n);
        return s.substring(0, k);
    }

    static String right(String s, long n) {
        int len = s.length();
        int k = n >= 0 ? (int) Math.min(n, len) : (int) Math.max(0, len + n);
        return s.substring(len - k);
    }

    static String extract(Pattern p, String s, int group) {
        Matcher m = p.matcher(s);
        if (group < 0 || group > m.groupCount()) {
            throw new Fail("the pattern has no group " + group);
        }
        return m.find() ? m.group(group) : null;
    }

    static String splitPart(String s, String delimiter, long n) {
        if (n == 0) {
            throw new Fail("split_part position must not be 0");
        }
        if (delimiter.isEmpty()) {
            return n == 1 || n == -1 ? s : "";
        }
        String[] parts = s.split(Pattern.quote(delimiter), -1);
        long index = n > 0 ? n - 1 : parts.length + n;
        return index >= 0 && index < parts.length ? parts[(int) index] : "";
    }

    static String pad(String s, long length, String fill, boolean left) {
        if (length > 1_000_000) {
            throw new Fail("pad length " + length + " is too large");
        }
        int len = (int) Math.max(0, length);
        if (s.length() >= len) {
            return s.substring(0, len);
        }
        if (fill.isEmpty()) {
            return s;
        }
        StringBuilder padding = new StringBuilder(len);
        while (padding.length() < len - s.length()) {
            padding.append(fill);
        }
        padding.setLength(len - s.length());
        return left ? padding + s : s + padding;
    }

    static Object concat(Object[] values) {
        StringBuilder sb = new StringBuilder();
        for (Object v : values) {
            if (v != null) {
                sb.append(Values.format(v));
            }
        }
        return sb.toString();
    }

    static Object concatWs(Object[] values) {
        if (values[0] == null) {
            return null;
        }
        String sep = (String) values[0];
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (int i = 1; i < values.length; i++) {
            if (values[i] != null) {
                if (!first) {
                    sb.append(sep);
                }
                sb.append(Values.format(values[i]));
                first = false;
            }
        }
        return sb.toString();
    }

    static String initcap(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean start = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                sb.append(start ? Character.toTitleCase(c) : Character.toLowerCase(c));
                start = false;
            } else {
                sb.append(c);
                start = true;
            }
        }
        return sb.toString();
    }

    static String repeat(String s, long n) {
        if (n <= 0) {
            return "";
        }
        if (n * (long) s.length() > 10_000_000L) {
            throw new Fail("repeat would produce more than 10,000,000 characters");
        }
        return s.repeat((int) n);
    }

    static String translate(String s, String from, String to) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int k = from.indexOf(c);
            if (k < 0) {
                sb.append(c);
            } else if (k < to.length()) {
                sb.append(to.charAt(k));
            }
        }
        return sb.toString();
    }
}
