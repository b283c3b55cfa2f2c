package org.mapwright.internal.engine.expr;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.mapwright.core.DataType;
import org.mapwright.core.value.Values;
import org.mapwright.engine.expr.ExpressionException;

/**
 * Pratt parser: each infix operator has a binding power, and {@link #expr(int)} keeps consuming
 * operators that bind tighter than its caller's. Binding powers, loosest first: OR 1, AND 2,
 * NOT 3, comparisons/IS/IN/LIKE/BETWEEN 4, {@code ||} 5, {@code + -} 6, {@code * / %} 7,
 * unary minus 8.
 */
final class Parser {

    private static final int OR = 1;
    private static final int AND = 2;
    private static final int NOT = 3;
    private static final int COMPARE = 4;
    private static final int CONCAT = 5;
    private static final int ADD = 6;
    private static final int MUL = 7;
    private static final int UNARY = 8;

    private final String text;
    private final List<Lex> tokens;
    private int pos;

    private Parser(String text) {
        this.text = text;
        List<Lex> all = Lexer.lex(text);
        List<Lex> significant = new ArrayList<>(all.size());
        for (Lex t : all) {
            if (t.kind() != Lex.Kind.COMMENT) {
                significant.add(t);
            }
        }
        this.tokens = significant;
    }

    static Ast parse(String text) throws ExpressionException {
        Parser p = new Parser(text);
        if (p.peek().kind() == Lex.Kind.EOF) {
            throw p.error("empty expression", "write a field name, a literal or a function call", 0, text.length());
        }
        Ast ast = p.expr(0);
        Lex t = p.peek();
        if (t.kind() != Lex.Kind.EOF) {
            p.checkLexError(t);
            if (t.isOp(")")) {
                throw p.error("unmatched `)`", "remove it or add the matching `(`", t.start(), t.end());
            }
            Lex prev = p.tokens.get(p.pos - 1);
            boolean twoNames = (prev.kind() == Lex.Kind.IDENT || prev.kind() == Lex.Kind.QUOTED_IDENT)
                    && t.kind() == Lex.Kind.IDENT;
            String hint;
            if (twoNames) {
                hint = "a name with spaces must be quoted: \"" + text.substring(prev.start(), t.end()) + "\"";
            } else if (t.isKeyword("NOT") && p.peek(1).isKeyword("NULL")) {
                hint = "write IS NOT NULL";
            } else {
                hint = "an operator (such as `+`, `||`, AND) or a comma may be missing";
            }
            throw p.error("unexpected " + describe(t) + " after a complete expression", hint, t.start(), t.end());
        }
        return ast;
    }

    private Lex peek() {
        return tokens.get(pos);
    }

    private Lex peek(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    private Lex advance() {
        Lex t = tokens.get(pos);
        if (t.kind() != Lex.Kind.EOF) {
            pos++;
        }
        return t;
    }

    private ExpressionException error(String reason, String hint, int start, int end) {
        return new ExpressionException(text, reason, hint, null, start, end);
    }

    private void checkLexError(Lex t) throws ExpressionException {
        if (t.kind() == Lex.Kind.ERROR) {
            throw error(t.error(), null, t.start(), t.end());
        }
    }

    private static String describe(Lex t) {
        switch (t.kind()) {
            case EOF:
                return "end of expression";
            case STRING:
                return "text '" + t.value() + "'";
            case KEYWORD:
                return "keyword " + t.value();
            default:
                return "`" + t.value() + "`";
        }
    }

    private Lex expectOp(String op, String context, int openStart) throws ExpressionException {
        Lex t = peek();
        if (!t.isOp(op)) {
            checkLexError(t);
            String where = openStart >= 0 ? " to close the `(` at column " + (openStart + 1) : "";
            throw error("expected `" + op + "`" + where + " " + context + " but found " + describe(t), null,
                    t.start(), t.kind() == Lex.Kind.EOF ? t.start() : t.end());
        }
        return advance();
    }

    private Lex expectKeyword(String kw, String context) throws ExpressionException {
        Lex t = peek();
        if (!t.isKeyword(kw)) {
            checkLexError(t);
            throw error("expected " + kw + " " + context + " but found " + describe(t), null, t.start(),
                    t.kind() == Lex.Kind.EOF ? t.start() : t.end());
        }
        return advance();
    }

    Ast expr(int minBp) throws ExpressionException {
        Ast left = prefix();
        while (true) {
            Lex t = peek();
            int bp = infixPower(t);
            if (bp <= minBp) {
                return left;
            }
            left = infix(left, bp);
        }
    }

    private int infixPower(Lex t) {
        switch (t.kind()) {
            case OP:
                switch (t.value()) {
                    case "=": case "<>": case "!=": case "<": case "<=": case ">": case ">=":
                        return COMPARE;
                    case "||":
                        return CONCAT;
                    case "+": case "-":
                        return ADD;
                    case "*": case "/": case "%":
                        return MUL;
                    default:
                        return 0;
                }
            case KEYWORD:
                switch (t.value()) {
                    case "OR":
                        return OR;
                    case "AND":
                        return AND;
                    case "IS": case "IN": case "LIKE": case "ILIKE": case "BETWEEN":
                        return COMPARE;
                    case "NOT":
                        Lex n = peek(1);
                        return n.isKeyword("IN") || n.isKeyword("LIKE") || n.isKeyword("ILIKE") || n.isKeyword("BETWEEN")
                                ? COMPARE : 0;
                    default:
                        return 0;
                }
            default:
                return 0;
        }
    }

    private Ast infix(Ast left, int bp) throws ExpressionException {
        Lex op = advance();
        if (op.kind() == Lex.Kind.OP) {
            Ast right = operand(bp, op);
            String o = op.value().equals("!=") ? "<>" : op.value();
            return new Ast.Binary(o, op.start(), op.end(), left, right);
        }
        switch (op.value()) {
            case "OR": case "AND":
                return new Ast.Binary(op.value(), op.start(), op.end(), left, operand(bp, op));
            case "IS": {
                boolean not = false;
                if (peek().isKeyword("NOT")) {
                    advance();
                    not = true;
                }
                Lex n = expectKeyword("NULL", "after IS" + (not ? " NOT" : ""));
                return new Ast.IsNull(left.start, n.end(), left, not);
            }
            case "NOT": {
                Lex kw = advance();
                return negatable(left, kw, true);
            }
            default:
                return negatable(left, op, false);
        }
    }

    private Ast operand(int bp, Lex op) throws ExpressionException {
        if (peek().kind() == Lex.Kind.EOF) {
            throw error("missing operand after " + describe(op), null, op.start(), op.end());
        }
        return expr(bp);
    }

    private Ast negatable(Ast left, Lex kw, boolean not) throws ExpressionException {
        switch (kw.value()) {
            case "IN": {
                Lex open = expectOp("(", "after IN", -1);
                List<Ast> items = new ArrayList<>();
                if (peek().isOp(")")) {
                    throw error("IN needs at least one value", "write IN (value, ...)", open.start(), peek().end());
                }
                do {
                    items.add(expr(0));
                } while (acceptOp(","));
                Lex close = expectOp(")", "after the IN list", open.start());
                return new Ast.In(left.start, close.end(), left, items, not);
            }
            case "LIKE": case "ILIKE": {
                Ast pattern = operand(COMPARE, kw);
                Ast escape = null;
                if (peek().isKeyword("ESCAPE")) {
                    Lex e = advance();
                    escape = operand(COMPARE, e);
                }
                Ast last = escape != null ? escape : pattern;
                return new Ast.Like(left.start, last.end, left, pattern, escape, not, kw.value().equals("ILIKE"));
            }
            case "BETWEEN": {
                Ast low = operand(COMPARE, kw);
                expectKeyword("AND", "between the bounds of BETWEEN");
                Ast high = operand(COMPARE, kw);
                return new Ast.Between(left.start, high.end, left, low, high, not);
            }
            default:
                throw error("unexpected " + describe(kw), null, kw.start(), kw.end());
        }
    }

    private boolean acceptOp(String op) {
        if (peek().isOp(op)) {
            advance();
            return true;
        }
        return false;
    }

    private Ast prefix() throws ExpressionException {
        Lex t = peek();
        switch (t.kind()) {
            case NUMBER:
                advance();
                return number(t);
            case STRING:
                advance();
                return new Ast.Lit(t.start(), t.end(), t.value(), DataType.TEXT);
            case IDENT:
                if (t.isTypedLiteralPrefix() && peek(1).kind() == Lex.Kind.STRING) {
                    return typedLiteral();
                }
                if (peek(1).isOp("(")) {
                    return call();
                }
                return path();
            case QUOTED_IDENT:
                return path();
            case OP:
                switch (t.value()) {
                    case "(": {
                        advance();
                        if (peek().isOp(")")) {
                            throw error("empty parentheses", "put an expression between `(` and `)`", t.start(), peek().end());
                        }
                        Ast inner = expr(0);
                        Lex close = expectOp(")", "", t.start());
                        return rewrap(inner, t.start(), close.end());
                    }
                    case "-": case "+": {
                        advance();
                        Ast operand = operand(UNARY, t);
                        return new Ast.Unary(t.start(), operand.end, t.value(), operand);
                    }
                    default:
                        break;
                }
                break;
            case KEYWORD:
                switch (t.value()) {
                    case "NULL":
                        advance();
                        return new Ast.Lit(t.start(), t.end(), null, DataType.ANY);
                    case "TRUE": case "FALSE":
                        advance();
                        return new Ast.Lit(t.start(), t.end(), Boolean.valueOf(t.value().equals("TRUE")), DataType.BOOLEAN);
                    case "NOT": {
                        advance();
                        Ast operand = operand(NOT, t);
                        return new Ast.Unary(t.start(), operand.end, "NOT", operand);
                    }
                    case "CASE":
                        return caseExpr();
                    case "CAST":
                        return cast();
                    default:
                        throw error("unexpected keyword " + t.value() + "; expected a value", 
                                "a name that is a keyword must be quoted: \"" + text.substring(t.start(), t.end()) + "\"",
                                t.start(), t.end());
                }
            case ERROR:
                checkLexError(t);
                break;
            case EOF:
                throw error("unexpected end of expression; expected a value", null, t.start(), t.start());
            default:
                break;
        }
        throw error("unexpected " + describe(t) + "; expected a value", null, t.start(), t.end());
    }

    /** Parentheses only widen the node's range, so error messages quote what the user wrote. */
    private static Ast rewrap(Ast inner, int start, int end) {
        return new Ast.Call(start, end, "()", start, List.of(inner), false, false);
    }

    private Ast number(Lex t) throws ExpressionException {
        String s = t.value();
        boolean decimal = s.indexOf('.') >= 0 || s.indexOf('e') >= 0 || s.indexOf('E') >= 0;
        if (!decimal) {
            try {
                return new Ast.Lit(t.start(), t.end(), Long.parseLong(s), DataType.INTEGER);
            } catch (NumberFormatException e) {
                throw error("integer " + s + " is too large", "write it as a decimal: " + s + ".0", t.start(), t.end());
            }
        }
        BigDecimal d;
        try {
            d = Conv.inRange(new BigDecimal(s.endsWith(".") ? s + "0" : s));
        } catch (NumberFormatException | Fail e) {
            throw error("number " + s + " is out of range", "decimals go from 1E-" + Conv.MAX_SCALE + " to 1E+" + Conv.MAX_SCALE,
                    t.start(), t.end());
        }
        return new Ast.Lit(t.start(), t.end(), d, DataType.DECIMAL);
    }

    private Ast typedLiteral() throws ExpressionException {
        Lex kw = advance();
        Lex str = advance();
        boolean date = kw.value().equalsIgnoreCase("date");
        try {
            Object v = date ? LocalDate.parse(str.value().trim())
                    : (LocalDateTime) Values.parse(str.value(), DataType.TIMESTAMP, null);
            if (v == null) {
                throw new IllegalArgumentException("empty");
            }
            return new Ast.Lit(kw.start(), str.end(), v, date ? DataType.DATE : DataType.TIMESTAMP);
        } catch (RuntimeException e) {
            throw error("'" + str.value() + "' is not a valid " + (date ? "date" : "timestamp") + " literal",
                    date ? "write DATE 'yyyy-MM-dd', e.g. DATE '2024-01-31'"
                            : "write TIMESTAMP 'yyyy-MM-dd HH:mm:ss', e.g. TIMESTAMP '2024-01-31 13:45:00'",
                    str.start(), str.end());
        }
    }

    private Ast path() throws ExpressionException {
        Lex first = advance();
        List<String> segs = new ArrayList<>();
        segs.add(first.value());
        boolean quoted = first.kind() == Lex.Kind.QUOTED_IDENT;
        int end = first.end();
        while (peek().isOp(".")) {
            Lex dot = advance();
            Lex seg = peek();
            if (seg.kind() == Lex.Kind.IDENT || seg.kind() == Lex.Kind.QUOTED_IDENT) {
                advance();
                segs.add(seg.value());
                quoted |= seg.kind() == Lex.Kind.QUOTED_IDENT;
                end = seg.end();
            } else if (seg.kind() == Lex.Kind.KEYWORD) {
                advance();
                segs.add(text.substring(seg.start(), seg.end()));
                end = seg.end();
            } else {
                checkLexError(seg);
                throw error("expected a field name after `.` but found " + describe(seg), null, dot.start(),
                        seg.kind() == Lex.Kind.EOF ? dot.end() : seg.end());
            }
        }
        if (peek().isOp("(")) {
            Lex paren = peek();
            throw error("`" + text.substring(first.start(), end) + "` is not a function name", 
                    "function names are single words, e.g. upper(name)", first.start(), paren.end());
        }
        return new Ast.Ref(first.start(), end, segs, quoted);
    }

    private Ast call() throws ExpressionException {
        Lex name = advance();
        Lex open = advance();
        List<Ast> args = new ArrayList<>();
        boolean star = false;
        boolean distinct = false;
        if (peek().isOp("*") && peek(1).isOp(")")) {
            advance();
            star = true;
        } else if (!peek().isOp(")")) {
            if (peek().isKeyword("DISTINCT")) {
                advance();
                distinct = true;
            }
            do {
                if (peek().isOp(",") || peek().isOp(")")) {
                    throw error("missing argument in call of " + name.value() + "()", null, peek().start(), peek().end());
                }
                args.add(expr(0));
            } while (acceptOp(","));
        }
        Lex close = expectOp(")", "after the arguments of " + name.value() + "()", open.start());
        return new Ast.Call(name.start(), close.end(), name.value(), name.end(), args, star, distinct);
    }

    private Ast caseExpr() throws ExpressionException {
        Lex kw = advance();
        Ast operand = null;
        if (peek().isKeyword("END")) {
            expectKeyword("WHEN", "in CASE");
        }
        if (!peek().isKeyword("WHEN")) {
            operand = expr(0);
        }
        List<Ast> whens = new ArrayList<>();
        List<Ast> thens = new ArrayList<>();
        if (!peek().isKeyword("WHEN")) {
            expectKeyword("WHEN", "in CASE");
        }
        while (peek().isKeyword("WHEN")) {
            Lex w = advance();
            whens.add(operand(0, w));
            Lex th = expectKeyword("THEN", "after the WHEN condition");
            thens.add(operand(0, th));
        }
        Ast otherwise = null;
        if (peek().isKeyword("ELSE")) {
            Lex e = advance();
            otherwise = operand(0, e);
        }
        Lex end = peek();
        if (!end.isKeyword("END")) {
            checkLexError(end);
            throw error("expected END to close the CASE at column " + (kw.start() + 1) + " but found " + describe(end),
                    null, end.start(), end.kind() == Lex.Kind.EOF ? end.start() : end.end());
        }
        advance();
        return new Ast.Case(kw.start(), end.end(), operand, whens, thens, otherwise);
    }

    private int typeSize(Lex n) throws ExpressionException {
        String v = n.value();
        if (!v.chars().allMatch(Character::isDigit) || v.length() > 6) {
            throw error("expected a whole number for the type's size", null, n.start(), n.end());
        }
        return Integer.parseInt(v);
    }

    private Ast cast() throws ExpressionException {
        Lex kw = advance();
        Lex open = expectOp("(", "after CAST", -1);
        Ast operand = expr(0);
        expectKeyword("AS", "in CAST(value AS type)");
        Lex type = peek();
        if (type.kind() != Lex.Kind.IDENT && type.kind() != Lex.Kind.QUOTED_IDENT) {
            checkLexError(type);
            throw error("expected a type name after AS but found " + describe(type),
                    "one of text, integer, decimal, boolean, date, timestamp", type.start(), type.end());
        }
        advance();
        Integer scale = null;
        if (peek().isOp("(")) {
            Lex p = advance();
            Lex first = peek();
            if (first.kind() != Lex.Kind.NUMBER) {
                throw error("expected a number in the type's parentheses", null, first.start(), first.end());
            }
            advance();
            Integer value = typeSize(first);
            if (acceptOp(",")) {
                Lex second = peek();
                if (second.kind() != Lex.Kind.NUMBER) {
                    throw error("expected the scale after `,`", null, second.start(), second.end());
                }
                advance();
                value = typeSize(second);
            } else if (!type.value().equalsIgnoreCase("decimal") && !type.value().equalsIgnoreCase("numeric")) {
                value = null;
            } else {
                value = 0;
            }
            expectOp(")", "after the type's size", p.start());
            scale = value;
        }
        Lex close = expectOp(")", "after CAST(value AS type", open.start());
        return new Ast.Cast(kw.start(), close.end(), operand, type.value(), type.start(), type.end(), scale);
    }
}
