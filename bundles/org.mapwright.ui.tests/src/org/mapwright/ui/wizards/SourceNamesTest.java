package org.mapwright.ui.wizards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mapwright.core.Project;
import org.mapwright.core.Schema;
import org.mapwright.core.Settings;
import org.mapwright.core.SourceDef;

/** The source names both add-source bundles give and accept. */
class SourceNamesTest {

    private static final Project PROJECT = new Project("p", List.of(
            new SourceDef("s1", "orders", "csv", Settings.empty(), Schema.empty()),
            new SourceDef("s2", "orders_2", "csv", Settings.empty(), Schema.empty())), List.of());

    @Test
    void namesAreIdentifiersUniqueInTheProject() {
        assertEquals("people_eu", SourceNames.defaultName(PROJECT, "People EU.csv"));
        assertEquals("source_2024_sales", SourceNames.defaultName(PROJECT, "2024-sales.xlsx"));
        assertEquals("orders_3", SourceNames.defaultName(PROJECT, "Orders.csv"), "orders and orders_2 are taken");
        assertEquals("_hidden", SourceNames.defaultName(PROJECT, ".hidden"), "a leading dot is no extension");
        assertEquals("public_customers", SourceNames.defaultName(PROJECT, "public.customers.table"));
    }

    @Test
    void refusesAnEmptyOrTakenName() {
        assertEquals("Give the source a name (used to qualify its fields in expressions).", SourceNames.problem(PROJECT, ""));
        assertEquals("The project already has a source named 'orders'.", SourceNames.problem(PROJECT, "orders"));
        assertNull(SourceNames.problem(PROJECT, "customers"));
    }
}
