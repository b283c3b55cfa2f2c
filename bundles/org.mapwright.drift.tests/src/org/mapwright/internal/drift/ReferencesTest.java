package org.mapwright.internal.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ReferencesTest {

    private static List<List<String>> paths(String text) {
        return References.scan(text).stream().map(References.Ref::segments).toList();
    }

    @Test
    void findsDottedAndQuotedReferencesButNotLiteralsCommentsOrFunctions() {
        assertEquals(List.of(List.of("customers", "email"), List.of("first name"), List.of("a", "b\"c")),
                paths("lower(customers.email) || 'email' || \"first name\" -- email\n || a.\"b\"\"c\""));
    }

    @Test
    void typeNamesAndTypedLiteralsAreNotReferences() {
        assertEquals(List.of(List.of("amount"), List.of("d")), paths("CAST(amount AS integer) + DATE '2024-01-01' - d"));
    }

    @Test
    void namesCompareByWordsAbbreviationsAndSpelling() {
        assertEquals(List.of("cust", "id"), NameSimilarity.tokens("custID"));
        assertEquals(List.of("order", "total", "2"), NameSimilarity.tokens("OrderTotal_2"));
        assertEquals(0.97, NameSimilarity.compare("e-mail", "email").value());
        assertTrue(NameSimilarity.compare("qty", "quantity").value() >= 0.8);
        assertTrue(NameSimilarity.compare("adress", "address").value() > 0.8, "a typo");
        assertTrue(NameSimilarity.compare("status", "phone").value() < 0.5);
    }
}
