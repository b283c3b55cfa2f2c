package org.mapwright.internal.engine.expr;

import static org.mapwright.core.DataType.ANY;
import static org.mapwright.core.DataType.DECIMAL;
import static org.mapwright.core.DataType.INTEGER;
import static org.mapwright.internal.engine.expr.Library.def;
import static org.mapwright.internal.engine.expr.Library.p;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import org.mapwright.core.DataType;
import org.mapwright.engine.expr.FunctionCategory;

/** Numeric functions. Decimal results are exact except where noted (power, sqrt, exp, ln: 34 digits). */
final class NumberFunctions {

    private static final FunctionCategory C = FunctionCategory.NUMBER;

    private NumberFunctions() {
    }

    static Object divide(Object a, Object b) {
        BigDecimal divisor = (BigDecimal) b;
        if (divisor.signum() == 0) {
            throw new Fail("division by zero");
        }
        return Conv.normalize(((BigDecimal) a).divide(divisor, Conv.DIVISION));
    }

    static Object modLong(Object a, Object b) {
        long y = (Long) b;
        if (y == 0) {
            throw new Fail("division by zero");
        }
        return (Long) a % y;
    }

    static Object modDecimal(Object a, Object b) {
        BigDecimal y = (BigDecimal) b;
        if (y.signum() == 0) {
            throw new Fail("division by zero");
        }
        return ((BigDecimal) a).remainder(y);
    }

    static BigDecimal scaled(BigDecimal d, long digits, RoundingMode mode) {
        if (digits > Conv.MAX_SCALE || digits < -Conv.MAX_SCALE) {
            throw new Fail("digits " + digits + " out of range");
        }
        if (d.precision() - d.scale() < -digits - 1) {
            // Far below the rounding position only the sign matters; a stand-in avoids dividing
            // by a power of ten with as many digits as the scale.
            d = BigDecimal.valueOf(d.signum(), (int) digits + 2);
        }
        BigDecimal r = d.setScale((int) digits, mode);
        return r.scale() < 0 ? r.setScale(0) : r;
    }

    private static BigDecimal fromDouble(double v, String what) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new Fail(what + " is not a finite number");
        }
        return Conv.normalize(new BigDecimal(v).round(new java.math.MathContext(15)));
    }

    static void define(List<Library.Def> d) {
        def(d, "abs", C).doc("The absolute value.").example("abs(-3) → 3")
                .sig(INTEGER, p("value", INTEGER)).f1(a -> Math.absExact((Long) a))
                .sig(DECIMAL, p("value", DECIMAL)).f1(a -> ((BigDecimal) a).abs());
        def(d, "round", C).doc("The value rounded half up to a number of decimal places (default 0; negative rounds to tens, hundreds...).")
                .example("round(2.345, 2) → 2.35")
                .sig(INTEGER, p("value", INTEGER)).f1(a -> a)
                .sig(DECIMAL, p("value", DECIMAL)).f1(a -> scaled((BigDecimal) a, 0, RoundingMode.HALF_UP))
                .sig(DECIMAL, p("value", DECIMAL), p("digits", INTEGER))
                .f2((a, b) -> scaled((BigDecimal) a, (Long) b, RoundingMode.HALF_UP));
        def(d, "floor", C).doc("The largest whole number not greater than the value.").example("floor(-2.5) → -3")
                .sig(INTEGER, p("value", INTEGER)).f1(a -> a)
                .sig(DECIMAL, p("value", DECIMAL)).f1(a -> scaled((BigDecimal) a, 0, RoundingMode.FLOOR));
        def(d, "ceil", C).alias("ceiling").doc("The smallest whole number not less than the value.").example("ceil(2.1) → 3")
                .sig(INTEGER, p("value", INTEGER)).f1(a -> a)
                .sig(DECIMAL, p("value", DECIMAL)).f1(a -> scaled((BigDecimal) a, 0, RoundingMode.CEILING));
        def(d, "trunc", C).alias("truncate").doc("The value cut (towards zero) to a number of decimal places (default 0).")
                .example("trunc(2.789, 1) → 2.7")
                .sig(INTEGER, p("value", INTEGER)).f1(a -> a)
                .sig(DECIMAL, p("value", DECIMAL)).f1(a -> scaled((BigDecimal) a, 0, RoundingMode.DOWN))
                .sig(DECIMAL, p("value", DECIMAL), p("digits", INTEGER))
                .f2((a, b) -> scaled((BigDecimal) a, (Long) b, RoundingMode.DOWN));
        def(d, "mod", C).doc("The remainder of dividing a by b, with the sign of a (like `%`).").example("mod(7, 3) → 1")
                .sig(INTEGER, p("a", INTEGER), p("b", INTEGER)).f2(NumberFunctions::modLong)
                .sig(DECIMAL, p("a", DECIMAL), p("b", DECIMAL)).f2(NumberFunctions::modDecimal);
        def(d, "div", C).doc("Integer division truncated towards zero (`/` always gives a decimal).").example("div(7, 2) → 3")
                .sig(INTEGER, p("a", INTEGER), p("b", INTEGER)).f2((a, b) -> {
                    long y = (Long) b;
                    if (y == 0) {
                        throw new Fail("division by zero");
                    }
                    if ((Long) a == Long.MIN_VALUE && y == -1) {
                        throw new ArithmeticException("long overflow");
                    }
                    return (Long) a / y;
                });
        def(d, "power", C).alias("pow").doc("a raised to the power b; exact for whole exponents, else 15 significant digits.")
                .example("power(2, 10) → 1024")
                .sig(DECIMAL, p("base", DECIMAL), p("exponent", DECIMAL)).f2((a, b) -> power((BigDecimal) a, (BigDecimal) b));
        def(d, "sqrt", C).doc("The square root, to 34 significant digits.").example("sqrt(16) → 4")
                .sig(DECIMAL, p("value", DECIMAL)).f1(a -> {
                    BigDecimal v = (BigDecimal) a;
                    if (v.signum() < 0) {
                        throw new Fail("square root of a negative number");
                    }
                    return Conv.normalize(v.sqrt(Conv.DIVISION));
                });
        def(d, "sign", C).doc("-1, 0 or 1 for negative, zero and positive values.").example("sign(-4.2) → -1")
                .sig(INTEGER, p("value", INTEGER)).f1(a -> (long) Long.signum((Long) a))
                .sig(INTEGER, p("value", DECIMAL)).f1(a -> (long) ((BigDecimal) a).signum());
        def(d, "greatest", C).doc("The largest of the values (numbers, text, dates...), ignoring nulls.")
                .example("greatest(3, 7.5, 1) → 7.5")
                .varsig(ANY, p("value", ANY)).bind((site, a) -> extreme(site, a, true));
        def(d, "least", C).doc("The smallest of the values (numbers, text, dates...), ignoring nulls.")
                .example("least(DATE '2024-03-01', DATE '2023-12-31') → 2023-12-31")
                .varsig(ANY, p("value", ANY)).bind((site, a) -> extreme(site, a, false));
        def(d, "exp", C).doc("e raised to the value, to 15 significant digits.").example("exp(0) → 1")
                .sig(DECIMAL, p("value", DECIMAL)).f1(a -> fromDouble(Math.exp(((BigDecimal) a).doubleValue()), "exp"));
        def(d, "ln", C).doc("The natural logarithm, to 15 significant digits.").example("ln(1) → 0")
                .sig(DECIMAL, p("value", DECIMAL)).f1(a -> {
                    if (((BigDecimal) a).signum() <= 0) {
                        throw new Fail("logarithm of a number that is not positive");
                    }
                    return fromDouble(Math.log(((BigDecimal) a).doubleValue()), "ln");
                });
        def(d, "log10", C).doc("The base-10 logarithm, to 15 significant digits.").example("log10(1000) → 3")
                .sig(DECIMAL, p("value", DECIMAL)).f1(a -> {
                    if (((BigDecimal) a).signum() <= 0) {
                        throw new Fail("logarithm of a number that is not positive");
                    }
                    return fromDouble(Math.log10(((BigDecimal) a).doubleValue()), "log10");
                });
    }

    static Object power(BigDecimal base, BigDecimal exponent) {
        BigDecimal e = exponent.stripTrailingZeros();
        if (e.scale() <= 0 && e.abs().compareTo(BigDecimal.valueOf(9999)) <= 0) {
            int n = e.intValueExact();
            if (n >= 0) {
                return Conv.normalize(base.pow(n, Conv.DIVISION));
            }
            if (base.signum() == 0) {
                throw new Fail("division by zero");
            }
            return Conv.normalize(BigDecimal.ONE.divide(base.pow(-n, Conv.DIVISION), Conv.DIVISION));
        }
        return fromDouble(Math.pow(base.doubleValue(), exponent.doubleValue()), "power(" + base + ", " + exponent + ")");
    }

    /** greatest/least: unify argument types, then compare ignoring nulls. */
    static Node extreme(Library.Site site, Node[] args, boolean greatest) throws org.mapwright.engine.expr.ExpressionException {
        DataType common = DataType.ANY;
        for (int i = 0; i < args.length; i++) {
            DataType t = args[i].type;
            DataType u = common == DataType.ANY ? t : t == DataType.ANY || t == common ? common
                    : common.isNumeric() && t.isNumeric() ? DataType.DECIMAL
                    : (common == DataType.DATE || common == DataType.TIMESTAMP) && (t == DataType.DATE || t == DataType.TIMESTAMP)
                            ? DataType.TIMESTAMP : null;
            if (u == null) {
                throw site.error(i, (greatest ? "greatest" : "least") + "() values must have one type, but this one is "
                        + t.id() + " and an earlier one is " + common.id(), null);
            }
            common = u;
        }
        final DataType type = common;
        Node[] converted = new Node[args.length];
        for (int i = 0; i < args.length; i++) {
            converted[i] = args[i].type == type || type == DataType.ANY ? args[i]
                    : new Ops.Convert(type, args[i], false, null).at(args[i].source, args[i].start, args[i].end);
        }
        return new Node.CallN(type, values -> {
            Object best = null;
            for (Object v : values) {
                if (v != null && (best == null || (Conv.compare(v, best) > 0) == greatest && Conv.compare(v, best) != 0)) {
                    best = v;
                }
            }
            return best;
        }, converted, false);
    }
}
