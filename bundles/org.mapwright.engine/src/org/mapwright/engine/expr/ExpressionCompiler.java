package org.mapwright.engine.expr;

import java.util.Objects;

import org.mapwright.core.DataType;
import org.mapwright.internal.engine.expr.Compiler;

/**
 * Compiles expression text (see EXPRESSIONS.md) against a {@link Scope} into a
 * {@link CompiledExpression}. Immutable and thread-safe; create one per run or editor and reuse it.
 *
 * <pre>{@code
 * ExpressionCompiler compiler = new ExpressionCompiler(Functions.standard());
 * Scope scope = RowScope.builder().add("orders", ordersSchema).add("customers", customerSchema).build();
 * CompiledExpression e = compiler.compile("upper(customers.name) || ' ' || orders.amount", scope);
 * Object value = e.evaluate(row);   // row has scope.slotCount() values
 * }</pre>
 */
public final class ExpressionCompiler {

    private final FunctionRegistry functions;
    private final CompilerOptions options;

    /** A compiler with {@link CompilerOptions#defaults()}. */
    public ExpressionCompiler(FunctionRegistry functions) {
        this(functions, CompilerOptions.defaults());
    }

    public ExpressionCompiler(FunctionRegistry functions, CompilerOptions options) {
        this.functions = Objects.requireNonNull(functions, "functions");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** @return the functions expressions may call */
    public FunctionRegistry functions() {
        return functions;
    }

    public CompilerOptions options() {
        return options;
    }

    /**
     * Compiles an expression of whatever type it has.
     *
     * @param text  expression text
     * @param scope the fields it may reference
     * @throws ExpressionException for the first syntax, name, arity or type error, with its position
     */
    public CompiledExpression compile(String text, Scope scope) throws ExpressionException {
        return compile(text, scope, DataType.ANY);
    }

    /**
     * Compiles an expression whose value must have the given type, e.g. the type of the target
     * field it maps or BOOLEAN for a filter. Converts implicitly where no information is lost:
     * INTEGER to DECIMAL, DATE to TIMESTAMP (midnight), any scalar to TEXT (canonical form), the
     * NULL literal to anything. Any other mismatch is an error naming both types.
     *
     * @param expected the required type; {@link DataType#ANY} accepts every type
     * @throws ExpressionException for the first error, with its position
     */
    public CompiledExpression compile(String text, Scope scope, DataType expected) throws ExpressionException {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(expected, "expected");
        return new Compiler(functions, options, scope).compile(text, expected);
    }
}
