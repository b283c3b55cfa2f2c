package org.mapwright.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mapwright.core.Project;
import org.mapwright.core.io.ProjectIO;
import org.mapwright.engine.MappingEngine;
import org.mapwright.ui.UiTest;

class MappingModelTest {

    private final MappingEngine engine = UiTest.engine();
    private Project project;

    @BeforeEach
    void read() throws Exception {
        project = new ProjectIO().read(UiTest.testData().resolve("orders-project"));
    }

    private MappingModel model(Project p) {
        return MappingModel.of(engine, p, "map_orders");
    }

    private static Set<String> lines(MappingModel m) {
        return m.lines().stream().map(l -> l.targetFieldId() + "<-" + l.sourceId() + "." + l.sourceFieldId()).collect(Collectors.toSet());
    }

    @Test
    void drawsOneLinePerSourceFieldAnExpressionReads() {
        MappingModel m = model(project);
        assertEquals(Set.of("t_id<-src_orders.f_oid", "t_cust<-src_customers.f_cname", "t_total<-src_orders.f_oamt",
                "t_total<-src_orders.f_oqty"), lines(m));
        assertTrue(m.linesTo("t_id").get(0).direct());
        assertFalse(m.linesTo("t_total").get(0).direct());
        assertEquals(List.of("orders", "customers"), m.sources().stream().map(e -> e.source().name()).toList());
    }

    @Test
    void keepsTheLinesOfAnExpressionThatDoesNotCompile() {
        Project broken = ProjectEdits.setExpression("map_orders", "t_total", "round(amount * qty, 2) +").apply(project);
        MappingModel m = model(broken);
        assertTrue(m.hasError("t_total"));
        assertEquals(2, m.linesTo("t_total").size());
    }

    @Test
    void referencesAreUnqualifiedUnlessAmbiguous() {
        MappingModel m = model(project);
        assertEquals("email", m.referenceText("src_customers", "f_cmail").orElseThrow());
        assertEquals("order_id", m.referenceText("src_orders", "f_oid").orElseThrow());
        Project withClash = project.withSource(project.source("src_customers").orElseThrow().withSchema(
                org.mapwright.core.Schema.of(List.of(org.mapwright.core.Field.of("f_cid", "id", org.mapwright.core.DataType.INTEGER),
                        org.mapwright.core.Field.of("f_cstat", "status", org.mapwright.core.DataType.TEXT)))));
        assertEquals("customers.status", model(withClash).referenceText("src_customers", "f_cstat").orElseThrow());
    }

    @Test
    void coverageCountsMappedAndRequiredTargetFields() {
        MappingModel.Coverage c = model(project).coverage();
        assertEquals(new MappingModel.Coverage(7, 3, 1, 1), c);
        Project unmapped = ProjectEdits.unmap("map_orders", "t_id").apply(project);
        assertEquals(0, model(unmapped).coverage().requiredMapped());
    }

    @Test
    void targetSchemaEditsKeepMappingsOfSurvivingFields() {
        Project p = ProjectEdits.renameTargetField("map_orders", "t_total", "order_total").apply(project);
        p = ProjectEdits.setTargetFieldNullable("map_orders", "t_total", false).apply(p);
        p = ProjectEdits.deleteTargetField("map_orders", "t_cust").apply(p);
        MappingModel m = model(p);
        assertEquals("order_total", m.mapping().targetSchema().byId("t_total").orElseThrow().name());
        assertEquals(2, m.linesTo("t_total").size());
        assertTrue(m.linesTo("t_cust").isEmpty());
        assertEquals(6, m.mapping().targetSchema().size());
    }

    @Test
    void renamingToATakenNameIsRefused() {
        var edit = ProjectEdits.renameTargetField("map_orders", "t_total", "email");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> edit.apply(project));
        assertTrue(e.getMessage().contains("already a field named 'email'"), e.getMessage());
    }

    @Test
    void rebasingLeavesAbsolutePathsAlone() {
        Path from = Path.of("/a/b");
        Project abs = project.withSource(project.source("src_orders").orElseThrow().withSettings(
                project.source("src_orders").orElseThrow().settings().with("path", "/data/x.csv")));
        Project out = ProjectEdits.rebaseSourcePaths(abs, from, Path.of("/a/c"));
        assertEquals("/data/x.csv", out.source("src_orders").orElseThrow().settings().getString("path", null));
        assertEquals("../b/data/customers.csv", out.source("src_customers").orElseThrow().settings().getString("path", null));
    }
}
