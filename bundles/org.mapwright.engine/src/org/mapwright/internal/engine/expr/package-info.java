/**
 * Implementation of the expression language: {@code Lexer} → {@code Parser} (syntax tree
 * {@code Ast}) → {@code Compiler} (names resolved, types checked, conversions inserted, functions
 * bound, constants folded) → a tree of small evaluator {@code Node}s wrapped in {@code Compiled}.
 *
 * <p><b>Why a hand-written lexer and Pratt parser rather than ANTLR.</b> The grammar is small
 * (a dozen precedence levels, CASE, CAST, IN, LIKE, BETWEEN), and a Pratt parser expresses it in
 * one short class where each operator's binding power is one number. ANTLR would add a runtime
 * library to the exported, OSGi-resolved classpath of every headless bundle (and a generator
 * step to the Tycho build) for no gain. Owning the lexer gives exact character offsets for every
 * token, one lexer shared by the compiler and the editor's syntax colouring (so they never
 * disagree), a tokenizer that never fails on half-typed text, and error messages tailored to what
 * analysts get wrong ({@code a name with spaces must be quoted}, {@code `|` is not an operator;
 * concatenation is `||`}) instead of generic "mismatched input" reports.
 *
 * <p><b>Run-time shape.</b> Evaluation walks pre-built nodes: field reads are array indexing,
 * functions are pre-selected lambdas of fixed arity (no argument arrays except for variadic
 * calls), LIKE patterns, regular expressions, date and number formats given as literals are
 * compiled once at compile time (and otherwise cached per distinct value in a one-entry
 * {@code Memo}). Failures for bad data are thrown as {@code Fail} without stack trace and turned
 * into an {@link org.mapwright.engine.expr.EvaluationException} naming the sub-expression by the
 * node that called the function. Nodes are immutable after compilation, so a compiled expression
 * is safe to share between threads.
 */
package org.mapwright.internal.engine.expr;
