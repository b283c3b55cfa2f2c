package org.mapwright.internal.engine.expr;

/** Function shapes for evaluator nodes; fixed arities avoid an argument array per call. */
final class Fn {

    private Fn() {
    }

    @FunctionalInterface
    interface F0 {
        Object get();
    }

    @FunctionalInterface
    interface F1 {
        Object apply(Object a);
    }

    @FunctionalInterface
    interface F2 {
        Object apply(Object a, Object b);
    }

    @FunctionalInterface
    interface F3 {
        Object apply(Object a, Object b, Object c);
    }

    @FunctionalInterface
    interface FN {
        Object apply(Object[] args);
    }
}
