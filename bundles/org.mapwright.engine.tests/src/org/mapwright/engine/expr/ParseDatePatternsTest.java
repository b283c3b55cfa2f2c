package org.mapwright.engine.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.Schema;

/** parse_date with the all-digit patterns read without a formatter, and everything around them. */
class ParseDatePatternsTest {

    private final Scope scope = RowScope.of(Schema.of(List.of(Field.of("s", "code", DataType.TEXT))));
    private final ExpressionCompiler compiler = new ExpressionCompiler(Functions.standard());

    private Object eval(String expression, String code) throws ExpressionException {
        return compiler.compile(expression, scope).evaluate(new Object[] {code});
    }

    private String failure(String expression, String code) throws ExpressionException {
        CompiledExpression e = compiler.compile(expression, scope);
        return assertThrows(EvaluationException.class, () -> e.evaluate(new Object[] {code})).reason();
    }

    @Test
    void readsTheFixedDigitPatterns() throws ExpressionException {
        LocalDate d = LocalDate.of(2024, 2, 29);
        assertEquals(d, eval("parse_date(code)", "2024-02-29"));
        assertEquals(d, eval("parse_date(code, 'yyyy-MM-dd')", " 2024-02-29 "));
        assertEquals(d, eval("parse_date(code, 'dd/MM/yyyy')", "29/02/2024"));
        assertEquals(d, eval("parse_date(code, 'MM/dd/yyyy')", "02/29/2024"));
        assertEquals(d, eval("parse_date(code, 'dd.MM.yyyy')", "29.02.2024"));
        assertEquals(d, eval("parse_date(code, 'd/M/yyyy')", "29/2/2024"));
    }

    @Test
    void impossibleDatesAndNonDigitsStayErrorsWithTheSameMessage() throws ExpressionException {
        assertEquals("'31/02/2024' is not a date in format dd/MM/yyyy", failure("parse_date(code, 'dd/MM/yyyy')", "31/02/2024"));
        assertEquals("'2023-02-29' is not a date in format yyyy-MM-dd", failure("parse_date(code)", "2023-02-29"));
        assertEquals("'2023-02-29' is not a date in format yyyy-MM-dd", failure("parse_date(code, 'yyyy-MM-dd')", "2023-02-29"));
        assertEquals("'1a/02/2024' is not a date in format dd.MM.yyyy", failure("parse_date(code, 'dd.MM.yyyy')", "1a/02/2024"));
        assertEquals("'13/31/2024' is not a date in format MM/dd/yyyy", failure("parse_date(code, 'MM/dd/yyyy')", "13/31/2024"));
        assertEquals("'29/02/2024' is not a date in format MM/dd/yyyy", failure("parse_date(code, 'MM/dd/yyyy')", "29/02/2024"));
    }
}
