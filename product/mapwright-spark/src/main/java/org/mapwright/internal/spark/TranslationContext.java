package org.mapwright.internal.spark;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import org.mapwright.engine.expr.ExpressionTree;
import org.mapwright.engine.expr.ExpressionTree.FunctionCall;

/**
 * What translating the expressions of one mapping shares: the run's clock ({@code now()},
 * {@code today()}), the joins that serve {@code lookup()} calls, and which functions had to run as
 * UDFs (reported by validation).
 */
public final class TranslationContext {

    /** Serves {@code lookup()} calls, which become joins. */
    public interface Lookups {
        /** @return the looked-up value of the call for each row */
        Val lookup(FunctionCall call, Translator translator);
    }

    private final Clock clock;
    private final Lookups lookups;
    private final Map<String, ExpressionTree> udfFunctions = new LinkedHashMap<>();

    /** @param lookups serves lookup() calls; null when they cannot be served (validation) */
    public TranslationContext(Clock clock, Lookups lookups) {
        this.clock = clock;
        this.lookups = lookups;
    }

    Clock clock() {
        return clock;
    }

    Val lookup(FunctionCall call, Translator t) {
        if (lookups == null) {
            return Val.of(Cols.nullOf(call.type()));
        }
        return lookups.lookup(call, t);
    }

    void ranAsUdf(String function, ExpressionTree call) {
        udfFunctions.putIfAbsent(function, call);
    }

    /** @return the functions that run as Java UDFs, each with its first call */
    public Map<String, ExpressionTree> udfFunctions() {
        return udfFunctions;
    }
}
