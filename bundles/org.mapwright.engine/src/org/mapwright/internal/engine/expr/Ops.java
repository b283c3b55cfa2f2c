package org.mapwright.internal.engine.expr;

import java.util.HashSet;
import java.util.Set;

import org.mapwright.core.DataType;
import org.mapwright.core.value.Values;

/** Evaluator nodes for operators and special forms. */
final class Ops {

    private Ops() {
    }

    static final class And extends Node {
        final Node a;
        final Node b;

        And(Node a, Node b) {
            super(DataType.BOOLEAN);
            this.a = a;
            this.b = b;
        }

        @Override
        Object eval(Object[] row) {
            Object x = a.eval(row);
            if (x == Boolean.FALSE) {
                return Boolean.FALSE;
            }
            Object y = b.eval(row);
            if (y == Boolean.FALSE) {
                return Boolean.FALSE;
            }
            return x == null || y == null ? null : Boolean.TRUE;
        }

        @Override
        Node[] children() {
            return new Node[] {a, b};
        }

        @Override
        boolean[] used(Object[] row) {
            return new boolean[] {true, a.eval(row) != Boolean.FALSE};
        }
    }

    static final class Or extends Node {
        final Node a;
        final Node b;

        Or(Node a, Node b) {
            super(DataType.BOOLEAN);
            this.a = a;
            this.b = b;
        }

        @Override
        Object eval(Object[] row) {
            Object x = a.eval(row);
            if (x == Boolean.TRUE) {
                return Boolean.TRUE;
            }
            Object y = b.eval(row);
            if (y == Boolean.TRUE) {
                return Boolean.TRUE;
            }
            return x == null || y == null ? null : Boolean.FALSE;
        }

        @Override
        Node[] children() {
            return new Node[] {a, b};
        }

        @Override
        boolean[] used(Object[] row) {
            return new boolean[] {true, a.eval(row) != Boolean.TRUE};
        }
    }

    static final class Not extends Node {
        final Node a;

        Not(Node a) {
            super(DataType.BOOLEAN);
            this.a = a;
        }

        @Override
        Object eval(Object[] row) {
            Object x = a.eval(row);
            return x == null ? null : x == Boolean.TRUE ? Boolean.FALSE : Boolean.TRUE;
        }

        @Override
        Node[] children() {
            return new Node[] {a};
        }
    }

    static final int EQ = 0;
    static final int NE = 1;
    static final int LT = 2;
    static final int LE = 3;
    static final int GT = 4;
    static final int GE = 5;

    static int compareOp(String op) {
        switch (op) {
            case "=":
                return EQ;
            case "<>":
                return NE;
            case "<":
                return LT;
            case "<=":
                return LE;
            case ">":
                return GT;
            default:
                return GE;
        }
    }

    static final class Compare extends Node {
        final int op;
        final Node a;
        final Node b;

        Compare(int op, Node a, Node b) {
            super(DataType.BOOLEAN);
            this.op = op;
            this.a = a;
            this.b = b;
        }

        @Override
        Object eval(Object[] row) {
            Object x = a.eval(row);
            if (x == null) {
                return null;
            }
            Object y = b.eval(row);
            if (y == null) {
                return null;
            }
            try {
                switch (op) {
                    case EQ:
                        return Conv.equal(x, y);
                    case NE:
                        return !Conv.equal(x, y);
                    case LT:
                        return Conv.compare(x, y) < 0;
                    case LE:
                        return Conv.compare(x, y) <= 0;
                    case GT:
                        return Conv.compare(x, y) > 0;
                    default:
                        return Conv.compare(x, y) >= 0;
                }
            } catch (Fail e) {
                throw wrap(e);
            }
        }

        @Override
        Node[] children() {
            return new Node[] {a, b};
        }
    }

    static final class IsNull extends Node {
        final Node a;
        final boolean not;

        IsNull(Node a, boolean not) {
            super(DataType.BOOLEAN);
            this.a = a;
            this.not = not;
        }

        @Override
        Object eval(Object[] row) {
            return (a.eval(row) == null) != not;
        }

        @Override
        Node[] children() {
            return new Node[] {a};
        }
    }

    static final class Between extends Node {
        final Node a;
        final Node low;
        final Node high;
        final boolean not;

        Between(Node a, Node low, Node high, boolean not) {
            super(DataType.BOOLEAN);
            this.a = a;
            this.low = low;
            this.high = high;
            this.not = not;
        }

        @Override
        Object eval(Object[] row) {
            Object x = a.eval(row);
            if (x == null) {
                return null;
            }
            Object lo = low.eval(row);
            Object hi = high.eval(row);
            try {
                Boolean geLow = lo == null ? null : Conv.compare(x, lo) >= 0;
                Boolean leHigh = hi == null ? null : Conv.compare(x, hi) <= 0;
                Boolean in;
                if (geLow == Boolean.FALSE || leHigh == Boolean.FALSE) {
                    in = Boolean.FALSE;
                } else if (geLow == null || leHigh == null) {
                    in = null;
                } else {
                    in = Boolean.TRUE;
                }
                return in == null ? null : in != not;
            } catch (Fail e) {
                throw wrap(e);
            }
        }

        @Override
        Node[] children() {
            return new Node[] {a, low, high};
        }
    }

    /** {@code x [NOT] IN (...)}: hashed when every item is a constant. */
    static final class In extends Node {
        final Node a;
        final Node[] items;
        final boolean not;
        final Set<Object> constants;
        final boolean constantNull;
        final boolean rawKeys;

        In(Node a, Node[] items, boolean not) {
            super(DataType.BOOLEAN);
            this.a = a;
            this.items = items;
            this.not = not;
            boolean allConst = true;
            boolean anyNull = false;
            boolean raw = a.type == DataType.INTEGER || a.type == DataType.TEXT || a.type == DataType.BOOLEAN;
            for (Node n : items) {
                if (!(n instanceof Node.Const c)) {
                    allConst = false;
                } else if (c.value == null) {
                    anyNull = true;
                } else if (n.type != a.type) {
                    raw = false;
                }
            }
            this.rawKeys = raw;
            if (allConst) {
                Set<Object> set = new HashSet<>();
                for (Node n : items) {
                    Object v = ((Node.Const) n).value;
                    if (v != null) {
                        set.add(raw ? v : Conv.hashKey(v));
                    }
                }
                this.constants = set;
            } else {
                this.constants = null;
            }
            this.constantNull = anyNull;
        }

        @Override
        Object eval(Object[] row) {
            Object x = a.eval(row);
            if (x == null) {
                return null;
            }
            boolean sawNull = false;
            try {
                if (constants != null) {
                    if (constants.contains(rawKeys ? x : Conv.hashKey(x))) {
                        return !not;
                    }
                    return constantNull ? null : not;
                }
                for (Node n : items) {
                    Object v = n.eval(row);
                    if (v == null) {
                        sawNull = true;
                    } else if (Conv.equal(x, v)) {
                        return !not;
                    }
                }
            } catch (Fail e) {
                throw wrap(e);
            }
            return sawNull ? null : not;
        }

        @Override
        Node[] children() {
            Node[] all = new Node[items.length + 1];
            all[0] = a;
            System.arraycopy(items, 0, all, 1, items.length);
            return all;
        }
    }

    /** Searched CASE (operand null) or simple CASE. */
    static final class Case extends Node {
        final Node operand;
        final Node[] whens;
        final Node[] thens;
        final Node otherwise;

        Case(DataType type, Node operand, Node[] whens, Node[] thens, Node otherwise) {
            super(type);
            this.operand = operand;
            this.whens = whens;
            this.thens = thens;
            this.otherwise = otherwise;
        }

        private int branch(Object[] row) {
            if (operand == null) {
                for (int i = 0; i < whens.length; i++) {
                    if (whens[i].eval(row) == Boolean.TRUE) {
                        return i;
                    }
                }
                return -1;
            }
            Object x = operand.eval(row);
            if (x == null) {
                return -1;
            }
            for (int i = 0; i < whens.length; i++) {
                Object w = whens[i].eval(row);
                try {
                    if (w != null && Conv.equal(x, w)) {
                        return i;
                    }
                } catch (Fail e) {
                    throw wrap(e);
                }
            }
            return -1;
        }

        @Override
        Object eval(Object[] row) {
            int i = branch(row);
            if (i >= 0) {
                return thens[i].eval(row);
            }
            return otherwise == null ? null : otherwise.eval(row);
        }

        @Override
        Node[] children() {
            int n = (operand == null ? 0 : 1) + whens.length * 2 + (otherwise == null ? 0 : 1);
            Node[] all = new Node[n];
            int k = 0;
            if (operand != null) {
                all[k++] = operand;
            }
            for (int i = 0; i < whens.length; i++) {
                all[k++] = whens[i];
                all[k++] = thens[i];
            }
            if (otherwise != null) {
                all[k] = otherwise;
            }
            return all;
        }

        @Override
        boolean[] used(Object[] row) {
            boolean[] used = new boolean[children().length];
            int k = 0;
            if (operand != null) {
                used[k++] = true;
            }
            int taken = branch(row);
            int conditionsEvaluated = taken < 0 ? whens.length : taken + 1;
            if (operand != null && operand.eval(row) == null) {
                conditionsEvaluated = 0;
            }
            for (int i = 0; i < whens.length; i++) {
                used[k++] = i < conditionsEvaluated;
                used[k++] = i == taken;
            }
            if (otherwise != null) {
                used[k] = taken < 0;
            }
            return used;
        }
    }

    /** First non-null operand; later operands are not evaluated. */
    static final class Coalesce extends Node {
        final Node[] args;

        Coalesce(DataType type, Node[] args) {
            super(type);
            this.args = args;
        }

        @Override
        Object eval(Object[] row) {
            for (Node n : args) {
                Object v = n.eval(row);
                if (v != null) {
                    return v;
                }
            }
            return null;
        }

        @Override
        Node[] children() {
            return args;
        }

        @Override
        boolean[] used(Object[] row) {
            boolean[] used = new boolean[args.length];
            for (int i = 0; i < args.length; i++) {
                used[i] = true;
                if (args[i].eval(row) != null) {
                    break;
                }
            }
            return used;
        }
    }

    /** {@code if(cond, a, b)}: only the chosen branch is evaluated. */
    static final class If extends Node {
        final Node cond;
        final Node then;
        final Node otherwise;

        If(DataType type, Node cond, Node then, Node otherwise) {
            super(type);
            this.cond = cond;
            this.then = then;
            this.otherwise = otherwise;
        }

        @Override
        Object eval(Object[] row) {
            return cond.eval(row) == Boolean.TRUE ? then.eval(row) : otherwise.eval(row);
        }

        @Override
        Node[] children() {
            return new Node[] {cond, then, otherwise};
        }

        @Override
        boolean[] used(Object[] row) {
            boolean t = cond.eval(row) == Boolean.TRUE;
            return new boolean[] {true, t, !t};
        }
    }

    /** {@code a || b}: null if either is null; non-text operands in canonical text form. */
    static final class Concat extends Node {
        final Node a;
        final Node b;

        Concat(Node a, Node b) {
            super(DataType.TEXT);
            this.a = a;
            this.b = b;
        }

        @Override
        Object eval(Object[] row) {
            Object x = a.eval(row);
            if (x == null) {
                return null;
            }
            Object y = b.eval(row);
            if (y == null) {
                return null;
            }
            return Values.format(x).concat(Values.format(y));
        }

        @Override
        Node[] children() {
            return new Node[] {a, b};
        }
    }

    /**
     * Compiled LIKE pattern: literal fast paths, else {@link WildcardMatcher}. Never a regular
     * expression: {@code %a%a%a...b} as a backtracking regex takes time exponential in the number
     * of {@code %}, per row, and at compile time for constant operands.
     */
    interface LikeMatcher {
        boolean matches(String s);
    }

    static LikeMatcher likeMatcher(String pattern, char escape, boolean ignoreCase) {
        StringBuilder literal = new StringBuilder();
        java.util.List<int[]> segments = new java.util.ArrayList<>();
        java.util.List<Integer> segment = new java.util.ArrayList<>();
        boolean wildcardInside = false;
        boolean leadingPercent = false;
        boolean trailingPercent = false;
        boolean underscore = false;
        boolean startsWithPercent = false;
        int n = pattern.length();
        for (int i = 0; i < n; i++) {
            int c = pattern.codePointAt(i);
            if (Character.charCount(c) == 2) {
                i++;
            }
            if (escape != 0 && c == escape) {
                if (i + 1 >= n) {
                    throw new Fail("LIKE pattern '" + pattern + "' ends with the escape character");
                }
                int next = pattern.codePointAt(++i);
                if (Character.charCount(next) == 2) {
                    i++;
                }
                segment.add(next);
                literal.appendCodePoint(next);
                if (trailingPercent) {
                    wildcardInside = true;
                }
                trailingPercent = false;
            } else if (c == '%') {
                if (i == 0) {
                    startsWithPercent = true;
                }
                segments.add(toArray(segment));
                segment.clear();
                if (literal.length() == 0 && !underscore) {
                    leadingPercent = true;
                } else {
                    trailingPercent = true;
                }
            } else if (c == '_') {
                segment.add(WildcardMatcher.ANY);
                underscore = true;
            } else {
                segment.add(c);
                if (trailingPercent) {
                    wildcardInside = true;
                }
                literal.appendCodePoint(c);
            }
        }
        segments.add(toArray(segment));
        String lit = literal.toString();
        if (!underscore && !wildcardInside && !ignoreCase) {
            if (leadingPercent && trailingPercent) {
                return s -> s.contains(lit);
            }
            if (leadingPercent) {
                return s -> s.endsWith(lit);
            }
            if (trailingPercent) {
                return s -> s.startsWith(lit);
            }
            return s -> s.equals(lit);
        }
        boolean endsWithPercent = n > 0 && pattern.charAt(n - 1) == '%' && segments.get(segments.size() - 1).length == 0
                && segments.size() > 1;
        return new WildcardMatcher(segments.toArray(int[][]::new), !startsWithPercent, !endsWithPercent, ignoreCase);
    }

    private static int[] toArray(java.util.List<Integer> codePoints) {
        int[] a = new int[codePoints.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = codePoints.get(i);
        }
        return a;
    }

    /**
     * LIKE over code points in O(text × pattern): the pattern is split at {@code %} into segments
     * of code points and {@code _} ({@link #ANY}); the first segment must match at the start, the
     * last at the end, and the ones between are found leftmost-first, which is enough because a
     * {@code %} can absorb anything a later match would have skipped.
     */
    static final class WildcardMatcher implements LikeMatcher {

        /** A {@code _} in a segment: any one code point. */
        static final int ANY = -1;

        private final int[][] segments;
        private final boolean anchoredStart;
        private final boolean anchoredEnd;
        private final boolean ignoreCase;

        WildcardMatcher(int[][] segments, boolean anchoredStart, boolean anchoredEnd, boolean ignoreCase) {
            this.segments = segments;
            this.anchoredStart = anchoredStart;
            this.anchoredEnd = anchoredEnd;
            this.ignoreCase = ignoreCase;
        }

        @Override
        public boolean matches(String s) {
            int[] text = s.codePoints().toArray();
            int last = segments.length - 1;
            if (last == 0) {
                return text.length == segments[0].length && at(segments[0], text, 0);
            }
            int from = 0;
            int to = text.length;
            if (anchoredStart) {
                if (!at(segments[0], text, 0)) {
                    return false;
                }
                from = segments[0].length;
            }
            if (anchoredEnd) {
                to = text.length - segments[last].length;
                if (to < from || !at(segments[last], text, to)) {
                    return false;
                }
            }
            for (int k = anchoredStart ? 1 : 0; k <= (anchoredEnd ? last - 1 : last); k++) {
                int[] seg = segments[k];
                int found = -1;
                for (int p = from; p + seg.length <= to; p++) {
                    if (at(seg, text, p)) {
                        found = p;
                        break;
                    }
                }
                if (found < 0) {
                    return false;
                }
                from = found + seg.length;
            }
            return true;
        }

        private boolean at(int[] seg, int[] text, int p) {
            if (p < 0 || p + seg.length > text.length) {
                return false;
            }
            for (int i = 0; i < seg.length; i++) {
                int want = seg[i];
                int got = text[p + i];
                if (want != ANY && want != got && !(ignoreCase && sameIgnoringCase(want, got))) {
                    return false;
                }
            }
            return true;
        }

        private static boolean sameIgnoringCase(int a, int b) {
            return Character.toUpperCase(a) == Character.toUpperCase(b) || Character.toLowerCase(a) == Character.toLowerCase(b);
        }
    }

    static final class Like extends Node {
        final Node a;
        final Node pattern;
        final Node escape;
        final boolean not;
        final boolean ignoreCase;
        final LikeMatcher fixed;
        private volatile CachedMatcher last;

        private record CachedMatcher(String pattern, char escape, LikeMatcher matcher) {
        }

        Like(Node a, Node pattern, Node escape, boolean not, boolean ignoreCase, LikeMatcher fixed) {
            super(DataType.BOOLEAN);
            this.a = a;
            this.pattern = pattern;
            this.escape = escape;
            this.not = not;
            this.ignoreCase = ignoreCase;
            this.fixed = fixed;
        }

        @Override
        Object eval(Object[] row) {
            Object x = a.eval(row);
            if (x == null) {
                return null;
            }
            LikeMatcher m = fixed;
            if (m == null) {
                Object p = pattern.eval(row);
                if (p == null) {
                    return null;
                }
                char esc = 0;
                if (escape != null) {
                    Object e = escape.eval(row);
                    if (e == null) {
                        return null;
                    }
                    esc = escapeChar((String) e);
                }
                CachedMatcher c = last;
                if (c == null || !c.pattern.equals(p) || c.escape != esc) {
                    try {
                        c = new CachedMatcher((String) p, esc, likeMatcher((String) p, esc, ignoreCase));
                    } catch (Fail e) {
                        throw wrap(e);
                    }
                    last = c;
                }
                m = c.matcher;
            }
            return m.matches((String) x) != not;
        }

        static char escapeChar(String e) {
            if (e.length() != 1) {
                throw new Fail("the LIKE escape must be a single character, not '" + e + "'");
            }
            return e.charAt(0);
        }

        @Override
        Node[] children() {
            return escape == null ? new Node[] {a, pattern} : new Node[] {a, pattern, escape};
        }
    }

    /** CAST, and the widening and coercion the compiler inserts. */
    static final class Convert extends Node {
        final Node a;
        final boolean cast;
        final Integer scale;
        /** Inserted by the compiler rather than written by the user. */
        boolean implicit;

        Convert(DataType to, Node a, boolean cast, Integer scale) {
            super(to);
            this.a = a;
            this.cast = cast;
            this.scale = scale;
            this.implicit = !cast;
        }

        @Override
        Object eval(Object[] row) {
            Object v = a.eval(row);
            if (v == null) {
                return null;
            }
            try {
                Object out = cast ? Conv.cast(v, type) : Conv.coerce(v, type);
                if (scale != null && out instanceof java.math.BigDecimal d) {
                    out = d.setScale(scale, java.math.RoundingMode.HALF_UP);
                }
                return out;
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

        /** An implicit conversion is not a step the user wrote: show its operand's steps instead. */
        @Override
        org.mapwright.engine.expr.Explanation explain(Object[] row) {
            org.mapwright.engine.expr.Explanation self = super.explain(row);
            if (!implicit) {
                return self;
            }
            return new org.mapwright.engine.expr.Explanation(self.text(), start, end, type, true, self.value(),
                    self.error(), a.explain(row).children());
        }
    }
}
