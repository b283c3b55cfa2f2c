package org.mapwright.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.FieldMapping;
import org.mapwright.core.MappingDef;
import org.mapwright.core.Project;
import org.mapwright.core.Schema;
import org.mapwright.core.Settings;
import org.mapwright.core.SourceDef;
import org.mapwright.core.connector.ConnectorContext;
import org.mapwright.core.connector.ProgressMonitor;
import org.mapwright.core.io.ProjectIO;
import org.mapwright.engine.Problem;

class DriftAnalyzerTest {

    private static final String HEADER = "id,first_name,last_name,email,country_code,signup_date,birth_date,amount,quantity,status";

    private final DriftAnalyzer analyzer = new DriftAnalyzer(DriftFixtures.engine());

    @TempDir
    Path dir;

    private DriftReport check(Path project) throws Exception {
        return analyzer.check(new ProjectIO().read(project), ConnectorContext.of(project), ProgressMonitor.NONE);
    }

    @Test
    void theUnchangedSampleProjectHasNoDrift() throws Exception {
        DriftReport r = check(DriftFixtures.copySample(dir));
        assertFalse(r.drifted(), new DriftReportWriter().text(r));
        assertEquals(0, r.exitCode());
        assertEquals(4, r.sources().size(), "customers, countries, loyalty (JSON), managers (Excel)");
    }

    @Test
    void aRenamedHeaderBreaksTheMappingThatReadsItAndIsProposedForRebinding() throws Exception {
        Path project = DriftFixtures.copySample(dir);
        DriftFixtures.replaceHeader(project.resolve("data/customers.csv"), HEADER.replace("email", "e_mail"));
        DriftReport r = check(project);

        assertTrue(r.breaking());
        assertEquals(1, r.exitCode());
        SourceDrift s = r.source("src_customers").orElseThrow();
        assertEquals(1, s.changes().size(), s.changes().toString());
        Impact broken = s.impacts().stream().filter(i -> "t_em9s3v6w".equals(i.element())).findFirst()
                .orElseThrow(() -> new AssertionError(s.impacts().toString()));
        assertTrue(broken.breaking());
        assertNotNull(broken.problem(), "found by compiling, not by guessing");
        assertTrue(broken.problem().message().contains("email"), broken.problem().message());
        assertEquals(List.of("email"), broken.fields());
        assertEquals("lower(email)", broken.expression());
        assertTrue(s.impacts().stream().anyMatch(i -> i.message().startsWith("cannot be read with the stored structure")),
                "the CSV reader needs every stored column: " + s.impacts());

        RebaseProposal p = s.proposals().get(0);
        assertEquals("src_customers/f_c9d4h6jd", p.id());
        assertTrue(p.confidence() > 0.9, String.valueOf(p.confidence()));
        assertEquals(1, p.edits().size());
        assertEquals("lower(e_mail)", p.edits().get(0).after());
    }

    @Test
    void acceptingTheRenameRebasesTheProjectWithTheSameFieldId() throws Exception {
        Path project = DriftFixtures.copySample(dir);
        DriftFixtures.replaceHeader(project.resolve("data/customers.csv"), HEADER.replace("email", "e_mail"));
        Project before = new ProjectIO().read(project);
        DriftReport r = analyzer.check(before, ConnectorContext.of(project), ProgressMonitor.NONE);

        RebaseResult result = analyzer.rebase(before, r, p -> true);
        assertFalse(result.hasErrors(), result.problems().toString());
        Schema schema = result.project().source("src_customers").orElseThrow().schema();
        assertEquals("e_mail", schema.byId("f_c9d4h6jd").orElseThrow().name());
        assertEquals("lower(e_mail)", result.project().mapping("map_customers").orElseThrow().mappingFor("t_em9s3v6w").orElseThrow().expression());
        assertEquals("email", before.source("src_customers").orElseThrow().schema().byId("f_c9d4h6jd").orElseThrow().name(),
                "the input project is a value and stays as it was");

        new ProjectIO().write(result.project(), project);
        assertFalse(check(project).drifted(), "after the rebase the project matches the source again");
    }

    @Test
    void aRejectedRenameStaysAProblemInsteadOfVanishing() throws Exception {
        Path project = DriftFixtures.copySample(dir);
        DriftFixtures.replaceHeader(project.resolve("data/customers.csv"), HEADER.replace("email", "e_mail"));
        Project before = new ProjectIO().read(project);
        RebaseResult result = analyzer.rebase(before, analyzer.check(before, ConnectorContext.of(project), ProgressMonitor.NONE), p -> false);

        assertEquals(1, result.rejected().size());
        assertTrue(result.edits().isEmpty());
        assertTrue(result.problems().stream().anyMatch(p -> p.isError() && "t_em9s3v6w".equals(p.location().element())),
                result.problems().toString());
        Schema schema = result.project().source("src_customers").orElseThrow().schema();
        assertTrue(schema.byId("f_c9d4h6jd").isEmpty(), "the old field is gone");
        assertTrue(schema.byPath("e_mail").isPresent(), "the new one is there under a new id");
    }

    @Test
    void aRemovedColumnBreaksEveryExpressionThatReadsItAndNothingElse() throws Exception {
        Path project = DriftFixtures.copySample(dir);
        Path csv = project.resolve("data/customers.csv");
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        StringBuilder without = new StringBuilder();
        for (String line : lines) {
            without.append(line, 0, line.lastIndexOf(',')).append('\n');
        }
        Files.writeString(csv, without.toString(), StandardCharsets.UTF_8);
        SourceDrift s = check(project).source("src_customers").orElseThrow();

        assertEquals(List.of(FieldChange.Kind.REMOVED), s.changes().stream().map(FieldChange::kind).toList());
        List<Impact> compiled = s.impacts().stream().filter(i -> i.problem() != null).toList();
        assertEquals(1, compiled.size(), compiled.toString());
        assertEquals("t_st8n4p6d", compiled.get(0).element());
        assertEquals(List.of("status"), compiled.get(0).fields());
        assertTrue(s.proposals().isEmpty());
    }

    @Test
    void aTypeTheStoredFieldNoLongerReadsBreaksEvenWhenExpressionsStillCompile() throws Exception {
        Path project = DriftFixtures.copySample(dir);
        Path csv = project.resolve("data/customers.csv");
        String text = Files.readString(csv, StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n")) {
            String[] cells = line.split(",", -1);
            if (!cells[0].equals("id")) {
                cells[8] = cells[8] + ".5";
            }
            out.append(String.join(",", cells)).append('\n');
        }
        Files.writeString(csv, out.toString(), StandardCharsets.UTF_8);
        SourceDrift s = check(project).source("src_customers").orElseThrow();

        FieldChange c = s.diff().change("f_c3j6y9ui", FieldChange.Kind.RETYPED).orElseThrow(() -> new AssertionError(s.changes().toString()));
        assertEquals(DataType.DECIMAL, c.newType());
        assertTrue(s.breaking());
        assertTrue(s.impacts().stream().anyMatch(i -> i.breaking() && i.problem() == null && i.message().contains("rows would be rejected")),
                s.impacts().toString());
    }

    @Test
    void listsNewFieldsNoMappingReadsAndTheUnmappedTargetOfTheSameName() throws Exception {
        Files.writeString(dir.resolve("people.csv"), "id,name\n1,Ann\n", StandardCharsets.UTF_8);
        Schema stored = Schema.of(List.of(Field.of("f_id", "id", DataType.INTEGER), Field.of("f_name", "name", DataType.TEXT)));
        Schema target = Schema.of(List.of(Field.of("t_id", "id", DataType.INTEGER), Field.of("t_phone", "Phone", DataType.TEXT)));
        MappingDef m = MappingDef.simple("m1", "people", "s1", target).withFieldMappings(List.of(new FieldMapping("t_id", "id")));
        Project p = new Project("p", List.of(new SourceDef("s1", "people", "csv", Settings.of(Map.of("path", "people.csv")), stored)),
                List.of(m));
        Files.writeString(dir.resolve("people.csv"), "id,name,phone\n1,Ann,+33 1\n", StandardCharsets.UTF_8);

        SourceDrift s = analyzer.check(p, ConnectorContext.of(dir), ProgressMonitor.NONE).sources().get(0);
        assertFalse(s.breaking(), "a new column breaks nothing: " + s.impacts());
        assertEquals(1, s.unmapped().size());
        UnmappedField u = s.unmapped().get(0);
        assertEquals("phone", u.path());
        assertEquals("t_phone", u.targetFieldId());
    }

    @Test
    void rebaseRewritesReferencesInJoinsFiltersAndReferenceRules() throws Exception {
        Files.writeString(dir.resolve("orders.csv"), "order_id,cust,amount\n1,7,10\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("customers.csv"), "cust_id,name\n7,Ann\n", StandardCharsets.UTF_8);
        SourceDef orders = new SourceDef("s_o", "orders", "csv", Settings.of(Map.of("path", "orders.csv")), Schema.of(List.of(
                Field.of("f_oid", "order_id", DataType.INTEGER), Field.of("f_cust", "cust", DataType.INTEGER),
                Field.of("f_amt", "amount", DataType.INTEGER))));
        SourceDef customers = new SourceDef("s_c", "customers", "csv", Settings.of(Map.of("path", "customers.csv")), Schema.of(List.of(
                Field.of("f_cid", "cust_id", DataType.INTEGER), Field.of("f_cname", "name", DataType.TEXT))));
        Schema target = Schema.of(List.of(Field.of("t_o", "order", DataType.INTEGER), Field.of("t_n", "name", DataType.TEXT)));
        MappingDef m = new MappingDef("m", "orders", "s_o",
                List.of(new org.mapwright.core.JoinDef("s_c", org.mapwright.core.JoinDef.Kind.LEFT,
                        List.of(new org.mapwright.core.JoinDef.Key("orders.cust", "cust_id")))),
                "cust_id > 0 AND amount > 0", target,
                List.of(new FieldMapping("t_o", "order_id"), new FieldMapping("t_n", "coalesce(customers.name, 'cust_id unknown')")),
                null, List.of(new org.mapwright.core.RuleDef("r1", "t_o", org.mapwright.core.RuleDef.Kind.REFERENCE,
                        Settings.of(Map.of("source", "customers", "field", "cust_id")), null)),
                -1, -1, List.of());
        Project p = new Project("p", List.of(orders, customers), List.of(m));
        Files.writeString(dir.resolve("customers.csv"), "customer_id,name\n7,Ann\n", StandardCharsets.UTF_8);

        DriftReport r = analyzer.check(p, ConnectorContext.of(dir), ProgressMonitor.NONE);
        RebaseResult result = analyzer.rebase(p, r, x -> true);
        MappingDef after = result.project().mapping("m").orElseThrow();
        assertEquals("customer_id", after.joins().get(0).keys().get(0).right());
        assertEquals("customer_id > 0 AND amount > 0", after.filter());
        assertEquals("coalesce(customers.name, 'cust_id unknown')", after.mappingFor("t_n").orElseThrow().expression(),
                "a string literal that contains the old name stays");
        assertEquals("customer_id", after.rules().get(0).settings().getString("field", null));
        assertFalse(result.hasErrors(), result.problems().toString());
        assertTrue(result.problems().stream().noneMatch(Problem::isError));
    }

    @Test
    void aReferenceThatWouldBecomeAmbiguousIsQualifiedWithItsSource() throws Exception {
        Files.writeString(dir.resolve("a.csv"), "id,code\n1,X\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("b.csv"), "ref,label\n1,Y\n", StandardCharsets.UTF_8);
        SourceDef a = new SourceDef("s_a", "a", "csv", Settings.of(Map.of("path", "a.csv")),
                Schema.of(List.of(Field.of("f_id", "id", DataType.INTEGER), Field.of("f_code", "code", DataType.TEXT))));
        SourceDef b = new SourceDef("s_b", "b", "csv", Settings.of(Map.of("path", "b.csv")),
                Schema.of(List.of(Field.of("f_ref", "ref", DataType.INTEGER), Field.of("f_label", "label", DataType.TEXT))));
        MappingDef m = new MappingDef("m", "m", "s_a",
                List.of(new org.mapwright.core.JoinDef("s_b", org.mapwright.core.JoinDef.Kind.LEFT,
                        List.of(new org.mapwright.core.JoinDef.Key("id", "ref")))),
                null, Schema.of(List.of(Field.of("t_l", "l", DataType.TEXT))), List.of(new FieldMapping("t_l", "upper(label)")),
                null, List.of(), -1, -1, List.of());
        Project p = new Project("p", List.of(a, b), List.of(m));
        Files.writeString(dir.resolve("b.csv"), "ref,code_label\n1,Y\n", StandardCharsets.UTF_8);

        DriftReport r = analyzer.check(p, ConnectorContext.of(dir), ProgressMonitor.NONE);
        RebaseResult renamed = analyzer.rebase(p, r, x -> true);
        assertEquals("upper(label)", p.mapping("m").orElseThrow().mappingFor("t_l").orElseThrow().expression());
        assertEquals("upper(code_label)", renamed.project().mapping("m").orElseThrow().mappingFor("t_l").orElseThrow().expression());

        Files.writeString(dir.resolve("b.csv"), "ref,code\n1,Y\n", StandardCharsets.UTF_8);
        RebaseResult clash = analyzer.rebase(p, analyzer.check(p, ConnectorContext.of(dir), ProgressMonitor.NONE), x -> true);
        assertEquals("upper(b.code)", clash.project().mapping("m").orElseThrow().mappingFor("t_l").orElseThrow().expression(),
                "`code` alone would now be ambiguous between a and b");
        assertFalse(clash.hasErrors(), clash.problems().toString());
    }
}
