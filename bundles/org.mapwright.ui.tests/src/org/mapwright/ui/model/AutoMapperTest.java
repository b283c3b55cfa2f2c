package org.mapwright.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;

class AutoMapperTest {

    private static AutoMapper.Candidate c(String source, String name, DataType type) {
        return new AutoMapper.Candidate("src_" + source, source, Field.of("f_" + name, name, type), name);
    }

    private static Map<String, AutoMapper.Suggestion> byTarget(List<AutoMapper.Suggestion> s) {
        return s.stream().collect(Collectors.toMap(x -> x.target().name(), x -> x));
    }

    @Test
    void suggestsSameNamesFirstWithReasons() {
        List<AutoMapper.Suggestion> s = new AutoMapper().suggest(
                List.of(Field.of("t1", "email", DataType.TEXT), Field.of("t2", "Quantity", DataType.INTEGER)),
                List.of(c("orders", "qty", DataType.INTEGER), c("customers", "email", DataType.TEXT), c("customers", "name", DataType.TEXT)));
        Map<String, AutoMapper.Suggestion> m = byTarget(s);
        assertEquals("email", m.get("email").source().field().name());
        assertEquals(1.0, m.get("email").confidence());
        assertTrue(m.get("email").reasons().contains("same name"), m.get("email").reasons().toString());
        assertEquals("qty", m.get("Quantity").source().field().name(), "abbreviations are expanded");
        assertEquals("email", s.get(0).target().name(), "highest confidence first");
    }

    @Test
    void usesTheSourceNameAsAQualifier() {
        List<AutoMapper.Suggestion> s = new AutoMapper().suggest(List.of(Field.of("t", "customer_id", DataType.INTEGER)),
                List.of(c("customers", "id", DataType.INTEGER), c("orders", "order_id", DataType.INTEGER)));
        assertEquals("id", s.get(0).source().field().name());
        assertEquals(0.95, s.get(0).confidence());
    }

    @Test
    void neverSuggestsIncompatibleTypesAndLowersRiskyOnes() {
        AutoMapper mapper = new AutoMapper();
        assertTrue(mapper.suggest(List.of(Field.of("t", "active", DataType.DATE)), List.of(c("s", "active", DataType.BOOLEAN))).isEmpty());
        AutoMapper.Suggestion parse = mapper.suggest(List.of(Field.of("t", "amount", DataType.DECIMAL)),
                List.of(c("s", "amount", DataType.TEXT))).get(0);
        assertEquals(0.6, parse.confidence());
        assertTrue(parse.reasons().get(1).contains("has to parse"), parse.reasons().toString());
        AutoMapper.Suggestion widen = mapper.suggest(List.of(Field.of("t", "amount", DataType.DECIMAL)),
                List.of(c("s", "amount", DataType.INTEGER))).get(0);
        assertEquals(0.95, widen.confidence());
    }

    @Test
    void dropsWeakCandidates() {
        assertTrue(new AutoMapper().suggest(List.of(Field.of("t", "country", DataType.TEXT)),
                List.of(c("s", "order_date", DataType.DATE), c("s", "qty", DataType.INTEGER))).isEmpty());
    }

    @Test
    void splitsCamelCaseAndSeparators() {
        assertEquals(List.of("customer", "id"), AutoMapper.words("customerID"));
        assertEquals(List.of("first", "name"), AutoMapper.words("FirstName"));
        assertEquals(List.of("birth", "date"), AutoMapper.words("dob"));
        assertEquals(List.of("order", "total", "eur"), AutoMapper.words("order-total EUR"));
    }
}
