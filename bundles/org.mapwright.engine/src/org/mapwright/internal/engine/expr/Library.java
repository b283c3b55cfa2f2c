package org.mapwright.internal.engine.expr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import org.mapwright.core.DataType;
import org.mapwright.engine.expr.CompilerOptions;
import org.mapwright.engine.expr.ExpressionException;
import org.mapwright.engine.expr.FunctionCategory;
import org.mapwright.engine.expr.FunctionInfo;
import org.mapwright.engine.expr.FunctionInfo.Param;
import org.mapwright.engine.expr.FunctionInfo.Signature;
import org.mapwright.engine.expr.FunctionRegistry;

/**
 * The built-in functions: metadata plus, per signature, a binder that turns typed argument
 * nodes into an evaluator node once at compile time. Built once; immutable.
 */
public final class Library {

    private static final Map<String, FunctionDef> DEFINITIONS;
    private static final FunctionRegistry REGISTRY;

    static {
        List<Def> defs = new ArrayList<>();
        StringFunctions.define(defs);
        NumberFunctions.define(defs);
        DateFunctions.define(defs);
        OtherFunctions.define(defs);
        AggregateFunctions.define(defs);
        Map<String, FunctionDef> map = new LinkedHashMap<>();
        List<FunctionInfo> infos = new ArrayList<>();
        for (Def d : defs) {
            FunctionDef fd = d.build();
            if (map.put(fd.info.name(), fd) != null) {
                throw new IllegalStateException("function " + fd.info.name() + " defined twice");
            }
            infos.add(fd.info);
        }
        DEFINITIONS = Collections.unmodifiableMap(map);
        REGISTRY = FunctionRegistry.of(infos);
    }

    private Library() {
    }

    /** @return the registry of all built-in functions */
    public static FunctionRegistry registry() {
        return REGISTRY;
    }

    /** @return the implementation of the function with this primary name, or null */
    static FunctionDef definition(String name) {
        return DEFINITIONS.get(name);
    }

    /** A function's metadata and implementations. */
    static final class FunctionDef {
        final FunctionInfo info;
        final List<Overload> overloads;

        FunctionDef(FunctionInfo info, List<Overload> overloads) {
            this.info = info;
            this.overloads = List.copyOf(overloads);
        }
    }

    /**
     * One signature with its implementation.
     *
     * @param listParam index of the parameter that takes a repeated field's list, or -1
     */
    record Overload(Signature signature, Binder binder, AggBinder aggBinder, int listParam) {
    }

    /** What a binder may ask about the call it implements. */
    interface Site {
        /** @return the declared return type of the chosen signature */
        DataType returns();

        CompilerOptions options();

        /** @return whether argument i is a compile-time constant */
        boolean isConstant(int i);

        /** @return the value of constant argument i */
        Object constant(int i);

        /** @return a compile error located at argument i (or the whole call for -1) */
        ExpressionException error(int i, String reason, String hint);

        /** Records that the expression is not deterministic. */
        void markNondeterministic();
    }

    @FunctionalInterface
    interface Binder {
        Node bind(Site site, Node[] args) throws ExpressionException;
    }

    /** Binds an aggregate call: its result type and per-group state. */
    @FunctionalInterface
    interface AggBinder {
        AggSpec bind(Site site, Node[] args) throws ExpressionException;
    }

    record AggSpec(DataType type, Supplier<AggState> states) {
    }

    /** Running state of one aggregate for one group; add receives non-null values only. */
    interface AggState {
        void add(Object value);

        Object result();
    }

    static Param p(String name, DataType type) {
        return new Param(name, type);
    }

    static Def def(List<Def> into, String name, FunctionCategory category) {
        Def d = new Def(name, category);
        into.add(d);
        return d;
    }

    /** Fluent definition of one function. */
    static final class Def {
        private final String name;
        private final FunctionCategory category;
        private final List<String> aliases = new ArrayList<>();
        private final List<Overload> overloads = new ArrayList<>();
        private String doc;
        private String example;
        private boolean deterministic = true;
        private boolean aggregate;
        private Signature pending;
        private int pendingList = -1;

        Def(String name, FunctionCategory category) {
            this.name = name;
            this.category = category;
        }

        Def doc(String text) {
            this.doc = text;
            return this;
        }

        Def example(String text) {
            this.example = text;
            return this;
        }

        Def alias(String... names) {
            aliases.addAll(List.of(names));
            return this;
        }

        Def nondeterministic() {
            deterministic = false;
            return this;
        }

        /** Starts a signature; follow with one implementation method. */
        Def sig(DataType returns, Param... params) {
            return signature(returns, false, params);
        }

        /** Starts a signature whose last parameter repeats. */
        Def varsig(DataType returns, Param... params) {
            return signature(returns, true, params);
        }

        /** Marks parameter i of the pending signature as taking a list (a repeated field). */
        Def list(int i) {
            pendingList = i;
            return this;
        }

        private Def signature(DataType returns, boolean variadic, Param... params) {
            if (pending != null) {
                throw new IllegalStateException(name + ": signature without implementation");
            }
            pending = new Signature(List.of(params), variadic, returns);
            return this;
        }

        Def bind(Binder binder) {
            overloads.add(new Overload(pending, binder, null, pendingList));
            pending = null;
            pendingList = -1;
            return this;
        }

        Def aggregate(AggBinder binder) {
            aggregate = true;
            overloads.add(new Overload(pending, null, binder, pendingList));
            pending = null;
            pendingList = -1;
            return this;
        }

        /** Strict: null when the argument is null. */
        Def f1(Fn.F1 fn) {
            return bind((site, a) -> new Node.Call1(site.returns(), fn, a[0]));
        }

        Def f2(Fn.F2 fn) {
            return bind((site, a) -> new Node.Call2(site.returns(), fn, a[0], a[1], true));
        }

        Def f3(Fn.F3 fn) {
            return bind((site, a) -> new Node.Call3(site.returns(), fn, a[0], a[1], a[2], true));
        }

        /** Non-strict: receives nulls. */
        Def lenient1(Fn.F1 fn) {
            return bind((site, a) -> new Node.Call1(site.returns(), fn, a[0], false));
        }

        Def lenient2(Fn.F2 fn) {
            return bind((site, a) -> new Node.Call2(site.returns(), fn, a[0], a[1], false));
        }

        Def lenientN(Fn.FN fn) {
            return bind((site, a) -> new Node.CallN(site.returns(), fn, a, false));
        }

        /** No arguments, value drawn per call (now(), uuid()). */
        Def volatile0(Function<CompilerOptions, Fn.F0> fn) {
            nondeterministic();
            return bind((site, a) -> {
                site.markNondeterministic();
                return new Node.Volatile(site.returns(), fn.apply(site.options()));
            });
        }

        FunctionDef build() {
            if (pending != null || overloads.isEmpty() || doc == null || example == null) {
                throw new IllegalStateException("incomplete definition of " + name);
            }
            List<Signature> sigs = new ArrayList<>();
            for (Overload o : overloads) {
                sigs.add(o.signature());
            }
            return new FunctionDef(new FunctionInfo(name, aliases, category, sigs, aggregate, deterministic, doc, example),
                    overloads);
        }
    }
}
