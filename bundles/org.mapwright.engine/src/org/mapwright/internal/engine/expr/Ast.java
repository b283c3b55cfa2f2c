package org.mapwright.internal.engine.expr;

import java.util.List;

import org.mapwright.core.DataType;

/** The syntax tree the parser builds; positions are offsets into the expression text. */
abstract class Ast {
    final int start;
    final int end;

    Ast(int start, int end) {
        this.start = start;
        this.end = end;
    }

    static final class Lit extends Ast {
        final Object value;
        final DataType type;

        Lit(int start, int end, Object value, DataType type) {
            super(start, end);
            this.value = value;
            this.type = type;
        }
    }

    /** A dotted field reference; {@code quoted} tells which segments were written quoted. */
    static final class Ref extends Ast {
        final List<String> segments;
        final boolean anyQuoted;

        Ref(int start, int end, List<String> segments, boolean anyQuoted) {
            super(start, end);
            this.segments = List.copyOf(segments);
            this.anyQuoted = anyQuoted;
        }
    }

    static final class Unary extends Ast {
        final String op;
        final Ast operand;

        Unary(int start, int end, String op, Ast operand) {
            super(start, end);
            this.op = op;
            this.operand = operand;
        }
    }

    static final class Binary extends Ast {
        final String op;
        final int opStart;
        final int opEnd;
        final Ast left;
        final Ast right;

        Binary(String op, int opStart, int opEnd, Ast left, Ast right) {
            super(left.start, right.end);
            this.op = op;
            this.opStart = opStart;
            this.opEnd = opEnd;
            this.left = left;
            this.right = right;
        }
    }

    static final class Call extends Ast {
        final String name;
        final int nameEnd;
        final List<Ast> args;
        final boolean star;
        final boolean distinct;

        Call(int start, int end, String name, int nameEnd, List<Ast> args, boolean star, boolean distinct) {
            super(start, end);
            this.name = name;
            this.nameEnd = nameEnd;
            this.args = List.copyOf(args);
            this.star = star;
            this.distinct = distinct;
        }
    }

    static final class Case extends Ast {
        final Ast operand;
        final List<Ast> whens;
        final List<Ast> thens;
        final Ast otherwise;

        Case(int start, int end, Ast operand, List<Ast> whens, List<Ast> thens, Ast otherwise) {
            super(start, end);
            this.operand = operand;
            this.whens = List.copyOf(whens);
            this.thens = List.copyOf(thens);
            this.otherwise = otherwise;
        }
    }

    static final class Cast extends Ast {
        final Ast operand;
        final String typeName;
        final int typeStart;
        final int typeEnd;
        final Integer scale;

        Cast(int start, int end, Ast operand, String typeName, int typeStart, int typeEnd, Integer scale) {
            super(start, end);
            this.operand = operand;
            this.typeName = typeName;
            this.typeStart = typeStart;
            this.typeEnd = typeEnd;
            this.scale = scale;
        }
    }

    static final class In extends Ast {
        final Ast operand;
        final List<Ast> items;
        final boolean not;

        In(int start, int end, Ast operand, List<Ast> items, boolean not) {
            super(start, end);
            this.operand = operand;
            this.items = List.copyOf(items);
            this.not = not;
        }
    }

    static final class Like extends Ast {
        final Ast operand;
        final Ast pattern;
        final Ast escape;
        final boolean not;
        final boolean ignoreCase;

        Like(int start, int end, Ast operand, Ast pattern, Ast escape, boolean not, boolean ignoreCase) {
            super(start, end);
            this.operand = operand;
            this.pattern = pattern;
            this.escape = escape;
            this.not = not;
            this.ignoreCase = ignoreCase;
        }
    }

    static final class Between extends Ast {
        final Ast operand;
        final Ast low;
        final Ast high;
        final boolean not;

        Between(int start, int end, Ast operand, Ast low, Ast high, boolean not) {
            super(start, end);
            this.operand = operand;
            this.low = low;
            this.high = high;
            this.not = not;
        }
    }

    static final class IsNull extends Ast {
        final Ast operand;
        final boolean not;

        IsNull(int start, int end, Ast operand, boolean not) {
            super(start, end);
            this.operand = operand;
            this.not = not;
        }
    }
}
