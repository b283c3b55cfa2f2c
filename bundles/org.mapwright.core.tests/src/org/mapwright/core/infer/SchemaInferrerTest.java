package org.mapwright.core.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.Ids;
import org.mapwright.core.Schema;
import org.mapwright.core.Settings;
import org.mapwright.core.connector.FieldEvidence;
import org.mapwright.core.connector.Inspection;

class SchemaInferrerTest {

    private static InferredSchema infer(List<String> names, Schema previous, Object[]... rows) {
        SchemaInferrer s = new SchemaInferrer(names, InferenceOptions.DEFAULTS);
        for (Object[] r : rows) {
            s.acceptRow(r);
        }
        return s.finish(previous, new Ids(new Random(7)), true);
    }

    @Test
    void infersOneFieldPerColumnWithEvidenceKeyedById() {
        InferredSchema r = infer(List.of("id", "when", "note"), null,
                new Object[] {"1", "2024-01-02", "x"}, new Object[] {"2", null, "y"}, new Object[] {"3", "2024-01-04"});
        List<Field> f = r.schema().fields();
        assertEquals(List.of(DataType.INTEGER, DataType.DATE, DataType.TEXT), f.stream().map(Field::type).toList());
        assertEquals(List.of(false, true, true), f.stream().map(Field::nullable).toList());
        FieldEvidence e = r.evidence().get(f.get(1).id());
        assertEquals(3, e.rowsSampled());
        assertEquals(1, e.nullCount());
        assertEquals(List.of("2024-01-02", "2024-01-04"), e.samples());
        assertTrue(f.get(0).id().startsWith("f_"));
    }

    @Test
    void keepsIdsAndKeyFlagsOfEarlierFieldsMatchedByName() {
        Schema previous = Schema.of(List.of(
                Field.of("f_oldid001", "id", DataType.TEXT).withKey(true),
                Field.of("f_oldid002", "Email", DataType.TEXT),
                Field.of("f_oldid003", "gone", DataType.TEXT)));
        InferredSchema r = infer(List.of("email", "id", "new"), previous, new Object[] {"a@b.c", "1", "x"});
        List<Field> f = r.schema().fields();
        assertEquals("f_oldid002", f.get(0).id(), "matched ignoring case");
        assertEquals("f_oldid001", f.get(1).id());
        assertTrue(f.get(1).key());
        assertEquals(DataType.INTEGER, f.get(1).type(), "the type is inferred anew");
        assertTrue(List.of("f_oldid001", "f_oldid002", "f_oldid003").stream().noneMatch(f.get(2).id()::equals));
        assertTrue(r.evidence().containsKey("f_oldid002"));
        assertEquals("f_oldid002", r.evidence().get("f_oldid002").fieldId());
    }

    @Test
    void reinspectionWithTheSameSchemaGivesTheSameIds() {
        InferredSchema first = infer(List.of("a", "b"), null, new Object[] {"1", "x"});
        SchemaInferrer again = new SchemaInferrer(List.of("b", "a"), InferenceOptions.DEFAULTS);
        again.acceptRow(new Object[] {"y", "2"});
        InferredSchema second = again.finish(first.schema(), new Ids(new Random(99)), true);
        assertEquals(first.schema().fields().get(0).id(), second.schema().fields().get(1).id());
        assertEquals(first.schema().fields().get(1).id(), second.schema().fields().get(0).id());
    }

    @Test
    void seededIdsAreReproducible() {
        InferredSchema a = infer(List.of("x", "y"), null, new Object[] {"1", "2"});
        InferredSchema b = infer(List.of("x", "y"), null, new Object[] {"1", "2"});
        assertEquals(a.schema(), b.schema());
        assertNotEquals(a.schema().fields().get(0).id(), a.schema().fields().get(1).id());
    }

    @Test
    void normalizesColumnNames() {
        InferredSchema r = infer(java.util.Arrays.asList(" a ", null, "A", "a_2"), null);
        assertEquals(List.of("a", "column_2", "A_3", "a_2"), r.schema().fields().stream().map(Field::name).toList());
    }

    @Test
    void carriesIdsOverIntoAnInspectionIncludingNestedFields() {
        Field oldCity = Field.of("f_city0001", "city", DataType.TEXT);
        Schema previous = Schema.of(List.of(
                new Field("f_addr0001", "address", DataType.RECORD, true, false, null, false, List.of(oldCity))));
        Field freshCity = Field.of("f_new00002", "city", DataType.TEXT);
        Field freshZip = Field.of("f_city0001", "zip", DataType.TEXT);
        Schema fresh = Schema.of(List.of(
                new Field("f_new00001", "address", DataType.RECORD, true, false, null, false, List.of(freshCity, freshZip))));
        Inspection inspection = new Inspection(Settings.empty(), fresh,
                Map.of("f_new00002", new FieldEvidence("f_new00002", 3, 0, 1.0, List.of("Paris"))), 3, true, List.of());
        Inspection carried = SchemaIds.carryOver(inspection, previous, new Ids(new Random(3)));
        Field address = carried.schema().fields().get(0);
        assertEquals("f_addr0001", address.id());
        assertEquals("f_city0001", address.children().get(0).id());
        assertNotEquals("f_city0001", address.children().get(1).id(), "a fresh id that collides with an earlier one is replaced");
        assertEquals(List.of("Paris"), carried.evidence().get("f_city0001").samples());
        assertEquals("f_city0001", carried.evidence().get("f_city0001").fieldId());
    }

    @Test
    void evidenceCarriesTheWarningAndOutliersOfAToleratedType() {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 38; i++) {
            rows.add(new Object[] {LocalDate.of(2024, 1, 1).plusDays(i).toString(), String.valueOf(i)});
        }
        rows.add(new Object[] {"n/a", "38"});
        rows.add(new Object[] {"unknown", "39"});
        InferredSchema r = infer(List.of("when", "n"), null, rows.toArray(new Object[0][]));
        Field when = r.schema().fields().get(0);
        assertEquals(DataType.DATE, when.type());
        FieldEvidence e = r.evidence().get(when.id());
        assertEquals("2 of 40 values are not dates: 'n/a', 'unknown'; 'n/a' looks like a null marker", e.warning());
        assertEquals(List.of("n/a", "unknown"), e.outlierSamples());
        assertEquals(r.columns().get(0).warning(), e.warning(), "the evidence says what the inference said");

        FieldEvidence clean = r.evidence().get(r.schema().fields().get(1).id());
        assertNull(clean.warning());
        assertEquals(List.of(), clean.outlierSamples());

        Inspection inspection = new Inspection(Settings.empty(), r.schema(), r.evidence(), 40, true, List.of());
        Schema previous = Schema.of(List.of(Field.of("f_when0001", "when", DataType.TEXT)));
        FieldEvidence carried = SchemaIds.carryOver(inspection, previous, new Ids(new Random(3))).evidence().get("f_when0001");
        assertEquals("f_when0001", carried.fieldId());
        assertEquals(e.warning(), carried.warning(), "re-keying keeps the warning");
        assertEquals(e.outlierSamples(), carried.outlierSamples());
    }

    @Test
    void evidenceBoundsOutliersAndHasNoneWithoutAWarning() {
        FieldEvidence plain = new FieldEvidence("f_a", 10, 0, 1.0, List.of("x"));
        assertNull(plain.warning());
        assertEquals(List.of(), plain.outlierSamples());

        List<String> many = List.of("a", "b", "c", "d", "e", "f", "g");
        FieldEvidence bounded = new FieldEvidence("f_a", 100, 0, 0.93, List.of("1"), "7 of 100 values are not integers", many);
        assertEquals(many.subList(0, FieldEvidence.MAX_OUTLIER_SAMPLES), bounded.outlierSamples());

        FieldEvidence blank = new FieldEvidence("f_a", 10, 0, 0.9, List.of("1"), " ", List.of("x"));
        assertNull(blank.warning(), "a blank warning is no warning");
        assertEquals(List.of(), blank.outlierSamples(), "examples only come with a warning");
    }
}
