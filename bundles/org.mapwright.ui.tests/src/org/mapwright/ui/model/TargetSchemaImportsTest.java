package org.mapwright.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.Schema;
import org.mapwright.ui.model.TargetSchemaImports.Mode;

class TargetSchemaImportsTest {

    private static Field rec(String id, String name, Field... children) {
        return new Field(id, name, DataType.RECORD, true, false, null, false, List.of(children));
    }

    private final Schema current = Schema.of(List.of(
            Field.of("t_a", "a", DataType.TEXT).withFormat(null),
            Field.of("t_when", "when", DataType.DATE).withFormat("dd.MM.yyyy"),
            rec("t_addr", "address", Field.of("t_city", "city", DataType.TEXT), Field.of("t_zip", "zip", DataType.TEXT))));

    private final Schema imported = Schema.of(List.of(
            Field.of("n_b", "b", DataType.INTEGER),
            new Field("n_when", "WHEN", DataType.TIMESTAMP, false, true, null, false, List.of()),
            rec("n_addr", "Address", Field.of("n_street", "street", DataType.TEXT), Field.of("n_city", "city", DataType.INTEGER))));

    @Test
    void mergeKeepsOrderAndIdsUpdatesMatchesAndAppendsNewFieldsAtEveryLevel() {
        Schema s = TargetSchemaImports.combine(current, imported, Mode.MERGE);
        assertEquals(List.of("a", "WHEN", "Address", "b"), s.fields().stream().map(Field::name).toList());
        Field when = s.byId("t_when").orElseThrow();
        assertEquals(DataType.TIMESTAMP, when.type());
        assertTrue(when.key());
        assertFalse(when.nullable());
        assertEquals("dd.MM.yyyy", when.format(), "the import has no format, so the target's stays");
        Field addr = s.byId("t_addr").orElseThrow();
        assertEquals(List.of("t_city", "t_zip", "n_street"), addr.children().stream().map(Field::id).toList());
        assertEquals(DataType.INTEGER, addr.children().get(0).type());
    }

    @Test
    void replaceTakesTheImportsFieldsAndOrderButKeepsIdsOfMatches() {
        Schema s = TargetSchemaImports.combine(current, imported, Mode.REPLACE);
        assertEquals(List.of("n_b", "t_when", "t_addr"), s.fields().stream().map(Field::id).toList());
        assertEquals(List.of("n_street", "t_city"), s.byId("t_addr").orElseThrow().children().stream().map(Field::id).toList());
        assertTrue(s.byId("t_a").isEmpty());
        assertTrue(s.byId("t_zip").isEmpty());
    }
}
