package org.mapwright.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.MappingDef;
import org.mapwright.core.Project;
import org.mapwright.core.SourceDef;
import org.mapwright.core.io.ProjectIO;

class ProjectDifferTest {

    private final ProjectDiffer differ = new ProjectDiffer();

    private static Project sample() throws Exception {
        return new ProjectIO().read(DriftFixtures.SAMPLE);
    }

    private static ProjectChange only(ProjectDiff d) {
        assertEquals(1, d.changes().size(), d.changes().toString());
        return d.changes().get(0);
    }

    @Test
    void aProjectEqualsItselfEvenReadTwice() throws Exception {
        assertTrue(differ.diff(sample(), sample()).equal());
        assertEquals("no differences\n", new DriftReportWriter().text(differ.diff(sample(), sample())));
    }

    @Test
    void aRenamedSourceFieldIsOneRenameMatchedById() throws Exception {
        Project a = sample();
        SourceDef s = a.source("src_customers").orElseThrow();
        Field email = s.schema().byId("f_c9d4h6jd").orElseThrow();
        Project b = a.withSource(s.withSchema(s.schema().replace(email.withName("e_mail"))));
        ProjectChange c = only(differ.diff(a, b));
        assertEquals(ProjectChange.Kind.RENAMED, c.kind());
        assertEquals("source customers", c.scope());
        assertEquals("field e_mail (f_c9d4h6jd)", c.subject());
        assertEquals("email", c.before());
        assertEquals("e_mail", c.after());
        assertEquals("sources[src_customers].schema[f_c9d4h6jd].name", c.path());
    }

    @Test
    void showsAChangedExpressionOldToNew() throws Exception {
        Project a = sample();
        MappingDef m = a.mapping("map_customers").orElseThrow();
        Project b = a.withMapping(m.withFieldMapping("t_em9s3v6w", "trim(lower(email))"));
        ProjectChange c = only(differ.diff(a, b));
        assertEquals("~ field mapping email changed: lower(email) → trim(lower(email))", c.describe());
    }

    @Test
    void coversSettingsTypesFiltersRulesOutputsAndOrder() throws Exception {
        Project a = sample();
        SourceDef s = a.source("src_customers").orElseThrow();
        MappingDef m = a.mapping("map_customers").orElseThrow();
        Field amount = s.schema().byId("f_c7m2z5th").orElseThrow();
        List<SourceDef> reversed = new ArrayList<>(a.sources());
        java.util.Collections.reverse(reversed);
        Project b = new Project(a.name(), reversed, a.mappings())
                .withSource(s.withSettings(s.settings().with("delimiter", ";")).withSchema(s.schema().replace(amount.withType(DataType.TEXT))))
                .withMapping(m.withFilter("quantity > 1").withRules(List.of()).withOutputs(m.outputs().subList(0, 1)));
        ProjectDiff d = differ.diff(a, b);
        List<String> lines = d.changes().stream().map(ProjectChange::describe).toList();
        assertTrue(lines.contains("~ source order reordered: customers, countries, loyalty, managers → managers, loyalty, countries, customers"),
                lines.toString());
        assertTrue(lines.contains("~ setting delimiter changed: , → ;"), lines.toString());
        assertTrue(lines.contains("~ field amount (f_c7m2z5th) retyped: decimal → text"), lines.toString());
        assertTrue(lines.contains("~ filter changed: quantity > 0 → quantity > 1"), lines.toString());
        assertTrue(lines.contains("- rule r_em2k8d4f: not-null on email, warn"), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("- output out_h2db4n8p: jdbc")), lines.toString());
        String json = new DriftReportWriter().json(d);
        assertTrue(json.startsWith("{\n  \"formatVersion\": 1,\n  \"equal\": false,"), json);
    }

    @Test
    void addedSourcesAndMappingsAreListedOnce() throws Exception {
        Project a = sample();
        Project b = new ProjectIO().read(Path.of(DriftFixtures.REPO.toString(),
                "bundles/org.mapwright.runtime.tests/data/golden/0010-json-to-csv-flatten/project"));
        ProjectDiff d = differ.diff(a, b);
        assertTrue(d.changes().stream().anyMatch(c -> c.kind() == ProjectChange.Kind.REMOVED && c.path().equals("sources[src_customers]")));
        assertTrue(d.changes().stream().anyMatch(c -> c.kind() == ProjectChange.Kind.ADDED && c.path().equals("sources[src_orders]")));
        assertTrue(d.changes().stream().noneMatch(c -> c.path().startsWith("sources[src_orders].schema")),
                "an added source is one change, not one per field");
    }
}
