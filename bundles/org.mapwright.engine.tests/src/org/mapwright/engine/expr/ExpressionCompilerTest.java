package org.mapwright.engine.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.Schema;

class ExpressionCompilerTest {

    private final Schema schema = Schema.of(List.of(
            Field.of("i", "qty", DataType.INTEGER),
            Field.of("t", "name", DataType.TEXT),
            Field.of("d", "day", DataType.DATE),
            Field.of("s", "code", DataType.TEXT)));
    private final Scope scope = RowScope.of(schema);
    private final ExpressionCompiler compiler = new ExpressionCompiler(Functions.standard());

    @Test
    void widensToTheExpectedType() throws ExpressionException {
        CompiledExpression e = compiler.compile("qty + 1", scope, DataType.DECIMAL);
        assertEquals(DataType.DECIMAL, e.type());
        assertEquals(new BigDecimal(3), e.evaluate(new Object[] {2L, null, null, null}));
        CompiledExpression ts = compiler.compile("day", scope, DataType.TIMESTAMP);
        assertEquals(LocalDateTime.of(2024, 1, 31, 0, 0), ts.evaluate(new Object[] {null, null, LocalDate.of(2024, 1, 31), null}));
        assertEquals(DataType.DATE, compiler.compile("NULL", scope, DataType.DATE).type());
    }

    @Test
    void convertsAnyScalarToTextTargetsInCanonicalForm() throws ExpressionException {
        CompiledExpression e = compiler.compile("day", scope, DataType.TEXT);
        assertEquals("2024-01-31", e.evaluate(new Object[] {null, null, LocalDate.of(2024, 1, 31), null}));
    }

    @Test
    void reportsTypeMismatchWithBothTypesAndAHint() {
        ExpressionException ex = assertThrows(ExpressionException.class,
                () -> compiler.compile("name", scope, DataType.INTEGER));
        assertEquals("expected integer but the expression gives text", ex.reason());
        assertEquals("convert it: CAST(name AS integer)", ex.hint());
        assertEquals("1:1: expected integer but the expression gives text — convert it: CAST(name AS integer)", ex.describe());
    }

    @Test
    void offersTheSuggestionAsAQuickFix() {
        ExpressionException ex = assertThrows(ExpressionException.class, () -> compiler.compile("upper(nmae)", scope));
        assertEquals("name", ex.replacement());
        assertEquals(6, ex.start());
        assertEquals(10, ex.end());
    }

    @Test
    void computesLineAndColumnOfMultiLineExpressions() {
        ExpressionException ex = assertThrows(ExpressionException.class,
                () -> compiler.compile("CASE\n  WHEN qty > 1\n  THEN nmae\nEND", scope));
        assertEquals(3, ex.line());
        assertEquals(8, ex.column());
    }

    @Test
    void listsReferencedFieldsOnceInOrderOfAppearance() throws ExpressionException {
        CompiledExpression e = compiler.compile("name || code || name || qty", scope);
        assertEquals(List.of("t", "s", "i"), e.fields().stream().map(FieldRef::fieldId).toList());
        assertTrue(compiler.compile("'EUR'", scope).fields().isEmpty());
    }

    @Test
    void recognisesDirectMappingsAndConstants() throws ExpressionException {
        assertEquals("t", compiler.compile("name", scope).asFieldReference().orElseThrow().fieldId());
        assertTrue(compiler.compile("(name)", scope).asFieldReference().isPresent());
        assertTrue(compiler.compile("upper(name)", scope).asFieldReference().isEmpty());
        CompiledExpression constant = compiler.compile("upper('a') || (1 + 2)", scope);
        assertTrue(constant.isConstant());
        assertEquals("A3", constant.evaluate(new Object[4]));
        assertFalse(compiler.compile("qty + 1", scope).isConstant());
    }

    @Test
    void marksNonDeterministicExpressionsAndUsesTheInjectedClock() throws ExpressionException {
        Clock clock = Clock.fixed(Instant.parse("2024-12-31T23:30:00Z"), ZoneId.of("Europe/Berlin"));
        ExpressionCompiler fixed = new ExpressionCompiler(Functions.standard(), CompilerOptions.defaults().withClock(clock));
        CompiledExpression today = fixed.compile("today()", scope);
        assertFalse(today.isDeterministic());
        assertFalse(today.isConstant());
        assertEquals(LocalDate.of(2025, 1, 1), today.evaluate(new Object[4]), "the clock's zone decides the date");
        assertTrue(compiler.compile("upper(name)", scope).isDeterministic());
        CompiledExpression uuid = compiler.compile("uuid()", scope);
        assertFalse(uuid.isDeterministic());
        assertNotEquals(uuid.evaluate(new Object[4]), uuid.evaluate(new Object[4]));
    }

    @Test
    void namesTheFailingSubExpressionAtRunTime() throws ExpressionException {
        CompiledExpression e = compiler.compile("coalesce(parse_date(code, 'dd/MM/yyyy'), day)", scope);
        EvaluationException ex = assertThrows(EvaluationException.class, () -> e.evaluate(new Object[] {null, null, null, "31/02/2024"}));
        assertEquals("parse_date(code, 'dd/MM/yyyy')", ex.expression());
        assertEquals("'31/02/2024' is not a date in format dd/MM/yyyy", ex.reason());
        assertEquals(9, ex.start());
        assertEquals(39, ex.end());
        assertEquals("parse_date(code, 'dd/MM/yyyy'): '31/02/2024' is not a date in format dd/MM/yyyy", ex.getMessage());
    }

    @Test
    void restrictedRegistriesHideFunctions() {
        FunctionRegistry scalarOnly = Functions.standard().filter(f -> !f.aggregate());
        ExpressionCompiler filterCompiler = new ExpressionCompiler(scalarOnly);
        ExpressionException ex = assertThrows(ExpressionException.class, () -> filterCompiler.compile("sum(qty) > 1", scope));
        assertTrue(ex.getMessage().startsWith("unknown function `sum`"), ex.getMessage());
        assertTrue(scalarOnly.find("upper").isPresent());
        assertTrue(scalarOnly.find("SUBSTRING").isPresent(), "aliases and any case");
    }

    @Test
    void functionInfoDescribesArityCategoryAndFlags() {
        FunctionRegistry fs = Functions.standard();
        FunctionInfo round = fs.find("ROUND").orElseThrow();
        assertEquals(1, round.minArity());
        assertEquals(2, round.maxArity());
        assertEquals(FunctionCategory.NUMBER, round.category());
        FunctionInfo concat = fs.find("concat").orElseThrow();
        assertEquals(1, concat.minArity());
        assertEquals(-1, concat.maxArity());
        assertEquals("concat(value any, ...) → text", concat.signatures().get(0).render("concat"));
        assertFalse(fs.find("now").orElseThrow().deterministic());
        assertTrue(fs.find("sum").orElseThrow().aggregate());
        assertEquals("substr", fs.find("substring").orElseThrow().name());
        assertTrue(fs.inCategory(FunctionCategory.AGGREGATE).stream().allMatch(FunctionInfo::aggregate));
        assertThrows(IllegalArgumentException.class, () -> FunctionRegistry.of(List.of(round, round)));
    }

    @Test
    void opensLookupTablesOnceAtCompileTime() throws ExpressionException {
        ExpressionCompiler withLookups = new ExpressionCompiler(Functions.standard(),
                CompilerOptions.defaults().withLookups(Cases.lookups()));
        CompiledExpression e = withLookups.compile("lookup('countries', 'code', code, 'name')", scope);
        assertEquals(DataType.TEXT, e.type());
        assertEquals("France", e.evaluate(new Object[] {null, null, null, "FR"}));
        ExpressionException unknown = assertThrows(ExpressionException.class,
                () -> withLookups.compile("lookup('planets', 'code', code, 'name')", scope));
        assertEquals("no lookup table 'planets'", unknown.getMessage());
        assertEquals(7, unknown.start());
        ExpressionException column = assertThrows(ExpressionException.class,
                () -> withLookups.compile("lookup('countries', 'code', code, 'capital')", scope));
        assertTrue(column.getMessage().contains("no column 'capital'"), column.getMessage());
        ExpressionException literal = assertThrows(ExpressionException.class,
                () -> withLookups.compile("lookup(name, 'code', code, 'name')", scope));
        assertTrue(literal.getMessage().contains("must be text literals"), literal.getMessage());
    }

    @Test
    void compilesLikePatternsOnceAndHandlesPerRowPatterns() throws ExpressionException {
        CompiledExpression e = compiler.compile("name LIKE code", scope);
        assertEquals(true, e.evaluate(new Object[] {null, "abc", null, "a%"}));
        assertEquals(false, e.evaluate(new Object[] {null, "abc", null, "b%"}));
        assertEquals(true, e.evaluate(new Object[] {null, "abc", null, "_b_"}));
    }

    @Test
    void evaluatesConcurrentlyWithoutSharedState() throws Exception {
        CompiledExpression e = compiler.compile(
                "format_number(qty, '#,##0') || regexp_replace(name, '[aeiou]', '*') || format_date(day, 'dd.MM.yyyy')", scope);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    for (long i = 0; i < 2000; i++) {
                        Object v = e.evaluate(new Object[] {i * 1000, "banana", LocalDate.of(2024, 1, 1).plusDays(i), null});
                        String expected = String.format(java.util.Locale.ROOT, "%,d", i * 1000) + "b*n*n*"
                                + LocalDate.of(2024, 1, 1).plusDays(i).format(java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy"));
                        if (!expected.equals(v)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void untypedFieldsAreConvertedWhereATypeIsNeeded() throws ExpressionException {
        Scope any = RowScope.of(Schema.of(List.of(Field.of("a", "v", DataType.ANY))));
        CompiledExpression e = compiler.compile("v * 2", any);
        assertEquals(new BigDecimal("5.0"), e.evaluate(new Object[] {new BigDecimal("2.5")}));
        assertEquals(0, new BigDecimal(8).compareTo((BigDecimal) e.evaluate(new Object[] {"4"})));
        EvaluationException ex = assertThrows(EvaluationException.class, () -> e.evaluate(new Object[] {"four"}));
        assertTrue(ex.getMessage().contains("'four' is not"), ex.getMessage());
        assertNull(e.evaluate(new Object[] {null}));
    }
}
