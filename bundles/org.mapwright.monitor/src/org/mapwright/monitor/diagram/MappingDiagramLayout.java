package org.mapwright.monitor.diagram;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.mapwright.core.Field;
import org.mapwright.core.Schema;
import org.mapwright.core.SourceDef;
import org.mapwright.monitor.lineage.FieldInput;
import org.mapwright.monitor.lineage.FieldLineage;
import org.mapwright.monitor.lineage.MappingLineage;
import org.mapwright.monitor.lineage.Transformation;

/**
 * Lays out a mapping diagram without any UI toolkit: the sources the mapping reads as boxes
 * stacked on the left (primary source first), the target schema as a box on the right, one row
 * per field (nested fields indented), and one line per source field a target field's expression
 * reads, from the source row's right edge to the target row's left edge. Text is measured as
 * monospace characters, so the layout is exact for a monospace font and needs no font metrics;
 * the same input always gives the same coordinates. {@link SvgDiagram} draws it; a workbench can
 * paint the same boxes and lines. Thread-safe.
 */
public final class MappingDiagramLayout {

    /**
     * Sizes in pixels.
     *
     * @param charWidth   width of one character (0.6 em for common monospace fonts)
     * @param rowHeight   height of a field row
     * @param titleHeight height of a box's title bar
     * @param padding     space between a box's edge and its text
     * @param boxGap      vertical space between stacked source boxes
     * @param columnGap   horizontal space between the source and target columns, where the lines run
     * @param margin      space around the whole diagram
     */
    public record Metrics(double charWidth, double rowHeight, double titleHeight, double padding, double boxGap, double columnGap,
            double margin) {

        /** Sizes for a 12 px monospace font. */
        public static final Metrics DEFAULT = new Metrics(7.2, 18, 24, 8, 16, 160, 12);
    }

    /** Which column a box is in. */
    public enum Side {
        SOURCE, TARGET
    }

    /**
     * One field row of a box.
     *
     * @param fieldId the field's id
     * @param label   the field's name
     * @param type    its type as shown, e.g. {@code integer} or {@code text[]} for a repeated field
     * @param depth   nesting depth, 0 for top-level fields
     * @param x       left edge of the row (the box's left edge)
     * @param y       top edge of the row
     * @param width   the box's width
     * @param height  the row's height
     */
    public record Row(String fieldId, String label, String type, int depth, double x, double y, double width, double height) {

        /** @return the vertical middle of the row, where lines attach */
        public double centerY() {
            return y + height / 2;
        }
    }

    /**
     * A box of fields.
     *
     * @param side  source or target column
     * @param id    {@code source:<sourceId>} or {@code target}
     * @param title the source's name (with its connector) or the mapping's target name
     * @param x     left edge
     * @param y     top edge
     * @param width width
     * @param height height including the title bar
     * @param titleHeight height of the title bar
     * @param rows  the field rows, top to bottom
     */
    public record Box(Side side, String id, String title, double x, double y, double width, double height, double titleHeight,
            List<Row> rows) {
        public Box {
            rows = List.copyOf(rows);
        }
    }

    /**
     * A line from a source field to a target field.
     *
     * @param sourceId      the source's id
     * @param sourceFieldId the source field's id
     * @param targetFieldId the target field's id
     * @param type          direct (the value derives from the source field) or indirect (a lookup key)
     * @param subtype       e.g. {@code IDENTITY}, {@code TRANSFORMATION}, {@code AGGREGATION}, {@code JOIN}
     * @param x1            start: the source row's right edge
     * @param y1            start: the source row's middle
     * @param x2            end: the target row's left edge
     * @param y2            end: the target row's middle
     */
    public record Line(String sourceId, String sourceFieldId, String targetFieldId, Transformation.Type type, String subtype, double x1,
            double y1, double x2, double y2) {
    }

    /**
     * A laid-out diagram.
     *
     * @param title  the mapping's name
     * @param width  total width
     * @param height total height
     * @param boxes  source boxes top to bottom, then the target box
     * @param lines  lines in target field order, then in order of the inputs
     */
    public record Diagram(String title, double width, double height, List<Box> boxes, List<Line> lines) {
        public Diagram {
            boxes = List.copyOf(boxes);
            lines = List.copyOf(lines);
        }
    }

    private final Metrics metrics;

    public MappingDiagramLayout(Metrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** A layout with {@link Metrics#DEFAULT}. */
    public MappingDiagramLayout() {
        this(Metrics.DEFAULT);
    }

    public Metrics metrics() {
        return metrics;
    }

    /** @return the diagram of one mapping */
    public Diagram layout(MappingLineage lineage) {
        double m = metrics.margin();
        List<SourceDef> sources = lineage.sources();
        double sourceWidth = 0;
        for (SourceDef s : sources) {
            sourceWidth = Math.max(sourceWidth, width(title(s), s.schema()));
        }
        List<Box> boxes = new ArrayList<>();
        Map<String, Row> sourceRows = new HashMap<>();
        double y = m;
        for (SourceDef s : sources) {
            Box box = box(Side.SOURCE, "source:" + s.id(), title(s), s.schema(), m, y, sourceWidth);
            boxes.add(box);
            for (Row r : box.rows()) {
                sourceRows.put(s.id() + "/" + r.fieldId(), r);
            }
            y += box.height() + metrics.boxGap();
        }
        double sourcesBottom = sources.isEmpty() ? m : y - metrics.boxGap();
        Schema target = lineage.mapping().targetSchema();
        String targetTitle = lineage.mapping().name() + " (target)";
        double targetX = sources.isEmpty() ? m : m + sourceWidth + metrics.columnGap();
        Box targetBox = box(Side.TARGET, "target", targetTitle, target, targetX, m, width(targetTitle, target));
        boxes.add(targetBox);
        Map<String, Row> targetRows = new HashMap<>();
        for (Row r : targetBox.rows()) {
            targetRows.put(r.fieldId(), r);
        }
        List<Line> lines = new ArrayList<>();
        for (FieldLineage f : lineage.fields()) {
            Row to = targetRows.get(f.field().id());
            LinkedHashSet<String> drawn = new LinkedHashSet<>();
            for (FieldInput in : f.inputs()) {
                Row from = sourceRows.get(in.field().sourceId() + "/" + in.field().fieldId());
                String key = in.field().sourceId() + "/" + in.field().fieldId() + "/" + in.transformation().type();
                if (to == null || from == null || !drawn.add(key)) {
                    continue;
                }
                lines.add(new Line(in.field().sourceId(), in.field().fieldId(), f.field().id(), in.transformation().type(),
                        in.transformation().subtype(), from.x() + from.width(), from.centerY(), to.x(), to.centerY()));
            }
        }
        double width = targetBox.x() + targetBox.width() + m;
        double height = Math.max(sourcesBottom, targetBox.y() + targetBox.height()) + m;
        return new Diagram(lineage.mapping().name(), width, height, boxes, lines);
    }

    private static String title(SourceDef s) {
        return s.name() + " (" + s.connector() + ")";
    }

    private Box box(Side side, String id, String title, Schema schema, double x, double y, double width) {
        List<Row> rows = new ArrayList<>();
        double rowY = y + metrics.titleHeight();
        for (Entry e : entries(schema)) {
            rows.add(new Row(e.field().id(), e.field().name(), type(e.field()), e.depth(), x, rowY, width, metrics.rowHeight()));
            rowY += metrics.rowHeight();
        }
        return new Box(side, id, title, x, y, width, rowY - y, metrics.titleHeight(), rows);
    }

    private double width(String title, Schema schema) {
        int label = 0;
        int type = 0;
        for (Entry e : entries(schema)) {
            label = Math.max(label, 2 * e.depth() + length(e.field().name()));
            type = Math.max(type, length(type(e.field())));
        }
        int chars = Math.max(length(title), label + 2 + type);
        return 2 * metrics.padding() + chars * metrics.charWidth();
    }

    /** @return the horizontal offset of a row's label for its nesting depth */
    public double indent(Row row) {
        return metrics.padding() + 2 * row.depth() * metrics.charWidth();
    }

    private record Entry(Field field, int depth) {
    }

    private static List<Entry> entries(Schema schema) {
        List<Entry> out = new ArrayList<>();
        walk(schema.fields(), 0, out);
        return out;
    }

    private static void walk(List<Field> fields, int depth, List<Entry> out) {
        for (Field f : fields) {
            out.add(new Entry(f, depth));
            walk(f.children(), depth + 1, out);
        }
    }

    static String type(Field f) {
        return f.type().id() + (f.repeated() ? "[]" : "");
    }

    static int length(String s) {
        return s.codePointCount(0, s.length());
    }
}
