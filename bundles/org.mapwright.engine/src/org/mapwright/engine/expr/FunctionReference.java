package org.mapwright.engine.expr;

import org.mapwright.internal.engine.expr.ReferenceWriter;

/** Renders the function reference (FUNCTIONS.md) from {@link FunctionInfo} metadata. */
public final class FunctionReference {

    private FunctionReference() {
    }

    /**
     * @return a Markdown document: a table of contents by category, then per function its
     *         signatures, description, example and flags; deterministic for a given registry
     */
    public static String markdown(FunctionRegistry registry) {
        return ReferenceWriter.markdown(registry);
    }
}
