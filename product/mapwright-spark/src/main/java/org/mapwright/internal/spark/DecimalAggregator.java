package org.mapwright.internal.spark;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.expressions.Aggregator;

import scala.Tuple2;
import scala.Tuple3;

/**
 * Exact aggregates of decimals (held as BigDecimal text, see {@link SparkTypes}): {@code sum} keeps
 * the largest scale of its terms, {@code avg} is exact to 34 significant digits without trailing
 * zeros, {@code min}/{@code max} compare by value and keep the first value in input order among
 * equal ones, as the local engine does. Input: the value and its row's position in the source.
 */
final class DecimalAggregator extends Aggregator<Tuple2<String, Long>, Tuple3<String, Long, Long>, String> {

    private static final long serialVersionUID = 1L;
    private static final MathContext DIVISION = new MathContext(34, RoundingMode.HALF_UP);

    enum Kind {
        SUM, AVG, MIN, MAX
    }

    private final Kind kind;

    DecimalAggregator(Kind kind) {
        this.kind = kind;
    }

    @Override
    public Tuple3<String, Long, Long> zero() {
        return new Tuple3<>(null, 0L, Long.MAX_VALUE);
    }

    @Override
    public Tuple3<String, Long, Long> reduce(Tuple3<String, Long, Long> b, Tuple2<String, Long> in) {
        if (in == null || in._1() == null) {
            return b;
        }
        return merge(b, new Tuple3<>(in._1(), 1L, in._2() == null ? Long.MAX_VALUE : in._2()));
    }

    @Override
    public Tuple3<String, Long, Long> merge(Tuple3<String, Long, Long> a, Tuple3<String, Long, Long> b) {
        if (a._1() == null) {
            return b;
        }
        if (b._1() == null) {
            return a;
        }
        BigDecimal x = new BigDecimal(a._1());
        BigDecimal y = new BigDecimal(b._1());
        switch (kind) {
            case SUM: case AVG:
                return new Tuple3<>(x.add(y).toString(), a._2() + b._2(), Math.min(a._3(), b._3()));
            default:
                int c = x.compareTo(y);
                boolean keepA = c == 0 ? a._3() <= b._3() : kind == Kind.MAX ? c > 0 : c < 0;
                return keepA ? a : b;
        }
    }

    @Override
    public String finish(Tuple3<String, Long, Long> b) {
        if (b._1() == null) {
            return null;
        }
        if (kind != Kind.AVG) {
            return b._1();
        }
        BigDecimal s = new BigDecimal(b._1()).divide(BigDecimal.valueOf(b._2()), DIVISION).stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toString();
    }

    @Override
    public Encoder<Tuple3<String, Long, Long>> bufferEncoder() {
        return Encoders.tuple(Encoders.STRING(), Encoders.LONG(), Encoders.LONG());
    }

    @Override
    public Encoder<String> outputEncoder() {
        return Encoders.STRING();
    }

    /** @return the encoder of the input (value, position) */
    static Encoder<Tuple2<String, Long>> inputEncoder() {
        return Encoders.tuple(Encoders.STRING(), Encoders.LONG());
    }
}
