/**
 * The Mapwright expression language: the public API the engine, the editor and the CLI use.
 *
 * <ul>
 * <li>{@link org.mapwright.engine.expr.Scope} / {@link org.mapwright.engine.expr.RowScope} — which
 *     fields an expression may reference and where their values sit in the {@code Object[]} row.</li>
 * <li>{@link org.mapwright.engine.expr.ExpressionCompiler} — text → {@link org.mapwright.engine.expr.CompiledExpression},
 *     or an {@link org.mapwright.engine.expr.ExpressionException} with position, hint and quick fix.</li>
 * <li>{@link org.mapwright.engine.expr.CompiledExpression} — per-row evaluation, the GROUP BY protocol
 *     ({@link org.mapwright.engine.expr.AggregateCall}), referenced fields for mapping lines and lineage,
 *     and {@link org.mapwright.engine.expr.Explanation} traces for the preview.</li>
 * <li>{@link org.mapwright.engine.expr.Functions} / {@link org.mapwright.engine.expr.FunctionRegistry} /
 *     {@link org.mapwright.engine.expr.FunctionInfo} — the function library and its metadata for content
 *     assist, the palette and FUNCTIONS.md ({@link org.mapwright.engine.expr.FunctionReference}).</li>
 * <li>{@link org.mapwright.engine.expr.ExpressionTokens} — tokens for syntax colouring.</li>
 * <li>{@link org.mapwright.engine.expr.LookupResolver} — the port behind {@code lookup(...)}.</li>
 * </ul>
 *
 * <p>The language itself is described in EXPRESSIONS.md at the root of this bundle. Unless a method
 * says otherwise, parameters must not be null.
 */
package org.mapwright.engine.expr;
