package org.mapwright.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.Schema;
import org.mapwright.core.connector.Inspection;

class SchemaDifferTest {

    private final SchemaDiffer differ = new SchemaDiffer();

    @TempDir
    Path dir;

    private static List<FieldChange> of(SchemaDiff d, FieldChange.Kind kind) {
        return d.changes().stream().filter(c -> c.kind() == kind).toList();
    }

    private static FieldChange change(SchemaDiff d, FieldChange.Kind kind, String oldPath) {
        return d.changes().stream().filter(c -> c.kind() == kind && oldPath.equals(c.oldPath())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " of " + oldPath + " in " + d.changes()));
    }

    @Test
    void recognisesRealisticCsvHeaderRenamesWithConfidenceAndReasons() throws Exception {
        Inspection before = DriftFixtures.inspectCsv(dir, "v1.csv",
                "cust_id,name,e-mail,Country,amount\n1,Ann,ann@example.com,FR,12.50\n2,Bob,bob@example.com,DE,3.10\n");
        Inspection after = DriftFixtures.inspectCsv(dir, "v2.csv",
                "customer_id,name,email,country,amount\n1,Ann,ann@example.com,FR,12.50\n2,Bob,bob@example.com,DE,3.10\n");
        SchemaDiff d = differ.diff(before.schema(), after, Map.of());

        assertEquals(3, d.changes().size(), d.changes().toString());
        FieldChange id = change(d, FieldChange.Kind.RENAMED, "cust_id");
        assertEquals("customer_id", id.newPath());
        assertTrue(id.confidence() >= 0.85 && id.confidence() < 1, "abbreviation is likely, not certain: " + id.confidence());
        assertTrue(id.reasons().stream().anyMatch(r -> r.contains("cust~customer")), id.reasons().toString());
        assertTrue(id.reasons().contains("same type integer"), id.reasons().toString());
        assertTrue(id.reasons().contains("between the same neighbours"), id.reasons().toString());

        FieldChange mail = change(d, FieldChange.Kind.RENAMED, "e-mail");
        assertEquals("email", mail.newPath());
        assertTrue(mail.confidence() > 0.95, "only a separator differs: " + mail.confidence());
        assertTrue(mail.reasons().contains("same name ignoring case and separators"), mail.reasons().toString());

        FieldChange country = change(d, FieldChange.Kind.RENAMED, "Country");
        assertEquals("country", country.newPath());
        assertEquals(1.0, country.confidence());

        Schema rebased = d.rebased(Set.of(id.fieldId(), mail.fieldId()));
        assertEquals("customer_id", rebased.byId(id.fieldId()).orElseThrow().name(), "the stored id is kept for an accepted rename");
        assertEquals("email", rebased.byId(mail.fieldId()).orElseThrow().name());
        assertTrue(d.asIs().byId(id.fieldId()).isEmpty(), "without acceptance the stored field is gone");
        assertTrue(d.asIs().byId(country.fieldId()).isPresent(), "a case-only rename keeps its id like SchemaIds does");
    }

    @Test
    void unrelatedNamesAreARemovalAndAnAddition() throws Exception {
        Inspection before = DriftFixtures.inspectCsv(dir, "v1.csv", "id,name,status\n1,Ann,A\n2,Bob,S\n");
        Inspection after = DriftFixtures.inspectCsv(dir, "v2.csv", "id,name,phone\n1,Ann,+33 1 23\n2,Bob,+49 30 1\n");
        SchemaDiff d = differ.diff(before.schema(), after, Map.of());

        assertEquals(List.of("status"), of(d, FieldChange.Kind.REMOVED).stream().map(FieldChange::oldPath).toList());
        assertEquals(List.of("phone"), of(d, FieldChange.Kind.ADDED).stream().map(FieldChange::newPath).toList());
        assertTrue(d.matches().isEmpty(), d.changes().toString());
        assertEquals(List.of("id", "name", "status", "phone"), d.storedWithAdded().fields().stream().map(Field::name).toList());
    }

    @Test
    void sampleValueOverlapTurnsADissimilarNameIntoARename() throws Exception {
        Inspection before = DriftFixtures.inspectCsv(dir, "v1.csv", "id,segment\n1,gold\n2,silver\n3,bronze\n");
        Inspection after = DriftFixtures.inspectCsv(dir, "v2.csv", "id,tier\n1,gold\n2,silver\n3,bronze\n");
        String segmentId = before.schema().byPath("segment").orElseThrow().id();

        SchemaDiff blind = differ.diff(before.schema(), after, Map.of());
        assertTrue(blind.matches().isEmpty(), "names alone do not say it: " + blind.changes());

        SchemaDiff seeing = differ.diff(before.schema(), after, before.evidence().isEmpty() ? Map.of()
                : Map.of(segmentId, before.evidence().get(segmentId).samples()));
        FieldChange c = change(seeing, FieldChange.Kind.RENAMED, "segment");
        assertEquals("tier", c.newPath());
        assertTrue(c.reasons().contains("100% of sampled values in common"), c.reasons().toString());
    }

    @Test
    void integerBecomingDecimalIsACompatibleRetypeTheStoredTypeNoLongerReads() throws Exception {
        Inspection before = DriftFixtures.inspectCsv(dir, "v1.csv", "id,qty\n1,3\n2,4\n");
        Inspection after = DriftFixtures.inspectCsv(dir, "v2.csv", "id,qty\n1,3.5\n2,4\n");
        SchemaDiff d = differ.diff(before.schema(), after, Map.of());

        FieldChange c = change(d, FieldChange.Kind.RETYPED, "qty");
        assertEquals(DataType.INTEGER, c.oldType());
        assertEquals(DataType.DECIMAL, c.newType());
        assertEquals(Boolean.TRUE, c.compatible(), "decimal holds every integer");
        assertEquals(Boolean.FALSE, c.storedTypeReads());
        assertTrue(c.reasons().stream().anyMatch(r -> r.contains("'3.5'")), c.reasons().toString());
        assertEquals(DataType.DECIMAL, d.asIs().byPath("qty").orElseThrow().type(), "the rebased structure adopts the new type");
    }

    @Test
    void integerBecomingTextIsAnIncompatibleRetype() throws Exception {
        Inspection before = DriftFixtures.inspectCsv(dir, "v1.csv", "id,qty\n1,3\n2,4\n");
        Inspection after = DriftFixtures.inspectCsv(dir, "v2.csv", "id,qty\n1,three\n2,four\n");
        FieldChange c = change(differ.diff(before.schema(), after, Map.of()), FieldChange.Kind.RETYPED, "qty");
        assertEquals(DataType.TEXT, c.newType());
        assertEquals(Boolean.TRUE, c.compatible(), "text holds every integer, so expressions written for integers...");
        assertEquals(Boolean.FALSE, c.storedTypeReads(), "...but the stored integer type cannot read 'three'");

        Schema stored = Schema.of(List.of(Field.of("f_code", "code", DataType.TEXT)));
        Schema now = Schema.of(List.of(Field.of("f_new", "code", DataType.INTEGER)));
        FieldChange narrowed = change(differ.diff(stored, now), FieldChange.Kind.RETYPED, "code");
        assertEquals(Boolean.FALSE, narrowed.compatible(), "text to integer is not a widening");
        assertNull(narrowed.storedTypeReads(), "without samples nobody knows whether text still reads the values");
    }

    @Test
    void aStoredTypeThatStillReadsTheValuesIsNotDrift() throws Exception {
        Inspection before = DriftFixtures.inspectCsv(dir, "v1.csv", "id,zip\n1,75001\n2,10115\n");
        Schema stored = before.schema().replace(before.schema().byPath("zip").orElseThrow().withType(DataType.TEXT));
        Inspection after = DriftFixtures.inspectCsv(dir, "v2.csv", "id,zip\n1,75001\n2,10115\n");
        SchemaDiff d = differ.diff(stored, after, Map.of());
        assertTrue(d.isEmpty(), "the user chose text for zip codes; inference says integer: " + d.changes());
        assertEquals(DataType.TEXT, d.asIs().byPath("zip").orElseThrow().type(), "the user's type is kept");
    }

    @Test
    void reportsNullsInAFieldStoredAsNeverNull() throws Exception {
        Inspection before = DriftFixtures.inspectCsv(dir, "v1.csv", "id,name\n1,Ann\n2,Bob\n");
        Inspection after = DriftFixtures.inspectCsv(dir, "v2.csv", "id,name\n1,Ann\n2,\n");
        Schema stored = before.schema().replace(before.schema().byPath("name").orElseThrow().withNullable(false));
        FieldChange c = change(differ.diff(stored, after, Map.of()), FieldChange.Kind.NULLABILITY, "name");
        assertTrue(c.reasons().get(0).contains("null"), c.reasons().toString());
    }

    @Test
    void reportsKeyChangesOnlyForSourcesThatReportKeys() {
        Schema stored = Schema.of(List.of(Field.of("f_id", "id", DataType.INTEGER).withKey(true), Field.of("f_n", "n", DataType.TEXT)));
        Schema inferred = Schema.of(List.of(Field.of("x1", "id", DataType.INTEGER), Field.of("x2", "n", DataType.TEXT)));
        assertTrue(differ.diff(stored, inferred).isEmpty(), "inference never sets keys: the user's key is not drift");
        assertTrue(differ.diff(stored, inferred).asIs().byPath("id").orElseThrow().key(), "and it is kept");

        Schema database = Schema.of(List.of(Field.of("x1", "id", DataType.INTEGER), Field.of("x2", "n", DataType.TEXT).withKey(true)));
        SchemaDiff d = differ.diff(stored, database);
        assertEquals(2, of(d, FieldChange.Kind.KEY).size(), d.changes().toString());
        assertEquals("no longer part of the primary key", change(d, FieldChange.Kind.KEY, "id").reasons().get(0));
    }

    @Test
    void detectsAFieldMovedBetweenNestedJsonRecords() throws Exception {
        Inspection before = DriftFixtures.inspectJson(dir, "v1.json", """
                [{"id": 1, "customer": {"name": "Ann", "address": {"city": "Paris", "zip": "75001"}}},
                 {"id": 2, "customer": {"name": "Bob", "address": {"city": "Berlin", "zip": "10115"}}}]
                """);
        Inspection after = DriftFixtures.inspectJson(dir, "v2.json", """
                [{"id": 1, "customer": {"name": "Ann", "city": "Paris", "address": {"zip": "75001"}}},
                 {"id": 2, "customer": {"name": "Bob", "city": "Berlin", "address": {"zip": "10115"}}}]
                """);
        SchemaDiff d = differ.diff(before.schema(), after, Map.of());
        assertEquals(1, d.changes().size(), d.changes().toString());
        FieldChange moved = change(d, FieldChange.Kind.MOVED, "customer.address.city");
        assertEquals("customer.city", moved.newPath());
        assertTrue(moved.confidence() >= 0.8, moved.toString());
        assertTrue(moved.reasons().contains("moved from `customer.address` to `customer`"), moved.reasons().toString());
        Schema rebased = d.rebased(Set.of(moved.fieldId()));
        assertEquals("customer.city", rebased.pathOf(moved.fieldId()).orElseThrow());
    }

    @Test
    void aRenamedRecordCarriesItsChildrenAlong() throws Exception {
        Inspection before = DriftFixtures.inspectJson(dir, "v1.json", """
                [{"id": 1, "customer": {"name": "Ann", "email": "a@x.org", "city": "Paris"}}]
                """);
        Inspection after = DriftFixtures.inspectJson(dir, "v2.json", """
                [{"id": 1, "client": {"name": "Ann", "email": "a@x.org", "city": "Paris"}}]
                """);
        SchemaDiff d = differ.diff(before.schema(), after, Map.of());
        assertEquals(1, d.changes().size(), "one rename, the children follow: " + d.changes());
        FieldChange c = change(d, FieldChange.Kind.RENAMED, "customer");
        assertTrue(c.reasons().contains("3 of 3 child fields in common"), c.reasons().toString());
        String emailId = before.schema().byPath("customer.email").orElseThrow().id();
        assertEquals("client.email", d.rebased(Set.of(c.fieldId())).pathOf(emailId).orElseThrow(), "children keep their ids");
        assertTrue(d.asIs().byId(emailId).isEmpty(), "and lose them when the record rename is rejected");
    }

    @Test
    void aCloseSecondCandidateLowersTheConfidence() {
        Schema stored = Schema.of(List.of(Field.of("f_a", "amount", DataType.DECIMAL)));
        Schema now = Schema.of(List.of(Field.of("x1", "amount_net", DataType.DECIMAL), Field.of("x2", "amount_gross", DataType.DECIMAL)));
        FieldChange c = differ.diff(stored, now).matches().get(0);
        assertTrue(c.reasons().stream().anyMatch(r -> r.startsWith("close alternative")), c.reasons().toString());
        assertTrue(c.confidence() < 0.75, "ambiguous: " + c.confidence());
        assertFalse(SchemaDiffer.widens(DataType.TEXT, DataType.INTEGER));
        assertTrue(SchemaDiffer.widens(DataType.INTEGER, DataType.DECIMAL));
    }

    private static final String TIERS_BEFORE = "id,segment,active\n1,gold,yes\n2,silver,no\n3,bronze,yes\n4,platinum,no\n"
            + "5,gold,yes\n6,silver,no\n7,bronze,yes\n8,platinum,no\n";

    @Test
    void valuesAloneCarryARenameToAnUnrelatedNameWithTheConfidenceToApplyIt() throws Exception {
        Inspection before = DriftFixtures.inspectCsv(dir, "v1.csv", TIERS_BEFORE);
        Inspection after = DriftFixtures.inspectCsv(dir, "v2.csv", TIERS_BEFORE.replace("segment", "tier"));

        FieldChange c = change(differ.diff(before.schema(), after, DriftBaseline.fromInspection(before)), FieldChange.Kind.RENAMED,
                "segment");

        assertEquals("tier", c.newPath());
        assertTrue(c.confidence() >= 0.8, "4 shared values of the same type, same place: " + c.confidence() + " " + c.reasons());
        assertTrue(c.reasons().contains("recognised by its values"), c.reasons().toString());
    }

    @Test
    void aProfileOfTheOldSourceIsABaselineToo() throws Exception {
        Inspection before = DriftFixtures.inspectCsv(dir, "v1.csv", TIERS_BEFORE);
        Inspection after = DriftFixtures.inspectCsv(dir, "v2.csv", TIERS_BEFORE.replace("segment", "tier"));
        org.mapwright.core.profile.Profile profile;
        try (org.mapwright.core.connector.RecordReader reader = new org.mapwright.connector.csv.CsvConnector().open(
                org.mapwright.core.connector.ConnectorContext.of(dir), before.settings(), before.schema())) {
            profile = org.mapwright.core.profile.Profiler.profile(reader, org.mapwright.core.profile.ProfileOptions.DEFAULTS,
                    org.mapwright.core.connector.ProgressMonitor.NONE);
        }
        Map<String, List<String>> baseline = DriftBaseline.fromProfile(before.schema(), profile);
        String segmentId = before.schema().byPath("segment").orElseThrow().id();
        assertTrue(baseline.get(segmentId).containsAll(List.of("gold", "silver", "bronze", "platinum")), baseline.toString());

        FieldChange c = change(differ.diff(before.schema(), after, baseline), FieldChange.Kind.RENAMED, "segment");
        assertEquals("tier", c.newPath());
        assertTrue(c.confidence() >= 0.8, c.confidence() + " " + c.reasons());
    }

    @Test
    void twoValuedColumnsAreNotMatchedByTheirValuesAlone() throws Exception {
        Inspection before = DriftFixtures.inspectCsv(dir, "v1.csv", TIERS_BEFORE);
        Inspection after = DriftFixtures.inspectCsv(dir, "v2.csv", TIERS_BEFORE.replace("active", "subscribed"));

        SchemaDiff d = differ.diff(before.schema(), after, DriftBaseline.fromInspection(before));

        for (FieldChange c : d.matches()) {
            assertFalse(c.reasons().contains("recognised by its values"), "yes/no overlaps with any yes/no column: " + c);
            assertTrue(c.confidence() < 0.8, "not confident enough to apply: " + c);
        }
    }
}
