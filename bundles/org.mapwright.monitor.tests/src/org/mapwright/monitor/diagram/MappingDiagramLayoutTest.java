package org.mapwright.monitor.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mapwright.core.DataType;
import org.mapwright.core.Field;
import org.mapwright.core.FieldMapping;
import org.mapwright.core.MappingDef;
import org.mapwright.core.Project;
import org.mapwright.core.Schema;
import org.mapwright.core.Settings;
import org.mapwright.core.SourceDef;
import org.mapwright.core.io.ProjectIO;
import org.mapwright.engine.MappingEngine;
import org.mapwright.monitor.Fixtures;
import org.mapwright.monitor.diagram.MappingDiagramLayout.Box;
import org.mapwright.monitor.diagram.MappingDiagramLayout.Diagram;
import org.mapwright.monitor.diagram.MappingDiagramLayout.Line;
import org.mapwright.monitor.diagram.MappingDiagramLayout.Row;
import org.mapwright.monitor.lineage.LineageAnalyzer;
import org.mapwright.monitor.lineage.MappingLineage;
import org.mapwright.runtime.StandardConnectors;

class MappingDiagramLayoutTest {

    private final LineageAnalyzer analyzer = new LineageAnalyzer(new MappingEngine(StandardConnectors.registry()));
    private final MappingDiagramLayout layout = new MappingDiagramLayout();

    private MappingLineage sample() throws Exception {
        return analyzer.analyze(new ProjectIO().read(Fixtures.sampleProject())).mappings().get(0);
    }

    @Test
    void sourcesAreStackedLeftAndTheTargetStandsRightWithoutOverlap() throws Exception {
        Diagram d = layout.layout(sample());
        List<Box> boxes = d.boxes();
        assertEquals(List.of("source:src_customers", "source:src_countries", "source:src_loyalty", "source:src_managers", "target"),
                boxes.stream().map(Box::id).toList());
        Box customers = boxes.get(0);
        Box countries = boxes.get(1);
        Box target = boxes.get(boxes.size() - 1);
        assertEquals(customers.x(), countries.x());
        assertTrue(countries.y() >= customers.y() + customers.height(), "stacked, not overlapping");
        assertTrue(target.x() >= customers.x() + customers.width() + layout.metrics().columnGap() - 1e-9, "room for the lines");
        assertEquals(10, customers.rows().size());
        assertEquals(customers.y() + customers.titleHeight() + customers.rows().size() * layout.metrics().rowHeight(),
                customers.y() + customers.height(), 1e-9);
        for (Box b : boxes) {
            assertTrue(b.x() + b.width() <= d.width() && b.y() + b.height() <= d.height(), b.id() + " inside the diagram");
            double longest = b.rows().stream().mapToDouble(r -> layout.indent(r) + (r.label().length() + 2 + r.type().length())
                    * layout.metrics().charWidth()).max().orElse(0);
            assertTrue(longest <= b.width(), b.id() + " is wide enough for its text");
        }
    }

    @Test
    void everyFieldInputIsALineFromTheSourceRowToTheTargetRow() throws Exception {
        MappingLineage m = sample();
        Diagram d = layout.layout(m);
        long inputs = m.fields().stream().mapToLong(f -> f.sourceFields().size()).sum();
        assertEquals(inputs, d.lines().size());
        Map<String, Row> rows = new java.util.HashMap<>();
        for (Box b : d.boxes()) {
            for (Row r : b.rows()) {
                rows.put(b.id() + "/" + r.fieldId(), r);
            }
        }
        for (Line l : d.lines()) {
            Row from = rows.get("source:" + l.sourceId() + "/" + l.sourceFieldId());
            Row to = rows.get("target/" + l.targetFieldId());
            assertEquals(from.x() + from.width(), l.x1(), 1e-9);
            assertEquals(from.centerY(), l.y1(), 1e-9);
            assertEquals(to.x(), l.x2(), 1e-9);
            assertEquals(to.centerY(), l.y2(), 1e-9);
        }
        Line first = d.lines().get(0);
        assertEquals("f_c8k2m4pa", first.sourceFieldId(), "customers.id");
        assertEquals("t_id8k3m2q", first.targetFieldId(), "customer_id");
        assertEquals("IDENTITY", first.subtype());
    }

    @Test
    void nestedFieldsAreIndentedAndTheLayoutIsDeterministic() {
        Field city = Field.of("a2", "city", DataType.TEXT);
        Field address = Field.of("a1", "address", DataType.RECORD).withChildren(List.of(city));
        Schema source = Schema.of(List.of(Field.of("s1", "id", DataType.INTEGER), address));
        Schema target = Schema.of(List.of(Field.of("t1", "city", DataType.TEXT)));
        MappingDef m = MappingDef.simple("m", "nested", "src", target).withFieldMappings(List.of(new FieldMapping("t1", "address.city")));
        Project p = new Project("nested", List.of(new SourceDef("src", "people", "json", Settings.of(Map.of("path", "p.json")), source)),
                List.of(m));
        MappingLineage l = analyzer.analyze(p).mappings().get(0);
        Diagram d = layout.layout(l);
        Row cityRow = d.boxes().get(0).rows().get(2);
        assertEquals("city", cityRow.label());
        assertEquals(1, cityRow.depth());
        assertTrue(layout.indent(cityRow) > layout.indent(d.boxes().get(0).rows().get(1)));
        assertEquals(1, d.lines().size());
        assertEquals("a2", d.lines().get(0).sourceFieldId(), "the line starts at the nested field");
        assertEquals(d, layout.layout(l), "same input, same layout");
    }
}
