package org.mapwright.internal.engine.expr;

import static org.mapwright.core.DataType.ANY;
import static org.mapwright.core.DataType.BOOLEAN;
import static org.mapwright.core.DataType.DATE;
import static org.mapwright.core.DataType.DECIMAL;
import static org.mapwright.core.DataType.INTEGER;
import static org.mapwright.core.DataType.TEXT;
import static org.mapwright.core.DataType.TIMESTAMP;
import static org.mapwright.internal.engine.expr.Library.def;
import static org.mapwright.internal.engine.expr.Library.p;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.ParsePosition;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32;

import org.mapwright.core.DataType;
import org.mapwright.core.value.Values;
import org.mapwright.engine.expr.ExpressionException;
import org.mapwright.engine.expr.FunctionCategory;
import org.mapwright.engine.expr.LookupResolver;

/** Conditions and nulls, conversions, hashing and ids, lists, lookups. */
final class OtherFunctions {

    private static final HexFormat HEX = HexFormat.of();

    private OtherFunctions() {
    }

    static void define(List<Library.Def> d) {
        conditional(d);
        conversion(d);
        hashing(d);
        lists(d);
        lookup(d);
    }

    private static DataType unify(Library.Site site, Node[] args, int from, String fn) throws ExpressionException {
        DataType common = ANY;
        for (int i = from; i < args.length; i++) {
            DataType t = args[i].type;
            DataType u = common == ANY ? t : t == ANY || t == common ? common
                    : common.isNumeric() && t.isNumeric() ? DECIMAL
                    : (common == DATE || common == TIMESTAMP) && (t == DATE || t == TIMESTAMP) ? TIMESTAMP : null;
            if (u == null) {
                throw site.error(i, fn + "() values must have one type, but this one is " + t.id() + " and an earlier one is "
                        + common.id(), "convert it, e.g. with CAST(... AS " + common.id() + ")");
            }
            common = u;
        }
        return common;
    }

    private static Node[] convertAll(Node[] args, int from, DataType type) {
        Node[] out = args.clone();
        for (int i = from; i < out.length; i++) {
            Node n = out[i];
            if (n.type != type && type != ANY) {
                out[i] = n instanceof Node.Const c && c.value == null ? new Node.Const(type, null).at(n.source, n.start, n.end)
                        : new Ops.Convert(type, n, false, null).at(n.source, n.start, n.end);
            }
        }
        return out;
    }

    private static void conditional(List<Library.Def> d) {
        FunctionCategory c = FunctionCategory.CONDITIONAL;
        def(d, "coalesce", c).doc("The first value that is not null; later values are not evaluated.")
                .example("coalesce(NULL, 'n/a') → 'n/a'")
                .varsig(ANY, p("value", ANY)).bind((site, a) -> {
                    DataType t = unify(site, a, 0, "coalesce");
                    return new Ops.Coalesce(t, convertAll(a, 0, t));
                });
        def(d, "ifnull", c).alias("nvl").doc("The value, or the replacement when the value is null.")
                .example("ifnull(NULL, 0) → 0")
                .sig(ANY, p("value", ANY), p("replacement", ANY)).bind((site, a) -> {
                    DataType t = unify(site, a, 0, "ifnull");
                    return new Ops.Coalesce(t, convertAll(a, 0, t));
                });
        def(d, "nullif", c).doc("Null when the two values are equal, else the first value.")
                .example("nullif('n/a', 'n/a') → NULL")
                .sig(ANY, p("value", ANY), p("other", ANY)).bind((site, a) -> {
                    DataType t = unify(site, a, 0, "nullif");
                    Node[] conv = convertAll(a, 0, t);
                    return new Node.Call2(t, (x, y) -> x != null && y != null && Conv.equal(x, y) ? null : x, conv[0], conv[1],
                            false);
                });
        def(d, "if", c).alias("iif").doc("`then` when the condition is true, else `otherwise` (also when it is null).")
                .example("if(qty > 10, 'bulk', 'single') → 'bulk'")
                .sig(ANY, p("condition", BOOLEAN), p("then", ANY), p("otherwise", ANY)).bind((site, a) -> {
                    DataType t = unify(site, a, 1, "if");
                    Node[] conv = convertAll(a, 1, t);
                    return new Ops.If(t, conv[0], conv[1], conv[2]);
                });
        def(d, "is_blank", c).doc("Whether the text is null, empty or only whitespace.").example("is_blank('  ') → true")
                .sig(BOOLEAN, p("text", TEXT)).lenient1(a -> a == null || ((String) a).isBlank());
        def(d, "default_if_blank", c).doc("The text, or the default when it is null, empty or only whitespace.")
                .example("default_if_blank('', 'unknown') → 'unknown'")
                .sig(TEXT, p("text", TEXT), p("default", TEXT))
                .lenient2((a, b) -> a == null || ((String) a).isBlank() ? b : a);
        def(d, "is_number", c).doc("Whether the text is a decimal number (the check for to_decimal).")
                .example("is_number('-12.5') → true")
                .sig(BOOLEAN, p("text", TEXT)).f1(a -> parses((String) a, DECIMAL));
        def(d, "is_integer", c).doc("Whether the text is a whole number in the integer range (the check for to_integer).")
                .example("is_integer('42') → true")
                .sig(BOOLEAN, p("text", TEXT)).f1(a -> parses((String) a, INTEGER));
        def(d, "is_date", c).doc("Whether the text is a date, ISO or in the given pattern (the check for parse_date).")
                .example("is_date('31/02/2024', 'dd/MM/yyyy') → false")
                .sig(BOOLEAN, p("text", TEXT)).f1(a -> parses((String) a, DATE))
                .sig(BOOLEAN, p("text", TEXT), p("pattern", TEXT)).bind((site, a) -> {
                    Memo<java.time.format.DateTimeFormatter> m = DateFunctions.patterns(site, 1);
                    return new Node.Call2(BOOLEAN, (x, p) -> {
                        try {
                            DateFunctions.parseDate((String) x, m.get((String) p), (String) p);
                            return true;
                        } catch (Fail e) {
                            return false;
                        }
                    }, a[0], a[1], true);
                });
    }

    private static boolean parses(String s, DataType type) {
        if (s.isBlank()) {
            return false;
        }
        try {
            Values.parse(s, type, null);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static DecimalFormat decimalFormat(String pattern, String locale) {
        Locale l = locale == null ? Locale.ROOT : Locale.forLanguageTag(locale);
        DecimalFormat f = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(l));
        f.setParseBigDecimal(true);
        f.setRoundingMode(java.math.RoundingMode.HALF_UP);
        return f;
    }

    /** DecimalFormat is not thread-safe: one copy per thread, built once per distinct pattern. */
    private static Memo<ThreadLocal<DecimalFormat>> numberFormats(Library.Site site, int patternArg, int localeArg)
            throws ExpressionException {
        Memo<ThreadLocal<DecimalFormat>> memo = new Memo<>(key -> {
            int sep = key.indexOf('\u0000');
            String pattern = key.substring(0, sep);
            String locale = sep + 1 < key.length() ? key.substring(sep + 1) : null;
            try {
                DecimalFormat proto = decimalFormat(pattern, locale);
                return ThreadLocal.withInitial(() -> (DecimalFormat) proto.clone());
            } catch (IllegalArgumentException e) {
                throw new Fail("invalid number pattern '" + pattern + "': " + e.getMessage());
            }
        });
        if (site.isConstant(patternArg) && site.constant(patternArg) != null
                && (localeArg < 0 || site.isConstant(localeArg) && site.constant(localeArg) != null)) {
            try {
                memo.get(site.constant(patternArg) + "\u0000" + (localeArg < 0 ? "" : site.constant(localeArg)));
            } catch (Fail e) {
                throw site.error(patternArg, e.getMessage(), "see java.text.DecimalFormat, e.g. '#,##0.00'");
            }
        }
        return memo;
    }

    private static Object parseNumber(String text, DecimalFormat f, String pattern) {
        String t = text.trim();
        ParsePosition pos = new ParsePosition(0);
        Number n = f.parse(t, pos);
        if (n == null || pos.getIndex() != t.length()) {
            throw new Fail("'" + Conv.abbreviate(text) + "' is not a number in format " + pattern);
        }
        return n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
    }

    private static void conversion(List<Library.Def> d) {
        FunctionCategory c = FunctionCategory.CONVERSION;
        def(d, "to_text", c).alias("to_string").doc("The value's canonical text: ISO dates, plain decimals, true/false.")
                .example("to_text(DATE '2024-01-31') → '2024-01-31'")
                .sig(TEXT, p("value", ANY)).f1(a -> Conv.cast(a, TEXT));
        def(d, "format_number", c)
                .doc("A number as text in a java.text.DecimalFormat pattern, rounding half up, optionally in a locale such as 'de-DE'.")
                .example("format_number(1234.5, '#,##0.00') → '1,234.50'")
                .sig(TEXT, p("value", DECIMAL), p("pattern", TEXT)).bind((site, a) -> {
                    Memo<ThreadLocal<DecimalFormat>> m = numberFormats(site, 1, -1);
                    return new Node.Call2(TEXT, (x, p) -> m.get(p + "\u0000").get().format(x), a[0], a[1], true);
                })
                .sig(TEXT, p("value", DECIMAL), p("pattern", TEXT), p("locale", TEXT)).bind((site, a) -> {
                    Memo<ThreadLocal<DecimalFormat>> m = numberFormats(site, 1, 2);
                    return new Node.Call3(TEXT, (x, p, l) -> m.get(p + "\u0000" + l).get().format(x), a[0], a[1], a[2], true);
                });
        def(d, "to_integer", c).doc("The value as an integer: text is parsed, decimals are rounded half up, booleans give 1/0.")
                .example("to_integer(' 42 ') → 42")
                .sig(INTEGER, p("value", ANY)).f1(a -> Conv.cast(a, INTEGER));
        def(d, "to_decimal", c).doc("The value as a decimal: text is parsed, booleans give 1/0.")
                .example("to_decimal('12.50') → 12.50")
                .sig(DECIMAL, p("value", ANY)).f1(a -> Conv.cast(a, DECIMAL));
        def(d, "to_number", c)
                .doc("Text read as a decimal, plain or in a DecimalFormat pattern and optional locale ('1.234,5' with 'de-DE').")
                .example("to_number('1.234,50', '#,##0.00', 'de-DE') → 1234.50")
                .sig(DECIMAL, p("text", TEXT)).f1(a -> Conv.cast(a, DECIMAL))
                .sig(DECIMAL, p("text", TEXT), p("pattern", TEXT)).bind((site, a) -> {
                    Memo<ThreadLocal<DecimalFormat>> m = numberFormats(site, 1, -1);
                    return new Node.Call2(DECIMAL, (x, p) -> parseNumber((String) x, m.get(p + "\u0000").get(), (String) p),
                            a[0], a[1], true);
                })
                .sig(DECIMAL, p("text", TEXT), p("pattern", TEXT), p("locale", TEXT)).bind((site, a) -> {
                    Memo<ThreadLocal<DecimalFormat>> m = numberFormats(site, 1, 2);
                    return new Node.Call3(DECIMAL,
                            (x, p, l) -> parseNumber((String) x, m.get(p + "\u0000" + l).get(), (String) p), a[0], a[1], a[2], true);
                });
        def(d, "to_boolean", c).doc("The value as a boolean: text true/false, yes/no, y/n, 1/0; numbers are true unless 0.")
                .example("to_boolean('yes') → true")
                .sig(BOOLEAN, p("value", ANY)).f1(a -> Conv.cast(a, BOOLEAN));
        def(d, "to_date", c).doc("The value as a date: ISO text or text in a pattern; timestamps drop their time.")
                .example("to_date('2024-01-31') → 2024-01-31")
                .sig(DATE, p("value", ANY)).f1(a -> Conv.cast(a, DATE))
                .sig(DATE, p("text", TEXT), p("pattern", TEXT)).bind((site, a) -> {
                    Memo<java.time.format.DateTimeFormatter> m = DateFunctions.patterns(site, 1);
                    return new Node.Call2(DATE, (x, p) -> DateFunctions.parseDate((String) x, m.get((String) p), (String) p),
                            a[0], a[1], true);
                });
        def(d, "to_timestamp", c).doc("The value as a timestamp: ISO text or text in a pattern; dates give midnight.")
                .example("to_timestamp('2024-01-31 08:00') → 2024-01-31T08:00:00")
                .sig(TIMESTAMP, p("value", ANY)).f1(a -> Conv.cast(a, TIMESTAMP))
                .sig(TIMESTAMP, p("text", TEXT), p("pattern", TEXT)).bind((site, a) -> {
                    Memo<java.time.format.DateTimeFormatter> m = DateFunctions.patterns(site, 1);
                    return new Node.Call2(TIMESTAMP,
                            (x, p) -> DateFunctions.parseTimestamp((String) x, m.get((String) p), (String) p), a[0], a[1], true);
                });
    }

    private static ThreadLocal<MessageDigest> digest(String algorithm) {
        return ThreadLocal.withInitial(() -> {
            try {
                return MessageDigest.getInstance(algorithm);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has " + algorithm, e);
            }
        });
    }

    private static void digestFunction(List<Library.Def> d, String name, String algorithm, String example) {
        d.add(new Library.Def(name, FunctionCategory.HASH)
                .doc("The " + algorithm + " digest of the text's UTF-8 bytes, as lower-case hex.").example(example)
                .sig(TEXT, p("text", TEXT)).bind((site, a) -> {
                    ThreadLocal<MessageDigest> md = digest(algorithm);
                    return new Node.Call1(TEXT, x -> HEX.formatHex(md.get().digest(((String) x).getBytes(StandardCharsets.UTF_8))), a[0]);
                }));
    }

    /** 64-bit FNV-1a: stable across runs and machines, unlike String.hashCode mixing. */
    static long fnv1a(byte[] bytes) {
        long h = 0xcbf29ce484222325L;
        for (byte b : bytes) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    private static void hashing(List<Library.Def> d) {
        FunctionCategory c = FunctionCategory.HASH;
        digestFunction(d, "md5", "MD5", "md5('abc') → '900150983cd24fb0d6963f7d28e17f72'");
        digestFunction(d, "sha1", "SHA-1", "sha1('abc') → 'a9993e364706816aba3e25717850c26c9cd0d89d'");
        digestFunction(d, "sha256", "SHA-256",
                "sha256('abc') → 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'");
        def(d, "uuid", c).doc("A random UUID (version 4) as text; different on every call (not deterministic).")
                .example("uuid() → 'f47ac10b-58cc-4372-a567-0e02b2c3d479'")
                .sig(TEXT).volatile0(o -> () -> {
                    ThreadLocalRandom r = ThreadLocalRandom.current();
                    long msb = (r.nextLong() & ~0xf000L) | 0x4000L;
                    long lsb = (r.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
                    return new UUID(msb, lsb).toString();
                });
        def(d, "uuid_from", c).doc("A name-based UUID (version 3) of the text: the same text always gives the same id.")
                .example("uuid_from('customer-42') → 'cd8e59ee-8a86-3085-890d-6eac45cd29b0'")
                .sig(TEXT, p("text", TEXT)).f1(a -> UUID.nameUUIDFromBytes(((String) a).getBytes(StandardCharsets.UTF_8)).toString());
        def(d, "hash", c).doc("A stable 64-bit hash (FNV-1a) of the value's canonical text, for surrogate keys and bucketing.")
                .example("hash('abc') → -1792535898324117685")
                .sig(INTEGER, p("value", ANY)).f1(a -> fnv1a(Values.format(a).getBytes(StandardCharsets.UTF_8)));
        def(d, "crc32", c).doc("The CRC-32 checksum of the text's UTF-8 bytes.").example("crc32('abc') → 891568578")
                .sig(INTEGER, p("text", TEXT)).f1(a -> {
                    CRC32 crc = new CRC32();
                    crc.update(((String) a).getBytes(StandardCharsets.UTF_8));
                    return crc.getValue();
                });
        def(d, "base64_encode", c).doc("The text's UTF-8 bytes in Base64.").example("base64_encode('hi') → 'aGk='")
                .sig(TEXT, p("text", TEXT)).f1(a -> Base64.getEncoder().encodeToString(((String) a).getBytes(StandardCharsets.UTF_8)));
        def(d, "base64_decode", c).doc("Base64 decoded to UTF-8 text; invalid Base64 rejects the row.")
                .example("base64_decode('aGk=') → 'hi'")
                .sig(TEXT, p("text", TEXT)).f1(a -> {
                    try {
                        return new String(Base64.getDecoder().decode(((String) a).trim()), StandardCharsets.UTF_8);
                    } catch (IllegalArgumentException e) {
                        throw new Fail("'" + Conv.abbreviate((String) a) + "' is not valid Base64");
                    }
                });
    }

    private static void lists(List<Library.Def> d) {
        FunctionCategory c = FunctionCategory.LIST;
        def(d, "list_size", c).doc("The number of elements of a repeated field.").example("list_size(tags) → 3")
                .sig(INTEGER, p("list", ANY)).list(0).f1(a -> (long) ((List<?>) a).size());
        def(d, "list_join", c).doc("The elements of a repeated field joined with a separator; null elements are skipped.")
                .example("list_join(tags, ', ') → 'red, green'")
                .sig(TEXT, p("list", ANY), p("separator", TEXT)).list(0).f2((a, b) -> {
                    StringBuilder sb = new StringBuilder();
                    for (Object v : (List<?>) a) {
                        if (v != null) {
                            if (sb.length() > 0) {
                                sb.append((String) b);
                            }
                            sb.append(Values.format(v));
                        }
                    }
                    return sb.toString();
                });
        def(d, "list_item", c).doc("The n-th element (1-based; negative counts from the end) or null when out of range.")
                .example("list_item(tags, 1) → 'red'")
                .sig(ANY, p("list", ANY), p("n", INTEGER)).list(0).bind((site, a) -> new Node.Call2(a[0].type, (x, n) -> {
                    List<?> l = (List<?>) x;
                    long i = (Long) n;
                    long idx = i > 0 ? i - 1 : l.size() + i;
                    return i != 0 && idx >= 0 && idx < l.size() ? l.get((int) idx) : null;
                }, a[0], a[1], true));
        def(d, "list_contains", c).doc("Whether a repeated field has an element equal to the value.")
                .example("list_contains(tags, 'red') → true")
                .sig(BOOLEAN, p("list", ANY), p("value", ANY)).list(0).bind((site, a) -> {
                    DataType el = a[0].type;
                    if (el != ANY && a[1].type != ANY && !(el == a[1].type || el.isNumeric() && a[1].type.isNumeric())) {
                        throw site.error(1, "the list holds " + el.id() + " values but this is " + a[1].type.id(), null);
                    }
                    return new Node.Call2(BOOLEAN, (x, v) -> {
                        for (Object e : (List<?>) x) {
                            if (e != null && Conv.equal(e, v)) {
                                return true;
                            }
                        }
                        return false;
                    }, a[0], a[1], true);
                });
    }

    private static void lookup(List<Library.Def> d) {
        Library.Binder binder = (site, a) -> {
            LookupResolver resolver = site.options().lookups();
            if (resolver == null) {
                throw site.error(-1, "lookups are not available here: no lookup resolver was configured",
                        "add the lookup table as a source of the project, or join it instead");
            }
            for (int i : new int[] {0, 1, 3}) {
                if (!site.isConstant(i) || site.constant(i) == null) {
                    throw site.error(i, "lookup() table and column names must be text literals", "write them in quotes: 'countries'");
                }
            }
            LookupResolver.LookupTable table;
            try {
                table = resolver.open((String) site.constant(0), (String) site.constant(1), (String) site.constant(3));
            } catch (IllegalArgumentException e) {
                throw site.error(0, e.getMessage(), null);
            }
            Node key = a[2];
            DataType keyType = table.keyType();
            if (key.type != keyType && keyType != ANY) {
                if (!Conv.castable(key.type, keyType)) {
                    throw site.error(2, "the lookup key must be " + keyType.id() + " but this is " + key.type.id(), null);
                }
                key = new Ops.Convert(keyType, key, true, null).at(key.source, key.start, key.end);
            }
            DataType valueType = table.valueType();
            if (a.length == 4) {
                Node n = new Node.Call1(valueType, table::get, key);
                n.pinned = true;
                return n;
            }
            Node dflt = a[4];
            if (dflt.type != valueType && dflt.type != ANY) {
                if (!(valueType == DECIMAL && dflt.type == INTEGER)) {
                    throw site.error(4, "the default must be " + valueType.id() + " like the looked-up values, but it is "
                            + dflt.type.id(), null);
                }
            }
            Node dv = dflt.type == valueType ? dflt : new Ops.Convert(valueType, dflt, false, null).at(dflt.source, dflt.start, dflt.end);
            Node n = new Node.Call2(valueType, (k, df) -> {
                Object v = k == null ? null : table.get(k);
                return v != null ? v : df;
            }, key, dv, false);
            n.pinned = true;
            return n;
        };
        def(d, "lookup", FunctionCategory.LOOKUP)
                .doc("The value column of the first row of a lookup table whose key column equals the key, or null "
                        + "(or the default) when there is none; table and column names must be literals.")
                .example("lookup('countries', 'code', country, 'name') → 'Germany'")
                .sig(ANY, p("table", TEXT), p("key_column", TEXT), p("key", ANY), p("value_column", TEXT)).bind(binder)
                .sig(ANY, p("table", TEXT), p("key_column", TEXT), p("key", ANY), p("value_column", TEXT), p("default", ANY))
                .bind(binder);
    }
}
