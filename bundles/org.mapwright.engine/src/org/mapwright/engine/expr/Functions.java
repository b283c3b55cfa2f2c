package org.mapwright.engine.expr;

import org.mapwright.internal.engine.expr.Library;

/** Entry point to the built-in function library. */
public final class Functions {

    private Functions() {
    }

    /**
     * @return every built-in function: text, numbers, dates, conditions, conversions, hashing,
     *         lists, lookups and aggregates (see FUNCTIONS.md)
     */
    public static FunctionRegistry standard() {
        return Library.registry();
    }
}
