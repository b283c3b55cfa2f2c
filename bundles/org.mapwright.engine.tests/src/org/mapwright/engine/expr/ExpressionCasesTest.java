package org.mapwright.engine.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.mapwright.core.DataType;
import org.mapwright.core.Schema;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Runs {@code data/expressions/eval.json} (expression, fields, row or rows, expected value and
 * type, or {@code evalError}) and {@code data/expressions/errors.json} (expression, fields,
 * message substring, start and end offsets). See {@link Cases} for the JSON encoding of values.
 */
class ExpressionCasesTest {

    private final ExpressionCompiler compiler = new ExpressionCompiler(Functions.standard(),
            CompilerOptions.defaults().withClock(Cases.CLOCK).withLookups(Cases.lookups()));
    private final ExpressionCompiler withoutLookups = new ExpressionCompiler(Functions.standard(),
            CompilerOptions.defaults().withClock(Cases.CLOCK));

    @TestFactory
    List<DynamicTest> evaluatesEveryEvalCase() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        int i = 0;
        for (JsonNode c : Cases.read("expressions/eval.json")) {
            String name = "eval[" + i++ + "] " + c.get("expression").asText();
            tests.add(DynamicTest.dynamicTest(name, () -> runEvalCase(c)));
        }
        return tests;
    }

    private void runEvalCase(JsonNode c) throws ExpressionException {
        String text = c.get("expression").asText();
        Schema schema = Cases.schema(c.get("fields"));
        CompiledExpression e = compiler.compile(text, RowScope.of(schema));
        if (c.has("expectedType")) {
            assertEquals(c.get("expectedType").asText(), e.type().id(), "type of " + text);
        }
        String evalError = c.has("evalError") ? c.get("evalError").asText() : null;
        Object actual;
        try {
            if (c.has("rows")) {
                assertTrue(e.isAggregate(), text + " should aggregate");
                actual = evaluateGroup(e, schema, c.get("rows"));
            } else {
                assertFalse(e.isAggregate(), text + " should not aggregate");
                actual = e.evaluate(Cases.row(schema, c.get("row")));
            }
        } catch (EvaluationException ex) {
            if (evalError == null) {
                throw ex;
            }
            assertTrue(ex.getMessage().contains(evalError),
                    "message of " + text + " should contain \"" + evalError + "\" but was: " + ex.getMessage());
            return;
        }
        if (evalError != null) {
            fail(text + " should fail with \"" + evalError + "\" but gave " + actual);
        }
        if (actual != null && e.type() != DataType.ANY) {
            assertTrue(e.type().javaType().isInstance(actual),
                    text + " gave " + actual.getClass().getSimpleName() + " for type " + e.type().id());
        }
        String diff = Cases.difference(c.get("expected"), actual);
        assertNull(diff, () -> text + ": " + diff);
    }

    static Object evaluateGroup(CompiledExpression e, Schema schema, JsonNode rows) {
        List<AggregateCall> calls = e.aggregates();
        AggregateCall.Accumulator[] acc = new AggregateCall.Accumulator[calls.size()];
        for (int i = 0; i < acc.length; i++) {
            acc[i] = calls.get(i).newAccumulator();
        }
        Object[] first = new Object[schema.size()];
        boolean isFirst = true;
        for (JsonNode r : rows) {
            Object[] row = Cases.row(schema, r);
            if (isFirst) {
                first = row;
                isFirst = false;
            }
            for (AggregateCall.Accumulator a : acc) {
                a.accumulate(row);
            }
        }
        Object[] results = new Object[acc.length];
        for (int i = 0; i < acc.length; i++) {
            results[i] = acc[i].result();
        }
        return e.evaluateGroup(first, results);
    }

    @TestFactory
    List<DynamicTest> reportsEveryErrorCaseWithItsPosition() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        int i = 0;
        for (JsonNode c : Cases.read("expressions/errors.json")) {
            String name = "error[" + i++ + "] " + c.get("expression").asText();
            tests.add(DynamicTest.dynamicTest(name, () -> {
                String text = c.get("expression").asText();
                Scope scope = RowScope.of(Cases.schema(c.get("fields")));
                DataType expected = c.has("expectedType") ? DataType.parse(c.get("expectedType").asText()) : DataType.ANY;
                ExpressionException ex = assertThrows(ExpressionException.class,
                        () -> withoutLookups.compile(text, scope, expected), text);
                String wanted = c.get("error").asText();
                assertTrue(ex.getMessage().contains(wanted),
                        "message of " + text + " should contain \"" + wanted + "\" but was: " + ex.getMessage());
                assertEquals(c.get("start").asInt(), ex.start(), "start of error in " + text + ": " + ex.getMessage());
                assertEquals(c.get("end").asInt(), ex.end(), "end of error in " + text + ": " + ex.getMessage());
            }));
        }
        return tests;
    }

    /** Half-typed text is the editor's normal state: it must give positioned errors, never crashes. */
    @Test
    void everyPrefixOfEveryCaseCompilesOrFailsWithAPositionedError() throws Exception {
        for (JsonNode c : Cases.read("expressions/eval.json")) {
            String text = c.get("expression").asText();
            Scope scope = RowScope.of(Cases.schema(c.get("fields")));
            for (int end = 0; end <= text.length(); end++) {
                String prefix = text.substring(0, end);
                ExpressionTokens.tokenize(prefix);
                try {
                    compiler.compile(prefix, scope);
                } catch (ExpressionException e) {
                    assertTrue(e.start() <= e.end() && e.end() <= prefix.length(), prefix + ": " + e.describe());
                } catch (RuntimeException e) {
                    throw new AssertionError("compiling `" + prefix + "` threw " + e, e);
                }
            }
        }
    }

    @Test
    void everyRegisteredFunctionAppearsInEvalCases() throws Exception {
        StringBuilder all = new StringBuilder();
        for (JsonNode c : Cases.read("expressions/eval.json")) {
            all.append(c.get("expression").asText().toLowerCase(Locale.ROOT)).append('\n');
        }
        List<String> missing = new ArrayList<>();
        for (FunctionInfo f : Functions.standard().functions()) {
            List<String> names = new ArrayList<>(f.aliases());
            names.add(0, f.name());
            boolean found = false;
            for (String n : names) {
                found |= Pattern.compile("(?<![a-z0-9_])" + Pattern.quote(n) + "\\s*\\(").matcher(all).find();
            }
            if (!found) {
                missing.add(f.name());
            }
        }
        assertTrue(missing.isEmpty(), "functions without a case in eval.json: " + missing);
    }

    @Test
    void libraryHasAtLeastSeventyDocumentedFunctions() {
        List<FunctionInfo> fs = Functions.standard().functions();
        assertTrue(fs.size() >= 70, "only " + fs.size() + " functions");
        for (FunctionInfo f : fs) {
            assertEquals(f.name().toLowerCase(Locale.ROOT), f.name());
            assertFalse(f.doc().isBlank(), f.name());
            assertTrue(f.example().startsWith(f.name() + "(") || f.aliases().stream().anyMatch(a -> f.example().startsWith(a + "(")),
                    "example of " + f.name() + " should call it: " + f.example());
        }
    }
}
