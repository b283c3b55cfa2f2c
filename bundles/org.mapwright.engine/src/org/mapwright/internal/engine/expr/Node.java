package org.mapwright.internal.engine.expr;

import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;

import org.mapwright.core.DataType;
import org.mapwright.engine.expr.EvaluationException;
import org.mapwright.engine.expr.Explanation;

/**
 * An evaluator node: typed, with pre-resolved operands. Subclasses implement {@link #eval};
 * nothing is looked up by name at run time. The source range is set by the compiler before the
 * tree is published and never changes afterwards.
 */
abstract class Node {

    static final Node[] NONE = new Node[0];

    final DataType type;
    String source = "";
    int start;
    int end;
    /** Whether the value is a {@code java.util.List} of {@link #type} values (a repeated field). */
    boolean repeated;
    /** Set for calls that must run with the data, such as lookups, even on constant operands. */
    boolean pinned;

    Node(DataType type) {
        this.type = type;
    }

    /** @return the value for this row; null or an instance of {@code type.javaType()} */
    abstract Object eval(Object[] row);

    /** @return operands in text order */
    Node[] children() {
        return NONE;
    }

    /** Whether its value may be computed at compile time when all operands are constants. */
    boolean foldable() {
        return !pinned;
    }

    /**
     * @return which operands evaluation uses for this row; lazy nodes (CASE, AND, COALESCE...)
     *         override it so explanations mark skipped branches
     */
    boolean[] used(Object[] row) {
        boolean[] all = new boolean[children().length];
        java.util.Arrays.fill(all, true);
        return all;
    }

    String text() {
        return source.substring(start, end);
    }

    Node at(String src, int s, int e) {
        this.source = src;
        this.start = s;
        this.end = e;
        return this;
    }

    EvaluationException fail(String reason) {
        return new EvaluationException(text(), reason, start, end);
    }

    /** Converts a failure thrown by an implementation into this node's evaluation error. */
    EvaluationException wrap(RuntimeException e) {
        if (e instanceof EvaluationException ee) {
            return ee;
        }
        String msg = e.getMessage();
        if (e instanceof ArithmeticException) {
            if (msg != null && msg.contains("overflow")) {
                msg = "integer overflow: the result is beyond ±9223372036854775807; use decimals";
            } else if (msg != null && msg.toLowerCase(java.util.Locale.ROOT).contains("division")) {
                msg = "division by zero";
            }
        } else if (e instanceof DateTimeException && msg == null) {
            msg = "invalid date or time";
        }
        return fail(msg == null ? e.getClass().getSimpleName() : msg);
    }

    static boolean isDataFailure(RuntimeException e) {
        return e instanceof Fail || e instanceof ArithmeticException || e instanceof DateTimeException
                || e instanceof IllegalArgumentException || e instanceof EvaluationException;
    }

    Explanation explain(Object[] row) {
        Object value = null;
        String error = null;
        try {
            value = eval(row);
        } catch (RuntimeException e) {
            if (!isDataFailure(e)) {
                throw e;
            }
            error = wrap(e).reason();
        }
        Node[] kids = children();
        List<Explanation> out = new ArrayList<>(kids.length);
        if (kids.length > 0) {
            boolean[] used;
            try {
                used = used(row);
            } catch (RuntimeException e) {
                if (!isDataFailure(e)) {
                    throw e;
                }
                used = new boolean[kids.length];
                java.util.Arrays.fill(used, true);
            }
            for (int i = 0; i < kids.length; i++) {
                out.add(used[i] ? kids[i].explain(row) : kids[i].skipped());
            }
        }
        return new Explanation(text(), start, end, type, true, value, error, out);
    }

    Explanation skipped() {
        return new Explanation(text(), start, end, type, false, null, null, List.of());
    }

    /** A constant. */
    static final class Const extends Node {
        final Object value;

        Const(DataType type, Object value) {
            super(type);
            this.value = value;
        }

        @Override
        Object eval(Object[] row) {
            return value;
        }
    }

    /** A top-level field read. */
    static final class Slot extends Node {
        final int slot;

        Slot(DataType type, int slot) {
            super(type);
            this.slot = slot;
        }

        @Override
        Object eval(Object[] row) {
            return row[slot];
        }

        @Override
        boolean foldable() {
            return false;
        }
    }

    /** A field nested in RECORD values. */
    static final class Nested extends Node {
        final int slot;
        final int[] path;

        Nested(DataType type, int slot, int[] path) {
            super(type);
            this.slot = slot;
            this.path = path;
        }

        @Override
        Object eval(Object[] row) {
            Object v = row[slot];
            for (int idx : path) {
                if (v == null) {
                    return null;
                }
                if (!(v instanceof Object[] rec)) {
                    throw fail("expected a record value but found " + Conv.describe(v));
                }
                v = idx < rec.length ? rec[idx] : null;
            }
            return v;
        }

        @Override
        boolean foldable() {
            return false;
        }
    }

    /** Call with one operand; a strict one returns null for a null operand without calling. */
    static final class Call1 extends Node {
        final Fn.F1 fn;
        final Node a;
        final boolean strict;

        Call1(DataType type, Fn.F1 fn, Node a) {
            this(type, fn, a, true);
        }

        Call1(DataType type, Fn.F1 fn, Node a, boolean strict) {
            super(type);
            this.fn = fn;
            this.a = a;
            this.strict = strict;
        }

        @Override
        Object eval(Object[] row) {
            Object x = a.eval(row);
            if (x == null && strict) {
                return null;
            }
            try {
                return fn.apply(x);
            } catch (RuntimeException e) {
                if (isDataFailure(e)) {
                    throw wrap(e);
                }
                throw e;
            }
        }

        @Override
        Node[] children() {
            return new Node[] {a};
        }
    }

    /** Call with two operands; strict ones return null when either operand is null. */
    static final class Call2 extends Node {
        final Fn.F2 fn;
        final Node a;
        final Node b;
        final boolean strict;

        Call2(DataType type, Fn.F2 fn, Node a, Node b, boolean strict) {
            super(type);
            this.fn = fn;
            this.a = a;
            this.b = b;
            this.strict = strict;
        }

        @Override
        Object eval(Object[] row) {
            Object x = a.eval(row);
            if (x == null && strict) {
                return null;
            }
            Object y = b.eval(row);
            if (y == null && strict) {
                return null;
            }
            try {
                return fn.apply(x, y);
            } catch (RuntimeException e) {
                if (isDataFailure(e)) {
                    throw wrap(e);
                }
                throw e;
            }
        }

        @Override
        Node[] children() {
            return new Node[] {a, b};
        }
    }

    /** Call with three operands. */
    static final class Call3 extends Node {
        final Fn.F3 fn;
        final Node a;
        final Node b;
        final Node c;
        final boolean strict;

        Call3(DataType type, Fn.F3 fn, Node a, Node b, Node c, boolean strict) {
            super(type);
            this.fn = fn;
            this.a = a;
            this.b = b;
            this.c = c;
            this.strict = strict;
        }

        @Override
        Object eval(Object[] row) {
            Object x = a.eval(row);
            if (x == null && strict) {
                return null;
            }
            Object y = b.eval(row);
            if (y == null && strict) {
                return null;
            }
            Object z = c.eval(row);
            if (z == null && strict) {
                return null;
            }
            try {
                return fn.apply(x, y, z);
            } catch (RuntimeException e) {
                if (isDataFailure(e)) {
                    throw wrap(e);
                }
                throw e;
            }
        }

        @Override
        Node[] children() {
            return new Node[] {a, b, c};
        }
    }

    /** Call with any number of operands, evaluated into a fresh array. */
    static final class CallN extends Node {
        final Fn.FN fn;
        final Node[] args;
        final boolean strict;

        CallN(DataType type, Fn.FN fn, Node[] args, boolean strict) {
            super(type);
            this.fn = fn;
            this.args = args;
            this.strict = strict;
        }

        @Override
        Object eval(Object[] row) {
            Object[] values = new Object[args.length];
            for (int i = 0; i < args.length; i++) {
                Object v = args[i].eval(row);
                if (v == null && strict) {
                    return null;
                }
                values[i] = v;
            }
            try {
                return fn.apply(values);
            } catch (RuntimeException e) {
                if (isDataFailure(e)) {
                    throw wrap(e);
                }
                throw e;
            }
        }

        @Override
        Node[] children() {
            return args;
        }
    }

    /** A call whose result varies between calls with equal arguments (now(), uuid()). */
    static final class Volatile extends Node {
        final Fn.F0 fn;

        Volatile(DataType type, Fn.F0 fn) {
            super(type);
            this.fn = fn;
        }

        @Override
        Object eval(Object[] row) {
            return fn.get();
        }

        @Override
        boolean foldable() {
            return false;
        }
    }

    /** Reads an aggregate's result, placed after the scope's slots by evaluateGroup. */
    static final class AggResult extends Node {
        final int slot;
        final Node[] args;

        AggResult(DataType type, int slot, Node[] args) {
            super(type);
            this.slot = slot;
            this.args = args;
        }

        @Override
        Object eval(Object[] row) {
            return slot < row.length ? row[slot] : null;
        }

        @Override
        Node[] children() {
            return args;
        }

        @Override
        boolean foldable() {
            return false;
        }

        @Override
        boolean[] used(Object[] row) {
            return new boolean[args.length];
        }
    }
}
