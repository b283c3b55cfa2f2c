package org.mapwright.internal.engine.expr;

import java.util.function.Supplier;

import org.mapwright.core.DataType;
import org.mapwright.engine.expr.AggregateCall;
import org.mapwright.engine.expr.EvaluationException;

/** An aggregate call bound at compile time: its argument node and state factory. */
final class AggregateCallImpl implements AggregateCall {

    private final String text;
    private final String function;
    private final DataType type;
    private final int start;
    private final int end;
    private final Node argument;
    private final Supplier<Library.AggState> states;

    AggregateCallImpl(String text, String function, DataType type, int start, int end, Node argument,
            Supplier<Library.AggState> states) {
        this.text = text;
        this.function = function;
        this.type = type;
        this.start = start;
        this.end = end;
        this.argument = argument;
        this.states = states;
    }

    @Override
    public String text() {
        return text;
    }

    @Override
    public String function() {
        return function;
    }

    @Override
    public DataType type() {
        return type;
    }

    @Override
    public int start() {
        return start;
    }

    @Override
    public int end() {
        return end;
    }

    @Override
    public Accumulator newAccumulator() {
        Library.AggState state = states.get();
        Node arg = argument;
        return new Accumulator() {
            @Override
            public void accumulate(Object[] row) {
                Object v = arg == null ? Boolean.TRUE : arg.eval(row);
                if (v != null) {
                    try {
                        state.add(v);
                    } catch (RuntimeException e) {
                        if (Node.isDataFailure(e)) {
                            String reason = e instanceof ArithmeticException
                                    ? "integer overflow: the sum is beyond ±9223372036854775807; use decimals"
                                    : e.getMessage();
                            throw new EvaluationException(text, reason, start, end);
                        }
                        throw e;
                    }
                }
            }

            @Override
            public Object result() {
                return state.result();
            }
        };
    }

    @Override
    public String toString() {
        return text;
    }
}
